"""A throwaway PostgreSQL cluster for portability tests (see shared/toolchain.md).

The server binaries come from Debian's ``postgresql`` package (on the machine image; installed
with apt when missing). The cluster lives in a temporary directory, listens on 127.0.0.1 only
with a free port and its socket in that directory, trusts local connections, and is stopped and
deleted by :meth:`PgCluster.stop`. As root (CI, these machines) every server command runs as the
``postgres`` user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DATABASE = "vmp"
START_TIMEOUT_S = 30


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are missing and could not be installed."""


def _bin_dirs() -> list[Path]:
    found = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if (d / "initdb").exists()]
    return sorted(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)


def _apt_install() -> str:
    """Install Debian's postgresql package; returns apt's output for the error message."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    log = []
    for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        log.append(f"$ {' '.join(args)} -> {result.returncode}\n{result.stderr[-2000:]}")
    return "\n".join(log)


def server_bin_dir() -> Path:
    """The newest installed PostgreSQL server bin directory, installing it with apt if needed."""
    dirs = _bin_dirs()
    if dirs:
        return dirs[-1]
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise PostgresUnavailable(
            "PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin/initdb) "
            "and cannot be installed here (needs apt-get as root): "
            "run `apt-get install -y postgresql`."
        )
    log = _apt_install()
    dirs = _bin_dirs()
    if not dirs:
        raise PostgresUnavailable(f"`apt-get install -y postgresql` did not provide initdb:\n{log}")
    return dirs[-1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class PgCluster:
    """A running throwaway cluster; ``url`` is a SQLAlchemy URL of its empty database."""

    bin_dir: Path
    root: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = self.root / "server.log"
            server_log = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(
                f"{tool} failed ({result.returncode}): {result.stderr.strip()}\n{server_log}"
            )

    def start(self) -> None:
        """initdb, start the server (waits until it accepts connections), create the database."""
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--no-locale",
        )  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-w",
            "-t", str(START_TIMEOUT_S), "-o", options, "start",
        )  # fmt: skip
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete the cluster's directory."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PgCluster:
    """A new running cluster in a fresh temporary directory (stop it with ``.stop()``)."""
    bin_dir = server_bin_dir()
    root = Path(tempfile.mkdtemp(prefix="vmp-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    cluster = PgCluster(bin_dir=bin_dir, root=root, port=free_port())
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster
