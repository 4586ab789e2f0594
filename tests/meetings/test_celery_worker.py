"""A real Celery worker with beat, on the Redis and PostgreSQL that `make test` starts:
beat fires the reminder task every 2 seconds, and each member still gets one e-mail."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from meetings.models import Meeting, ReminderDelivery

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    db = settings.DATABASES["default"]
    assert db["ENGINE"].endswith("postgresql"), (
        "this test needs PostgreSQL shared with a worker process: run it through `make test`"
    )
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_beat_scheduled_reminders_reach_each_member_once(meeting, members, tmp_path):
    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "this test needs Redis: run it through `make test`"
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=22),
    )
    connection.close()  # the worker must see committed data; nothing is held open here
    mails = tmp_path / "mails"
    mails.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"filemail:///{mails}",
        "REMINDER_INTERVAL_SECONDS": "2",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    worker = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-B",
            "--pool=solo",
            "--loglevel=WARNING",
            f"--schedule={tmp_path / 'beat-schedule'}",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=env,
        cwd=Path(settings.BASE_DIR),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(mails.iterdir())) < 4:
            time.sleep(0.5)
        time.sleep(6)  # beat fires the task at least twice more
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    sent = [path.read_text() for path in mails.iterdir()]
    recipients = sorted(
        line.split(": ", 1)[1]
        for text in sent
        for line in text.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == [
        "amina@example.org",
        "farid@example.org",
        "olena@example.org",
        "yonas@example.org",
    ], output[-2000:]
    assert ReminderDelivery.objects.filter(kind="1d", sent_at__isnull=False).count() == 4
