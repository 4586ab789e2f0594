"""The Content-Security-Policy blocks nothing the platform itself needs: the main pages of
the journeys, walked in Chromium on the full ASGI stack (websockets included), raise no
`securitypolicyviolation` event and no CSP console error. A control shows the listener
does catch an inline script and an inline style."""

import json

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile,
  line: e.lineNumber, sample: e.sample,
}));
"""


class Watch:
    """One page with the violation listener and the console's CSP errors."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTENER)
        page.on(
            "console",
            lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None,
        )
        self.found = {}

    def visit(self, url: str, ready: str | None = None):
        response = self.page.goto(url)
        assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
        self.settle(url, ready)

    def settle(self, label: str, ready: str | None = None):
        self.page.wait_for_load_state("load")
        if ready:
            self.page.wait_for_selector(ready)
        self.page.wait_for_timeout(150)  # violation events are dispatched asynchronously
        seen = self.page.evaluate("window.__csp")
        if seen or self.console:
            self.found[label] = {"events": seen, "console": list(self.console)}
        self.console.clear()


@pytest.fixture
def world(facilitator, agora, lab, meeting, members):
    from datetime import timedelta

    from django.utils import timezone

    from booklets import services as bs
    from booklets.models import Approval
    from meetings.services import live_open
    from proposals import services as ps
    from votes import services as voting

    proposal = ps.proposal_create(actor=members[0].user, space=agora, title="Desk", text="Open")
    ps.proposal_submit(actor=members[0].user, proposal=proposal)
    vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator,
            space=agora,
            title="Open a desk?",
            deadline=timezone.now() + timedelta(days=1),
            method="for_against",
            proposal=proposal,
        ),
    )
    live_open(actor=facilitator, meeting=meeting)
    booklet = bs.booklet_create(
        actor=facilitator,
        space=agora,
        title="Bienvenue",
        sections=[("housing", "Se loger")],
        target_languages=[],
        approval=Approval.FACILITATOR,
    )
    section = booklet.sections.get()
    bs.section_save(
        actor=facilitator,
        section=section,
        language="fr",
        title="Se loger",
        body="Le 115 répond jour et nuit.\n\n:::tip\nC'est gratuit.\n:::",
        base_number=1,
    )
    edition = bs.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    bs.edition_approve(actor=facilitator, edition=edition)
    bs.edition_publish(actor=facilitator, edition=edition)
    return {"p": proposal.pk, "v": vote.pk, "m": meeting.pk, "s": section.pk, "b": booklet}


def test_the_journeys_pages_raise_no_csp_violation(asgi_live_server, new_page, world):
    base = asgi_live_server
    code = world["b"].short_code

    visitor = Watch(new_page())
    for path in [
        "/",
        "/s/agora/",
        "/s/lab/",
        "/recommendations/",
        "/accounts/login/",
        f"/b/{code}/",
        f"/b/{code}/fr/",
        "/invite/not-a-token/",
    ]:
        visitor.visit(base + path)

    member = Watch(new_page(locale="ar"))
    log_in(member.page, base, "amina")
    member.settle("login")
    member.visit(f"{base}/s/agora/")
    member.visit(f"{base}/proposals/{world['p']}/")
    member.visit(f"{base}/votes/{world['v']}/")
    member.page.locator("form[action$='/cast/'] input[type=radio]").first.check()
    member.page.locator("form[action$='/cast/'] button[type=submit]").first.click()
    member.settle("vote cast")
    member.visit(f"{base}/meetings/{world['m']}/")
    member.visit(f"{base}/meetings/{world['m']}/live/", ready="#live[data-connected=true]")
    member.page.locator("button[value=raise_hand]").click()  # over the websocket
    member.settle("live: raise hand", ready="#live[data-connected=true]")
    member.visit(f"{base}/me/")

    staff = Watch(new_page())
    log_in(staff.page, base, "facil")
    staff.settle("login")
    for path in [
        "/s/agora/booklets/",
        f"/booklets/{world['b'].pk}/",
        f"/booklets/sections/{world['s']}/fr/",
        "/s/agora/seats/",
        "/labs/lab/log/",
        "/labs/lab/evaluation/",
        "/labs/lab/calls/",
        "/labs/lab/phase/",
        f"/meetings/{world['m']}/live/",
    ]:
        staff.visit(base + path)
    # Picking a language changes nothing by itself (WCAG 3.2.2: no change of context on
    # input); the "Change" button sends it.
    staff.page.locator("select[name=language]").select_option("ar")
    staff.page.wait_for_timeout(300)
    assert staff.page.locator("html").get_attribute("lang") != "ar"
    with staff.page.expect_navigation():
        staff.page.locator(".language-switcher button[type=submit]").click()
    assert staff.page.locator("html").get_attribute("lang") == "ar"
    staff.settle("language switch")

    found = {**visitor.found, **member.found, **staff.found}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_listener_catches_an_inline_script_and_an_inline_style(asgi_live_server, new_page):
    """Control: what the policy forbids is reported, so silence above means something."""
    watch = Watch(new_page())
    watch.visit(asgi_live_server + "/")
    ran = watch.page.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.__ran = true';
            document.body.append(s);
            document.body.setAttribute('style', 'color: red');
            return window.__ran === true;
        }"""
    )
    watch.settle("control")
    assert ran is False
    directives = {event["directive"] for event in watch.found["control"]["events"]}
    assert {"script-src-elem", "style-src-attr"} <= directives, watch.found
