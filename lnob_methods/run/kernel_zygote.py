"""A fork server for warm kernels: import the notebooks' libraries once, fork a kernel per run.

Every notebook run still gets a kernel process of its own, started from nothing but imports: the
server imports ipykernel and the modules the templates import (pandas, seaborn, lnob_methods, ...)
and then waits. For each run :mod:`lnob_methods.run.kernel_relay` asks it for a kernel; the server
forks, and the child becomes an ordinary IPython kernel on the run's connection file, working
folder and environment. No cell of any notebook ever runs in the server, so no state passes from
one run to the next; what a fork saves is the kernel start and the imports (about 1.5 s a run).

Usage: ``python -m lnob_methods.run.kernel_zygote SOCKET NOTEBOOKS_DIR [RUNNER_PID]`` (the runner
starts it). The
server exits when its parent does, or on SIGTERM, and takes its kernels with it.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import json
import os
import re
import selectors
import signal
import socket
import struct
import sys
import traceback
from pathlib import Path

from lnob_methods.run import live_run
from lnob_methods.run.kernel_relay import HEADER

# "from a import b, c as d", "from a import (b,\n c)" and "import a, b.c as d"; one statement
# only: a name list never runs on into the next line (it once swallowed the lines after it).
IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[\w \t,]+)"
    r"|import[ \t]+([\w. \t,]+))",
    re.M,
)
# Modules a kernel imports on start; importing them here is what makes a fork fast. Not
# matplotlib_inline.backend_inline: imported outside a kernel, it never hooks figures into one
# (no figure was published when it was preloaded).
KERNEL_MODULES = [
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",  # brings debugpy, which a kernel imports on start
    "IPython",
    "matplotlib.pyplot",
    "openpyxl",  # pandas imports it on a notebook's first .xlsx export
    # What lnob_methods imports only when a page needs it (a command that never writes a brief
    # should not load Pango): the brief pages write PDF (WeasyPrint, 0.65 s to import) and Word
    # (python-docx); a country's first page checks inventories with libhxl.
    "weasyprint",
    "docx",
    "hxl",
]


def template_imports(folder: Path) -> list[str]:
    """Return the modules that the notebook templates in ``folder`` import, sorted."""
    found: set[str] = set()
    for path in sorted(folder.glob("*.md")):
        for mod, names, plain in IMPORT_LINE.findall(path.read_text(encoding="utf-8")):
            if plain:
                found.update(_first_words(plain))
                continue
            found.add(mod)
            found.update(f"{mod}.{name}" for name in _first_words(names.strip("()")))
    return sorted(found)


def _first_words(names: str) -> list[str]:
    # "b, c as d" -> ["b", "c"]
    return [part.split()[0] for part in names.split(",") if part.split()]


def preload(modules: list[str]) -> list[str]:
    """Import what can be imported of ``modules`` (a name may be a class, not a module)."""
    done = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - "from x import SomeClass", or a broken module: the
            continue  # notebook will import it itself and report any real error in its cell
        done.append(name)
    return done


def _warm_cache_keys() -> None:
    # The runs' cache keys hash the library's code and the shared data: hashed here once, each
    # kernel forked from this server finds them in its memo (lnob_methods.core.cachekey.warm).
    try:
        from lnob_methods.core import cachekey

        cachekey.warm()
    except Exception:  # noqa: BLE001 - the kernels hash what they need themselves
        pass


def _read_request(conn: socket.socket) -> tuple[dict, list[int]]:
    conn.settimeout(10)
    head, fds, _flags, _addr = socket.recv_fds(conn, len(HEADER) + 4, 3)
    try:
        if not head.startswith(HEADER[: len(head)]) or len(fds) != 3:
            raise ValueError("not a kernel request")
        head += _read_exactly(conn, len(HEADER) + 4 - len(head))  # a stream may split it
        if head[:4] != HEADER:
            raise ValueError("not a kernel request")
        body = _read_exactly(conn, struct.unpack("!I", head[4:8])[0])
        conn.settimeout(None)
        return json.loads(body), fds
    except (OSError, ValueError):
        for fd in fds:
            os.close(fd)
        raise


def _read_exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ValueError("request cut short")
        data += chunk
    return data


def _become_kernel(request: dict, fds: list[int], server_pid: int) -> None:
    """In the forked child: take the relay's stdio, folder and environment, run the kernel."""
    code = 1
    try:
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        try:
            os.chdir(request["cwd"])
        except FileNotFoundError:
            # The run that asked was interrupted and removed its staging folder meanwhile:
            # nobody waits for this kernel, and the console must stay free of tracebacks.
            return
        os.environ.clear()
        os.environ.update(request["env"])
        from ipykernel import kernelapp

        sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *request["args"]]
        # The kernel watches its real parent, this server: it dies with it.
        kernelapp.launch_new_instance(
            argv=[*request["args"], f"--IPKernelApp.parent_handle={server_pid}"]
        )
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001 - the child must never return into the server loop
        if _folder_exists():  # else the run was interrupted and cleaned up: nothing to report
            traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001, S110 - exiting anyway
                pass
        os._exit(code)


def _folder_exists() -> bool:
    """Return True while this process's working folder (the run's staging folder) exists."""
    try:
        return os.path.isdir(os.getcwd())
    except OSError:
        return False


