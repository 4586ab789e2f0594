"""Journey 2 of PRODUCT.md (live part): the facilitator runs the session, members' phones
follow without reloading."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]


def test_member_page_follows_the_facilitator_without_reload(
    asgi_live_server, new_page, meeting, members, facilitator
):
    base = asgi_live_server
    staff = new_page()
    log_in(staff, base, "facil")
    staff.goto(f"{base}/meetings/{meeting.pk}/live/")
    staff.locator("button[value=open]").click()  # a plain form post: the page reloads
    staff.wait_for_selector("#live[data-connected=true]")

    phone = new_page(locale="ar")
    log_in(phone, base, "amina")
    phone.goto(f"{base}/meetings/{meeting.pk}/live/")
    phone.wait_for_selector("#live[data-connected=true]")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert phone.locator("#live-current-item").inner_text() == "Welcome"
    phone.evaluate("window.__notReloaded = true")

    staff.locator("#next-item").click()
    expect(phone.locator("#live-current-item")).to_have_text("Housing booklet")
    assert phone.evaluate("window.__notReloaded") is True
    assert "Amina" in staff.locator("#live-present").inner_text()

    phone.locator("button[value=raise_hand]").click()
    expect(staff.locator("#live-queue")).to_contain_text("Amina")
    staff.locator("button[value=give_floor]").click()
    expect(phone.locator("#live-speaking bdi")).to_have_text("Amina")
    assert phone.evaluate("window.__notReloaded") is True

    # Without the socket (a reload), the page shows the same state.
    phone.reload()
    assert phone.locator("#live-current-item").inner_text() == "Housing booklet"
    assert phone.locator("#live-speaking").inner_text() == "Amina"


def test_live_page_works_without_javascript(
    asgi_live_server, browser, meeting, members, facilitator
):
    from tests.browser.conftest import PHONE

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    from meetings.services import live_open

    live_open(actor=facilitator, meeting=meeting)
    log_in(page, asgi_live_server, "amina")
    page.goto(f"{asgi_live_server}/meetings/{meeting.pk}/live/")
    page.locator("button[value=raise_hand]").click()
    page.wait_for_load_state()
    assert "Amina" in page.locator("#live-queue").inner_text()
    context.close()


def test_a_vote_during_the_session(asgi_live_server, new_page, meeting, members, facilitator):
    """Journey 2, the vote: it appears on the phones without reload; members vote; at close
    everyone sees the result."""
    from votes import services as voting

    base = asgi_live_server
    voting_phones = []
    for username in [m.user.username for m in members[:3]]:
        phone = new_page()
        log_in(phone, base, username)
        phone.goto(f"{base}/meetings/{meeting.pk}/live/")
        phone.wait_for_selector("#live[data-connected=true]")
        voting_phones.append(phone)
    vote = voting.vote_create(
        actor=facilitator,
        space=meeting.space,
        title="Adopt the booklet?",
        method="for_against",
        meeting=meeting,
    )
    voting.vote_open(actor=facilitator, vote=vote)
    for phone in voting_phones:
        phone.wait_for_selector(f"#live-votes li[data-vote='{vote.pk}'] a")
        phone.locator(f"#live-votes li[data-vote='{vote.pk}'] a").click()
        phone.check("input[name=choice][value=for]")
        phone.locator("form[action$='/cast/'] button[type=submit]").click()
        phone.wait_for_load_state()
    staff = new_page()
    log_in(staff, base, "facil")
    staff.goto(f"{base}/votes/{vote.pk}/")
    staff.locator("button[value=close]").click()
    staff.wait_for_selector("#result-title")
    phone = voting_phones[0]
    phone.reload()
    assert phone.locator("#result-title").count() == 1
    assert phone.locator("#result-title ~ .lead .badge.ok").count() == 1  # "Adopted"
    vote.refresh_from_db()
    assert vote.result["passed"] is True and vote.result["tally"]["for"] == 3
