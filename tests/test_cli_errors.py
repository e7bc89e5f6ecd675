"""User mistakes in `aiexposure assess`: exit code 2, one line naming the mistake and the choices, no traceback.

Most runs call `main()` in this process, as the command-line fuzzer does (a new interpreter for each of about
fifty runs was most of this file's time); the runs whose point is the real `python -m aiexposure` process (its
program name in usage messages, its imports, a real stdin pipe) start one.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest

from aiexposure.cli.app import main
from clirun import clean_env, run_cli

ROLES = (
    "writer, designer, translator, video_editor, web_developer, social_media, virtual_assistant, data_entry, "
    "driver, courier"
)
WORDS = " (everyday words such as ojol, kurir or penerjemah work too)"
WRITER_TASKS = "outline, drafting, editing, research, voice, client"
QUESTIONS = (
    "ai_use, ai_tasks, clients, output, human_edge, lost_work, lost_reason, platform_pay, role_focus, ai_direction, "
    "upskill, city, vehicle, dispatch, income_share, alt_skills"
)
FREELANCER_QUESTIONS = (
    "ai_use, ai_tasks, clients, output, human_edge, lost_work, lost_reason, role_focus, ai_direction, upskill, "
    "income_share"
)
# Settings of the terminal that would change the output of an in-process run but not of a piped process
TERMINAL_SETTINGS = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE")


class _Bytes(io.BytesIO):
    """A byte buffer that survives `close()` (main() closes stderr on a broken pipe)."""

    def close(self) -> None:
        """Keep the bytes readable."""


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`aiexposure ARGS` in `cwd`, in English, with no AIEXPOSURE_* settings but `env`, as `run_cli` would run it
    (`clean_env`, COLUMNS=100, output to pipes, no terminal), but by calling `main()` in this process."""
    settings = {k: v for k, v in clean_env(COLUMNS="100", **(env or {})).items() if k not in TERMINAL_SETTINGS}
    out, err = _Bytes(), _Bytes()
    # the streams of a real process under LC_ALL=C.UTF-8: stdout surrogateescape, stderr backslashreplace
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    streams = mock.patch.multiple(sys, argv=["aiexposure", *args], stdin=io.StringIO(""), stdout=stdout, stderr=stderr)
    before = os.getcwd()
    with mock.patch.dict(os.environ, settings, clear=True), streams:
        os.chdir(cwd)
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        finally:
            os.chdir(before)
            stdout.flush()
            stderr.flush()
    return subprocess.CompletedProcess(
        ["aiexposure", *args], code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    )


