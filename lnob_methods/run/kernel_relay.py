"""Stand in for a kernel process: ask the fork server for a warm kernel and relay to it.

Jupyter starts this in place of ``python -m ipykernel_launcher -f CONNECTION_FILE``. It hands the
server its working folder, environment and standard streams, then stays until the kernel exits,
passing on every signal Jupyter sends (interrupt, terminate) and exiting with the kernel's status.
If this process is killed, the server kills the kernel; if the server cannot be reached, this
process becomes an ordinary kernel instead.

Jupyter starts one relay per run, so it starts as fast as Python can: this module imports only
the standard library, and :func:`lnob_methods.run.warm_kernels.relay_command` runs it as a script
without the site packages (``python -I -S``, about 15 ms instead of 70). Only the fallback to an
ordinary kernel needs them: it runs again in a full interpreter (:data:`ORDINARY`).

Usage: ``python -I -S kernel_relay.py SOCKET -f CONNECTION_FILE [kernel options]``, or
``python -m lnob_methods.run.kernel_relay SOCKET ...``.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import struct
import sys

# What a kernel request starts with (read by lnob_methods.run.kernel_zygote).
HEADER = b"LNOB"
# The first argument of the relay run again as an ordinary kernel, in a full interpreter.
ORDINARY = "--ordinary-kernel"
MODULE = "lnob_methods.run.kernel_relay"
FORWARDED = (
    signal.SIGINT,
    signal.SIGTERM,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGUSR1,
    signal.SIGUSR2,
)


def request_kernel(sock_path: str, args: list[str]) -> tuple[socket.socket, int, bytes]:
    """Ask the server for a kernel with ``args``.

    Returns
    -------
    tuple
        The connection, the kernel's pid, and what the server sent after it (its exit status
        may come in the same read when the kernel dies at once).
    """
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(30)
        conn.connect(sock_path)
        body = json.dumps({"args": args, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
        socket.send_fds(conn, [HEADER + struct.pack("!I", len(body))], [0, 1, 2])
        conn.sendall(body)
        reply = b""
        while b"\n" not in reply:
            chunk = conn.recv(64)
            if not chunk:
                raise ConnectionError("the kernel server hung up")
            reply += chunk
        line, rest = reply.split(b"\n", 1)
        word, pid = line.split()
        if word != b"PID":
            raise ConnectionError(f"unexpected reply {reply!r}")
        conn.settimeout(None)
        return conn, int(pid), rest
    except BaseException:  # no socket left open when the relay falls back to a plain kernel
        conn.close()
        raise


def wait_for_exit(conn: socket.socket, pid: int, reply: bytes = b"") -> int:
    """Pass signals on to ``pid`` until the server reports its exit; return its status."""

    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for sig in FORWARDED:
        signal.signal(sig, forward)
    parent = os.getppid()
    while b"\n" not in reply:
        if os.getppid() != parent:
            return 1  # the runner is gone: leaving hangs up, and the server kills the kernel
        ready, _, _ = select.select([conn], [], [], 0.5)
        if ready:
            chunk = conn.recv(64)
            if not chunk:
                return 1  # the server is gone; the kernel (its child) went with it
            reply += chunk
    return int(reply.split(b"\n", 1)[0].split()[1])


def main(argv: list[str]) -> None:
    """Relay to a warm kernel, or become an ordinary one when there is no server."""
    parent = os.getppid()
    if argv[:1] == [ORDINARY]:
        ordinary_kernel(argv[1:], parent)
        return
    sock_path, *args = argv
    try:
        conn, pid, rest = request_kernel(sock_path, args)
    except (OSError, ValueError):
        if not still_wanted(parent):
            sys.exit(1)  # the run was stopped meanwhile: no kernel, and nothing on the console
        if sys.flags.no_site:  # started without the site packages, where ipykernel is
            # The same process (Jupyter's handle on it stays valid), in a full interpreter.
            os.execv(sys.executable, [sys.executable, "-m", MODULE, ORDINARY, *args])
        ordinary_kernel(args, parent)
        return
    status = wait_for_exit(conn, pid, rest)
    if status < 0:  # killed by a signal: die the same way, so Jupyter sees what the kernel saw
        die_like(-status)
    sys.exit(status)


def ordinary_kernel(args: list[str], parent: int) -> None:
    """Become an ordinary kernel, as ``python -m ipykernel_launcher ARGS`` would, in this process.

    A run stopped while the kernel starts removes its working folder under it: IPython's start
    then fails (``os.getcwd()``), and the kernel ends quietly with status 1 instead of printing
    a traceback on the console of a run that has ended.
    """
    import runpy

    sys.argv = [sys.argv[0], *args]
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except Exception:
        if not still_wanted(parent):
            os._exit(1)
        raise


def still_wanted(parent: int) -> bool:
    """Return True while the run that asked for a kernel is still there to use it.

    An interrupted run stops its server, then its workers, then removes its staging folders: a
    relay that finds no server then must not start a kernel in a removed folder (it printed a
    traceback on the console after the run had ended).
    """
    try:
        os.getcwd()
    except OSError:
        return False
    return os.getppid() == parent


def die_like(signum: int) -> None:
    """End this process by signal ``signum``, as the kernel ended.

    SIGKILL and SIGSTOP cannot have a handler: setting the default one raises ``OSError``
    (EINVAL), which printed a traceback before the clean failure line. Their default action
    needs no reset.
    """
    if signum not in (signal.SIGKILL, signal.SIGSTOP):
        signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    sys.exit(128 + signum)  # not reached for a signal that ends the process


if __name__ == "__main__":
    main(sys.argv[1:])
