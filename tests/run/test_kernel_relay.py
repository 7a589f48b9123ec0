"""The relay's side of the fork-server protocol, against a stand-in server (no kernel starts).

The stand-in reads a request as the fork server does (an 8-byte header ``LNOB`` + body length,
sent with the relay's three standard streams, then a JSON body) and answers with the lines the
server sends: ``PID <pid>`` when a kernel is forked, ``EXIT <status>`` when it ends.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings

import pytest

from lnob_methods.run import kernel_relay


@pytest.fixture
def sock_path():
    # Not tmp_path: a Unix socket path may not exceed about 100 bytes.
    folder = tempfile.mkdtemp(prefix="lnob-relay-")
    yield os.path.join(folder, "s")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _keep_signal_handlers():
    """wait_for_exit installs handlers for the test process: put pytest's back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in kernel_relay.FORWARDED}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _read_exactly(conn, size):
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        assert chunk, "the relay hung up in the middle of its request"
        data += chunk
    return data


class Server:
    """A stand-in fork server for one request; ``answer(conn)`` replies to it."""

    def __init__(self, path, answer):
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(1)
        self.answer = answer
        self.head = self.body = None
        self.n_fds = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.listener.accept()
        with conn:
            head, fds, _flags, _addr = socket.recv_fds(conn, 8, 3)
            self.head = head + _read_exactly(conn, 8 - len(head))
            self.n_fds = len(fds)
            for fd in fds:
                os.close(fd)
            self.body = json.loads(_read_exactly(conn, struct.unpack("!I", self.head[4:])[0]))
            self.answer(conn)

    def join(self):
        self.thread.join(timeout=10)
        self.listener.close()


def _reply(*chunks, pause=0.0):
    def answer(conn):
        for chunk in chunks:
            conn.sendall(chunk)
            time.sleep(pause)

    return answer


