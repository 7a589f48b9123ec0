"""The ``lnob`` command: its subcommands, and errors as messages rather than tracebacks."""

from __future__ import annotations

import pytest

from lnob_methods.cli import main as cli
from lnob_methods.core.errors import ParameterError
from tests.helpers import ROOT


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


def test_every_command_of_the_adding_a_country_chapter_is_a_valid_command():
    """The chapter's commands parse with the real parser (the end-to-end test of a new country,
    tests/e2e/test_new_country.py, runs the country new / template / country check / run ones)."""
    import re
    import shlex

    from lnob_methods.cli.main import parser

    chapter = (ROOT / "book" / "methods" / "adding_a_country.md").read_text(encoding="utf-8")
    commands = sorted(set(re.findall(r"`(lnob [^`]+)`", chapter)))
    assert len(commands) >= 8, commands
    # Named in passing, without their arguments ("`lnob country check` validates ..."):
    mentions = {"lnob country check", "lnob country new", "lnob validate", "lnob run --help"}
    for command in commands:
        args = shlex.split(command)[1:]
        if command in mentions:
            continue
        parsed = parser().parse_args(args)  # exits (SystemExit) on a wrong command or option
        assert callable(parsed.func), command
