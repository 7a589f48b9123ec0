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


def test_an_interrupted_run_names_what_it_published_before(monkeypatch, capsys):
    import signal

    from lnob_methods.run import runner

    def interrupted(args):
        raise runner.Interrupted(signal.SIGINT, ["KEN/stocktake", "KEN/voices"])

    monkeypatch.setattr(cli, "cmd_run", interrupted)
    assert cli.main(["run"]) == 130
    assert capsys.readouterr().err == (
        "lnob: interrupted; published before the interrupt: KEN/stocktake, KEN/voices. "
        "Nothing was published after it; every other page is as it was before.\n"
    )


def test_a_terminated_run_that_published_nothing_says_so(monkeypatch, capsys):
    import signal

    from lnob_methods.run import runner

    def terminated(args):
        raise runner.Interrupted(signal.SIGTERM, [])

    monkeypatch.setattr(cli, "cmd_run", terminated)
    assert cli.main(["run"]) == 143
    assert capsys.readouterr().err == (
        "lnob: interrupted; this run published nothing: every page is as it was before.\n"
    )


def test_a_build_lists_missing_pages_and_does_not_build(monkeypatch, capsys, tmp_path):
    from lnob_methods.run import runner

    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path / "results"))
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("LNOB_TOC", str(tmp_path / "_toc.yml"))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n")
    jobs = [j for j in runner.build_plan() if j.country == "KEN"][:2]
    monkeypatch.setattr(runner, "build_plan", lambda: jobs)
    # The first page's run failed; the second was not run at all (as after an interrupted run
    # whose runs the build took for fresh): both are missing, the book is not built.
    failed = runner.Outcome(jobs[0], "failed", f"{jobs[0].country}/{jobs[0].notebook} failed")
    monkeypatch.setattr(runner, "run", lambda *a, **k: [failed, runner.Outcome(jobs[1], "skipped")])
    monkeypatch.setattr(cli, "build_book", lambda **k: pytest.fail("the book must not be built"))
    assert cli.main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err
    first, second = (f"{j.country}/{j.notebook}" for j in jobs)
    assert f"MISSING PAGE: {first}: its run failed ({first} failed)\n" in err
    assert f"MISSING PAGE: {second}: never published\n" in err
    assert "Not building the book: 2 page(s) of the configured countries missing" in err


def test_the_same_error_of_several_pages_is_reported_once(capsys):
    from lnob_methods.run import runner

    error = "InputError: inventory.xlsx, sheet 'data', row 4: unknown group 'yuth'"
    outcomes = [
        runner.Outcome(
            runner.Job("KEN", name, {}),
            "failed",
            f"KEN/{name} failed in cell 2 (execution count 2): {error}",
            error=error,
        )
        for name in ("stocktake", "gap_analysis", "voices")
    ]
    outcomes.append(
        runner.Outcome(runner.Job("KEN", "tiny", {}), "ran", notices=["testimony file refused"])
    )
    assert cli._report(outcomes) == 1
    err = capsys.readouterr().err
    assert err.count("unknown group 'yuth'") == 1
    assert (
        "FAILED: 3 pages with the same error in cell 2 "
        "(KEN/stocktake, KEN/gap_analysis, KEN/voices): "
        f"{error}\n"
    ) in err
    assert "NOTE KEN/tiny: testimony file refused\n" in err