def run_process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m aiexposure ARGS` in a new process in `cwd`, in English, with no AIEXPOSURE_* settings."""
    return run_cli(cwd, *args, env={"COLUMNS": "100"})


def assert_mistake(result: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit code 2, nothing on stdout, and exactly `aiexposure: MESSAGE` on stderr."""
    assert "Traceback" not in result.stderr
    assert result.stderr == f"aiexposure: {message}\n"
    assert result.stdout == ""
    assert result.returncode == 2


# ---------------------------------------------------------------- options on the command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["assess", "--role", "pilot"], f"unknown role 'pilot'; choose one of: {ROLES}{WORDS}", id="unknown-role"
        ),
        pytest.param(["assess"], f"no role given; pass --role with one of: {ROLES}", id="no-role"),
        pytest.param(
            ["assess", "--role", "writer", "--task", "flying=3"],
            f"unknown task 'flying' for role 'writer'; choose from: {WRITER_TASKS}",
            id="unknown-task",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting=-5"],
            "task 'drafting': expected a weight (a finite number of 0 or more), found '-5'",
            id="negative-weight",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting=lots"],
            "task 'drafting': expected a weight (a number of 0 or more, e.g. drafting=30), found 'lots'",
            id="weight-not-a-number",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting=nan"],
            "task 'drafting': expected a weight (a finite number of 0 or more), found 'nan'",
            id="weight-nan",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting=inf"],
            "task 'drafting': expected a weight (a finite number of 0 or more), found 'inf'",
            id="weight-inf",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting=0", "--task", "client=0"],
            "the task weights for role 'writer' are all zero; give at least one task a weight above 0",
            id="weights-all-zero",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--task", "drafting"],
            "--task 'drafting': expected ID=VALUE, for example --task TASK=30",
            id="task-without-equals",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "=weekly"],
            "--answer '=weekly': expected ID=VALUE, for example --answer QUESTION=VALUE",
            id="answer-without-id",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "mood=happy"],
            f"unknown question 'mood'; choose from: {QUESTIONS}",
            id="unknown-question",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "city=metro"],
            "question 'city' is not asked of a writer (freelancer); "
            f"the questions for this role are: {FREELANCER_QUESTIONS}",
            id="question-of-other-family",
        ),
        pytest.param(
            ["assess", "--role", "translator", "--answer", "platform_pay=worse"],
            "question 'platform_pay' is not asked of a translator (freelancer); "
            f"the questions for this role are: {FREELANCER_QUESTIONS}",
            id="gig-question-of-a-freelancer",
        ),
        pytest.param(
            ["assess", "--role", "driver", "--answer", "vehicle=bicycle"],
            "'bicycle' is not an answer to 'vehicle'; choose one of: motorbike, car, van",
            id="unknown-vehicle",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "ai_use=often"],
            "'often' is not an answer to 'ai_use'; choose one of: never, tried, weekly, daily",
            id="unknown-option",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "human_edge=empathy,charm"],
            "'charm' is not an answer to 'human_edge'; choose any of: "
            "empathy, culture, humor, relationship, expertise, accountability (comma-separated; empty for none)",
            id="multi-one-bad-value",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--answer", "ai_tasks=drafting,driving"],
            f"'driving' is not an answer to 'ai_tasks'; choose any of: {WRITER_TASKS} "
            "(comma-separated; empty for none)",
            id="multi-task-not-of-role",
        ),
        pytest.param(
            ["assess", "--role", "writer", "--strict", "--answer", "ai_use=daily"],
            "--strict: no answer given for ai_tasks, clients, output, human_edge, lost_work, lost_reason, role_focus, "
            "ai_direction, upskill, income_share; pass --answer ID=VALUE for each "
            "(`aiexposure questions` lists the values)",
            id="strict-missing-answers",
        ),
        pytest.param(
            ["--lang", "xx", "assess", "--role", "writer", "--format", "json"],
            "--lang: unknown language 'xx'; choose one of: en, id",
            id="lang-option",
        ),
        pytest.param(
            ["--rules", "no-such-pack", "assess", "--role", "writer"],
            "rules pack folder 'no-such-pack' does not exist or is not a folder; "
            "name a folder of *.yaml files (such as a copy of the shipped rules/), "
            "or leave it out to use the shipped pack",
            id="rules-folder-missing",
        ),
    ],
)
def test_mistake_on_the_command_line(tmp_path: Path, args: list[str], message: str) -> None:
    assert_mistake(run(tmp_path, *args), message)
    assert list(tmp_path.iterdir()) == []


def test_text_report_to_a_file_is_plain_text(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--output", "report.txt")
    # a written report says where it went, on stderr, so a pipe after it stays clean
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Report written to report.txt\n")
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "Verdict: At risk, not adapting yet" in text and "\x1b[" not in text
    assert list(tmp_path.iterdir()) == [tmp_path / "report.txt"]


def test_lang_from_environment(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--format", "json", env={"AIEXPOSURE_LANG": "xx"})
    assert_mistake(result, "AIEXPOSURE_LANG: unknown language 'xx'; choose one of: en, id")


def test_rules_folder_from_environment_missing(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", env={"AIEXPOSURE_RULES": "gone"})
    assert_mistake(
        result,
        "rules pack folder 'gone' does not exist or is not a folder; "
        "name a folder of *.yaml files (such as a copy of the shipped rules/), or leave it out to use the shipped pack",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["assess", "--role", "writer", "--format", "bogus"],
            "Invalid value for '--format' / '-f': 'bogus' is not one of 'text', 'markdown', 'json', 'html', 'short', "
            "'card'. (see 'python -m aiexposure assess --help')",
            id="bad-choice",
        ),
        pytest.param(
            ["roles", "--bogus"], "No such option: --bogus (see 'python -m aiexposure roles --help')", id="unknown"
        ),
        pytest.param(
            ["batch", "in.csv", "extra"],
            "Got unexpected extra argument(s) (extra) (see 'python -m aiexposure batch --help')",
            id="extra",
        ),
    ],
)
def test_usage_mistakes_read_like_every_other_message(tmp_path: Path, args: list[str], message: str) -> None:
    assert_mistake(run_process(tmp_path, *args), message)  # the program's name as `python -m` gives it


def test_a_command_group_alone_prints_its_help(tmp_path: Path) -> None:
    result = run_process(tmp_path, "rules")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: python -m aiexposure rules [OPTIONS] COMMAND [ARGS]...\n")
    assert "  check      Validate a rules pack and report every problem with file:line.\n" in result.stderr
    assert "  calibrate  Show each role's exposure beside the published indices" in result.stderr


# ---------------------------------------------------------------- answers files


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "role: [writer\n", "answers.yaml:2:1: not valid YAML: did not find expected ',' or ']'", id="yaml"
        ),
        pytest.param(
            "- writer\n", "answers.yaml:1:1: expected a mapping with the keys role, tasks, answers", id="list"
        ),
        pytest.param(
            "role: writer\nanswer:\n  ai_use: never\n",
            "answers.yaml:3:3: unknown key 'answer'; expected role, tasks, answers",
            id="unknown-key",
        ),
        pytest.param("role: 5\n", "answers.yaml:1:7: role: expected a role id, found 5", id="role-number"),
        pytest.param(
            "role: writer\nanswers: [ai_use]\n",
            "answers.yaml:2:10: answers: expected a mapping of id: value",
            id="answers-list",
        ),
        pytest.param("", "answers.yaml: the answers file is empty; it needs at least 'role: ROLE'", id="empty"),
        pytest.param(
            "role: writer\nanswers:\n  ai_use: often\n",
            "'often' is not an answer to 'ai_use'; choose one of: never, tried, weekly, daily",
            id="bad-value",
        ),
    ],
)
def test_mistake_in_answers_file(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "answers.yaml").write_text(content, encoding="utf-8")
    assert_mistake(run(tmp_path, "assess", "--answers", "answers.yaml", "--format", "json"), message)


def test_answer_labels_may_hold_commas_on_the_command_line(tmp_path: Path) -> None:
    label = "Brand voice, storytelling, humour and cultural nuance"  # the writer's task `voice`
    result = run(tmp_path, "assess", "--role", "writer", "--answer", f"ai_tasks={label}, drafting", "-f", "json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["answers"]["ai_tasks"] == ["drafting", "voice"]


def test_answers_file_missing(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--answers", "missing.yaml")
    assert_mistake(result, "missing.yaml: cannot read the file: No such file or directory")


# ---------------------------------------------------------------- writing the report


def test_output_into_missing_folder(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--output", "nowhere/report.md")
    assert_mistake(
        result, "cannot write 'nowhere/report.md': No such file or directory; choose another path with --output"
    )
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_folder(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    result = run(tmp_path, "assess", "--role", "writer", "--format", "markdown", "--output", "reports")
    assert_mistake(result, "cannot write 'reports': it is a folder; give a file name such as reports/report.md")
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    assert list((tmp_path / "reports").iterdir()) == []


def test_output_json_from_suffix(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--output", "report.json")
    # a written report says where it went, on stderr, so a pipe after it stays clean
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Report written to report.json\n")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert (report["schema_version"], report["role"], report["family"]) == (1, "writer", "freelancer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_markdown_from_suffix(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--output", "report.md")
    # a written report says where it went, on stderr, so a pipe after it stays clean
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Report written to report.md\n")
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# How far can AI reach your work?\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_output_dash_is_stdout(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--format", "markdown", "-o", "-")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("# How far can AI reach your work?\n")
    assert list(tmp_path.iterdir()) == []


def test_command_line_wins_over_answers_file(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(
        "role: writer\nanswers:\n  ai_use: never\n  lost_work: much\n", encoding="utf-8"
    )
    result = run(
        tmp_path, "assess", "--answers", "answers.yaml", "--role", "designer", "--answer", "ai_use=daily", "-f", "json"
    )
    assert (result.returncode, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert report["role"] == "designer"
    assert (report["answers"]["ai_use"], report["answers"]["lost_work"]) == ("daily", "much")


def test_scripted_assess_never_imports_the_prompt_libraries(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys

        from aiexposure.cli.app import main

        sys.argv = ["aiexposure", "assess", "--role", "writer", "--format", "json"]
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        else:
            code = 0
        loaded = sorted(m for m in sys.modules if m.startswith(("questionary", "prompt_toolkit")))
        sys.stderr.write(f"exit={code} loaded={loaded}\\n")
        """
    )
    clean = clean_env()
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=clean, capture_output=True, text=True, check=False
    )
    assert result.stderr == "exit=0 loaded=[]\n"
    assert json.loads(result.stdout)["role"] == "writer"


def test_a_task_given_twice(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--task", "drafting=5", "--task", "drafting=7")
    assert_mistake(result, "--task drafting is given twice; give each task once")


def test_answers_from_stdin(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path, "assess", "--answers", "-", "--format", "json", stdin="role: courier\nanswers: {city: metro}\n"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # a metro courier, every other answer at its default (motorbike, app, pay the same .4, lost orders unsure 0,
    # most of the income .92, no new skills, AI tried .25). Typical mix last_mile 40, remote 5, sorting 15,
    # routing 15, handover 15, special 10.
    #   exposure .4 x .25 + .05 x .25 + .15 x .425 + .15 x .7 + .15 x .35 + .1 x .2 = .35375 -> 35.4
    #   acceleration .5 x .25 x (.0525 + .02) / .35375 (augmentable share) = .0256 -> 2.6; adaptation .15 x .026
    #     = .0039 -> 0.4
    #   pressure .3 x .1 (market) + .7 x .28125 (substitute tasks) = .226875 -> 22.7
    #   automation (now 1, near .7, far .1): last_mile .4 x .5 x 1 (metro) x .7 (motorbike) x .1 = .014, remote
    #     .05 x .4 x .2 x .1 = .0004, sorting .15 x .5 x 1 x .7 = .0525, handover .0015, special .001 = .0694 -> 6.9
    #   AI and automation .069 + .3 x .354 + .3 x .227 = .2433 -> 24.3; platform .45 x .4 + .2 x 1 = .38
    #   hazard (.6 x .243 + .4 x .38) x .92 = .2978 x .92 = .273976 -> 27.4
    # risk .274 x (1 - .65 x .004) + .14 x 0 (lost orders unsure) = .2732876 -> 27.3, moderate
    assert (data["role"], data["answers"]["city"], data["risk"]) == (
        "courier",
        "metro",
        {"score": 27.3, "band": "moderate"},
    )


def test_mistakes_are_worded_in_the_chosen_language(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "id", "assess", "--role", "writer", "--answer", "ai_use=kadang")
    assert_mistake(result, "'kadang' bukan jawaban untuk 'ai_use'; pilih salah satu: never, tried, weekly, daily")
    result = run(tmp_path, "assess", "--role", "pilot", env={"AIEXPOSURE_LANG": "id"})
    assert_mistake(
        result,
        "peran 'pilot' tidak dikenal; pilih salah satu: writer (Penulis), designer (Desainer grafis), "
        "translator (Penerjemah), video_editor (Editor video), web_developer (Programmer web dan aplikasi), "
        "social_media (Admin media sosial), virtual_assistant (Asisten virtual), "
        "data_entry (Pekerja entri data), driver (Pengemudi ojol atau taksi online), courier (Kurir) "
        "(kata sehari-hari seperti ojol, kurir, atau penerjemah juga bisa)",
    )


def test_weights_too_large_to_add_up(tmp_path: Path) -> None:
    result = run(tmp_path, "assess", "--role", "writer", "--task", "drafting=1e308", "--task", "editing=1e308")
    assert_mistake(result, "the task weights for role 'writer' are too large to add up; use numbers like percentages")
