"""`manage.py framing_check`: the findings as JSON, exit 0; stdin with "-"; an unknown language, exit 2."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

FIELDS = {"code", "start", "end", "message", "suggestion"}


def run(*args):
    out = io.StringIO()
    call_command("framing_check", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_findings_as_json():
    text = "Si vous refusez, vous allez perdre."
    findings = run("--language", "fr", text)
    assert all(set(f) == FIELDS for f in findings)
    assert [(f["code"], text[f["start"] : f["end"]]) for f in findings] == [
        ("cost_of_conflict", "Si vous refusez"),
        ("winners_losers", "perdre"),
        ("no_future_goal", text),
    ]
    assert findings[1]["message"].startswith("Words of winning and losing")


def test_a_good_text_gives_an_empty_list():
    assert run("--language", "nl", "Ervoor zorgen dat de kinderen alles hebben wat ze nodig hebben.") == []


def test_the_messages_language_can_be_chosen():
    [finding] = run("--language", "en", "--messages-language", "fr", "Share the estate.")
    assert "patrimoine familial" in finding["suggestion"]


def test_a_dash_reads_the_text_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("It is your fault, so that we move on."))
    assert [f["code"] for f in run("--language", "en", "-")] == ["blame"]


@pytest.mark.parametrize("args", [("--language", "de", "Text"), ("--language", "fr", "--messages-language", "xx", "T")])
def test_an_unknown_language_is_a_clear_error_with_exit_2(args):
    with pytest.raises(CommandError, match="Unknown") as error:
        call_command("framing_check", *args, stdout=io.StringIO())
    assert error.value.returncode == 2


def _manage(*args, stdin=""):
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "framing_check", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_the_real_command_exits_0_with_json_and_2_on_an_unknown_language():
    done = _manage("--language", "nl", "-", stdin="Als u weigert, gaan we naar de rechtbank.")
    assert done.returncode == 0, done.stderr
    assert [f["code"] for f in json.loads(done.stdout)] == ["cost_of_conflict", "cost_of_conflict", "no_future_goal"]
    refused = _manage("--language", "de", "Text")
    assert refused.returncode == 2 and "Unknown language 'de'" in refused.stderr and refused.stdout == ""
