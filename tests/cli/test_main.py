"""The ``lnob`` command: its subcommands, and errors as messages rather than tracebacks."""

from __future__ import annotations

import pytest

from lnob_methods.cli import main as cli
from lnob_methods.core.errors import ParameterError


def test_every_subcommand_is_registered():
    sub = next(a for a in cli.parser()._actions if a.dest == "command")
    assert {"run", "build", "template", "form", "validate", "country", "params"} <= set(sub.choices)


def test_an_lnob_error_is_a_message_and_exit_code_2(monkeypatch, capsys):
    def refuse(args):
        raise ParameterError("no such parameter 'contry'")

    monkeypatch.setattr(cli, "cmd_run", refuse)
    assert cli.main(["run", "--country", "KEN"]) == 2
    assert capsys.readouterr().err == "lnob run: no such parameter 'contry'\n"


def test_an_unexpected_error_is_reported_and_its_traceback_kept(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))

    def crash(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "cmd_run", crash)
    assert cli.main(["run"]) == 3
    err = capsys.readouterr().err
    assert err == (
        "lnob run: unexpected error: ZeroDivisionError: division by zero\n"
        f"Details were written to {tmp_path / 'last-error.txt'}; please report them.\n"
    )
    assert "Traceback" in (tmp_path / "last-error.txt").read_text()


def test_an_interrupt_says_what_was_kept(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_run", interrupted)
    assert cli.main(["run"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_an_unknown_subcommand_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["runn"])
    assert stop.value.code == 2
    assert "invalid choice: 'runn'" in capsys.readouterr().err
