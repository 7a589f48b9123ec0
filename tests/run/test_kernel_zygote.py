"""The warm-kernel server preloads exactly what the templates import."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from lnob_methods.run import kernel_zygote
from tests.helpers import ROOT


def test_each_import_statement_is_read_on_its_own(tmp_path):
    (tmp_path / "a.md").write_text(
        "```{code-cell} ipython3\n"
        "import json\n"
        "from myst_nb import glue\n"
        "\n"
        "from lnob_methods.reference import countries\n"
        "from lnob_methods.site import notebook as nb\n"
        "import numpy as np, pandas.api\n"
        "from lnob_methods.formats.exports import (\n"
        "    write_csv,\n"
        "    write_xlsx,\n"
        ")\n"
        "x = 1  # from here on, no import\n"
        "```\n"
    )
    assert kernel_zygote.template_imports(tmp_path) == [
        "json",
        "lnob_methods.formats.exports",
        "lnob_methods.formats.exports.write_csv",
        "lnob_methods.formats.exports.write_xlsx",
        "lnob_methods.reference",
        "lnob_methods.reference.countries",
        "lnob_methods.site",
        "lnob_methods.site.notebook",
        "myst_nb",
        "myst_nb.glue",
        "numpy",
        "pandas.api",
    ]


def test_every_library_module_the_templates_import_is_preloaded():
    names = kernel_zygote.template_imports(ROOT / "notebooks")
    # "from lnob_methods.analysis import gaps" names the module lnob_methods.analysis.gaps
    modules = [n for n in names if n.startswith("lnob_methods.") and n.count(".") == 2]
    assert (
        "lnob_methods.analysis.country_evidence" in modules
        and "lnob_methods.voices.prepare" in modules
    )
    assert all(importlib.util.find_spec(m) for m in modules), "each one is a real module"
    assert set(kernel_zygote.preload(modules)) == set(modules)


def test_a_server_whose_runner_died_while_it_imported_stops_serving(tmp_path):
    # The runner that started the server is recorded before the imports; when the server's
    # parent is no longer that process (it was re-parented), serving ends at once instead of
    # serving its new parent forever.
    code = (
        "import os, socket, sys\n"
        "from lnob_methods.run import kernel_zygote\n"
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
        "s.bind(sys.argv[1]); s.listen(1)\n"
        "kernel_zygote.serve(s, os.getppid() + 1_000_000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s")], cwd=ROOT, timeout=60, check=False
    )
    assert done.returncode == 0, "the server stopped: its runner is gone"


def test_a_server_that_stopped_writes_no_wake_up_byte_to_a_closed_socket(tmp_path):
    # Serving, a kernel's exit (SIGCHLD) writes a byte to a socket that wakes the server. Once
    # serving ends that socket is closed: a child's exit after that must not make Python write
    # to the closed descriptor (it printed "Exception ignored ... Bad file descriptor").
    code = (
        "import os, signal, socket, sys, time\n"
        "from lnob_methods.run import kernel_zygote\n"
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
        "s.bind(sys.argv[1]); s.listen(1)\n"
        "kernel_zygote.serve(s, os.getppid() + 1_000_000)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
        "time.sleep(0.1)\n"
        "print(signal.set_wakeup_fd(-1))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s")],
        cwd=ROOT,
        timeout=60,
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-1", "no wake-up descriptor is left set"
    assert done.stderr == "", "nothing written to a closed descriptor"


def test_a_server_started_after_its_runner_died_exits_at_once(tmp_path):
    # The runner names itself on the command line; a server whose parent is already another
    # process (the runner was killed as it started the server) exits before serving anyone.
    gone = os.getpid() + 1_000_000  # not the server's parent (this test process is)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lnob_methods.run.kernel_zygote",
            str(tmp_path / "s"),
            str(tmp_path),
            str(gone),
        ],
        cwd=ROOT,
        timeout=60,
        check=False,
        capture_output=True,
    )
    assert (done.returncode, done.stderr) == (1, b""), "a quiet exit, not a traceback"
    assert not (tmp_path / "s").exists(), "it never served"