def test_the_request_carries_args_folder_environment_and_standard_streams(
    sock_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LNOB_RELAY_PROBE", "yes")
    server = Server(sock_path, _reply(b"PID 4242\n"))
    conn, pid, rest = kernel_relay.request_kernel(sock_path, ["-f", "/tmp/kernel-1.json"])
    conn.close()
    server.join()
    assert (pid, rest) == (4242, b"")
    assert server.head[:4] == b"LNOB"
    assert server.n_fds == 3, "stdin, stdout and stderr go to the kernel"
    assert server.body["args"] == ["-f", "/tmp/kernel-1.json"]
    assert server.body["cwd"] == str(tmp_path)
    assert server.body["env"]["LNOB_RELAY_PROBE"] == "yes"


def test_an_exit_in_the_same_read_as_the_pid_is_kept(sock_path):
    server = Server(sock_path, _reply(b"PID 7\nEXIT 3\n"))
    conn, pid, rest = kernel_relay.request_kernel(sock_path, [])
    assert (pid, rest) == (7, b"EXIT 3\n")
    assert kernel_relay.wait_for_exit(conn, pid, rest) == 3  # nothing more to read
    conn.close()
    server.join()


def test_the_exit_status_may_come_later_and_in_pieces(sock_path):
    server = Server(sock_path, _reply(b"PID 8\n", b"EXI", b"T 5\n", pause=0.05))
    conn, pid, rest = kernel_relay.request_kernel(sock_path, [])
    assert kernel_relay.wait_for_exit(conn, pid, rest) == 5
    conn.close()
    server.join()


def test_a_signal_status_is_negative(sock_path):
    server = Server(sock_path, _reply(b"PID 9\nEXIT -15\n"))  # killed by SIGTERM (15)
    conn, pid, rest = kernel_relay.request_kernel(sock_path, [])
    assert kernel_relay.wait_for_exit(conn, pid, rest) == -15
    conn.close()
    server.join()


def test_a_server_gone_after_the_pid_means_status_1(sock_path):
    server = Server(sock_path, _reply(b"PID 10\n"))  # then it closes the connection
    conn, pid, rest = kernel_relay.request_kernel(sock_path, [])
    assert kernel_relay.wait_for_exit(conn, pid, rest) == 1
    conn.close()
    server.join()


def test_a_server_that_hangs_up_before_the_pid(sock_path):
    server = Server(sock_path, _reply())
    with pytest.raises(ConnectionError, match="^the kernel server hung up$"):
        kernel_relay.request_kernel(sock_path, [])
    server.join()


def test_an_unexpected_reply(sock_path):
    server = Server(sock_path, _reply(b"BUSY 0\n"))
    with pytest.raises(ConnectionError, match=r"^unexpected reply b'BUSY 0\\n'$"):
        kernel_relay.request_kernel(sock_path, [])
    server.join()


@pytest.mark.parametrize(
    "answer",
    [None, _reply(), _reply(b"BUSY 0\n"), _reply(b"PID many\n")],
    ids=["no server", "hung up", "unexpected reply", "no pid"],
)
def test_a_failed_request_leaves_no_socket_open(sock_path, answer):
    # The relay then becomes an ordinary kernel: an open socket would be a leaked descriptor
    # (and Python warns about it when the socket is collected).
    server = Server(sock_path, answer) if answer else None
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises((OSError, ValueError)) as err:
            kernel_relay.request_kernel(sock_path, [])
        del err  # its traceback holds the relay's frame, and the socket in it
        gc.collect()
    if server:
        server.join()
    assert not [w for w in seen if issubclass(w.category, ResourceWarning)]


def test_signals_are_passed_on_to_the_kernel(sock_path):
    kernel = subprocess.Popen(["sleep", "30"])  # stands in for the kernel process

    def answer(conn):
        conn.sendall(f"PID {kernel.pid}\n".encode())
        deadline = time.monotonic() + 10
        while signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL and time.monotonic() < deadline:
            time.sleep(0.01)  # until the relay forwards signals, one would kill the test run
        os.kill(os.getpid(), signal.SIGUSR1)  # Jupyter signals the relay ...
        status = kernel.wait(timeout=10)  # ... and the kernel receives it
        conn.sendall(f"EXIT {status}\n".encode())

    try:
        assert signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL
        server = Server(sock_path, answer)
        conn, pid, rest = kernel_relay.request_kernel(sock_path, [])
        assert kernel_relay.wait_for_exit(conn, pid, rest) == -signal.SIGUSR1
        conn.close()
        server.join()
    finally:
        kernel.kill()
        kernel.wait()


class Launched(Exception):
    """Raised by the stand-in for runpy.run_module: the relay would have become a kernel."""


@pytest.fixture
def launcher(monkeypatch):
    import runpy

    def fake(name, run_name=None, alter_sys=False):
        raise Launched(name, run_name, list(sys.argv[1:]))

    monkeypatch.setattr(runpy, "run_module", fake)
    monkeypatch.setattr(sys, "argv", list(sys.argv))


def test_without_a_server_the_relay_becomes_an_ordinary_kernel(launcher, sock_path):
    with pytest.raises(Launched) as done:
        kernel_relay.main([sock_path, "-f", "/tmp/kernel-2.json"])  # nothing listens there
    # As `python -m ipykernel_launcher -f /tmp/kernel-2.json`, in the relay's own process.
    assert done.value.args == ("ipykernel_launcher", "__main__", ["-f", "/tmp/kernel-2.json"])


def test_a_server_that_answers_nonsense_also_means_an_ordinary_kernel(launcher, sock_path):
    server = Server(sock_path, _reply(b"PID many\n"))
    with pytest.raises(Launched):
        kernel_relay.main([sock_path, "-f", "k.json"])
    server.join()


def test_an_ordinary_kernel_whose_folder_goes_while_it_starts_ends_quietly(tmp_path):
    # The run stopped (its server first) and removed the staging folder while the kernel was
    # starting: IPython cannot read its working folder. Exit 1, no traceback on the console
    # (IPython may still log one line saying that the folder does not exist).
    code = (
        "import os, sys\n"
        f"os.chdir({str(tmp_path)!r}); os.rmdir({str(tmp_path)!r})\n"
        "from lnob_methods.run import kernel_relay\n"
        "kernel_relay.ordinary_kernel(['-f', 'kernel-gone.json'], os.getppid())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd="/"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr


@pytest.mark.parametrize("status", [0, 3])
def test_the_relay_exits_with_the_kernels_status(sock_path, status):
    server = Server(sock_path, _reply(f"PID 11\nEXIT {status}\n".encode()))
    with warnings.catch_warnings():
        # main ends the process without closing its connection: the exit closes it.
        warnings.simplefilter("ignore", ResourceWarning)
        with pytest.raises(SystemExit) as done:
            kernel_relay.main([sock_path, "-f", "k.json"])
        code = done.value.code
        del done
        gc.collect()
    assert code == status
    server.join()


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_the_relay_dies_like_its_kernel_without_a_traceback(signum):
    # A child that relays "killed by signum" must end by that signal and print nothing.
    code = f"from lnob_methods.run import kernel_relay; kernel_relay.die_like({int(signum)})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == -signum
    assert done.stderr == ""


def test_a_relay_of_a_stopped_run_starts_no_kernel(tmp_path, monkeypatch):
    import os

    assert kernel_relay.still_wanted(os.getppid())
    assert not kernel_relay.still_wanted(os.getppid() + 1_000_000), "its worker is gone"
    folder = tmp_path / "staging"
    folder.mkdir()
    monkeypatch.chdir(folder)
    folder.rmdir()  # the interrupted run removed its staging folder
    assert not kernel_relay.still_wanted(os.getppid())
