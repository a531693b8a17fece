"""Every example passes its own test plan in the rehearsal lab, also after an uplink fails.

The must-hold of issue 7: what the admin will run on site passes on a real network stack for
every reference design except E2, the anti-pattern (tests/lab/test_lab.py shows it fails).
"""

from __future__ import annotations

import pytest

from app.planner.plan import plan
from tests.examples import EXAMPLES, example
from tests.lab.checks import describe, failed, run_test_plan
from tests.lab.netns import Lab
from tests.lab.test_lab import ANTI_PATTERN

STEMS = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("stem", [stem for stem in STEMS if stem != ANTI_PATTERN])
def test_every_example_passes_its_own_test_plan_also_after_failover(stem: str) -> None:
    p = plan(example(stem))
    assert p.tests, f"{stem} plans no vmkping checks"
    with Lab(p) as lab:
        assert lab.topo.notes == []
        broken = failed(p, run_test_plan(lab, p))
        assert describe(broken) == []
        # One uplink fails for good: the vmk moves to its standby (or next active) uplink and
        # every check of the plan still passes (R3; management teams keep a second uplink).
        candidate = _failover_candidate(lab)
        if candidate is None:  # nothing to fail over to: then the plan has no standby path
            assert [check for check in p.tests if check.path == "standby"] == []
            return
        host, vmk, uplink = candidate
        lab.fail_uplink(host, uplink)
        assert lab.on[(host, vmk)] not in ("", uplink)
        active = [check for check in p.tests if check.path == "active"]
        assert describe([c for c, ok in zip(active, lab.run(active), strict=True) if not ok]) == []


def _failover_candidate(lab: Lab) -> tuple[str, str, str] | None:
    """A vmk with a second uplink, vMotion first: (host, vmk, its active uplink)."""
    vmks = sorted(lab.topo.vmks, key=lambda vmk: not vmk.binds)
    vmk = next((vmk for vmk in vmks if len(vmk.uplinks) > 1), None)
    return None if vmk is None else (vmk.host, vmk.name, vmk.uplinks[0])
