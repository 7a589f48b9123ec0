"""Warm kernels: forked from a server that has the libraries imported, yet one fresh kernel a run.

What must hold: a warm kernel publishes the same bytes as a cold one; the runner uses it unless
told not to; interrupts reach it; a killed relay or runner takes its kernels along; and without a
server the relay becomes an ordinary kernel.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time

import pytest

from lnob_methods.run import warm_kernels
from tests.helpers import FIXTURES, ROOT, lnob, snapshot

pytestmark = pytest.mark.slow


def _with(sandbox, *names):
    env, f = sandbox
    for name in names:
        shutil.copyfile(FIXTURES / "notebooks" / f"{name}.md", f["notebooks"] / f"{name}.md")
    return env, f


def test_warm_and_cold_kernels_publish_the_same_bytes(sandbox):
    env, f = _with(sandbox, "plotting", "tiny")
    warm = lnob({**env, warm_kernels.SWITCH: "1"}, "run", "--country", "KEN", "NPL", "--quiet")
    assert warm.returncode == 0, warm.stderr
    first = snapshot(f["results"])
    assert b"image/png" in first["KEN/plotting.ipynb"], "the inline figure is there"
    cold = lnob({**env, warm_kernels.SWITCH: "0"}, "run", "--country", "KEN", "NPL", "--force")
    assert cold.returncode == 0, cold.stderr
    assert snapshot(f["results"]) == first


def _probe(env, f, switch):
    res = lnob({**env, warm_kernels.SWITCH: switch}, "run", "--country", "KEN", "--force")
    assert res.returncode == 0, res.stderr
    text = (f["results"] / "KEN" / "kernel_probe.ipynb").read_text()
    return text


def test_runs_use_the_fork_server_unless_it_is_switched_off(sandbox):
    env, f = _with(sandbox, "kernel_probe")
    warm = _probe(env, f, "1")
    assert "lnob_methods.run.kernel_zygote" in warm
    assert "folder: KEN-kernel_probe-" in warm, "the kernel works in the run's staging folder"
    assert "pgid is pid: True" in warm, "a kernel is its own process group, as a cold one is"
    cold = _probe(env, f, "0")
    assert "kernel_zygote" not in cold and "folder: KEN-kernel_probe-" in cold
    # Unix sockets, not TCP ports: parallel runs raced for ports ("Address already in use").
    assert "transport: ipc" in warm and "transport: ipc" in cold
    # No input history: a run's cells are in its notebook, and every kernel would otherwise open
    # and write IPython's history database, from a thread of its own.
    assert "input history: False" in warm and "input history: False" in cold
    # The server's libraries are frozen out of a warm kernel's garbage collections (a cold kernel
    # has nothing to freeze).
    assert "frozen objects: True" in warm and "frozen objects: False" in cold
    # The server hashed the library's code and the shared data: a warm kernel's cache keys do
    # not hash them again.
    assert "hashes ready: True" in warm and "hashes ready: False" in cold


async def _start(server):
    km = warm_kernels.manager_class(server)(kernel_name="python3")
    await km.start_kernel(cwd=str(ROOT))
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    return km, kc


async def _run(kc, code, timeout=30):
    msg_id = kc.execute(code)
    while True:
        reply = await kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def _gone(pid, within=10.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_interrupt_reaches_a_warm_kernel_and_it_survives():
    async def scenario(server):
        km, kc = await _start(server)
        try:
            msg_id = kc.execute("import time; time.sleep(60)")
            await asyncio.sleep(1.0)
            await km.interrupt_kernel()
            while True:
                reply = await kc.get_shell_msg(timeout=15)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            assert reply["content"]["ename"] == "KeyboardInterrupt"
            assert (await _run(kc, "x = 1 + 1"))["status"] == "ok", "still alive afterwards"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel()

    with warm_kernels.kernel_server(ROOT / "notebooks") as server:
        assert server, "the fork server started"
        asyncio.run(scenario(server))


def test_a_killed_relay_takes_its_kernel_along(tmp_path):
    pid_file = tmp_path / "pid"

    async def scenario(server):
        km, kc = await _start(server)
        try:
            code = f"import os; open({str(pid_file)!r}, 'w').write(str(os.getpid()))"
            assert (await _run(kc, code))["status"] == "ok"
            kernel = int(pid_file.read_text())
            relay = km.provisioner.process.pid
            assert kernel != relay, "the kernel is a fork of the server, not the relay"
            os.kill(relay, signal.SIGKILL)
            assert _gone(kernel), "the server killed the kernel of the dead relay"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    with warm_kernels.kernel_server(ROOT / "notebooks") as server:
        asyncio.run(scenario(server))


def test_without_a_server_the_relay_is_an_ordinary_kernel(tmp_path):
    async def scenario():
        km, kc = await _start(str(tmp_path / "no-such-socket"))
        try:
            code = "import os; print(os.getpid())"
            msg_id = kc.execute(code)
            out = ""
            while not out:
                msg = await kc.get_iopub_msg(timeout=30)
                if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                    out = msg["content"]["text"]
            assert int(out) == km.provisioner.process.pid, "the relay exec'd ipykernel itself"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel()

    asyncio.run(scenario())
