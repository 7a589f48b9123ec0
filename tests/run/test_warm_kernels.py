"""Warm kernels without a kernel: the relayed command, the manager's settings, the server's life.

Kernels started through all of this are tested in tests/e2e/test_warm_kernels.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

from lnob_methods.run import warm_kernels

# jupyter_client's command for the python3 kernel spec.
IPYKERNEL = ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]


def test_an_ipykernel_command_goes_through_the_relay_when_a_server_runs():
    assert warm_kernels.relay_command(IPYKERNEL, "/tmp/lnob-kernels-x/server") == [
        sys.executable,
        "-I",
        "-S",
        warm_kernels.RELAY,
        "/tmp/lnob-kernels-x/server",
        "-f",
        "/tmp/k.json",
    ]


@pytest.mark.parametrize("server", [None, ""])
def test_without_a_server_the_command_is_unchanged(server):
    assert warm_kernels.relay_command(IPYKERNEL, server) == IPYKERNEL


@pytest.mark.parametrize(
    "cmd",
    [
        ["R", "--slave", "-e", "IRkernel::main()", "--args", "/tmp/k.json"],
        ["/usr/bin/python3", "-m", "other_kernel", "-f", "/tmp/k.json"],
        ["/usr/bin/python3", "ipykernel_launcher", "-f", "/tmp/k.json"],
    ],
)
def test_other_kernels_are_started_as_they_are(cmd):
    assert warm_kernels.relay_command(cmd, "/tmp/s") == cmd


def test_the_manager_uses_unix_sockets_with_short_unique_names(tmp_path):
    cls = warm_kernels.manager_class("/tmp/lnob-kernels-x/server")
    one, two = cls(kernel_name="python3"), cls(kernel_name="python3")
    assert one.transport == "ipc"
    prefix = os.path.join(tempfile.gettempdir(), "lnob-")
    assert one.ip.startswith(prefix) and len(one.ip) == len(prefix) + 16
    assert one.ip != two.ip, "parallel runs never share a socket name"
    assert len(one.ip) + len("-65535") < 100, "a socket path must fit in about 100 bytes"
    one.connection_file = str(tmp_path / "k.json")
    assert one.format_kernel_cmd() == [
        sys.executable,
        "-I",
        "-S",
        warm_kernels.RELAY,
        "/tmp/lnob-kernels-x/server",
        "-f",
        str(tmp_path / "k.json"),
    ]


def test_without_a_server_the_manager_starts_ipykernel_itself(tmp_path):
    km = warm_kernels.manager_class(None)(kernel_name="python3")
    km.connection_file = str(tmp_path / "k.json")
    cmd = km.format_kernel_cmd()
    assert cmd[1:3] == ["-m", "ipykernel_launcher"] and cmd[-2:] == ["-f", str(tmp_path / "k.json")]


def test_switched_off_no_server_starts(monkeypatch, tmp_path):
    monkeypatch.setenv(warm_kernels.SWITCH, "0")
    monkeypatch.setattr(warm_kernels.subprocess, "Popen", None)  # would fail if called
    with warm_kernels.kernel_server(tmp_path) as server:
        assert server is None


def test_the_server_socket_exists_while_the_block_runs_and_is_removed_after(monkeypatch, tmp_path):
    monkeypatch.delenv(warm_kernels.SWITCH, raising=False)  # on unless told otherwise
    with warm_kernels.kernel_server(tmp_path) as server:  # an empty templates folder
        assert server is not None and os.path.exists(server)
        folder = os.path.dirname(server)
        assert os.path.basename(folder).startswith("lnob-kernels-")
    assert not os.path.exists(folder)


def test_a_server_that_cannot_start_means_cold_kernels(monkeypatch, tmp_path):
    monkeypatch.delenv(warm_kernels.SWITCH, raising=False)
    monkeypatch.setattr(warm_kernels.sys, "executable", "/bin/false")  # exits at once
    with warm_kernels.kernel_server(tmp_path) as server:
        assert server is None


def test_the_relay_is_a_script_of_the_standard_library_alone():
    # Run as relay_command runs it: isolated, without the site packages (where lnob_methods,
    # pandas and ipykernel are). Importing it must work, and load nothing of the project.
    assert warm_kernels.RELAY.endswith("lnob_methods/run/kernel_relay.py")
    code = (
        "import runpy, sys\n"
        f"runpy.run_path({warm_kernels.RELAY!r}, run_name='relay')\n"
        "print(sys.flags.no_site, sorted(m for m in sys.modules if m.startswith('lnob')))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "1 []"


def test_the_relay_starts_without_the_analysis_libraries():
    # Jupyter starts a relay for every run: importing pandas there cost 0.4 s a run.
    code = (
        "import sys, lnob_methods.run.kernel_relay\n"
        "print(sorted({'pandas', 'yaml', 'numpy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_runs_kernels_use_the_client_that_does_not_idle():
    from lnob_methods.run.kernel_client import RunKernelClient

    for server in (None, "/tmp/lnob-kernels-x/server"):
        km = warm_kernels.manager_class(server)(kernel_name="python3")
        assert isinstance(km.client(), RunKernelClient)
