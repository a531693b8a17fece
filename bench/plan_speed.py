"""How long plan() takes for switched designs of 2, 16, 64 and 96 hosts with 4 vMotion lanes.

Target (issue 2): a 64-host switched design plans in well under 50 ms. Prints a table of the
median and best of several runs; run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.planner.design import Design
from app.planner.plan import plan

SIZES = (2, 16, 64, 96)
RUNS = 15
TARGET_MS = 50.0


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
    return 0 if worst_64 < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
