"""axe-core finds no violation on the lab's public page and the pages of its life (phases,
experiment log, versions, evaluation), in French and in Arabic (right to left), on a
phone, as the public and as the facilitator; the public page names no newcomer who did
not choose so, and says the current phase in words and with aria-current."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.services import membership_start
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import check, violations
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def life(facilitator, lab):
    from labs.services import (
        evaluation_save,
        lab_phase_dates_set,
        lab_phase_set,
        log_entry_create,
        log_entry_edit,
    )
    from meetings.services import meeting_create

    hidden = UserFactory(role="newcomer", display_name="Samira Hidden")
    shown = UserFactory(role="newcomer", display_name="Yonas Shown", show_name_publicly=True)
    partner = UserFactory(role="partner", display_name="Sophie (CCAS)")
    for person, college in ((hidden, "newcomers"), (shown, "newcomers"), (partner, "partners")):
        membership_start(actor=facilitator, seat=first_free_seat(lab, college), user=person)
    start = lab.starts_on
    lab_phase_dates_set(
        actor=facilitator,
        lab=lab,
        planned={
            "call": start,
            "sessions": start + timedelta(7),
            "experiment": start + timedelta(14),
        },
    )
    lab_phase_set(actor=facilitator, lab=lab, phase="experiment")
    when = timezone.now() + timedelta(days=2)
    meeting_create(
        actor=facilitator,
        space=lab,
        title="Séance de travail 3",
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        place_name="Maison des habitants",
    )
    today = timezone.localdate()
    entry = log_entry_create(
        actor=facilitator,
        lab=lab,
        happened_on=today,
        hypothesis="Une attestation suffit",
        tried="Trois rendez-vous à la banque",
        by_user=hidden,
    )
    log_entry_edit(
        actor=facilitator,
        entry=entry,
        base_revision=1,
        happened_on=today,
        hypothesis="Une attestation suffit",
        tried="Trois rendez-vous à la banque",
        observed="Deux comptes ouverts",
        by_user=hidden,
    )
    log_entry_create(
        actor=facilitator,
        lab=lab,
        happened_on=today,
        hypothesis="ما يكفي",
        tried="وثيقة بالعربية",
        by_organisation="CCAS de Grenoble",
    )
    evaluation_save(
        actor=facilitator,
        lab=lab,
        base_revision=0,
        worked="L'accompagnement",
        indicators=[{"label": "Comptes ouverts", "value": "2 sur 3"}],
    )
    return {"entry": entry.pk}


PUBLIC = ["/s/lab/", "/labs/lab/log/", "/labs/lab/evaluation/"]
FACILITATOR = [
    "/s/lab/",
    "/labs/lab/phase/",
    "/labs/lab/log/",
    "/labs/lab/log/new/",
    "/labs/log/{entry}/edit/",
    "/labs/log/{entry}/history/",
    "/labs/lab/evaluation/",
    "/labs/lab/evaluation/edit/",
]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_lab_pages_have_no_axe_violations(live_server, new_page, axe_source, life, language):
    base = live_server.url
    page = new_page(locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    check(page, base, PUBLIC, axe_source, life)

    page.goto(f"{base}/s/lab/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    current = page.locator('.phases [aria-current="step"]')
    assert current.count() == 1
    assert current.inner_text().strip()  # the phase is said in words, not only in colour
    body = page.locator("main").inner_text()
    assert "Samira" not in body  # a newcomer who did not opt in
    assert "Yonas Shown" in body  # one who did
    assert "Sophie (CCAS)" in body
    assert "Séance de travail 3" in body

    from accounts.models import User

    User.objects.filter(username="facil").update(interface_language=language)
    staff = new_page()
    log_in(staff, base, "facil")
    check(staff, base, FACILITATOR, axe_source, life)
    # A form sent back with errors is accessible too, and keeps what was typed.
    staff.goto(f"{base}/labs/lab/log/new/")
    staff.fill("textarea[name=tried]", "Gardé tel quel")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert staff.locator("textarea[name=tried]").input_value() == "Gardé tel quel"
    assert staff.locator(".errorlist").count() >= 1
    assert not violations(staff, axe_source), "log form with errors"
    staff.goto(f"{base}/labs/lab/phase/")
    staff.select_option("select[name=phase]", "sessions")
    staff.locator("form:has(select[name=phase]) button[type=submit]").click()
    staff.wait_for_load_state()
    assert staff.locator(".errorlist").count() >= 1  # going back needs a reason
    assert not violations(staff, axe_source), "phase form with errors"
