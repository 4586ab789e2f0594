import pytest
from django.urls import reverse

from accounts.models import Invitation
from core.models import AuditEntry, Membership
from core.services import membership_start
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(agora, facilitator, newcomer):
    return membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)


class TestPrivacy:
    def test_public_page_never_shows_newcomer_names(self, client, agora, seated):
        body = client.get(reverse("portal:space", args=[agora.slug])).content.decode()
        assert "Amina" not in body and "amina" not in body
        assert "1 of 16 seats held" in body or "1 sur 16" in body

    def test_non_member_account_does_not_see_names(self, client, agora, seated):
        client.force_login(UserFactory(role="official"))
        body = client.get(reverse("portal:space", args=[agora.slug])).content.decode()
        assert "Amina" not in body

    def test_members_see_each_other(self, client, agora, seated, facilitator):
        peer = membership_start(
            actor=facilitator, seat=first_free_seat(agora), user=UserFactory(display_name="Yonas")
        )
        client.force_login(peer.user)
        body = client.get(reverse("portal:space", args=[agora.slug])).content.decode()
        assert "Amina" in body and "Yonas" in body

    def test_members_only_space_is_invisible_to_others(self, client, facilitator):
        from agora.services import agora_create

        hidden = agora_create(actor=facilitator, name="Hidden assembly", visibility="members")
        client.force_login(UserFactory(role="partner"))
        assert "Hidden assembly" not in client.get(reverse("portal:home")).content.decode()
        assert client.get(reverse("portal:space", args=[hidden.slug])).status_code == 404

    def test_public_name_only_when_chosen(self, newcomer):
        assert str(newcomer.public_name) != "Amina"
        newcomer.show_name_publicly = True
        assert newcomer.public_name == "Amina"


class TestFacilitatorPages:
    def test_seat_list_shows_held_and_free_seats(self, client, agora, seated, facilitator):
        client.force_login(facilitator)
        body = client.get(reverse("accounts:seat-list", args=[agora.slug])).content.decode()
        assert "Amina" in body
        assert body.count("term_ends_on") == 15  # one invite form per free seat

    def test_invite_shows_link_and_qr_once(self, client, agora, facilitator):
        client.force_login(facilitator)
        seat = first_free_seat(agora)
        response = client.post(reverse("accounts:seat-invite", args=[agora.slug, seat.pk]))
        body = response.content.decode()
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert "/invite/" in body and "<svg" in body
        link = body.split('id="invitation-link">')[1].split("<")[0]
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert len(token) >= 32
        invitation = Invitation.objects.get(seat=seat)
        assert invitation.status() == Invitation.Status.VALID
        assert token not in str(list(AuditEntry.objects.values_list("data", flat=True)))
        # The seat list no longer reveals the token: only "invited until …".
        listing = client.get(reverse("accounts:seat-list", args=[agora.slug])).content.decode()
        assert token not in listing

    def test_invite_with_a_bad_date_is_refused_clearly(self, client, agora, facilitator):
        client.force_login(facilitator)
        seat = first_free_seat(agora)
        response = client.post(
            reverse("accounts:seat-invite", args=[agora.slug, seat.pk]),
            {"term_ends_on": "31/31/2026"},
            follow=True,
        )
        assert "La fin du mandat n&#x27;est pas une date valide." in response.content.decode()
        assert not Invitation.objects.filter(seat=seat).exists()

    def test_invite_for_a_held_seat_is_refused(self, client, agora, seated, facilitator):
        client.force_login(facilitator)
        response = client.post(
            reverse("accounts:seat-invite", args=[agora.slug, seated.seat.pk]), follow=True
        )
        assert "Ce siège est occupé" in response.content.decode()

    def test_end_membership_frees_the_seat(self, client, agora, seated, facilitator):
        client.force_login(facilitator)
        url = reverse("core:membership-end", args=[agora.slug, seated.pk])
        assert "Amina" in client.get(url).content.decode()
        client.post(url)
        seated.refresh_from_db()
        assert seated.ended_at is not None
        assert client.post(url).status_code == 404  # already ended: nothing to end

    def test_record_eligibility(self, client, agora, seated, facilitator):
        client.force_login(facilitator)
        client.post(reverse("core:membership-eligibility", args=[agora.slug, seated.pk]))
        seated.refresh_from_db()
        assert seated.eligibility_checked_by == facilitator
        body = client.get(reverse("accounts:seat-list", args=[agora.slug])).content.decode()
        assert "Checked by" in body or "Vérifiée par" in body or "Vérifié" in body

    def test_seat_of_another_space_is_404(self, client, agora, lab, facilitator):
        client.force_login(facilitator)
        lab_seat = first_free_seat(lab, "partners")
        response = client.post(reverse("accounts:seat-invite", args=[agora.slug, lab_seat.pk]))
        assert response.status_code == 404


class TestCreateForms:
    def test_create_agora(self, client, facilitator):
        client.force_login(facilitator)
        response = client.post(
            reverse("agora:agora-create"),
            {
                "name": "Agora de Poitiers",
                "visibility": "public",
                "description": "",
                "meeting_rhythm": "",
            },
        )
        assert response.status_code == 302
        m = Membership.objects.get(user=facilitator, space__name="Agora de Poitiers")
        assert m.role == "facilitator"

    def test_lab_with_end_before_start_keeps_the_form(self, client, facilitator):
        client.force_login(facilitator)
        response = client.post(
            reverse("labs:lab-create"),
            {
                "name": "Lab transport",
                "question": "How to get a transport pass?",
                "starts_on": "2026-12-10",
                "ends_on": "2026-12-01",
                "visibility": "public",
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'value="Lab transport"' in body and "How to get a transport pass?" in body
        assert "cannot end before it starts" in body or "avant" in body

    def test_lab_with_nonsense_date_gets_a_message_not_500(self, client, facilitator):
        client.force_login(facilitator)
        response = client.post(
            reverse("labs:lab-create"),
            {
                "name": "X",
                "question": "Q",
                "starts_on": "yesterday",
                "ends_on": "",
                "visibility": "public",
            },
        )
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()

    def test_edit_lab_phase(self, client, lab, facilitator):
        client.force_login(facilitator)
        response = client.post(
            reverse("labs:lab-edit", args=[lab.slug]),
            {
                "name": lab.name,
                "question": lab.question,
                "starts_on": "2026-11-01",
                "ends_on": "2026-12-13",
                "phase": "experiment",
                "visibility": "public",
                "description": "",
                "quorum_fraction": "0.50",
                "quorum_min_per_college": "0",
            },
        )
        assert response.status_code == 302
        lab.refresh_from_db()
        assert lab.phase == "experiment"

    def test_lab_edit_on_the_agora_is_404(self, client, agora, facilitator):
        client.force_login(facilitator)
        assert client.get(reverse("labs:lab-edit", args=[agora.slug])).status_code == 404
