"""Schemathesis against the JSON API, in-process, on a fresh SQLite file.

Every operation in ``/openapi.json`` is called with generated valid and invalid requests, and the
default checks hold: no 5xx, every status code, header and body is documented, invalid input
(``false`` where an integer belongs included) is refused, a 405 lists every allowed method. The
run is bounded and seeded so the file stays fast and repeatable.

Authentication is on (issue 10): the database has an administrator, and every call carries their
read-write API token, so schemathesis's own authentication checks (a request with a broken token
must get 401) run too.

One default check is replaced by a stricter-where-it-can variant: a schema-valid document may
still break a rule JSON Schema cannot say (a gateway outside its subnet, a host without NICs, more
hosts than this server allows). Those 422s are accepted only when every error is such a rule
(``value_error`` from the document's validators, or ``limit``); a type or pattern error on
schema-valid input still fails the test, since it would mean the schema and the API disagree.
"""

from __future__ import annotations

import atexit
import ipaddress
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import CheckContext
from schemathesis.config import SchemathesisConfig
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.config import Settings
from app.main import create_app
from app.services.designs import save_new_design
from app.store import accounts, tokens
from app.store.tables import Base
from tests.conftest import TEST_SECRET
from tests.examples import example

SEED = 20240601
EXAMPLES_PER_OPERATION = 25

_DB_DIR = Path(tempfile.mkdtemp(prefix="vmp-fuzz-"))
atexit.register(shutil.rmtree, _DB_DIR, ignore_errors=True)  # also when every test is deselected
APP_SETTINGS = Settings(
    environment="test",
    database_url=f"sqlite:///{_DB_DIR / 'fuzz.db'}",
    secret_key=TEST_SECRET,
    public_base_url="https://planner.example.net",
    _env_file=None,
)
# Schemathesis loads the schema at import time, so the app under test is module-level.
APP = create_app(APP_SETTINGS)


def _admin_token() -> str:
    """An administrator with a read-write token: the server now requires authentication."""
    Base.metadata.create_all(APP.state.engine)
    with APP.state.session_factory() as session:
        admin = accounts.create_user(session, "fuzz-admin", "admin", password_hash=None)
        return tokens.create_token(session, admin, label="fuzz", write=True, expires_at=None).token


AUTH = {"Authorization": f"Bearer {_admin_token()}"}

# Pydantic names the formats of IPv4Interface and IPv4Network; tell the generator what they are.
_IPV4 = st.ip_addresses(v=4)
_PREFIX = st.integers(min_value=0, max_value=32)
schemathesis.openapi.format(
    "ipv4interface", st.builds(lambda ip, prefix: f"{ip}/{prefix}", _IPV4, _PREFIX)
)
schemathesis.openapi.format(
    "ipv4network",
    st.builds(
        lambda ip, prefix: str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False)), _IPV4, _PREFIX
    ),
)

ApiCase = schemathesis.Case[Any]

# Error types that schema-valid input may still earn (rules beyond JSON Schema, see above).
CROSS_FIELD_ERROR_TYPES = {"value_error", "limit"}

CONFIG = SchemathesisConfig.from_dict(
    {"seed": SEED, "generation": {"max-examples": EXAMPLES_PER_OPERATION}}
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def _stored_designs() -> Iterator[None]:
    """Three stored designs, so IDs 1-3 exist for reads, plans and deletes."""
    with APP.state.session_factory() as session:
        for key in ("e1", "e1", "e1"):
            save_new_design(session, example(key), APP_SETTINGS)
    yield
    APP.state.engine.dispose()
    shutil.rmtree(_DB_DIR, ignore_errors=True)


def valid_input_accepted(ctx: CheckContext, response: Response, case: ApiCase) -> None:
    """Schema-valid requests succeed, or fail only on a documented cross-field rule."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return
    body: dict[str, Any] = response.json()
    kinds = {item["type"] for item in body["detail"]}
    assert kinds <= CROSS_FIELD_ERROR_TYPES, (
        f"schema-valid input refused with {sorted(kinds - CROSS_FIELD_ERROR_TYPES)}: "
        f"{body['detail']}"
    )


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_operation_conforms(case: ApiCase) -> None:
    """Every documented operation: no 5xx, documented responses, invalid input refused."""
    case.call_and_validate(
        headers=AUTH,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_input_accepted],
    )


class ApiWorkflow(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences of calls linked by the IDs responses return (create, then read/update/...)."""

    def get_call_kwargs(self, case: ApiCase) -> dict[str, Any]:
        return {"headers": AUTH}

    def validate_response(
        self, response: Response, case: ApiCase, *args: Any, **kwargs: Any
    ) -> None:
        case.validate_response(
            response,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[valid_input_accepted],
        )


TestApiWorkflow = ApiWorkflow.TestCase
TestApiWorkflow.settings = settings(
    max_examples=10,
    stateful_step_count=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