def _status(wait_status: int) -> int:
    """Return a Popen-style return code: negative for a signal."""
    if os.WIFSIGNALED(wait_status):
        return -os.WTERMSIG(wait_status)
    return os.WEXITSTATUS(wait_status)


def serve(listener: socket.socket, parent: int | None = None) -> None:
    """Fork a kernel for every request on ``listener`` until the parent process goes away.

    ``parent`` is the process that started the server (default: the current parent). Recorded
    before the imports: a runner killed while they ran must not leave a server serving PID 1.
    """
    parent = os.getppid() if parent is None else parent
    server_pid = os.getpid()
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    kernels: dict[int, socket.socket] = {}  # kernel pid -> its relay's connection
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    wake = _wake_on_exits(sel)
    try:
        while not stopping and os.getppid() == parent:
            for key, _ in sel.select(timeout=0.05):
                if key.fileobj is listener:
                    _accept(listener, sel, kernels, server_pid, wake)
                elif key.fileobj in wake:
                    _drain(key.fileobj)
                else:
                    _hung_up(key.fileobj, sel, kernels)
            _reap(kernels, sel)
    finally:
        for pid in kernels:
            _kill(pid)
        _stop_waking(wake)


def _stop_waking(wake: tuple[socket.socket, ...]) -> None:
    # Unset the wake-up descriptor before its socket closes: a kernel's exit after that would
    # make Python write to a closed descriptor ("Exception ignored ... Bad file descriptor" on
    # the runner's terminal), or to whatever file took its number.
    if wake:
        signal.set_wakeup_fd(-1)
        for conn in wake:
            conn.close()


def _wake_on_exits(sel) -> tuple[socket.socket, ...]:
    """Make a kernel's exit wake the server at once; return the sockets to close in a kernel.

    The relay of a kernel that stopped waits for its exit status, and the run for its relay:
    reaped only when the next select timed out, every run waited up to 0.05 s more. A signal's
    wake-up byte makes the exit readable. Not from a thread other than the main one (signals
    go to that one): the server then reaps on the timeout alone.
    """
    read, write = socket.socketpair()
    read.setblocking(False)
    write.setblocking(False)
    try:
        signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler: else nothing is written
        signal.set_wakeup_fd(write.fileno(), warn_on_full_buffer=False)
    except ValueError:
        read.close()
        write.close()
        return ()
    sel.register(read, selectors.EVENT_READ)
    return read, write


def _drain(conn: socket.socket) -> None:
    try:
        while conn.recv(512):
            pass
    except BlockingIOError:
        pass


def _accept(listener, sel, kernels, server_pid, wake=()) -> None:
    conn, _ = listener.accept()
    try:
        request, fds = _read_request(conn)
    except (OSError, ValueError):
        conn.close()
        return
    pid = os.fork()
    if pid == 0:
        if wake:
            signal.set_wakeup_fd(-1)
        for c in (listener, conn, *kernels.values(), *wake):
            c.close()
        _become_kernel(request, fds, server_pid)
    for fd in fds:
        os.close(fd)
    kernels[pid] = conn
    try:
        conn.sendall(f"PID {pid}\n".encode())
    except OSError:
        _kill(pid)
    sel.register(conn, selectors.EVENT_READ)


def _hung_up(conn, sel, kernels) -> None:
    # A relay sends nothing after its request: readable means it hung up (it was killed), and
    # its kernel goes too.
    try:
        data = conn.recv(64)
    except OSError:
        data = b""
    if data:
        return
    sel.unregister(conn)
    for pid, c in kernels.items():
        if c is conn:
            _kill(pid)


def _reap(kernels, sel) -> None:
    while kernels:
        try:
            pid, wait_status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is None:
            continue
        try:
            conn.sendall(f"EXIT {_status(wait_status)}\n".encode())
        except OSError:
            pass
        if _registered(sel, conn):
            sel.unregister(conn)
        conn.close()


def _registered(sel, conn) -> bool:
    try:
        sel.get_key(conn)
    except KeyError:
        return False
    return True


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv: list[str]) -> int:
    """Bind the socket first (relays may queue), import, then serve."""
    sock_path, notebooks, *runner = argv
    # Linux sends this server SIGTERM when the runner dies, also while it imports; serving,
    # it also checks that its parent is still the runner. The runner names itself: a runner
    # killed as it started this server would otherwise leave it serving PID 1.
    parent = int(runner[0]) if runner else os.getppid()
    live_run.die_with_parent(parent)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; IPython adds the kernel's folder back
    # What ipykernel sets before any cell runs; matplotlib reads it when it is imported.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # debugpy warns on import about frozen modules; a kernel's own environment is restored later.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(sock_path)
    listener.listen(64)
    preload(KERNEL_MODULES + template_imports(Path(notebooks)))
    _warm_cache_keys()
    # The imported libraries' objects stay out of the kernels' garbage collections: a kernel's
    # full collection walked all of them (0.15 s), writing to pages it shares with this server.
    gc.collect()
    gc.freeze()
    try:
        serve(listener, parent)
    finally:  # also when the runner was killed: leave no socket behind
        listener.close()
        Path(sock_path).unlink(missing_ok=True)
        try:
            Path(sock_path).parent.rmdir()
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
