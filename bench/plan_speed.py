"""How long plan() takes for switched designs of 2, 16, 64 and 96 hosts with 4 vMotion lanes.

Targets: a 64-host switched design plans in well under 50 ms (issue 2), and a 96-host plan
takes at most 1.25x the time it took at REFERENCE (issue 7: since then every role is cabled and
the test plan checks every lane of a peer, so the plan is 2.5x bigger). Prints a table of the
median and best of several runs, then the 96-host figure of this tree and of REFERENCE side by
side: each measured in its own process, rounds alternating, best CPU time of each process
(CPU time, not wall time: these machines are shared). Run with `make bench`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.planner.design import Design
from app.planner.plan import plan

SIZES = (2, 16, 64, 96)
RUNS = 15
TARGET_MS = 50.0
ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "95c39b2"  # main on the morning issue 7 was taken up
REFERENCE_RATIO = 1.25
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# Run in a child process with the tree to time first on sys.path; prints the best CPU ms.
_TIME_96 = """
import sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/bench"]
from plan_speed import switched_design
from app.planner.plan import plan
design = switched_design(96)
plan(design)
times = []
for _ in range(9):
    start = time.process_time()
    plan(design)
    times.append(time.process_time() - start)
print(min(times) * 1000)
"""


def switched_design(hosts: int, lanes: int = 4) -> Design:
    def card(slot: int) -> dict[str, Any]:
        roles = ["management", *["vmotion"] * (lanes // 2), "vm_traffic"]
        return {
            "slot": f"PCIe {slot + 1}",
            "ports": [
                {"vmnic": f"vmnic{slot * 4 + i}", "speed_gbps": 25, "role": role}
                for i, role in enumerate(roles)
            ],
        }

    return Design.model_validate(
        {
            "name": f"bench {hosts} hosts",
            "esxi_version": "8.0",
            "topology": "switched",
            "hardware": [card(0), card(1)],
            "hosts": [
                {
                    "name": f"esx{i:03d}",
                    "management": {
                        "ip": f"10.0.{i // 200}.{i % 200 + 10}/16",
                        "gateway": "10.0.0.1",
                    },
                }
                for i in range(hosts)
            ],
            "vmotion": {"pool": "172.16.0.0/22", "vlan": 20},
            "switches": [
                {"name": "leaf1", "mtu": 9216, "port_count": 400},
                {"name": "leaf2", "mtu": 9216, "port_count": 400},
            ],
        }
    )


def main() -> int:
    headers = ("hosts", "lanes", "cables", "checks", "median ms", "best ms")
    print("  ".join(f"{h:>{w}}" for h, w in zip(headers, (5, 5, 6, 6, 9, 7), strict=True)))
    worst_64 = 0.0
    for size in SIZES:
        design = switched_design(size)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            result = plan(design)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        if size == 64:
            worst_64 = median
        print(
            f"{size:>5}  {result.summary.lanes:>5}  {result.summary.cables:>6}  "
            f"{len(result.tests):>6}  {median:>9.1f}  {min(times):>7.1f}"
        )
    verdict = "meets" if worst_64 < TARGET_MS else "MISSES"
    print(f"64 hosts: median {worst_64:.1f} ms {verdict} the {TARGET_MS:.0f} ms target")
    ratio_ok = against_reference()
    return 0 if worst_64 < TARGET_MS and ratio_ok else 1


def _time_96(tree: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _TIME_96, str(tree)], check=True, capture_output=True, text=True
    )
    return float(out.stdout)


def against_reference() -> bool:
    """This tree's 96-host plan beside REFERENCE's, from a throwaway git worktree."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "reference"
        made = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), REFERENCE],
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:  # a shallow clone or a tarball: say so, do not guess
            print(f"96 hosts vs {REFERENCE}: not measured ({made.stderr.strip()})")
            return True
        try:
            ours, theirs = [], []
            for _ in range(ROUNDS):
                ours.append(_time_96(ROOT))
                theirs.append(_time_96(tree))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
    ratios = sorted(a / b for a, b in zip(ours, theirs, strict=True))
    ratio = statistics.median(ratios)
    verdict = "meets" if ratio <= REFERENCE_RATIO else "MISSES"
    print(
        f"96 hosts, best CPU ms per process: this tree {statistics.median(ours):.1f}, "
        f"{REFERENCE} {statistics.median(theirs):.1f}; ratio median {ratio:.2f} "
        f"(spread {ratios[0]:.2f}-{ratios[-1]:.2f}, {ROUNDS} rounds, "
        f"load {os.getloadavg()[0]:.1f}) {verdict} the {REFERENCE_RATIO} target"
    )
    return ratio <= REFERENCE_RATIO


if __name__ == "__main__":
    raise SystemExit(main())
