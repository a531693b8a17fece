"""The names this design's objects get in NetBox: site, VLAN group and tag.

NetBox identifies devices by name within a site, VLANs by VID within a VLAN group, and finds
this design's rows again by its tag (to filter, bulk-edit or delete them after a revision).
All three derive from the design name, so two designs in one NetBox do not collide.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.render.base import RenderContext
from app.render.formats import slug
from app.render.switch_common import one_line

# NetBox's limit for names and slugs of sites, VLAN groups and tags.
NAME_LIMIT = 100


@dataclass(frozen=True)
class Identity:
    site: str
    site_slug: str
    vlan_group: str
    vlan_group_slug: str
    tag: str  # the tag's slug, which the `tags` columns name
    tag_name: str


def identity(ctx: RenderContext) -> Identity:
    """Site, VLAN group and tag names of ``ctx``'s design (free text made one safe line)."""
    name = one_line(ctx.design.name, NAME_LIMIT - len(" VLANs")) or "vmotion-planner design"
    stem = slug(ctx.design.name)
    return Identity(
        site=name,
        site_slug=stem,
        vlan_group=f"{name} VLANs",
        vlan_group_slug=f"{stem}-vlans",
        tag=f"vmp-{stem}",
        tag_name=f"vmotion-planner {stem}",
    )
