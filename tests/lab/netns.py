"""Run a Topology in Linux network namespaces: build, ping, fail uplinks over, tear down.

Everything this module creates is named ``vmpl<pid>x<n>-<key>``: the pid keeps two runs on one
machine apart, the counter two labs of one run, and a later run deletes the namespaces of any
run whose process is gone (a killed run cannot clean up after itself). Commands go through
``ip -batch`` (one process per namespace, the namespaces in parallel) to keep set-up fast.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

from app.planner.result import EndKind, Plan, VmkPing
from tests.lab.topology import Topology, Vmk, build

PREFIX = "vmpl"
_OURS = re.compile(rf"^{PREFIX}(\d+)x\d+-")
_labs = itertools.count(1)
_LIBC = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWNET = 0x40000000
HOST_SYSCTLS = [
    # Only the interface that owns an address answers ARP for it, as a vmk does on ESXi. With
    # Linux's default (0) any interface answers for any local address, and the one-/24
    # back-to-back anti-pattern (E2, R5) would wrongly pass.
    "net.ipv4.conf.all.arp_ignore=1",
    "net.ipv4.conf.default.arp_ignore=1",
    # ESXi does no reverse-path filtering; Debian's loose default would hide nothing, but the
    # lab should not depend on the host's settings.
    "net.ipv4.conf.all.rp_filter=0",
    "net.ipv4.conf.default.rp_filter=0",
]
QUIET_SYSCTLS = ["net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]


def send_in_namespace(netns: str, interface: str, frame: bytes) -> None:
    """Send one raw Ethernet frame from ``interface`` inside ``netns``, without a process.

    setns() switches only the calling thread's network namespace, so a short-lived thread does
    it: the test process itself never leaves its namespace, even if switching back failed.
    """
    errors: list[BaseException] = []

    def send() -> None:
        try:
            with open(f"/run/netns/{netns}") as target:
                if _LIBC.setns(target.fileno(), _CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), f"setns({netns}) failed")
            with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as raw:
                raw.bind((interface, 0))
                raw.send(frame)
        except BaseException as error:  # re-raised in the caller's thread
            errors.append(error)

    worker = threading.Thread(target=send)
    worker.start()
    worker.join()
    if errors:
        raise LabError(f"sending from {interface} in {netns}: {errors[0]}") from errors[0]


class LabError(RuntimeError):
    """A command of the lab failed: the message names it and carries its stderr."""


def run(argv: list[str], stdin: str | None = None) -> None:
    done = subprocess.run(argv, input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        raise LabError(f"{' '.join(argv)} failed ({done.returncode}): {detail}")


def batch(lines: list[str], netns: str | None = None, force: bool = False) -> None:
    """``ip [-n NS] -batch -``; stops at the first failing line unless ``force``."""
    if lines:
        argv = ["ip", *(["-n", netns] if netns else []), *(["-force"] if force else [])]
        run([*argv, "-batch", "-"], "\n".join(lines) + "\n")


def parallel(jobs: Iterable[tuple[list[str], str | None]]) -> None:
    """Run several ``batch`` calls at once (one per namespace); raise the first failure."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        for future in [pool.submit(batch, lines, ns) for lines, ns in jobs]:
            future.result()


def namespaces() -> list[str]:
    listing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_dead_runs() -> list[str]:
    """Delete lab namespaces left by runs whose process has exited; returns their names."""
    dead = [
        name
        for name in namespaces()
        if (match := _OURS.match(name)) and not _alive(int(match.group(1)))
    ]
    batch([f"netns del {name}" for name in dead], force=True)
    return dead


