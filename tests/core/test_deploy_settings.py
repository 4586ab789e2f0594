"""The production settings the README documents pass Django's deployment checks, and every
page carries a strict Content-Security-Policy (in every environment, DEBUG included)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def readme_production_environment() -> dict[str, str]:
    """The variables of the README's "production environment" block, verbatim, with a
    real random secret key in place of the placeholder."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n# production environment\n(.*?)```", readme, re.S)
    assert block, "the README documents a production environment block"
    variables = {}
    for line in block.group(1).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name] = value
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    return variables


def run_manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_readme_production_settings_pass_check_deploy_without_warnings():
    environment = readme_production_environment()
    assert environment["DEBUG"] == "false"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_settings_turn_on_hsts_redirect_secure_cookies_and_proxy_header():
    environment = readme_production_environment()
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage("shell", "-c", code, environment=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "31536000 True True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_production_settings_keep_database_connections_with_health_checks():
    """A new PostgreSQL connection per request was half of a simple page's time (issue 14)."""
    environment = readme_production_environment()
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_manage("shell", "-c", code, environment=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == ("django.db.backends.postgresql 60 True")


def test_local_defaults_neither_redirect_nor_send_hsts(settings):
    # make run serves plain http://127.0.0.1:8000: no redirect, no HSTS pinned on localhost.
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    result = run_manage("shell", "-c", code, environment={"DEBUG": "true"})
    assert result.stdout.strip().splitlines()[-1] == "False 0", result.stderr


STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "img-src": "'self'",
}


def parse_policy(header: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/recommendations/", "/no-such-page/"])
def test_every_page_carries_a_strict_content_security_policy(client, path):
    response = client.get(path)
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{path} has no Content-Security-Policy"
    policy = parse_policy(header)
    for directive, value in STRICT.items():
        assert policy.get(directive) == value, (directive, header)
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert policy["connect-src"].split()[0] == "'self'"


@pytest.mark.django_db
def test_content_security_policy_applies_with_debug_on(client, settings):
    settings.DEBUG = True
    assert "object-src 'none'" in client.get("/").headers["Content-Security-Policy"]
