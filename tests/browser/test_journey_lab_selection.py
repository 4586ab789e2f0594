"""Journey 3 of PRODUCT.md, the selection: a facilitator opens a call for the newcomers'
college, volunteers apply on their phones (no account), the facilitator sets quotas, the
lottery is computed (hash published first), a public random value is recorded, the panel is
drawn, a volunteer checks their chance with their receipt code, one selected person drops
out and is replaced by the declared rule, the public verification page shows it all, then
the facilitator goes on to the lab's sessions. Plus axe-core on the public pages (fr, ar).
"""

import hashlib
from datetime import timedelta
from urllib.request import urlopen

import pytest
from django.utils import timezone

from calls.models import Call, CallVolunteer, Lottery, LotteryStatus, Replacement
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations
from tests.calls.call_helpers import (
    apply_many,
    let_time_pass,
    open_call,
    record_value,
    set_phase,
    start_data,
    start_lottery,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PHONE_VOLUNTEERS = [
    ("Samir", "samir@example.org", "man", "Arabic"),
    ("Hawa", "+33 6 12 34 56 78", "woman", "Dari"),
]


def apply_on_phone(page, url, name, contact, gender, language):
    page.goto(url)
    page.fill("input[name=name]", name)
    page.fill("input[name=contact]", contact)
    page.check(f"input[name=q_gender][value='{gender}']")
    page.check(f"input[name='q_language-group'][value='{language}']")
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("#receipt-code").inner_text().strip()


def test_call_volunteers_quotas_draw_replacement_sessions(
    live_server, new_page, facilitator, lab, eager_celery
):
    base = live_server.url
    facilitator.interface_language = "en"
    facilitator.save(update_fields=["interface_language"])

    # The facilitator opens a call for 4 seats of the newcomers' college.
    staff = new_page()
    log_in(staff, base, "facil")
    staff.goto(f"{base}/s/{lab.slug}/")
    staff.get_by_role("link", name="Calls for volunteers").click()
    staff.get_by_role("link", name="Open a call").click()
    staff.select_option("select[name=college]", "newcomers")
    staff.fill("input[name=title]", "Newcomers for the bank-account lab")
    staff.fill("input[name=seats]", "4")
    deadline = (timezone.localdate() + timedelta(days=7)).isoformat()
    staff.fill("input[name=deadline_date]", deadline)
    staff.fill(
        "textarea[name=questions]", "Gender: woman; man\nLanguage group: Arabic; Dari; French"
    )
    staff.check("input[name=replacement_rule][value=lottery]")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url("**/labs/calls/*/")
    call = Call.objects.get()
    apply_url = staff.locator(".copy-link").first.inner_text().strip()
    assert apply_url.endswith(f"/labs/calls/{call.pk}/apply/")
    assert staff.locator(".qr svg").count() == 1

    # Volunteers apply on their phones, without an account; one forgets the consent first.
    phone = new_page()
    phone.goto(apply_url)
    phone.fill("input[name=contact]", "samir@example.org")
    phone.check("input[name=q_gender][value='man']")
    phone.check("input[name='q_language-group'][value='Arabic']")
    phone.locator("main form button[type=submit]").click()
    assert "Tick this box to apply" in phone.locator("main").inner_text()
    assert phone.locator("input[name=contact]").input_value() == "samir@example.org"
    codes = [apply_on_phone(phone, apply_url, *v) for v in PHONE_VOLUNTEERS]
    pseudonym = phone.locator("#pseudonym").inner_text().strip()
    assert CallVolunteer.objects.filter(call=call).count() == 2
    apply_many(call, 10)  # ten more, applied through the same service

    # Quotas: exactly two women and two men, at least one of each language group.
    staff.goto(f"{base}/labs/calls/{call.pk}/quotas/")
    for question, answer, low, high in [
        ("gender", "woman", 2, 2),
        ("gender", "man", 2, 2),
        ("language-group", "French", 1, 2),
        ("language-group", "Arabic", 1, 2),
        ("language-group", "Dari", 1, 2),
    ]:
        pk = call.questions.get(key=question).answers.get(label=answer).pk
        staff.fill(f"input[name=min_{pk}]", str(low))
        staff.fill(f"input[name=max_{pk}]", str(high))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert "These quotas can be met" in staff.locator("main").inner_text()

    # The call closes; the lab moves to its selection phase; the lottery is computed.
    staff.goto(f"{base}/labs/calls/{call.pk}/")
    staff.get_by_role("button", name="Close the call").click()
    set_phase(lab, "selection", facilitator)
    staff.reload()
    # The source of the random value is declared first, in the future.
    declared = start_data()
    staff.fill("input[name=random_source]", declared["random_source"])
    staff.fill("input[name=known_date]", declared["known_date"])
    staff.fill("input[name=known_time]", declared["known_time"])
    staff.get_by_role("button", name="Compute the lottery").click()
    staff.wait_for_load_state()
    lottery = Lottery.objects.get()
    assert lottery.status == LotteryStatus.PUBLISHED
    assert lottery.list_hash in staff.locator("main").inner_text()
    assert not lottery.random_value  # the hash is out before any random value

    # The declared time passes; the public random value is recorded, then the draw.
    let_time_pass(lottery)
    staff.reload()
    staff.fill("input[name=value]", "7-19-23-31-42")
    staff.get_by_role("button", name="Record the random value").click()
    staff.get_by_role("button", name="Draw the panel").click()
    staff.wait_for_load_state()
    lottery.refresh_from_db()
    assert lottery.status == LotteryStatus.DRAWN and len(lottery.panel) == 4

    # A volunteer checks their chance with their receipt code, on the phone.
    phone.goto(f"{base}/labs/calls/{call.pk}/my-probability/")
    phone.fill("input[name=code]", codes[1].lower())
    phone.locator("main form button[type=submit]").click()
    text = phone.locator("main").inner_text()
    assert pseudonym in text
    assert ("You are selected" in text) == (pseudonym in lottery.panel)

    # A selected person drops out: the replacement lottery gives their seat away.
    row = staff.locator("tr", has=staff.locator("button", has_text="Dropped out: replace"))
    dropped = row.first.locator("th").inner_text().strip()
    row.first.get_by_role("button", name="Dropped out: replace").click()
    staff.wait_for_load_state()
    replacement = Replacement.objects.get()
    assert replacement.dropout.pseudonym == dropped
    assert f"{dropped} dropped out" in staff.locator("main").inner_text()

    # The public verification page: hash, value, line, panel, replacement, commands.
    public = new_page()
    public.goto(f"{base}/labs/calls/{call.pk}/verify/")
    text = public.locator("main").inner_text()
    assert lottery.list_hash in text and "7-19-23-31-42" in text
    assert public.locator("#chosen-index").inner_text().strip() == str(lottery.index)
    assert f"{dropped} dropped out" in text
    assert "verify_panel_draw.py" in public.locator("#verify-commands").inner_text()
    assert "samir@example.org" not in text and "Samir" not in text
    with urlopen(f"{base}/labs/calls/{call.pk}/lottery/panels.txt") as response:  # noqa: S310
        assert hashlib.sha256(response.read()).hexdigest() == lottery.list_hash

    # On to the working sessions of the lab.
    staff.goto(f"{base}/s/{lab.slug}/meetings/")
    assert staff.locator("h1").count() == 1


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_public_selection_pages_have_no_axe_violations(
    live_server, new_page, axe_source, facilitator, lab, eager_celery, language
):
    from calls import services as cs

    base = live_server.url
    call = open_call(lab, facilitator)
    page = new_page(locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    found = {}
    page.goto(f"{base}/labs/calls/{call.pk}/apply/")
    assert page.locator("html").get_attribute("lang") == language
    found["form"] = violations(page, axe_source)
    page.locator("main form button[type=submit]").click()  # empty: the errors are shown
    found["form with errors"] = violations(page, axe_source)
    apply_on_phone(
        page, f"{base}/labs/calls/{call.pk}/apply/", "Hawa", "hawa@example.org", "woman", "Dari"
    )
    found["receipt"] = violations(page, axe_source)
    apply_many(call, 11)
    cs.call_close(actor=facilitator, call=call)
    set_phase(lab, "selection", facilitator)
    call.refresh_from_db()
    lottery = start_lottery(call, facilitator)
    lottery = cs.lottery_compute(lottery_id=lottery.pk)
    record_value(lottery, facilitator, "abc")
    cs.lottery_draw(actor=facilitator, lottery=lottery)
    page.goto(f"{base}/labs/calls/{call.pk}/verify/")
    found["verification"] = violations(page, axe_source)
    page.goto(f"{base}/labs/calls/{call.pk}/my-probability/")
    found["lookup"] = violations(page, axe_source)
    assert not any(found.values()), found
