"""Deleting an account keeps the democratic record and anonymises the person.

Attack: a member who voted (open and secret ballots), co-signed, commented, amended and is
credited on a published booklet deletes her account; an official with recommendations
addressed to her does too. Nothing of the record may change (results, ballots file and
its digest, revisions, comments, amendments), nothing may fail, and her name, e-mail and
login must be gone from everywhere.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.services import user_delete
from tests.crawl import crawl, name_patterns, names_on

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def _record(client) -> dict:
    """Everything of the public record a deletion must not change."""
    from booklets.models import Edition, Revision
    from proposals.models import Amendment, Comment, ProposalAuthor, ProposalRevision
    from votes.models import Ballot, Vote, VoterRollEntry

    votes = {}
    for vote in Vote.objects.order_by("pk"):
        file = client.get(f"/votes/{vote.pk}/ballots.json")
        assert file.status_code == 200
        votes[vote.pk] = {
            "result": vote.result,
            "status": vote.status,
            "roll_size": vote.roll_size,
            "roll": VoterRollEntry.objects.filter(vote=vote).count(),
            "voted": VoterRollEntry.objects.filter(vote=vote, voted_at__isnull=False).count(),
            "ballots": sorted(
                str(c) for c in Ballot.objects.filter(vote=vote).values_list("content", flat=True)
            ),
            "file": file.json(),
        }
    public = ~Q(proposal__status="draft")
    return {
        "votes": votes,
        "revisions": list(
            ProposalRevision.objects.filter(public)
            .order_by("pk")
            .values("pk", "number", "title", "text")
        ),
        "comments": list(Comment.objects.order_by("pk").values("pk", "text", "created_at")),
        "amendments": list(Amendment.objects.order_by("pk").values("pk", "text", "status")),
        "authors": list(
            ProposalAuthor.objects.filter(public).order_by("pk").values("pk", "accepted_at")
        ),
        "booklet_revisions": list(Revision.objects.order_by("pk").values("pk", "body")),
        "editions": list(Edition.objects.order_by("pk").values("pk", "status", "published_at")),
    }


def _public_paths(history) -> list[str]:
    from proposals.models import Proposal
    from recommendations.models import Recommendation
    from votes.models import Vote

    paths = ["/", "/s/agora/", "/s/agora/proposals/", "/s/agora/booklets/", "/recommendations/"]
    paths += [f"/proposals/{pk}/" for pk in Proposal.objects.values_list("pk", flat=True)]
    paths += [f"/votes/{pk}/" for pk in Vote.objects.values_list("pk", flat=True)]
    paths += [
        f"/recommendations/{pk}/" for pk in Recommendation.objects.values_list("pk", flat=True)
    ]
    paths += ["/recommendations/feed/", f"/b/{history.booklet.short_code}/fr/"]
    paths += [f"/meetings/{history.meeting.pk}/"]
    return paths


def _pages_naming(client, history, names) -> dict[str, set[str]]:
    patterns = name_patterns(names)
    result = crawl(client, _public_paths(history), limit=300)
    found = {p.path: names_on(p.text, patterns) for p in result.pages}
    return {path: names for path, names in found.items() if names}


def _former_member() -> str:
    return str(translation.gettext("A former member"))


def test_deleting_a_voter_keeps_the_record(history):
    amina = history.amina
    before = _record(Client())
    assert before["votes"][history.open_vote.pk]["result"]["tally"]["cast"] == 4

    client = Client()
    client.force_login(amina)
    response = client.post(reverse("accounts:account-delete"), {"confirm": "yes"})
    assert response.status_code == 302

    after = _record(Client())
    for pk, vote in before["votes"].items():
        assert after["votes"][pk] == vote, f"vote {pk} changed after the deletion"
        assert after["votes"][pk]["file"]["ballots_digest"] == vote["file"]["ballots_digest"]
    assert after == before


def test_deleted_member_is_anonymised(history):
    from allauth.account.models import EmailAddress

    from booklets.models import AuthorCredit, Edition
    from core.models import Membership, Notification
    from meetings.models import CalendarToken, Rsvp

    amina = history.amina
    EmailAddress.objects.create(user=amina, email=amina.email, verified=True, primary=True)
    Notification.objects.create(user=amina, subject="Your RSVP", body="See you")
    assert "Amina" in Edition.objects.get(pk=history.edition.pk).credits

    user_delete(user=amina)

    amina.refresh_from_db()
    assert amina.deleted_at is not None and not amina.is_active
    assert not amina.has_usable_password()
    assert "amina" not in amina.username.casefold()
    assert amina.email == "" and amina.display_name == "" and amina.other_needs == ""
    assert amina.languages_spoken == [] and amina.interpretation_language == ""
    assert not amina.show_name_publicly
    assert str(amina) == _former_member() == str(amina.public_name)
    assert not EmailAddress.objects.filter(user=amina).exists()
    assert not Notification.objects.filter(user=amina).exists()
    assert not CalendarToken.objects.filter(user=amina).exists()
    assert not Membership.objects.filter(user=amina, ended_at__isnull=True).exists()
    assert not AuthorCredit.objects.filter(user=amina, agreed=True).exists()
    assert "Amina" not in Edition.objects.get(pk=history.edition.pk).credits
    assert len(Edition.objects.get(pk=history.edition.pk).credits) == 1  # the facilitator's
    needs = Rsvp.objects.filter(user=amina).values_list(
        "interpretation_language", "childcare", "accessibility"
    )
    assert all(row == ("", False, "") for row in needs)
    # Farid's RSVP is untouched.
    assert Rsvp.objects.get(user=history.others[1]).accessibility == "Farid needs a hearing loop"
    # Her private draft is gone; Farid's draft stays, without her pending invitation.
    from proposals.models import Proposal, ProposalAuthor
    from votes.models import Proxy

    assert not Proposal.objects.filter(pk=history.private_draft.pk).exists()
    assert Proposal.objects.filter(pk=history.invited_draft.pk).exists()
    assert not ProposalAuthor.objects.filter(proposal=history.invited_draft, user=amina).exists()
    # She signed Yonas's proposal: the signature stays.
    assert ProposalAuthor.objects.filter(proposal=history.proposal, user=amina).exists()
    assert Proxy.objects.get(pk=history.proxy.pk).revoked_at is not None
    assert not amina.departments.exists()


def test_her_name_is_gone_from_every_page(history):
    amina = history.amina
    forbidden = ["Amina", "amina", "amina@example.org"]
    yonas = Client()
    yonas.force_login(history.others[0])
    # She chose to show her name: before, it is on public pages (the crawl sees names)...
    before = _pages_naming(Client(), history, forbidden)
    assert any(p.startswith("/proposals/") for p in before), before
    assert f"/b/{history.booklet.short_code}/fr/" in before  # the booklet's credits
    assert _pages_naming(yonas, history, forbidden)

    user_delete(user=amina)

    assert _pages_naming(Client(), history, forbidden) == {}
    assert _pages_naming(yonas, history, forbidden) == {}
    page = yonas.get(f"/proposals/{history.proposal.pk}/").content.decode()
    assert _former_member() in page


def test_she_cannot_log_in_again(history):
    amina = history.amina
    elsewhere = Client()
    elsewhere.force_login(amina)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200

    client = Client()
    client.force_login(amina)
    client.post(reverse("accounts:account-delete"), {"confirm": "yes"})

    for login in ("amina", "amina@example.org"):
        response = Client().post(reverse("account_login"), {"login": login, "password": PASSWORD})
        assert response.status_code == 200, login  # the form again: not logged in
    # A session opened on another device is closed too.
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    from django.contrib.sessions.models import Session

    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]


def test_deleting_twice_is_harmless(history):
    from core.models import AuditEntry

    amina = history.amina
    user_delete(user=amina)
    record = _record(Client())
    amina.refresh_from_db()
    username = amina.username
    user_delete(user=amina)
    user_delete(user=get_user_model().objects.get(pk=amina.pk))
    amina.refresh_from_db()
    assert amina.username == username
    assert _record(Client()) == record
    assert AuditEntry.objects.filter(action="user.delete").count() == 1


def test_deleting_an_official_with_recommendations(history):
    from recommendations.services import addressees

    official = history.official
    client = Client(raise_request_exception=False)
    client.force_login(official)
    response = client.post(reverse("accounts:account-delete"), {"confirm": "yes"})
    assert response.status_code == 302

    official.refresh_from_db()
    assert official.deleted_at is not None
    recommendation = history.recommendation
    recommendation.refresh_from_db()
    assert recommendation.addressee_id == official.pk  # kept: the record says who was asked
    page = Client().get(f"/recommendations/{recommendation.pk}/").content.decode()
    assert "Odile" not in page and _former_member() in page
    # Nobody writes to a deleted person any more.
    assert addressees(recommendation) == []
    assert official not in addressees(history.department_recommendation)


def test_the_page_says_beforehand_what_is_kept(client, history):
    client.force_login(history.amina)
    page = client.get(reverse("accounts:account-delete")).content.decode()
    with translation.override(history.amina.interface_language):
        for text in ("What is kept, anonymised", "What is erased", "A former member"):
            assert str(translation.gettext(text)) in page, text
    assert reverse("accounts:data-export") in page
    assert history.amina.__class__.objects.get(pk=history.amina.pk).deleted_at is None


def test_admin_cannot_hard_delete_a_user(history):
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    amina = history.amina
    url = reverse("admin:accounts_user_delete", args=[amina.pk])
    assert client.get(url).status_code in (403, 302)
    assert client.post(url, {"post": "yes"}).status_code in (403, 302)
    assert get_user_model().objects.filter(pk=amina.pk, deleted_at__isnull=True).exists()
    changelist = reverse("admin:accounts_user_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [amina.pk], "post": "yes"}
    )
    assert get_user_model().objects.filter(pk=amina.pk, deleted_at__isnull=True).exists()
    response = client.post(
        changelist, {"action": "anonymise_accounts", "_selected_action": [amina.pk]}
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.deleted_at is not None and str(amina) == _former_member()
