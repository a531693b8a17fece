"""Request and response models of the JSON API and the ``.json`` twins of the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.planner.design import Design
from app.services.text import NoNul
from app.store.tables import MAX_ID, DesignRow, RevisionRow, ShareLinkRow, utcnow


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DesignSummary(ApiModel):
    """One row of the designs list."""

    id: int
    name: str
    topology: str
    hosts: int
    lanes: int = Field(description="vMotion lanes (vmks per host).")
    errors: int
    warnings: int
    version: int
    created_at: datetime
    updated_at: datetime
    url: str = Field(description="The design's page.")

    @classmethod
    def of(cls, row: DesignRow) -> DesignSummary:
        return cls(
            id=row.id,
            name=row.name,
            topology=row.topology,
            hosts=row.host_count,
            lanes=row.lane_count,
            errors=row.error_count,
            warnings=row.warning_count,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
            url=f"/designs/{row.id}",
        )


class DesignList(ApiModel):
    items: list[DesignSummary]
    total: int
    page: int
    pages: int
    page_size: int
    q: str = ""


class DesignRecord(DesignSummary):
    """A stored design with its document."""

    document: Design

    @classmethod
    def of(cls, row: DesignRow) -> DesignRecord:
        summary = DesignSummary.of(row)
        return cls(**summary.model_dump(), document=row.to_design())


class DesignCreate(ApiModel):
    document: Design
    author: Annotated[str | None, Field(max_length=80), NoNul] = None
    message: Annotated[str | None, Field(max_length=2000), NoNul] = None


class DesignUpdate(DesignCreate):
    version: int = Field(
        ge=1, le=MAX_ID, description="The version you edited; 409 if someone saved since."
    )


class ConflictBody(ApiModel):
    detail: str
    id: int
    current_version: int


class ErrorItem(ApiModel):
    field: str = Field(description="Dotted path of the field, e.g. document.hosts.0.name.")
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorBody(ApiModel):
    detail: list[ErrorItem]


class MessageBody(ApiModel):
    detail: str


class RevisionSummary(ApiModel):
    number: int
    created_at: datetime
    author: str | None
    message: str | None
    current: bool

    @classmethod
    def of(cls, row: RevisionRow, current_version: int) -> RevisionSummary:
        return cls(
            number=row.number,
            created_at=row.created_at,
            author=row.author,
            message=row.message,
            current=row.number == current_version,
        )


class History(ApiModel):
    design_id: int
    name: str
    version: int
    revisions: list[RevisionSummary]


class DiffLine(ApiModel):
    kind: str = Field(description="'add', 'remove', 'context' or 'hunk'.")
    text: str


class PlanChange(ApiModel):
    kind: str = Field(description="'added', 'removed' or 'changed'.")
    subject: str = Field(description="The object: 'C03', 'esx01 vmk1', 'sw1 Ethernet1/3', …")
    before: str
    after: str


class PlanSection(ApiModel):
    title: str = Field(description="Cables, Addresses, VMkernel ports, Port groups and …")
    changes: list[PlanChange]


class Diff(ApiModel):
    design_id: int
    a: int
    b: int
    added: int
    removed: int
    lines: list[DiffLine]
    plan: list[PlanSection] = Field(
        default_factory=list, description="What the change does to the plan, section by section."
    )


class ShareLinkSummary(ApiModel):
    id: int
    label: str | None
    created_at: datetime
    revoked_at: datetime | None
    expires_at: datetime | None = None
    active: bool

    @classmethod
    def of(cls, row: ShareLinkRow) -> ShareLinkSummary:
        return cls(
            id=row.id,
            label=row.label,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
            expires_at=row.expires_at,
            active=row.revoked_at is None and not row.expired(utcnow()),
        )
