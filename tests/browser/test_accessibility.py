"""axe-core finds no violation on the main pages, in French and in Arabic, on a phone."""

import json

import pytest

from accounts.services import invitation_create
from tests.browser.conftest import log_in
from tests.conftest import first_free_seat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/s/agora/",
    "/s/lab/",
    "/accounts/login/",
    "/invite/not-a-token/",
    "/s/agora/meetings/",
    "/meetings/{m}/",
]
MEMBER_PAGES = ["/", "/s/agora/", "/me/"]
FACILITATOR_PAGES = [
    "/s/agora/seats/",
    "/s/lab/seats/",
    "/agora/new/",
    "/labs/new/",
    "/labs/lab/edit/",
]


def violations(page, axe_source: str) -> list[dict]:
    # Evaluated by the browser's devtools protocol: an inline <script> tag would be (rightly)
    # blocked by the Content-Security-Policy.
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def check(page, base, paths, axe_source, ids=None):
    found = {}
    for path in paths:
        page.goto(base + path.format(**(ids or {})))
        if v := violations(page, axe_source):
            found[path] = v
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.fixture
def world(facilitator, agora, lab, meeting, members):
    from meetings.services import minutes_save, rsvp_set

    rsvp_set(user=members[1].user, meeting=meeting, answer="yes", interpretation_language="ti")
    minutes_save(actor=facilitator, meeting=meeting, text="Compte rendu", base_number=0)
    _inv, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
    from datetime import timedelta

    from django.utils import timezone

    from proposals import services as ps
    from votes import services as voting

    proposal = ps.proposal_create(actor=members[0].user, space=agora, title="Desk", text="Open")
    ps.proposal_submit(actor=members[0].user, proposal=proposal)
    deadline = timezone.now() + timedelta(days=1)

    def opened(**kw):
        return voting.vote_open(
            actor=facilitator,
            vote=voting.vote_create(
                actor=facilitator, space=agora, title="Q?", deadline=deadline, **kw
            ),
        )

    vote = opened(method="for_against", proposal=proposal)
    judgment = opened(method="judgment", options=["Monday", "Thursday"])
    closed = opened(method="ranked", options=["A", "B", "C"])
    for m, ranking in zip(members, [["1"], ["2", "1"], ["3", "2"], ["2"]], strict=True):
        voting.vote_cast(actor=m.user, vote=closed, content={"ranking": ranking})
    voting.vote_close(actor=facilitator, vote=closed)
    return token, {
        "m": meeting.pk,
        "p": proposal.pk,
        "v": vote.pk,
        "j": judgment.pk,
        "c": closed.pk,
    }


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_axe_violations(live_server, new_page, axe_source, world, meeting, language):
    base = live_server.url
    page = new_page(locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    token, ids = world
    check(page, base, PUBLIC_PAGES + [f"/invite/{token}/"], axe_source, ids)
    # The sign-up page, opened through the invitation.
    page.goto(f"{base}/invite/{token}/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/signup/")
    assert not violations(page, axe_source)
    # A member, then a facilitator (their interface language set to the one under test).
    from accounts.models import User

    User.objects.filter(username__in=["amina", "facil"]).update(interface_language=language)
    member = new_page()
    log_in(member, base, "amina")
    assert member.locator("html").get_attribute("lang") == language
    check(member, base, MEMBER_PAGES, axe_source, ids)
    staff = new_page()
    log_in(staff, base, "facil")
    check(staff, base, FACILITATOR_PAGES, axe_source, ids)
    staff.goto(f"{base}/s/agora/seats/")
    staff.locator("form[action$='/invite/'] button[type=submit]").first.click()
    assert not violations(staff, axe_source), "invitation link page"


def test_the_check_catches_a_real_violation(live_server, new_page, axe_source, db):
    """Control: the same check reports an image without text and an unlabelled field."""
    page = new_page()
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const m = document.querySelector('main');"
        " m.insertAdjacentHTML('beforeend', '<img src=\"data:,\"><input type=\"text\">'); }"
    )
    ids = {v["id"] for v in violations(page, axe_source)}
    assert {"image-alt", "label"} <= ids