class Lab:
    """A plan realised in namespaces; use as a context manager so it is always deleted."""

    def __init__(self, plan: Plan, arp_ignore: int = 1) -> None:
        self.plan = plan
        self.topo: Topology = build(plan)
        self.prefix = f"{PREFIX}{os.getpid()}x{next(_labs)}"
        self.arp_ignore = arp_ignore
        self.failed: set[tuple[str, str]] = set()
        self.on: dict[tuple[str, str], str] = {}  # (host, vmk) → the vmnic it rides now
        self._vmks = {(vmk.host, vmk.name): vmk for vmk in self.topo.vmks}
        self._tables: dict[tuple[str, str], int] = {}
        self._cabled = {
            (end.device, end.port)
            for cable in plan.cables
            for end in (cable.a, cable.b)
            if end.kind is EndKind.HOST
        }

    def ns(self, key: str) -> str:
        return f"{self.prefix}-{key}"

    def __enter__(self) -> Lab:
        try:
            self._create()
        except BaseException:
            self.destroy()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.destroy()

    def destroy(self) -> None:
        mine = [name for name in namespaces() if name.startswith(f"{self.prefix}-")]
        batch([f"netns del {name}" for name in mine], force=True)

    # --- building ---------------------------------------------------------------------------

    def _create(self) -> None:
        topo = self.topo
        batch([f"netns add {self.ns(key)}" for key in topo.namespaces])
        ip_stacks = [*topo.host_ns.values(), *topo.stack_ns]
        host_sysctls = [
            s.replace("arp_ignore=1", f"arp_ignore={self.arp_ignore}") for s in HOST_SYSCTLS
        ]
        with ThreadPoolExecutor(max_workers=8) as pool:
            jobs = [
                pool.submit(
                    run,
                    ["ip", "netns", "exec", self.ns(key), "sysctl", "-q", "-w", *QUIET_SYSCTLS,
                     *(host_sysctls if key in ip_stacks else [])],
                )
                for key in topo.namespaces
            ]  # fmt: skip
            for job in jobs:
                job.result()
        batch(
            [
                f"link add {link.a_if} mtu {link.a_mtu} netns {self.ns(link.a_ns)} type veth "
                f"peer name {link.b_if} mtu {link.b_mtu} netns {self.ns(link.b_ns)}"
                for link in topo.links
            ]
        )
        per_ns: dict[str, list[str]] = {key: ["link set lo up"] for key in topo.namespaces}
        self._switch_ports(per_ns)
        self._host_ports(per_ns)
        for vmk in topo.vmks:
            self.on[(vmk.host, vmk.name)] = vmk.uplinks[0]
            self._place(vmk, per_ns)
        first = [key for key in topo.namespaces if key not in topo.stack_ns]
        parallel((per_ns[key], self.ns(key)) for key in first)
        parallel((per_ns[key], self.ns(key)) for key in topo.stack_ns)
        self.settle()

    def _switch_ports(self, per_ns: dict[str, list[str]]) -> None:
        bridges: dict[str, set[str]] = {}
        for link in self.topo.links:
            for ns, name, bridge in ((link.a_ns, link.a_if, link.a_bridge),
                                     (link.b_ns, link.b_if, link.b_bridge)):  # fmt: skip
                if bridge.startswith("br"):
                    if bridge not in bridges.setdefault(ns, set()):
                        bridges[ns].add(bridge)
                        per_ns[ns] += [f"link add {bridge} type bridge", f"link set {bridge} up"]
                    per_ns[ns].append(f"link set {name} master {bridge}")
                if ns in self.topo.switch_ns.values():
                    per_ns[ns].append(f"link set {name} up")

    def _host_ports(self, per_ns: dict[str, list[str]]) -> None:
        """Host-side ends up; the far end of an uncabled vmnic stays down (no carrier)."""
        for link in self.topo.links:
            if link.a_ns in self.topo.host_ns.values():
                per_ns[link.a_ns].append(f"link set {link.a_if} up")
            if link.b_ns in self.topo.host_ns.values() and link.b_bridge != "DOWN":
                per_ns[link.b_ns].append(f"link set {link.b_if} up")

    def _place(self, vmk: Vmk, per_ns: dict[str, list[str]]) -> None:
        """Create ``vmk`` as a macvlan on the uplink it rides now, in its stack's namespace."""
        host_ns = self.topo.host_ns[vmk.host]
        lower = self.topo.uplink_if(vmk.host, self.on[(vmk.host, vmk.name)], vmk.vlan)
        per_ns.setdefault(host_ns, []).append(
            f"link add {vmk.name} link {lower} address {vmk.mac} mtu {vmk.mtu} "
            "type macvlan mode bridge"
        )
        if vmk.namespace != host_ns:
            per_ns.setdefault(host_ns, []).append(
                f"link set {vmk.name} netns {self.ns(vmk.namespace)}"
            )
        lines = per_ns.setdefault(vmk.namespace, [])
        lines += [f"addr add {vmk.address} dev {vmk.name}", f"link set {vmk.name} up"]
        if vmk.binds:
            # vMotion binds its streams to the vmk (why multi-NIC vMotion in one subnet is the
            # KB 2010877 exception): source-address rules give each vMotion vmk its own egress.
            key = (vmk.host, vmk.name)
            if key not in self._tables:  # the rule outlives the vmk; its route does not
                self._tables[key] = table = 100 + len(self._tables)
                lines.append(f"rule add from {vmk.address.ip} lookup {table} pref {table}")
            lines.append(
                f"route add {vmk.address.network} dev {vmk.name} src {vmk.address.ip} "
                f"table {self._tables[key]}"
            )

    # --- failing over -----------------------------------------------------------------------

    def fail_uplink(self, host: str, vmnic: str) -> None:
        """Take a vmnic down; each vmk on it moves to its next working uplink, as ESXi does."""
        self.failed.add((host, vmnic))
        self._set_links(host, vmnic, "down")
        self._repin(host)

    def restore_uplink(self, host: str, vmnic: str) -> None:
        """Bring a vmnic back; vmks fail back to it (failback: yes, the planner's default)."""
        self.failed.discard((host, vmnic))
        self._set_links(host, vmnic, "up")
        self._repin(host)

    def _set_links(self, host: str, vmnic: str, state: str) -> None:
        ends = [end for link in self.topo.links for end in link.ends_of(host, vmnic)]
        batch([f"link set {name} {state}" for _, name in ends], self.ns(self.topo.host_ns[host]))

    def _repin(self, host: str) -> None:
        moves: dict[str, list[str]] = {}
        moved: list[Vmk] = []
        for vmk in (v for v in self.topo.vmks if v.host == host):
            working = [u for u in vmk.uplinks if (host, u) not in self.failed]
            want = working[0] if working else ""
            if want == self.on[(host, vmk.name)]:
                continue
            batch([f"link del {vmk.name}"], self.ns(vmk.namespace))
            self.on[(host, vmk.name)] = want
            if want:  # no working uplink left: the vmk is cut off, as on ESXi
                self._place(vmk, moves)
                moved.append(vmk)
        parallel([(moves.pop(self.topo.host_ns[host], []), self.ns(self.topo.host_ns[host]))])
        parallel((lines, self.ns(key)) for key, lines in moves.items())
        self.settle()
        for vmk in moved:
            if vmk.notify:
                self._notify_switches(vmk)

    def _notify_switches(self, vmk: Vmk) -> None:
        """ESXi's "Notify switches": a RARP from the vmk's MAC so the switches relearn its port.

        Without it the switch keeps sending to the port the vmk left until the vmk talks, and
        replies to it are lost, on ESXi as here.
        """
        mac = bytes.fromhex(vmk.mac.replace(":", ""))
        # Ethernet broadcast, EtherType RARP (0x8035), then a RARP request for the vmk's MAC.
        frame = b"\xff" * 6 + mac + bytes.fromhex("8035 0001 0800 06 04 0003") + mac
        frame += bytes(4) + mac + bytes(4)
        send_in_namespace(self.ns(vmk.namespace), vmk.name, frame)

    # --- waiting for the links --------------------------------------------------------------

    def _expected_up(self) -> dict[str, set[str]]:
        """Interfaces that must be operationally up: cabled, working ends and placed vmks."""
        up: dict[str, set[str]] = {}
        for link in self.topo.links:
            if link.b_bridge == "DOWN" or {link.host_uplink, link.far_uplink} & self.failed:
                continue
            up.setdefault(link.a_ns, set()).add(link.a_if)
            up.setdefault(link.b_ns, set()).add(link.b_if)
        for vmk in self.topo.vmks:
            uplink = self.on[(vmk.host, vmk.name)]
            if uplink and (vmk.host, uplink) in self._cabled:
                up.setdefault(vmk.namespace, set()).add(vmk.name)
        return up

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until every interface that should carry traffic is operationally up.

        Carrier changes reach the bridge and the queueing discipline through the kernel's
        link watch, up to a second later: a ping sent before that is dropped, which is not
        what a check is about.
        """
        deadline = time.monotonic() + timeout
        while True:
            waiting = self._not_up(self._expected_up())
            if not waiting:
                return
            if time.monotonic() > deadline:
                raise LabError(f"interfaces not up after {timeout:.0f} s: {waiting}")
            time.sleep(0.05)

    def _not_up(self, expected: dict[str, set[str]]) -> dict[str, list[str]]:
        def state(key: str) -> tuple[str, list[str]]:
            listing = subprocess.run(
                ["ip", "-n", self.ns(key), "-br", "link", "show"],
                capture_output=True,
                text=True,
                check=True,
            )
            up = {line.split()[0].split("@")[0] for line in listing.stdout.splitlines()
                  if line.split()[1] == "UP"}  # fmt: skip
            return key, sorted(expected[key] - up)

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = pool.map(state, list(expected))
        return {key: names for key, names in results if names}

    # --- checking ---------------------------------------------------------------------------

    def ping(self, check: VmkPing) -> bool:
        """``vmkping -d -s <MTU-28>`` as ``ping -M do``, from the source vmk's address."""
        vmk = self._vmks[(check.source_host, check.source_vmk)]
        argv = ["ip", "netns", "exec", self.ns(vmk.namespace), "ping", "-n", "-q", "-M", "do",
                "-s", str(check.payload), "-I", str(check.source_ip), "-c", "1", "-W", "1",
                str(check.target_ip)]  # fmt: skip
        return subprocess.run(argv, capture_output=True, check=False).returncode == 0

    def run(self, checks: list[VmkPing]) -> list[bool]:
        with ThreadPoolExecutor(max_workers=16) as pool:
            return list(pool.map(self.ping, checks))
