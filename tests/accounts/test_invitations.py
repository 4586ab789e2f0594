from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User, hash_token
from accounts.services import (
    INVITATION_MESSAGES,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from core.exceptions import InvitationInvalid, SeatTaken
from core.models import AuditEntry, Membership
from core.services import membership_start
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def expire(invitation):
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=now - timedelta(days=15), expires_at=now - timedelta(seconds=1)
    )


class TestInvitationService:
    def test_only_the_hash_of_the_token_is_stored(self, agora, facilitator):
        invitation, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        assert invitation.token_hash == hash_token(token)
        assert not Invitation.objects.filter(token_hash=token).exists()
        assert len(token) >= 32

    def test_accept_gives_the_seat_once(self, agora, facilitator, newcomer):
        seat = first_free_seat(agora)
        invitation, _token = invitation_create(actor=facilitator, seat=seat)
        membership = invitation_accept(user=newcomer, invitation=invitation)
        assert membership.seat == seat and membership.user == newcomer
        with pytest.raises(InvitationInvalid) as exc:
            invitation_accept(user=UserFactory(), invitation=invitation)
        assert exc.value.message == INVITATION_MESSAGES[Invitation.Status.USED]
        assert Membership.objects.filter(seat=seat).count() == 1

    def test_expired_invitation_is_refused(self, agora, facilitator, newcomer):
        invitation, _ = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        expire(invitation)
        with pytest.raises(InvitationInvalid) as exc:
            invitation_accept(user=newcomer, invitation=invitation)
        assert exc.value.message == INVITATION_MESSAGES[Invitation.Status.EXPIRED]
        assert not Membership.objects.filter(user=newcomer).exists()

    def test_new_link_withdraws_the_previous_one(self, agora, facilitator, newcomer):
        seat = first_free_seat(agora)
        first, _ = invitation_create(actor=facilitator, seat=seat)
        second, _ = invitation_create(actor=facilitator, seat=seat)
        first.refresh_from_db()
        assert first.status() == Invitation.Status.REVOKED
        assert second.status() == Invitation.Status.VALID
        with pytest.raises(InvitationInvalid):
            invitation_accept(user=newcomer, invitation=first)

    def test_withdrawn_invitation_is_refused(self, agora, facilitator, newcomer):
        invitation, _ = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        invitation_revoke(actor=facilitator, invitation=invitation)
        with pytest.raises(InvitationInvalid):
            invitation_accept(user=newcomer, invitation=invitation)

    def test_no_invitation_for_a_held_seat(self, agora, facilitator, newcomer):
        seat = first_free_seat(agora)
        membership_start(actor=facilitator, seat=seat, user=newcomer)
        with pytest.raises(SeatTaken):
            invitation_create(actor=facilitator, seat=seat)

    def test_seat_taken_meanwhile_leaves_invitation_unused(self, agora, facilitator, newcomer):
        seat = first_free_seat(agora)
        invitation, _ = invitation_create(actor=facilitator, seat=seat)
        membership_start(actor=facilitator, seat=seat, user=UserFactory())
        with pytest.raises(SeatTaken):
            invitation_accept(user=newcomer, invitation=invitation)
        invitation.refresh_from_db()
        assert invitation.used_at is None

    def test_audit_entries_carry_no_token(self, agora, facilitator, newcomer):
        invitation, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        invitation_accept(user=newcomer, invitation=invitation)
        actions = list(AuditEntry.objects.values_list("action", flat=True))
        assert "invitation.create" in actions and "invitation.accept" in actions
        for entry in AuditEntry.objects.all():
            assert token not in str(entry.data)
            assert invitation.token_hash not in str(entry.data)


def signup_data(**overrides):
    data = {
        "username": "amina",
        "display_name": "Amina",
        "password1": "a-long-and-unusual-password",
        "password2": "a-long-and-unusual-password",
        "email": "",
        "interface_language": "ar",
        "languages_spoken": ["ar", "fr"],
        "interpretation_language": "ar",
    }
    data.update(overrides)
    return data


