"""The rehearsal lab needs root, iproute2 and ping; without them it fails loudly, never skips.

``make test`` installs iputils-ping when it is missing (the ``lab-deps`` target), and CI runs as
root. Leftovers of killed runs are deleted first; after the session no namespace of this run may
remain (every Lab deletes its own in a ``finally``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.lab.netns import PREFIX, clean_dead_runs, namespaces

MISSING = "The rehearsal lab cannot run here: {what}. Run it as root via `make test` (CI does)."


def lab_prerequisites() -> list[str]:
    problems = []
    if os.geteuid() != 0:
        problems.append("network namespaces need root")
    for tool, package in (("ip", "iproute2"), ("ping", "iputils-ping")):
        if shutil.which(tool) is None:
            problems.append(f"`{tool}` is missing (apt-get install -y {package})")
    return problems


@pytest.fixture(scope="session", autouse=True)
def lab_machine() -> Iterator[None]:
    problems = lab_prerequisites()
    if problems:
        pytest.fail(MISSING.format(what="; ".join(problems)), pytrace=False)
    clean_dead_runs()
    yield
    ours = [name for name in namespaces() if name.startswith(f"{PREFIX}{os.getpid()}x")]
    assert ours == [], f"the lab left namespaces behind: {ours}"
