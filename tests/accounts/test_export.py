"""The data export (right of access) holds everything about the person, and nothing
about anyone else.

The registry (accounts.export.LINKS) must name every field of every installed model that
points to the user model, with what the export carries (or why not) and what deleting
the account does; the walk below fails, naming model.field, when one is forgotten.
"""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.urls import reverse
from django.utils import timezone

from accounts.deletion import steps
from accounts.export import (
    FORMAT,
    LINKS,
    PROFILE_EXCLUDED,
    PROFILE_FIELDS,
    OnDelete,
    user_export_data,
)

pytestmark = pytest.mark.django_db


def fields_pointing_to_users() -> list[tuple[str, str]]:
    """(model, field) for every FK, one-to-one and many-to-many to the user model declared
    by an installed model, and every generic foreign key (it may point to a user)."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or (field.auto_created and not field.concrete):
                continue  # not a relation, or the reverse side of one
            if getattr(field, "model", model) is not model:
                continue  # inherited (multi-table): checked on the model declaring it
            if isinstance(field, GenericForeignKey) or field.related_model is user_model:
                found.append((model._meta.label, field.name))
    return found


def unregistered(links=LINKS) -> list[str]:
    """The fields pointing to users that the registry does not account for."""
    known = {link.key for link in links}
    return [
        f"{model}.{name}"
        for model, name in fields_pointing_to_users()
        if (model, name) not in known
    ]


def test_every_field_pointing_to_a_user_is_exported_or_excluded_with_a_reason():
    found = fields_pointing_to_users()
    assert len(found) > 50  # the walk sees the project's models, allauth's and Django's
    assert ("recommendations.Department", "officials") in found  # many-to-many
    assert ("meetings.CalendarToken", "user") in found  # one-to-one
    assert ("admin.LogEntry", "user") in found  # Django's own
    missing = unregistered()
    assert missing == [], "Not in accounts.export.LINKS (export or exclude, with a reason): " + (
        ", ".join(missing)
    )


def test_the_walk_names_a_forgotten_field():
    without_comments = [link for link in LINKS if link.key != ("proposals.Comment", "author")]
    assert unregistered(without_comments) == ["proposals.Comment.author"]


def test_every_entry_of_the_registry_is_complete_and_real():
    user_model = get_user_model()
    keys, sections = set(), set()
    for link in LINKS:
        name = f"{link.model}.{link.field}"
        assert link.key not in keys, f"{name} twice"
        keys.add(link.key)
        assert link.section or link.excluded, f"{name}: neither exported nor excluded"
        if link.section:
            assert link.fields, f"{name}: exported without fields"
            assert link.section not in sections, f"{name}: section {link.section} twice"
            sections.add(link.section)
        model = apps.get_model(link.model)
        if link.direct:
            field = model._meta.get_field(link.field)
            assert field.related_model is user_model, f"{name} does not point to a user"
        else:
            assert link.lookup is not None and link.note, f"{name}: indirect, say how"
        if link.on_delete == OnDelete.SERVICE:
            assert link.key in steps() and link.note, f"{name}: no deletion step"
    assert set(steps()) == {x.key for x in LINKS if x.on_delete == OnDelete.SERVICE}


def test_every_field_of_the_user_is_exported_or_excluded_with_a_reason():
    user_model = get_user_model()
    names = [f.name for f in user_model._meta.get_fields() if f.concrete or f.many_to_many]
    names = [n for n in names if not user_model._meta.get_field(n).auto_created or n == "id"]
    missing = [n for n in names if n not in PROFILE_FIELDS and not PROFILE_EXCLUDED.get(n)]
    assert missing == [], f"User fields neither exported nor excluded: {missing}"


@pytest.fixture
def application(history, lab):
    """The application to a lab's call that brought Amina her seat (name and contact)."""
    from accounts.models import Invitation, hash_token
    from calls.models import Call, CallVolunteer

    call = Call.objects.create(
        space=lab,
        college="newcomers",
        title="Volunteers for the bank account lab",
        seats=10,
        deadline=timezone.now() + timedelta(days=10),
        replacement_rule="alternates",
        retention_days=90,
    )
    seat = lab.seats.filter(college="newcomers").first()
    invitation = Invitation.objects.create(
        seat=seat,
        token_hash=hash_token("t"),
        expires_at=timezone.now() + timedelta(days=3),
        used_at=timezone.now(),
        used_by=history.amina,
    )
    CallVolunteer.objects.create(
        call=call,
        pseudonym="V-042",
        receipt_hash="r1",
        name="Amina H.",
        contact="+33 6 12 34 56 78",
        answers={"gender": "woman"},
        consent_at=timezone.now(),
        invitation=invitation,
    )
    CallVolunteer.objects.create(
        call=call,
        pseudonym="V-043",
        receipt_hash="r2",
        name="Someone Else",
        contact="+33 7 00 00 00 00",
        consent_at=timezone.now(),
    )
    return call


