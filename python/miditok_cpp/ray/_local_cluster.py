"""A real Ray cluster on this machine for tests and benchmarks: a head and worker nodes, each a
``ray start --block`` process in its own process group, on free ports and a private temp dir,
stopped by their process ids (never ``ray stop``, which would stop every Ray of the machine)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ray

_PORT_OPTIONS = (
    "--node-manager-port",
    "--object-manager-port",
    "--dashboard-agent-listen-port",
    "--dashboard-agent-grpc-port",
    "--runtime-env-agent-port",
    "--metrics-export-port",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kill_group(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)


def _ray_cli() -> str:
    return str(Path(sys.executable).with_name("ray"))


class LocalCluster:
    """``with LocalCluster(workers=1) as address: ray.init(address=address)``: a head of
    ``head_cpus`` CPUs and ``workers`` worker nodes of ``worker_cpus`` CPUs each."""

    def __init__(
        self,
        workers: int = 1,
        head_cpus: int = 1,
        worker_cpus: int = 1,
        object_store_bytes: int = 200 * 1024 * 1024,
        timeout: float = 300,
    ) -> None:
        self.workers = workers
        self.head_cpus = head_cpus
        self.worker_cpus = worker_cpus
        self.object_store_bytes = object_store_bytes
        self.timeout = timeout
        self.procs: list[subprocess.Popen] = []
        self._worker_args: list[tuple[list[str], str]] = []
        self.temp_dir = ""
        self.address = ""

    def _command(self, args: list[str]) -> list[str]:
        ports = [a for opt in _PORT_OPTIONS for a in (opt, str(_free_port()))]
        cmd = [
            _ray_cli(),
            "start",
            "--block",
            "--disable-usage-stats",
            f"--temp-dir={self.temp_dir}",
            f"--object-store-memory={self.object_store_bytes}",
            "--min-worker-port=0",
            "--max-worker-port=0",
            *ports,
            *args,
        ]
        return cmd

    def _start(self, args: list[str], log: str) -> None:
        if "--head" not in args:
            self._worker_args.append((args, log))
        self.procs.append(self._popen(self._command(args), log))

    def _popen(self, cmd: list[str], log: str) -> subprocess.Popen:
        env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
        with open(os.path.join(self.temp_dir, log), "ab") as out:
            return subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )

    def _wait_nodes(self, count: int) -> None:
        """Waits for `count` live nodes; a worker node whose start failed is started again until
        the timeout (its raylet did not register within Ray's fixed 30 s: a loaded machine)."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            for i, p in enumerate(self.procs):
                if p.poll() is None:
                    continue
                if i == 0:
                    msg = f"ray start exited ({p.returncode})"
                    raise RuntimeError(msg)
                _kill_group(p.pid, signal.SIGKILL)  # its raylet, if it outlived it
                args, log = self._worker_args[i - 1]
                self.procs[i] = self._popen(self._command(args), log)
            alive = [n for n in ray.nodes() if n.get("Alive")]
            if len(alive) >= count:
                return
            time.sleep(0.5)
        msg = f"the local Ray cluster did not reach {count} nodes"
        raise RuntimeError(msg)

    def __enter__(self) -> str:
        # Short (unix socket paths are limited to 107 bytes) and private to this cluster.
        self.temp_dir = tempfile.mkdtemp(prefix="ray-", dir="/tmp")
        try:
            port = _free_port()
            self.address = f"127.0.0.1:{port}"
            self._start(
                [
                    "--head",
                    f"--port={port}",
                    f"--num-cpus={self.head_cpus}",
                    "--include-dashboard=false",
                    "--node-ip-address=127.0.0.1",
                ],
                "head.log",
            )
            self._wait_gcs(port)
            for w in range(self.workers):
                self._start(
                    [
                        f"--address={self.address}",
                        f"--num-cpus={self.worker_cpus}",
                        "--node-ip-address=127.0.0.1",
                    ],
                    f"worker{w}.log",
                )
            ray.init(address=self.address, log_to_driver=False)
            self._wait_nodes(1 + self.workers)
        except BaseException as err:
            logs = self._logs()
            self.__exit__(None, None, None)
            if isinstance(err, RuntimeError):
                raise RuntimeError(f"{err}\n{logs}") from err
            raise
        return self.address

    def _logs(self) -> str:
        """The last lines of each node's ``ray start`` output."""
        out = []
        for log in sorted(Path(self.temp_dir).glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()[-15:]
            out.append(f"--- {log.name}\n" + "\n".join(lines))
        return "\n".join(out)

    def _wait_gcs(self, port: int) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.procs[0].poll() is not None:
                msg = f"the Ray head exited ({self.procs[0].returncode})"
                raise RuntimeError(msg)
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        msg = f"the Ray head did not listen on {port}"
        raise RuntimeError(msg)

    def __exit__(self, *exc: object) -> None:
        if ray.is_initialized():
            ray.shutdown()
        for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            for p in reversed(self.procs):
                if p.poll() is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(p.pid, sig)
            for p in self.procs:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    p.wait(timeout=wait)
        # Workers a raylet started live in its group; anything left of the groups goes too.
        for p in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
        self.procs.clear()
        shutil.rmtree(self.temp_dir, ignore_errors=True)
