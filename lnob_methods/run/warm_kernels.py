"""Warm kernels for the runner: start the fork server, and a kernel manager that uses it.

Each run still gets a fresh kernel process; only the start and the imports are shared (see
:mod:`lnob_methods.run.kernel_zygote`). Set ``LNOB_WARM_KERNELS=0`` to start every kernel cold.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SWITCH = "LNOB_WARM_KERNELS"
# The relay as a script of the standard library alone (see lnob_methods.run.kernel_relay).
RELAY = str(Path(__file__).with_name("kernel_relay.py"))


def relay_command(cmd: list[str], server: str | None) -> list[str]:
    """Return ``cmd`` routed through the relay when it starts an ipykernel and a server runs.

    The relay runs isolated and without the site packages (``-I -S``): it needs neither, and
    starts in a fifth of the time.
    """
    if server and cmd[1:3] == ["-m", "ipykernel_launcher"]:
        return [sys.executable, "-I", "-S", RELAY, server, *cmd[3:]]
    return cmd


def manager_class(server: str | None):
    """Return a jupyter_client kernel manager class for the runs, bound to ``server`` if given.

    Its kernels talk over Unix sockets in the temporary folder, not TCP ports: with TCP the
    client picks five free ports and the kernel binds them a moment later, and parallel runs
    sometimes picked the same port ("Address already in use", the kernel died at start).
    Without a server the kernel is started cold, as Jupyter starts it. Its client and its
    shutdown skip Jupyter's fixed waits (see :mod:`lnob_methods.run.kernel_client`).
    """
    from jupyter_client import AsyncKernelClient, AsyncKernelManager  # here: the CLI starts
    from traitlets import DottedObjectName, Type, default  # faster without them

    from lnob_methods.run.kernel_client import RunKernelClient

    class RunKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self):
            return "ipc"

        @default("ip")
        def _ip_default(self):
            # Short and unique: a Unix socket path may not exceed about 100 bytes.
            return os.path.join(tempfile.gettempdir(), f"lnob-{uuid.uuid4().hex[:16]}")

        client_class = DottedObjectName("lnob_methods.run.kernel_client.RunKernelClient")
        client_factory = Type(RunKernelClient, klass=AsyncKernelClient)

        def format_kernel_cmd(self, extra_arguments=None):
            return relay_command(super().format_kernel_cmd(extra_arguments), server)

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # A stopped kernel is gone within milliseconds: look every hundredth of a second.
            await super()._async_wait(pollinterval=min(pollinterval, 0.01))

    return RunKernelManager


@contextmanager
def kernel_server(notebooks: Path, wait: float = 10.0) -> Iterator[str | None]:
    """Run the fork server while the block runs; yield its socket path, or None when off.

    Parameters
    ----------
    notebooks
        The templates folder: the server imports what the templates import.
    wait
        Seconds to wait for the server's socket; without it, kernels start cold.
    """
    if os.environ.get(SWITCH, "1") == "0":
        yield None
        return
    folder = tempfile.mkdtemp(prefix="lnob-kernels-")
    sock = os.path.join(folder, "server")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lnob_methods.run.kernel_zygote",
            sock,
            str(notebooks),
            str(os.getpid()),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C in the terminal goes to the runner, not here
    )
    try:  # an interrupt while the server starts stops it too
        deadline = time.monotonic() + wait
        while not os.path.exists(sock) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        yield sock if os.path.exists(sock) and proc.poll() is None else None
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)