def _export(client, user) -> tuple[dict, str]:
    client.force_login(user)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    text = response.content.decode()
    return json.loads(text), text


def test_the_export_holds_everything_about_her(client, history, application):
    from core.models import Notification

    amina = history.amina
    Notification.objects.create(user=amina, subject="The session moved to Thursday")
    data, _text = _export(client, amina)

    assert data["format"] == FORMAT == "accueil-export/1"
    assert data["profile"]["email"] == "amina@example.org"
    assert data["profile"]["interface_language"] == "ar"
    sections = data["data"]
    (rsvp,) = sections["rsvps"]
    assert rsvp["accessibility"] == "Amina needs a ramp"
    assert rsvp["childcare"] is True and rsvp["interpretation_language"] == "ar"
    assert rsvp["meeting_title"] == "Monthly session"
    assert [c["text"] for c in sections["comments"]] == ["Childcare during the classes."]
    assert sections["amendments"][0]["reason"] == "Parents."
    signed = {a["proposal_title"]: a["accepted_at"] for a in sections["coauthorships"]}
    assert signed["Evening French classes"] and signed["A draft on transport"] is None
    assert {p["title"] for p in sections["proposals_created"]} == {"My private idea"}
    assert len(sections["voter_rolls"]) == 3  # the open votes and the secret one
    ballots = {b["vote_title"]: b["content"] for b in sections["open_ballots"]}
    assert ballots == {
        "Adopt the evening classes?": {"choice": "for"},
        "Adopt the housing desk?": {"choice": "for"},
    }
    assert "Elect a spokesperson?" not in ballots  # secret: unlinkable by design
    assert "Secret ballots are not in this export" in data["notes"]["secret_ballots"]
    assert sections["booklet_revisions"][0]["body"].startswith("Demandez à la mairie")
    assert sections["booklet_credits"][0]["agreed"] is True
    assert sections["memberships"][0]["space_name"] == "Agora"
    assert sections["notifications"][0]["subject"] == "The session moved to Thursday"
    assert sections["calendar_feed"] and "token_hash" not in sections["calendar_feed"][0]
    assert sections["proxies_given"][0]["meeting_title"] == "Monthly session"
    actions = {entry["action"] for entry in sections["audit_entries"]}
    assert {"proposal.comment", "rsvp.set", "booklet.credit"} <= actions
    (applied,) = sections["applications"]
    assert applied["contact"] == "+33 6 12 34 56 78" and applied["pseudonym"] == "V-042"


def test_the_export_holds_nothing_private_of_anyone_else(client, history, application):
    data, text = _export(client, history.amina)
    others = [*history.others, history.official]
    for person in others:
        for value in (person.display_name, person.username, person.email):
            if value:
                assert value not in text, value
    for private in (
        "Farid needs a hearing loop",  # Farid's RSVP
        "Farid's private worry.",  # Farid's comment
        "Someone Else",  # another application
        "+33 7 00 00 00 00",
        "fa-af",
    ):
        assert private not in text, private
    assert "password" not in data["profile"]


def test_an_officials_export_holds_her_recommendations(client, history):
    data, _text = _export(client, history.official)
    received = {r["title"] for r in data["data"]["recommendations_received"]}
    assert received == {"Evening French classes"}
    assert data["data"]["departments"] == [
        {"id": history.department_recommendation.department_id, "name": "Housing department"}
    ]


def test_export_and_deletion_agree(history):
    """After deletion the export of the tombstone holds no name and no needs."""
    from accounts.services import user_delete

    user_delete(user=history.amina)
    history.amina.refresh_from_db()
    data = user_export_data(user=history.amina)
    text = json.dumps(data, ensure_ascii=False)
    for gone in ("Amina", "amina@example.org", "Amina needs a ramp"):
        assert gone not in text
    assert data["profile"]["deleted_at"]
    assert data["data"]["comments"]  # the record stays: her comment is still hers


def test_the_documentation_lists_every_section():
    from pathlib import Path

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "data-export.md").read_text()
    assert FORMAT in doc
    missing = [link.section for link in LINKS if link.section and f"`{link.section}`" not in doc]
    assert missing == [], f"docs/data-export.md does not describe: {missing}"