class TestInvitationPages:
    def test_signup_through_invitation_without_email(self, client, agora, facilitator):
        seat = first_free_seat(agora)
        _invitation, token = invitation_create(actor=facilitator, seat=seat)
        url = reverse("accounts:invitation", args=[token])
        assert client.get(url).status_code == 200
        response = client.post(url)
        assert response.status_code == 302 and response.url == reverse("account_signup")
        response = client.post(reverse("account_signup"), signup_data())
        assert response.status_code == 302
        assert response.url == reverse("portal:space", args=[agora.slug])
        user = User.objects.get(username="amina")
        assert user.email == "" and user.role == "newcomer"
        assert user.interface_language == "ar" and user.languages_spoken == ["ar", "fr"]
        assert Membership.objects.get(user=user, ended_at__isnull=True).seat == seat
        page = client.get(response.url)
        assert 'dir="rtl"' in page.content.decode() and 'lang="ar"' in page.content.decode()

    def test_partner_seat_makes_a_partner_account(self, client, lab, facilitator):
        _inv, token = invitation_create(actor=facilitator, seat=first_free_seat(lab, "partners"))
        client.post(reverse("accounts:invitation", args=[token]))
        client.post(
            reverse("account_signup"), signup_data(username="paul", interface_language="fr")
        )
        assert User.objects.get(username="paul").role == "partner"

    def test_decision_maker_seat_makes_an_official_account(self, client, lab, facilitator):
        seat = first_free_seat(lab, "decision_makers")
        _inv, token = invitation_create(actor=facilitator, seat=seat)
        client.post(reverse("accounts:invitation", args=[token]))
        client.post(reverse("account_signup"), signup_data(username="odile"))
        assert User.objects.get(username="odile").role == "official"

    def test_signup_without_invitation_is_closed(self, client, db):
        response = client.get(reverse("account_signup"))
        assert response.status_code == 200
        assert "signup_closed" in " ".join(t.name for t in response.templates if t.name)
        client.post(reverse("account_signup"), signup_data())
        assert not User.objects.filter(username="amina").exists()

    def test_bad_signup_keeps_what_was_typed(self, client, agora, facilitator):
        _inv, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        client.post(reverse("accounts:invitation", args=[token]))
        response = client.post(
            reverse("account_signup"), signup_data(password2="something-else-entirely")
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'value="amina"' in body and 'value="Amina"' in body
        assert not User.objects.filter(username="amina").exists()

    def test_seat_taken_during_signup_leaves_no_account(self, client, agora, facilitator):
        seat = first_free_seat(agora)
        _inv, token = invitation_create(actor=facilitator, seat=seat)
        client.post(reverse("accounts:invitation", args=[token]))
        membership_start(actor=facilitator, seat=seat, user=UserFactory())
        response = client.post(reverse("account_signup"), signup_data(), follow=True)
        assert response.status_code == 200
        assert not User.objects.filter(username="amina").exists()
        assert "Ce siège est déjà occupé" in response.content.decode()

    @pytest.mark.parametrize("state", ["used", "expired", "revoked"])
    def test_spent_link_shows_a_clear_page(self, client, agora, facilitator, newcomer, state):
        invitation, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        if state == "used":
            invitation_accept(user=newcomer, invitation=invitation)
        elif state == "expired":
            expire(invitation)
        else:
            invitation_revoke(actor=facilitator, invitation=invitation)
        response = client.get(reverse("accounts:invitation", args=[token]))
        assert response.status_code == 410
        assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]
        # Posting the spent link does not sign anyone up either.
        client.post(reverse("accounts:invitation", args=[token]))
        assert (
            client.get(reverse("account_signup")).templates[0].name.endswith("signup_closed.html")
        )

    def test_unknown_link_is_a_clear_404(self, client, db):
        response = client.get(reverse("accounts:invitation", args=["not-a-real-token"]))
        assert response.status_code == 404
        assert "accounts/invitation_invalid.html" in [t.name for t in response.templates]

    def test_signed_in_person_accepts_with_one_click(self, client, agora, facilitator, newcomer):
        _inv, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        client.force_login(newcomer)
        response = client.post(reverse("accounts:invitation", args=[token]))
        assert response.url == reverse("portal:space", args=[agora.slug])
        assert Membership.objects.filter(user=newcomer, space=agora).exists()

    def test_member_cannot_take_a_second_seat(self, client, agora, facilitator, newcomer):
        membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
        invitation, token = invitation_create(actor=facilitator, seat=first_free_seat(agora))
        client.force_login(newcomer)
        response = client.post(reverse("accounts:invitation", args=[token]), follow=True)
        assert "a déjà une place dans cet espace" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.used_at is None
