"""Invitation, calendar and password-reset tokens never reach a log line: not Django's
loggers (a 404, a refused CSRF check, a 500 name the path) and not Daphne's access log."""

import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from core.logging import SECRET_PATH_PREFIXES, redact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.security.csrf", "django.server", "daphne"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def logged_text(caplog) -> str:
    return "\n".join([caplog.text] + [r.getMessage() + " " + repr(r.args) for r in caplog.records])


@pytest.mark.django_db
def test_an_invitation_link_leaves_no_token_in_the_logs(client, all_logs, agora, facilitator):
    from accounts.services import invitation_create

    _, token = invitation_create(actor=facilitator, seat=agora.seats.first())
    unknown = secrets.token_urlsafe(24)
    assert client.get(f"/invite/{token}/").status_code == 200
    assert client.get(f"/invite/{unknown}/").status_code == 404
    assert client.get(f"/invite/{unknown}").status_code in (301, 404)
    csrf_client = type(client)(enforce_csrf_checks=True)
    assert csrf_client.post(f"/invite/{token}/", {}).status_code == 403
    text = logged_text(all_logs)
    assert "/invite/[redacted]/" in text  # the 404 and the CSRF refusal were logged
    assert token not in text and unknown not in text


@pytest.mark.django_db
def test_a_calendar_feed_leaves_no_token_in_the_logs(client, all_logs, newcomer):
    from meetings.services import calendar_token_renew

    token = calendar_token_renew(user=newcomer)
    unknown = secrets.token_urlsafe(24)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    assert client.get(f"/calendar/{unknown}.ics").status_code == 404
    text = logged_text(all_logs)
    assert "/calendar/[redacted]" in text
    assert token not in text and unknown not in text


def test_an_error_logged_with_the_path_as_argument_is_redacted(all_logs):
    token = secrets.token_urlsafe(24)
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", f"/accounts/password/reset/key/1a-{token}/"
    )
    logging.getLogger("anything.else").warning(f"GET https://x.example/calendar/{token}.ics")
    assert token not in logged_text(all_logs)


def test_the_redacted_prefixes_are_the_routes_that_carry_secrets(db):
    routes = [
        reverse("accounts:invitation", kwargs={"token": "SECRET"}),
        reverse("meetings:user-feed", kwargs={"token": "SECRET"}),
        reverse("account_reset_password_from_key", kwargs={"uidb36": "SECRET", "key": "SECRET"}),
        reverse("account_confirm_email", kwargs={"key": "SECRET"}),
    ]
    assert sorted(url[: url.index("SECRET")] for url in routes) == sorted(SECRET_PATH_PREFIXES)
    for url in routes:
        assert "SECRET" not in redact(f'"GET {url}?x=1 HTTP/1.1" 200')
    assert redact("/s/agora/seats/3/invite/ 302") == "/s/agora/seats/3/invite/ 302"
    assert redact("/calendar/ 200") == "/calendar/ 200"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_daphne_as_documented_writes_no_token_in_its_access_log(tmp_path, django_db_blocker):
    """The documented server command (python -m core.serve, Daphne) with its access log."""
    from django.db import connection

    port = free_port()
    access_log = tmp_path / "access.log"
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "DEBUG": "false",
        "LOG_LEVEL": "DEBUG",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "core.serve", "-b", "127.0.0.1", "-p", str(port)]
        + ["--access-log", str(access_log), "config.asgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    tokens = [secrets.token_urlsafe(24) for _ in range(3)]
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.2)
        paths = [f"/invite/{tokens[0]}/", f"/calendar/{tokens[1]}.ics", f"/invite/{tokens[2]}"]
        for path in paths:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            except urllib.error.HTTPError as error:
                assert error.code in (301, 404)
        time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    log = access_log.read_text()
    assert log.count("[redacted]") >= 3, log  # the requests were logged
    for token in tokens:
        assert token not in log and token not in output, (log, output)
