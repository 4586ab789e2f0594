"""Journey 4 of PRODUCT.md: an official answers.

The recommendation reaches the official responsible, with a deadline; reminders follow;
the official answers with reasons and commitments; the public tracking page shows the
answer, its delay, and later the implementation status. Plus axe-core on these pages.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Notification
from recommendations.models import Recommendation
from recommendations.services import reminders_send
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import check
from tests.factories import UserFactory
from tests.proposals.conftest import adopt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def adopted(agora, members, facilitator):
    return adopt(
        space=agora,
        author=members[0].user,
        facilitator=facilitator,
        voters=[m.user for m in members[:3]],
    )


@pytest.fixture
def official():
    return UserFactory(username="odile", display_name="Odile Martin", role="official")


def test_an_official_answers_and_the_public_follows(
    live_server, new_page, adopted, official, members, eager_celery
):
    # The live server runs in this process: eager Celery sends the queued notices there
    # (a real worker is covered by tests/meetings/test_celery_worker.py).
    base = live_server.url

    # The facilitator sends the adopted proposal to Odile, with the default deadline.
    staff = new_page()
    log_in(staff, base, "facil")
    staff.goto(f"{base}/proposals/{adopted.pk}/")
    staff.locator("a[href$='/recommend/']").click()
    expected = (timezone.localdate() + timedelta(days=60)).isoformat()
    assert staff.locator("input[name=deadline]").input_value() == expected
    staff.select_option("select[name=addressee]", str(official.pk))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url("**/recommendations/*/")
    rec = Recommendation.objects.get(proposal=adopted)
    assert rec.deadline.isoformat() == expected

    # Reminders follow as the deadline nears (the beat task, run for a later day).
    assert reminders_send(today=rec.deadline - timedelta(days=10)) == 1
    assert Notification.objects.filter(user=official, url__endswith=f"/{rec.pk}/").count() >= 1

    # Odile finds it in her inbox and answers: partly accepted, with reasons.
    desk = new_page()
    log_in(desk, base, "odile")
    desk.goto(f"{base}/recommendations/inbox/")
    desk.locator(f"a[href$='/recommendations/{rec.pk}/answer/']").click()
    assert adopted.text in desk.locator("main").inner_text()  # what was adopted, and how
    desk.check("input[name=answer][value=partly]")
    desk.locator("main form button[type=submit]").click()  # reasons missing
    assert desk.locator(".errorlist").count() >= 1
    assert desk.locator("input[name=answer][value=partly]").is_checked()  # kept
    desk.fill("textarea[name=reasons]", "Mondays from January; Thursdays need a room.")
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(f"**/recommendations/{rec.pk}/")
    # ...and commits: who does what, by when.
    desk.fill("input[name=text]", "Open the Monday desk")
    desk.fill("input[name=owner]", "Housing department")
    desk.fill("input[name=due_on]", (timezone.localdate() + timedelta(days=45)).isoformat())
    desk.locator("form[action$='/commitments/'] button[type=submit]").click()
    desk.wait_for_url(f"**/recommendations/{rec.pk}/")
    assert "Open the Monday desk" in desk.locator("main").inner_text()

    # The author (Amina) was told, in her language.
    amina = members[0].user
    assert Notification.objects.filter(user=amina, url__endswith=f"/{rec.pk}/").exists()

    # The public, without an account, sees the answer and its delay on the tracking page.
    public = new_page()
    public.goto(f"{base}/recommendations/")
    card = public.locator("li.card", has_text=rec.title)
    assert "answered in 0 days" in card.inner_text()
    card.locator("a").first.click()
    text = public.locator("main").inner_text()
    assert "Mondays from January" in text and "Open the Monday desk" in text
    assert amina.display_name not in text  # she did not choose to show her name

    # Later: progress is reported, and the public page shows it.
    desk.check("input[name=status][value=done]")
    desk.fill("textarea[name=note]", "The desk opened on 5 January.")
    desk.locator("form[action$='/updates/'] button[type=submit]").click()
    desk.wait_for_url(f"**/recommendations/{rec.pk}/")
    public.reload()
    assert "The desk opened on 5 January." in public.locator("main").inner_text()
    public.goto(f"{base}/recommendations/?status=done")
    assert public.locator("li.card", has_text=rec.title).count() == 1


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_recommendation_pages_have_no_axe_violations(
    live_server, new_page, axe_source, adopted, official, facilitator, language
):
    from recommendations import services as rs

    awaiting = rs.recommendation_issue(actor=facilitator, proposal=adopted, addressee=official)
    Recommendation.objects.filter(pk=awaiting.pk).update(
        deadline=timezone.localdate() - timedelta(days=3)
    )  # overdue: the highlighted state
    base = live_server.url
    page = new_page(locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    paths = ["/recommendations/", f"/recommendations/{awaiting.pk}/"]
    check(page, base, paths, axe_source)
    official.interface_language = language
    official.save()
    desk = new_page()
    log_in(desk, base, "odile")
    check(
        desk,
        base,
        ["/recommendations/inbox/", f"/recommendations/{awaiting.pk}/answer/"],
        axe_source,
    )
    rs.recommendation_answer(
        actor=official, recommendation=awaiting, answer="accepted", reasons="Yes."
    )
    check(desk, base, [f"/recommendations/{awaiting.pk}/"], axe_source)  # with the forms
