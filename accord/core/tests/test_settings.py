"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, env_extra, tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ACCORD_2FA_REQUIRED"}
    }
    env.update({"ACCORD_VAR_DIR": str(tmp_path / "var"), **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "accord.example.org",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_development_secret_key_is_generated_once_into_var_and_kept(tmp_path):
    first = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env_extra={"DEBUG": "1"},
        tmp_path=tmp_path,
    )
    second = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env_extra={"DEBUG": "1"},
        tmp_path=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert first.stdout.strip() == second.stdout.strip() == key_file.read_text().strip()


def test_database_url_selects_the_database(tmp_path):
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])",
        env_extra={"DEBUG": "1", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/accord_prod"},
        tmp_path=tmp_path,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "accord_prod", "127.0.0.1"], result.stderr


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    result = _manage("check", env_extra={"ALLOWED_HOSTS": "accord.example.org"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_a_trusted_proxies_setting_that_means_nothing_refuses_to_start(tmp_path):
    result = _manage(
        "check", env_extra={"DEBUG": "1", "ACCORD_TRUSTED_PROXIES": "the load balancer"}, tmp_path=tmp_path
    )
    assert result.returncode != 0
    assert "ACCORD_TRUSTED_PROXIES" in result.stderr


def test_production_settings_send_the_content_security_policy_and_pass_with_a_proxy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "accord.example.org",
            "ACCORD_TRUSTED_PROXIES": "1",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    shown = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print('csp.middleware.CSPMiddleware' in settings.MIDDLEWARE, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])",
        env_extra={"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "accord.example.org"},
        tmp_path=tmp_path,
    )
    assert shown.stdout.strip() == "True [\"'self'\"]", shown.stderr


def test_production_refuses_to_run_without_two_factor_authentication(tmp_path):
    production = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "accord.example.org", "ACCORD_2FA_REQUIRED": "0"}
    result = _manage("check", env_extra=production, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ACCORD_2FA_REQUIRED cannot be off in production" in result.stderr
    demo = _manage("check", env_extra={"DEBUG": "1", "ACCORD_2FA_REQUIRED": "0"}, tmp_path=tmp_path)
    assert demo.returncode == 0, demo.stderr
