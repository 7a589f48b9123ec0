"""Ctrl-C while the `lnob` command is still loading ends it quietly: no traceback, exit 130."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from tests.helpers import LNOB, ROOT


def test_ctrl_c_while_loading_prints_no_traceback():
    # Loading pandas, Jupyter and the project takes about a second: 0.2 s in, it is loading.
    proc = subprocess.Popen(
        [*LNOB, "params"],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole process group
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert proc.returncode in (0, 130), (proc.returncode, err)
    if proc.returncode == 130:
        assert err.strip() == "lnob: interrupted before any page was published."
