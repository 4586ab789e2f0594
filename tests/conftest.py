"""Shared fixtures. State is built through the services, as in production.

Under CI=true the real services are required: PostgreSQL, Redis, Debian's Chromium,
axe-core, the Noto fonts and poppler-utils (for the booklet PDFs). Anything missing stops
the run as a failure, never a skip.
"""

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import UserFactory

CI = os.environ.get("CI", "").lower() == "true"


def _missing_requirements() -> list[str]:
    problems = []
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        problems.append("DATABASE_URL does not point to PostgreSQL")
    if not os.environ.get("REDIS_URL", "").startswith("redis"):
        problems.append("REDIS_URL is not set")
    if not Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")).exists():
        problems.append("Chromium is missing")
    if not Path(os.environ.get("AXE_JS", "")).is_file():
        problems.append("axe-core is missing (AXE_JS)")
    if not Path("/usr/share/fonts/truetype/noto").is_dir():
        problems.append("the Noto fonts are missing")
    if not all(shutil.which(tool) for tool in ("pdffonts", "pdftotext", "pdfinfo")):
        problems.append("poppler-utils (pdffonts, pdftotext, pdfinfo) is missing")
    return problems


def pytest_sessionstart(session):
    if CI and (problems := _missing_requirements()):
        pytest.exit("CI=true but " + "; ".join(problems), returncode=3)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing cost is irrelevant to what the tests check; PBKDF2 would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_step_not_required(settings):
    # Production requires two-step login of facilitators, officials and staff; the suite
    # logs them in with force_login. tests/accounts/test_login_security.py turns it on.
    settings.TWO_STEP_REQUIRED = False


@pytest.fixture
def two_step_required(settings):
    settings.TWO_STEP_REQUIRED = True


@pytest.fixture
def facilitator(db):
    return UserFactory(role="facilitator", username="facil")


@pytest.fixture
def agora(facilitator):
    from agora.services import agora_create

    return agora_create(actor=facilitator, name="Agora", slug="agora")


@pytest.fixture
def lab(facilitator):
    from labs.services import lab_create

    today = date(2026, 11, 1)
    return lab_create(
        actor=facilitator,
        name="Lab bank account",
        slug="lab",
        question="How can a new arrival open a bank account in their first month?",
        starts_on=today,
        ends_on=today + timedelta(days=42),
    )


@pytest.fixture
def newcomer(db):
    return UserFactory(role="newcomer", username="amina", display_name="Amina")


def first_free_seat(space, college=""):
    from core.models import Membership, Seat

    held = Membership.objects.filter(ended_at__isnull=True, seat__isnull=False).values("seat")
    return (
        Seat.objects.filter(space=space, college=college)
        .exclude(pk__in=held)
        .order_by("number")
        .first()
    )


@pytest.fixture
def members(agora, facilitator, newcomer):
    from core.services import membership_start

    people = [newcomer] + [
        UserFactory(display_name=name, interface_language=lang, email=f"{name.lower()}@example.org")
        for name, lang in [("Yonas", "ti"), ("Farid", "fa-af"), ("Olena", "uk")]
    ]
    newcomer.email = "amina@example.org"
    newcomer.interface_language = "ar"
    newcomer.save()
    return [
        membership_start(actor=facilitator, seat=first_free_seat(agora), user=p) for p in people
    ]


@pytest.fixture
def meeting(agora, facilitator, members):
    from meetings.services import agenda_item_add, meeting_create

    start = timezone.now() + timedelta(days=3)
    m = meeting_create(
        actor=facilitator,
        space=agora,
        title="Monthly session",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place_name="Maison des habitants",
        room="Salle 2",
        address="1 rue Example, Grenoble",
    )
    for title in ("Welcome", "Housing booklet", "Next steps"):
        agenda_item_add(actor=facilitator, meeting=m, title=title)
    return m


def make_past(meeting, hours_ago=1):
    from meetings.models import Meeting

    start = timezone.now() - timedelta(hours=hours_ago)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def eager_celery():
    """Run queued tasks in-process (under make test the broker is Redis and nobody works
    it here; tests/meetings/test_celery_worker.py covers a real worker)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
