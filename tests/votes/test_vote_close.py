import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.exceptions import DomainError
from core.services import membership_start
from counting import recount
from meetings import services as meeting_services
from proposals import services
from tests.conftest import first_free_seat
from tests.factories import UserFactory
from votes import services as voting

pytestmark = pytest.mark.django_db


def seat_panel(lab, facilitator, *, per_college: int) -> dict:
    """Seat `per_college` new people in each college of the lab: {college: [users]}."""
    return {
        college: [
            membership_start(
                actor=facilitator, seat=first_free_seat(lab, college), user=UserFactory()
            ).user
            for _ in range(per_college)
        ]
        for college in ("newcomers", "partners", "decision_makers")
    }


def make_vote(space, actor, **kw):
    kw.setdefault("method", "for_against")
    kw.setdefault("deadline", timezone.now() + timedelta(days=1))
    return voting.vote_open(
        actor=actor, vote=voting.vote_create(actor=actor, space=space, title="Q?", **kw)
    )


def test_adopted_proposal_and_recount(agora, members, facilitator, tmp_path):
    proposal = services.proposal_create(
        actor=members[0].user, space=agora, title="Desk", text="Open a desk."
    )
    services.proposal_submit(actor=members[0].user, proposal=proposal)
    vote = make_vote(agora, facilitator, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "in_vote"
    for member, choice in zip(members, ["for", "for", "against", "abstain"], strict=True):
        voting.vote_cast(actor=member.user, vote=vote, content={"choice": choice})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["passed"] is True and vote.result["valid"] is True
    proposal.refresh_from_db()
    assert proposal.status == "adopted"
    with pytest.raises(DomainError):  # closed: no more ballots
        voting.vote_cast(actor=members[3].user, vote=vote, content={"choice": "for"})
    data = voting.recount_data(vote=vote)
    assert "voter" not in json.dumps(data) and str(members[0].user.pk) not in json.dumps(
        data["ballots"]
    )
    assert recount(data).passed is True
    path = tmp_path / "ballots.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    call_command("recount", str(path), stdout=out)
    assert "passed: True" in out.getvalue()


def test_quorum_not_reached_is_indicative(agora, members, facilitator):
    vote = make_vote(agora, facilitator)
    voting.vote_cast(actor=members[0].user, vote=vote, content={"choice": "for"})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["valid"] is False


def test_tie_keeps_the_status_quo(agora, members, facilitator):
    vote = make_vote(agora, facilitator)
    for member, choice in zip(members, ["for", "for", "against", "against"], strict=True):
        voting.vote_cast(actor=member.user, vote=vote, content={"choice": choice})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["tied"] is True and vote.result["passed"] is False


def test_option_tie_is_broken_by_a_logged_lot(agora, members, facilitator):
    vote = make_vote(agora, facilitator, method="approval", options=["Monday", "Thursday"])
    for member, approved in zip(members, [["1"], ["2"], ["1", "2"], []], strict=True):
        voting.vote_cast(actor=member.user, vote=vote, content={"approved": approved})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["tied"] is True and set(vote.result["winners"]) == {"1", "2"}
    assert vote.result["lot"]["winner"] in ("1", "2") and len(vote.result["lot"]["seed"]) > 10
    from core.models import AuditEntry

    entry = AuditEntry.objects.get(action="vote.close")
    assert entry.data["tie_lot"] == vote.result["lot"]["winner"]


def test_majority_needed_in_each_college(lab, facilitator):
    people = seat_panel(lab, facilitator, per_college=4)
    vote = make_vote(lab, facilitator, require_each_college=True)
    choices = {
        "newcomers": ["against", "against", "against", "for"],
        "partners": ["for"] * 4,
        "decision_makers": ["for"] * 4,
    }
    for college, users in people.items():
        for user, choice in zip(users, choices[college], strict=True):
            voting.vote_cast(actor=user, vote=vote, content={"choice": choice})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["passed"] is False  # 9 for, 3 against overall, but not among newcomers
    assert [c["visible"] for c in vote.result["colleges"]] == [True, True, True]


def test_ranked_choice_round_by_round(agora, members, facilitator):
    vote = make_vote(agora, facilitator, method="ranked", options=["A", "B", "C"])
    rankings = [["1", "3"], ["2", "3"], ["3", "2"], ["2"]]
    for member, ranking in zip(members, rankings, strict=True):
        voting.vote_cast(actor=member.user, vote=vote, content={"ranking": ranking})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["winners"] == ["2"]
    assert len(vote.result["round_rows"]) >= 2


def test_online_votes_close_at_their_deadline(agora, members, facilitator):
    vote = make_vote(agora, facilitator)
    assert voting.votes_close_due() == 0
    vote.deadline = timezone.now() - timedelta(seconds=1)
    vote.save(update_fields=["deadline"])
    assert voting.votes_close_due() == 1
    vote.refresh_from_db()
    assert vote.status == "closed"


def test_results_hidden_until_close_and_ballot_page(client, agora, members, facilitator):
    vote = make_vote(agora, facilitator, secret=True)
    voting.vote_cast(actor=members[0].user, vote=vote, content={"choice": "against"})
    client.force_login(members[1].user)
    page = client.get(reverse("votes:vote-detail", args=[vote.pk])).content.decode()
    assert 'name="choice"' in page and "result-title" not in page
    client.post(reverse("votes:vote-cast", args=[vote.pk]), {"choice": "for"})
    page = client.get(reverse("votes:vote-detail", args=[vote.pk])).content.decode()
    assert 'name="choice"' not in page  # secret: voted, cannot change
    assert client.get(reverse("votes:vote-recount-file", args=[vote.pk])).status_code == 404
    voting.vote_close(actor=facilitator, vote=vote)
    assert client.get(reverse("votes:vote-recount-file", args=[vote.pk])).status_code == 200


def test_explanations_are_in_the_readers_language_with_words_not_codes(lab, facilitator):
    from django.template import Context, Template
    from django.utils import translation

    people = seat_panel(lab, facilitator, per_college=2)
    vote = make_vote(lab, facilitator, require_each_college=True)
    for college, users in people.items():
        for user in users:
            choice = "against" if college == "newcomers" else "for"
            voting.vote_cast(actor=user, vote=vote, content={"choice": choice})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    template = Template("{% load accueil %}{% for s in e %}{% explain s %}|{% endfor %}")
    with translation.override("fr"):
        text = template.render(Context({"e": vote.result["explanation"]}))
    assert "newcomers" not in text and "decision_makers" not in text
    assert "primo-arrivants" in text
    assert "Pour" in text or "pour" in text


def test_consent_fails_when_the_assembly_upholds_an_objection(client, agora, members, facilitator):
    vote = make_vote(agora, facilitator, method="consent")
    voting.vote_cast(actor=members[0].user, vote=vote, content={"choice": "consent"})
    voting.vote_cast(actor=members[1].user, vote=vote, content={"choice": "consent"})
    voting.vote_cast(
        actor=members[2].user,
        vote=vote,
        content={"choice": "objection", "reason": "No interpreter on Mondays"},
    )
    with pytest.raises(DomainError):  # an objection needs a reason
        voting.vote_cast(actor=members[3].user, vote=vote, content={"choice": "objection"})
    client.force_login(facilitator)
    page = client.get(reverse("votes:vote-detail", args=[vote.pk])).content.decode()
    assert "No interpreter on Mondays" in page
    from votes.models import Ballot

    objection = Ballot.objects.get(vote=vote, content__choice="objection")
    client.post(
        reverse("votes:vote-control", args=[vote.pk]),
        {"action": "close", "upheld": [str(objection.pk)]},
    )
    vote.refresh_from_db()
    assert vote.result["passed"] is False
    assert recount(voting.recount_data(vote=vote)).passed is False


def test_consent_passes_when_no_objection_is_upheld(agora, members, facilitator):
    vote = make_vote(agora, facilitator, method="consent")
    voting.vote_cast(actor=members[0].user, vote=vote, content={"choice": "consent"})
    voting.vote_cast(
        actor=members[1].user, vote=vote, content={"choice": "objection", "reason": "Too soon"}
    )
    voting.vote_cast(actor=members[2].user, vote=vote, content={"choice": "consent"})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    assert vote.result["passed"] is True


def test_secret_college_vote_file_withheld_when_a_college_is_small(lab, facilitator):
    people = seat_panel(lab, facilitator, per_college=4)
    vote = make_vote(lab, facilitator, require_each_college=True, secret=True)
    for college, users in people.items():
        voters = users[:2] if college == "newcomers" else users[:3]
        for user in voters:
            voting.vote_cast(actor=user, vote=vote, content={"choice": "for"})
    vote = voting.vote_close(actor=facilitator, vote=vote)
    shown = {c["label"]: c["visible"] for c in vote.result["colleges"]}
    assert list(shown.values()).count(False) == 1
    with pytest.raises(DomainError):
        voting.recount_data(vote=vote)


def test_minutes_approved_by_a_vote_at_the_next_meeting(
    client, agora, members, facilitator, meeting
):
    from meetings.models import MinutesRevision
    from meetings.services import meeting_create, minutes_save

    revision = minutes_save(actor=facilitator, meeting=meeting, text="Minutes", base_number=0)
    later = meeting_create(
        actor=facilitator,
        space=agora,
        title="Next",
        starts_at=meeting.starts_at + timedelta(days=28),
        ends_at=meeting.ends_at + timedelta(days=28),
    )
    with pytest.raises(DomainError):  # not at an earlier meeting
        meeting_services.minutes_approval_vote(
            actor=facilitator, revision=revision, meeting=meeting
        )
    client.force_login(facilitator)
    data = {"revision": revision.pk, "approved_in": later.pk, "action": "vote"}
    old_page = client.post(reverse("meetings:minutes-approve", args=[meeting.pk]), data)
    assert old_page.status_code == 307  # an older page's form: the same POST, new address
    assert old_page.url == reverse("meetings:minutes-vote", args=[meeting.pk])
    response = client.post(old_page.url, data)
    vote = revision.approval_votes.get()
    assert response.url == reverse("votes:vote-detail", args=[vote.pk])
    voting.vote_open(actor=facilitator, vote=vote)
    for member in members[:3]:
        voting.vote_cast(actor=member.user, vote=vote, content={"choice": "for"})
    voting.vote_close(actor=facilitator, vote=vote)
    revision = MinutesRevision.objects.get(pk=revision.pk)
    assert revision.approved_at is not None and revision.approved_in == later


def test_minutes_not_approved_when_the_vote_fails(agora, members, facilitator, meeting):
    from meetings.services import meeting_create, minutes_save

    revision = minutes_save(actor=facilitator, meeting=meeting, text="Minutes", base_number=0)
    later = meeting_create(
        actor=facilitator,
        space=agora,
        title="Next",
        starts_at=meeting.starts_at + timedelta(days=28),
        ends_at=meeting.ends_at + timedelta(days=28),
    )
    vote = voting.vote_open(
        actor=facilitator,
        vote=meeting_services.minutes_approval_vote(
            actor=facilitator, revision=revision, meeting=later
        ),
    )
    for member, choice in zip(members[:3], ["against", "against", "for"], strict=True):
        voting.vote_cast(actor=member.user, vote=vote, content={"choice": choice})
    voting.vote_close(actor=facilitator, vote=vote)
    revision.refresh_from_db()
    assert revision.approved_at is None
