"""Recommendations to officials: issuing, answering, commitments, progress, reminders,
notices and the public tracking page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.exceptions import DomainError
from core.models import AuditEntry, Notification
from recommendations import services
from recommendations.models import (
    Commitment,
    Department,
    ImplementationUpdate,
    Recommendation,
    RecommendationNotice,
)
from tests.factories import UserFactory
from tests.proposals.conftest import adopt

pytestmark = pytest.mark.django_db


def issue(adopted, facilitator, official, **kw):
    return services.recommendation_issue(
        actor=facilitator, proposal=adopted, addressee=official, **kw
    )


# --- Issuing ---------------------------------------------------------------------------


def test_issue_copies_the_adopted_text_and_defaults_to_60_days(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    assert (rec.title, rec.text, rec.space_id) == (adopted.title, adopted.text, adopted.space_id)
    assert rec.theme.slug == "housing"
    assert rec.deadline == timezone.localdate() + timedelta(days=60)
    assert AuditEntry.objects.filter(action="recommendation.issue").count() == 1


def test_deadline_default_follows_the_territory_setting(adopted, facilitator, official, settings):
    settings.RECOMMENDATION_ANSWER_DAYS = 30
    rec = issue(adopted, facilitator, official)
    assert rec.deadline == timezone.localdate() + timedelta(days=30)


def test_issue_rules(adopted, facilitator, official, members, agora):
    with pytest.raises(DomainError):  # a member is not a facilitator
        issue(adopted, members[1].user, official)
    with pytest.raises(DomainError):  # an addressee must be an official
        issue(adopted, facilitator, members[1].user)
    with pytest.raises(DomainError):  # one addressee, not none
        services.recommendation_issue(actor=facilitator, proposal=adopted)
    department = Department.objects.create(name="Housing")
    department.officials.add(official)
    with pytest.raises(DomainError):  # not both
        issue(adopted, facilitator, official, department=department)
    with pytest.raises(DomainError):  # a deadline in the past
        issue(adopted, facilitator, official, deadline=timezone.localdate())
    issue(adopted, facilitator, official)
    with pytest.raises(DomainError):  # once per proposal
        issue(adopted, facilitator, official)


def test_only_adopted_proposals(agora, members, facilitator, official):
    from proposals import services as ps

    draft = ps.proposal_create(actor=members[0].user, space=agora, title="T", text="X")
    with pytest.raises(DomainError):
        issue(draft, facilitator, official)


def test_department_needs_an_official(adopted, facilitator):
    empty = Department.objects.create(name="Nobody home")
    with pytest.raises(DomainError):
        services.recommendation_issue(actor=facilitator, proposal=adopted, department=empty)


def test_database_refuses_two_addressees_or_half_an_answer(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    department = Department.objects.create(name="Housing")
    with pytest.raises(IntegrityError):
        Recommendation.objects.filter(pk=rec.pk).update(department=department)


def test_database_refuses_an_answer_without_its_date(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    with pytest.raises(IntegrityError):
        Recommendation.objects.filter(pk=rec.pk).update(answer="accepted")


def test_the_official_is_told_in_their_language(
    adopted, facilitator, official, django_capture_on_commit_callbacks, eager_celery
):
    official.interface_language = "ar"
    official.save()
    with django_capture_on_commit_callbacks(execute=True):
        issue(adopted, facilitator, official)
    note = Notification.objects.get(user=official)
    assert "توصية" in note.subject  # "recommendation" in Arabic
    assert [m.to for m in mail.outbox] == [["odile@example.org"]]


# --- Answering -------------------------------------------------------------------------


def test_only_the_addressee_answers_once_with_reasons(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    other = UserFactory(role="official")
    with pytest.raises(DomainError):
        services.recommendation_answer(
            actor=other, recommendation=rec, answer="accepted", reasons="R"
        )
    with pytest.raises(DomainError):
        services.recommendation_answer(
            actor=official, recommendation=rec, answer="accepted", reasons=" "
        )
    with pytest.raises(DomainError):
        services.recommendation_answer(
            actor=official, recommendation=rec, answer="maybe", reasons="R"
        )
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="partly", reasons="Mondays only."
    )
    rec.refresh_from_db()
    assert (rec.answer, rec.reasons, rec.answered_by, rec.implementation) == (
        "partly",
        "Mondays only.",
        official,
        "planned",
    )
    with pytest.raises(DomainError):
        services.recommendation_answer(
            actor=official, recommendation=rec, answer="declined", reasons="No"
        )


def test_any_official_of_the_department_answers(adopted, facilitator, official):
    department = Department.objects.create(name="Housing")
    colleague = UserFactory(role="official")
    department.officials.add(official, colleague)
    rec = services.recommendation_issue(actor=facilitator, proposal=adopted, department=department)
    services.recommendation_answer(
        actor=colleague, recommendation=rec, answer="accepted", reasons="Yes."
    )
    assert Recommendation.objects.get(pk=rec.pk).answered_by == colleague


def test_authors_and_voters_are_told_of_the_answer_in_their_language(
    adopted, facilitator, official, members, django_capture_on_commit_callbacks, eager_celery
):
    rec = issue(adopted, facilitator, official)
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_answer(
            actor=official, recommendation=rec, answer="accepted", reasons="Yes."
        )
    told = set(
        Notification.objects.filter(
            url=reverse("recommendations:recommendation-detail", args=[rec.pk])
        )
        .exclude(user=official)
        .values_list("user__username", flat=True)
    )
    # members[0] wrote it; members[0..2] voted; members[3] did not take part.
    assert told == {m.user.username for m in members[:3]}
    amina = Notification.objects.get(user=members[0].user, subject__contains=rec.title)
    assert "مقبولة" in amina.subject or "قُبلت" in amina.subject or "قبول" in amina.subject
    # Run again (a retried task): nobody is told twice.
    services.notify_answered(recommendation=rec)
    assert Notification.objects.filter(user=members[1].user, url__contains=str(rec.pk)).count() == 1


def test_secret_vote_participants_are_told_without_revealing_how_they_voted(
    agora, members, facilitator, official, django_capture_on_commit_callbacks, eager_celery
):
    from proposals import services as ps
    from votes import services as voting

    proposal = ps.proposal_create(actor=members[0].user, space=agora, title="Secret", text="X")
    ps.proposal_submit(actor=members[0].user, proposal=proposal)
    vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator,
            space=agora,
            title="Secret",
            method="for_against",
            proposal=proposal,
            secret=True,
            deadline=timezone.now() + timedelta(days=1),
        ),
    )
    for m, choice in zip(members, ["for", "for", "for", "against"], strict=True):
        voting.vote_cast(actor=m.user, vote=vote, content={"choice": choice})
    voting.vote_close(actor=facilitator, vote=vote)
    proposal.refresh_from_db()
    rec = issue(proposal, facilitator, official)
    recipients = {u.pk for u in services.answer_recipients(rec)}
    assert recipients == {m.user.pk for m in members}  # everyone who voted, for or against


# --- Commitments and progress ----------------------------------------------------------


def test_commitments_and_updates_after_the_answer(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    due = timezone.localdate() + timedelta(days=90)
    with pytest.raises(DomainError):  # not before the answer
        services.commitment_add(
            actor=official, recommendation=rec, text="Desk", owner="Housing", due_on=due
        )
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="accepted", reasons="Y"
    )
    with pytest.raises(DomainError):
        services.commitment_add(actor=official, recommendation=rec, text=" ", owner="H", due_on=due)
    with pytest.raises(DomainError):
        services.commitment_add(
            actor=official,
            recommendation=rec,
            text="Desk",
            owner="H",
            due_on=timezone.localdate() - timedelta(days=1),
        )
    commitment = services.commitment_add(
        actor=official, recommendation=rec, text="Open the desk", owner="Housing dept.", due_on=due
    )
    services.implementation_update_add(
        actor=official,
        recommendation=rec,
        status="in_progress",
        note="Room found.",
        commitment=commitment,
    )
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    with pytest.raises(DomainError):  # abandoning needs a reason
        services.implementation_update_add(actor=official, recommendation=rec, status="abandoned")
    services.implementation_update_add(
        actor=official, recommendation=rec, status="done", note="Open."
    )
    rec.refresh_from_db()
    assert rec.implementation == "done"
    assert [u.status for u in ImplementationUpdate.objects.filter(recommendation=rec)] == [
        "in_progress",
        "done",
    ]


def test_a_declined_recommendation_has_nothing_to_implement(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="declined", reasons="Budget."
    )
    rec.refresh_from_db()
    assert rec.implementation == ""
    with pytest.raises(DomainError):
        services.implementation_update_add(actor=official, recommendation=rec, status="planned")


def test_database_refuses_abandoning_without_reason(adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    with pytest.raises(IntegrityError):
        ImplementationUpdate.objects.create(recommendation=rec, status="abandoned", note="")


def test_a_commitment_of_another_recommendation_is_refused(
    agora, members, facilitator, official, adopted
):
    rec = issue(adopted, facilitator, official)
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="accepted", reasons="Y"
    )
    second = adopt(
        space=agora,
        author=members[1].user,
        facilitator=facilitator,
        voters=[m.user for m in members[:3]],
        title="Second",
    )
    rec2 = issue(second, facilitator, official)
    services.recommendation_answer(
        actor=official, recommendation=rec2, answer="accepted", reasons="Y"
    )
    foreign = Commitment.objects.create(
        recommendation=rec2, text="X", owner="Y", due_on=timezone.localdate()
    )
    with pytest.raises(DomainError):
        services.implementation_update_add(
            actor=official, recommendation=rec, status="done", commitment=foreign
        )


# --- Reminders -------------------------------------------------------------------------


def test_reminders_before_the_deadline_and_notice_when_it_passes(adopted, facilitator, official):
    today = timezone.localdate()
    rec = issue(adopted, facilitator, official, deadline=today + timedelta(days=20))
    assert services.reminders_send(today=today) == 0  # more than two weeks left
    assert services.reminders_send(today=today + timedelta(days=7)) == 1  # 13 days left
    assert services.reminders_send(today=today + timedelta(days=8)) == 0  # once only
    assert services.reminders_send(today=today + timedelta(days=18)) == 1  # 2 days left
    assert services.reminders_send(today=today + timedelta(days=21)) == 2  # official + facilitator
    assert services.reminders_send(today=today + timedelta(days=30)) == 0
    kinds = sorted(
        RecommendationNotice.objects.filter(recommendation=rec).values_list(
            "kind", "user__username"
        )
    )
    assert kinds == [
        ("last_days", "odile"),
        ("overdue", facilitator.username),
        ("overdue", "odile"),
        ("soon", "odile"),
    ]


def test_no_reminder_once_answered(adopted, facilitator, official):
    today = timezone.localdate()
    rec = issue(adopted, facilitator, official, deadline=today + timedelta(days=2))
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="accepted", reasons="Y"
    )
    assert services.reminders_send(today=today + timedelta(days=5)) == 0


def test_the_beat_task_is_scheduled_and_runs(
    settings, adopted, facilitator, official, eager_celery
):
    from recommendations.tasks import send_recommendation_reminders

    entry = settings.CELERY_BEAT_SCHEDULE["recommendation-reminders"]
    assert entry["task"] == "recommendations.tasks.send_recommendation_reminders"
    issue(adopted, facilitator, official, deadline=timezone.localdate() + timedelta(days=1))
    assert send_recommendation_reminders.delay().get() == 1
    assert send_recommendation_reminders.delay().get() == 0


# --- Pages -----------------------------------------------------------------------------


def test_public_page_shows_status_delay_and_hides_newcomer_names(
    client, adopted, facilitator, official, members
):
    rec = issue(adopted, facilitator, official)
    amina = members[0].user
    response = client.get(reverse("recommendations:recommendation-detail", args=[rec.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert rec.title in html and "Odile (Housing)" in html
    assert amina.display_name not in html
    amina.show_name_publicly = True
    amina.save()
    html = client.get(
        reverse("recommendations:recommendation-detail", args=[rec.pk])
    ).content.decode()
    assert amina.display_name in html


def test_list_filters_overdue_highlight_and_members_only_spaces(
    client, adopted, facilitator, official, lab, members
):
    rec = issue(adopted, facilitator, official)
    Recommendation.objects.filter(pk=rec.pk).update(
        issued_at=timezone.now() - timedelta(days=70),
        deadline=timezone.localdate() - timedelta(days=10),
    )
    url = reverse("recommendations:recommendation-list")
    html = client.get(url).content.decode()
    assert "overdue" in html and rec.title in html
    assert rec.title in client.get(url, {"status": "overdue"}).content.decode()
    assert rec.title not in client.get(url, {"status": "accepted"}).content.decode()
    assert rec.title in client.get(url, {"theme": "housing"}).content.decode()
    assert rec.title not in client.get(url, {"theme": "health"}).content.decode()
    assert rec.title not in client.get(url, {"space": "lab"}).content.decode()
    # nonsense filters and pages never fail
    assert client.get(url, {"status": "<script>", "page": "x"}).status_code == 200
    assert client.get(url, {"page": "9999"}).status_code == 200
    # a members-only space's recommendations stay off the public page
    rec.space.visibility = "members"
    rec.space.save()
    assert rec.title not in client.get(url).content.decode()
    detail = reverse("recommendations:recommendation-detail", args=[rec.pk])
    assert client.get(detail).status_code == 404  # hidden: answers as if it did not exist


def test_atom_feed_of_answers(client, adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    feed = client.get(reverse("recommendations:recommendation-feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert rec.title not in feed.content.decode()  # not answered yet
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="accepted", reasons="A desk on Mondays."
    )
    import xml.etree.ElementTree as ET

    root = ET.fromstring(client.get(reverse("recommendations:recommendation-feed")).content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert rec.title in entries[0].find("a:title", ns).text
    assert "A desk on Mondays." in entries[0].find("a:summary", ns).text


def test_answer_form_keeps_what_was_typed(client, adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    client.force_login(official)
    url = reverse("recommendations:recommendation-answer", args=[rec.pk])
    response = client.post(url, {"answer": "", "reasons": "Long considered text"})
    assert response.status_code == 200
    assert "Long considered text" in response.content.decode()
    response = client.post(url, {"answer": "accepted", "reasons": "Long considered text"})
    assert response.status_code == 302
    assert client.get(url).status_code == 302  # answered: back to the page


def test_update_form_errors_keep_the_note(client, adopted, facilitator, official):
    rec = issue(adopted, facilitator, official)
    services.recommendation_answer(
        actor=official, recommendation=rec, answer="accepted", reasons="Y"
    )
    client.force_login(official)
    response = client.post(
        reverse("recommendations:recommendation-update", args=[rec.pk]),
        {"status": "abandoned", "note": ""},
    )
    assert response.status_code == 400
    with translation.override("fr"):  # the site's default language
        message = escape(gettext("Say why it was abandoned: the reason is published."))
    assert message in response.content.decode()
    response = client.post(
        reverse("recommendations:recommendation-commitment", args=[rec.pk]),
        {"text": "Open the desk", "owner": "", "due_on": "not a date"},
    )
    assert response.status_code == 400
    assert "Open the desk" in response.content.decode()


def test_issue_page_and_inbox(client, adopted, facilitator, official):
    client.force_login(facilitator)
    url = reverse("recommendations:recommendation-issue", args=[adopted.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"addressee": official.pk, "deadline": "2000-01-01"})
    assert response.status_code == 200  # past deadline refused, form kept
    deadline = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = client.post(url, {"addressee": official.pk, "deadline": deadline})
    rec = Recommendation.objects.get(proposal=adopted)
    assert response.url == reverse("recommendations:recommendation-detail", args=[rec.pk])
    client.force_login(official)
    inbox = client.get(reverse("recommendations:recommendation-inbox")).content.decode()
    assert rec.title in inbox


def test_public_list_query_count_is_constant(client, agora, members, facilitator, official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("recommendations:recommendation-list")).status_code == 200
        return len(ctx.captured_queries)

    voters = [m.user for m in members[:3]]
    issue(
        adopt(
            space=agora, author=members[0].user, facilitator=facilitator, voters=voters, title="P0"
        ),
        facilitator,
        official,
    )
    few = count()
    for i in range(1, 8):
        p = adopt(
            space=agora,
            author=members[0].user,
            facilitator=facilitator,
            voters=voters,
            title=f"P{i}",
        )
        issue(p, facilitator, official)
    assert count() == few
