"""A throw-away PostgreSQL server for the tests that must run on it (started once per session).

`make test` installs Debian's server when it is missing (scripts/ensure-postgres.sh). The
cluster lives in a temporary folder, listens on a free loopback port, runs without fsync, and
is removed afterwards. Each test asks for its own database.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest


def _bin_dir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return found[-1] if found else None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.folder = tempfile.mkdtemp(prefix="stagewijs-pg-")
        self.port = _free_port()
        self.run_as = []
        if os.geteuid() == 0:  # the server refuses to run as root
            shutil.chown(self.folder, "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self._names = 0

    def _run(self, tool, *args):
        subprocess.run(
            [*self.run_as, os.path.join(self.bin_dir, tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def start(self):
        data = os.path.join(self.folder, "db")
        self._run("initdb", "-D", data, "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", data, "-l", os.path.join(data, "log"), "-w", "-o", options, "start"
        )

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", os.path.join(self.folder, "db"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self):
        """The URL of a new, empty database."""
        self._names += 1
        name = f"stagewijs_{self._names}"
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres():
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL is not installed; `make test` installs it (apt-get install postgresql)"
        )
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()
