"""The planner is pure: it imports nothing from the web, the database or templates."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "jinja2", "alembic", "uvicorn")


def test_planner_imports_no_web_or_database_package() -> None:
    code = (
        "import sys, app.planner.plan, app.planner.catalog, app.planner.rules;"
        f"print([m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
