"""Every URL of the project × every kind of visitor → the expected status.

The test walks the URL conf: a new URL without a row in EXPECTED fails, so no page can
ship without someone deciding who may open it. Rows are (method, case, statuses for
anon, newcomer member, member of another space, partner, official, facilitator).

The world: a public Agora whose facilitator is `facilitator` and where `newcomer` holds a
seat; a members-only lab where `other` holds a newcomer seat (and is not in the Agora);
`partner` and `official` hold no seat. 404 hides a members-only space or a draft from
everyone who may not see it, anonymous visitors included (a missing id answers the same:
tests/core/test_existence_oracle.py); on what they may see, anonymous visitors are sent
to log in (302) wherever an account could open the page.
"""

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.services import invitation_create
from core.models import Membership, Seat
from core.services import membership_start
from meetings.services import calendar_token_renew
from tests.conftest import first_free_seat
from tests.factories import UserFactory

ROLES = ["anon", "newcomer", "other", "partner", "official", "facilitator"]


def named_urls(patterns=None, namespace=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in (namespace, p.namespace) if x) or None
            yield from named_urls(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            if namespace == "admin" or (namespace or "").startswith("admin"):
                continue  # covered as a whole by test_admin_is_for_superusers_only
            assert p.name, f"unnamed URL pattern {p.pattern} outside the admin"
            yield f"{namespace}:{p.name}" if namespace else p.name


def s(*codes):
    return dict(zip(ROLES, codes, strict=True))


A = s(200, 200, 200, 200, 200, 200)  # everyone
LOGIN = s(302, 200, 200, 200, 200, 200)  # any account
FACIL = s(302, 403, 403, 403, 403, 200)  # facilitators of the space
FACIL_POST = s(302, 403, 403, 403, 403, 302)
AUTH_REDIRECT = s(200, 302, 302, 302, 302, 302)  # an entry page: signed-in people move on
NO_TOTP = s(302, 404, 404, 404, 404, 404)
MEMBERS = s(302, 200, 403, 403, 403, 200)  # members of the (public) space
PRIVATE_MEMBERS = s(404, 404, 200, 404, 404, 200)
PRIVATE_FACIL = s(404, 404, 403, 404, 404, 200)
DRAFT = s(404, 200, 404, 404, 404, 200)  # a draft: its author (newcomer) and facilitators
PRIVATE_NOT_AGORA = s(404, 404, 403, 404, 404, 404)  # a lab is not an Agora: 404

# name -> list of (method, case, expected)
EXPECTED: dict[str, list[tuple[str, str, dict]]] = {
    "portal:home": [("get", "", A)],
    "favicon": [("get", "", s(301, 301, 301, 301, 301, 301))],  # to the static icon
    "portal:space": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "accounts:seat-list": [
        ("get", "agora", FACIL),
        ("get", "private-lab", s(404, 404, 403, 404, 404, 200)),
    ],
    "accounts:seat-invite": [("post", "agora", s(302, 403, 403, 403, 403, 200))],
    "accounts:invitation-withdraw": [("post", "agora", FACIL_POST)],
    "core:membership-end": [("get", "agora", FACIL), ("post", "agora", FACIL_POST)],
    "core:membership-eligibility": [("post", "agora", FACIL_POST)],
    "agora:agora-create": [("get", "", s(302, 403, 403, 403, 403, 200))],
    "agora:agora-edit": [("get", "agora", FACIL), ("get", "private-lab", PRIVATE_NOT_AGORA)],
    "labs:lab-create": [("get", "", s(302, 403, 403, 403, 403, 200))],
    "labs:lab-edit": [("get", "private-lab", s(404, 404, 403, 404, 404, 200))],
    "core:notifications": [("get", "", LOGIN)],
    "accounts:invitation": [("get", "", A)],
    "accounts:profile": [("get", "", LOGIN)],
    "accounts:data-export": [("get", "", LOGIN)],
    "accounts:account-delete": [("get", "", LOGIN)],
    "accounts:set-language": [("post", "", s(302, 302, 302, 302, 302, 302))],
    # meetings ("agora" = a meeting of the public Agora, "private-lab" = of the members-only lab)
    "meetings:my-meetings": [("get", "", LOGIN)],
    "meetings:meeting-detail": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "meetings:meeting-rsvp": [
        ("post", "agora", s(302, 302, 403, 403, 403, 302)),
        ("post", "private-lab", s(404, 404, 302, 404, 404, 302)),
    ],
    "meetings:meeting-edit": [("get", "agora", FACIL)],
    "meetings:meeting-cancel": [("get", "agora", FACIL), ("post", "agora", FACIL_POST)],
    "meetings:agenda": [("get", "agora", FACIL), ("get", "private-lab", PRIVATE_FACIL)],
    "meetings:agenda-move": [("post", "agora", FACIL_POST)],
    "meetings:agenda-delete": [("post", "agora", FACIL_POST)],
    "meetings:document-add": [("post", "agora", FACIL_POST)],
    "meetings:document-download": [("get", "agora", MEMBERS)],
    "meetings:attendance": [("get", "agora", FACIL)],
    "meetings:minutes": [("get", "agora", MEMBERS), ("get", "private-lab", PRIVATE_MEMBERS)],
    "meetings:minutes-edit": [("get", "agora", FACIL)],
    "meetings:minutes-approve": [("post", "agora", FACIL_POST)],
    "meetings:minutes-vote": [("post", "agora", FACIL_POST)],
    "meetings:minutes-comment-resolve": [("post", "agora", FACIL_POST)],
    "meetings:live": [("get", "agora", MEMBERS), ("get", "private-lab", PRIVATE_MEMBERS)],
    "meetings:live-action": [("post", "agora", s(302, 302, 403, 403, 403, 302))],
    "meetings:meeting-ics": [("get", "agora", A)],
    "meetings:space-meetings": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "meetings:space-feed": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "meetings:meeting-schedule": [("get", "agora", FACIL)],
    "meetings:calendar": [("get", "", LOGIN)],
    "meetings:user-feed": [("get", "", A), ("get", "bad-token", s(404, 404, 404, 404, 404, 404))],
    # proposals and votes ("agora": a submitted proposal and an open vote of the Agora)
    "proposals:proposal-list": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "proposals:proposal-create": [("get", "agora", s(302, 200, 403, 403, 403, 200))],
    "proposals:proposal-detail": [("get", "agora", A), ("get", "draft", DRAFT)],
    "proposals:proposal-edit": [("get", "draft", s(404, 200, 404, 404, 404, 403))],
    "proposals:proposal-action": [("post", "agora", s(302, 302, 302, 302, 302, 302))],
    "proposals:proposal-comment": [("post", "agora", s(302, 302, 403, 403, 403, 302))],
    "proposals:proposal-amend": [("post", "agora", s(302, 302, 403, 403, 403, 302))],
    "proposals:amendment-decide": [("post", "agora", s(302, 302, 403, 403, 403, 302))],
    "proposals:vote-create": [("get", "agora", FACIL)],
    "votes:vote-detail": [("get", "agora", A)],
    "votes:vote-cast": [("post", "agora", s(302, 302, 403, 403, 403, 302))],
    "votes:vote-control": [("post", "agora", FACIL_POST)],
    "votes:vote-recount-file": [
        ("get", "agora", s(404, 404, 404, 404, 404, 404)),
        ("get", "closed", A),
    ],
    # recommendations ("agora": awaiting the official's answer; "answered": answered;
    # "private-lab": from the members-only lab, so hidden from the public)
    "recommendations:recommendation-issue": [("get", "adopted", FACIL)],
    "recommendations:recommendation-list": [("get", "", A)],
    "recommendations:recommendation-feed": [("get", "", A)],
    "recommendations:recommendation-inbox": [("get", "", s(302, 403, 403, 403, 200, 403))],
    "recommendations:recommendation-detail": [
        ("get", "agora", A),
        ("get", "private-lab", s(404, 404, 200, 404, 200, 200)),
    ],
    "recommendations:recommendation-answer": [
        ("get", "agora", s(302, 403, 403, 403, 200, 403)),
        ("get", "private-lab", s(404, 404, 403, 404, 200, 403)),
    ],
    "recommendations:recommendation-commitment": [
        ("post", "answered", s(302, 403, 403, 403, 302, 403))
    ],
    "recommendations:recommendation-update": [
        ("post", "answered", s(302, 403, 403, 403, 302, 403))
    ],
    # django-allauth
    "account_login": [("get", "", AUTH_REDIRECT)],
    "account_logout": [("get", "", s(302, 200, 200, 200, 200, 200))],
    "account_inactive": [("get", "", A)],
    "account_signup": [("get", "", AUTH_REDIRECT)],
    "account_reauthenticate": [("get", "", LOGIN)],
    "account_email": [("get", "", LOGIN)],
    "account_email_verification_sent": [("get", "", A)],
    "account_change_password": [("get", "", LOGIN)],
    "account_set_password": [("get", "", s(302, 302, 302, 302, 302, 302))],
    "account_reset_password": [("get", "", A)],
    "account_confirm_login_code": [("get", "", s(302, 302, 302, 302, 302, 302))],
    "account_confirm_email": [("get", "", A)],
    "account_reset_password_from_key_done": [("get", "", A)],
    "account_reset_password_from_key": [("get", "", A)],
    "account_reset_password_done": [("get", "", A)],
    "mfa_index": [("get", "", LOGIN)],
    "mfa_authenticate": [("get", "", s(302, 302, 302, 302, 302, 302))],
    "mfa_reauthenticate": [("get", "", s(302, 302, 302, 302, 302, 302))],
    # Activating TOTP asks for the password again first (reauthentication).
    "mfa_activate_totp": [("get", "", s(302, 302, 302, 302, 302, 302))],
    # Nobody in the world has TOTP yet: nothing to deactivate or show.
    "mfa_deactivate_totp": [("get", "", NO_TOTP)],
    "mfa_view_recovery_codes": [("get", "", NO_TOTP)],
    "mfa_generate_recovery_codes": [("get", "", s(302, 302, 302, 302, 302, 302))],
    "mfa_download_recovery_codes": [("get", "", NO_TOTP)],
}


# Apps may keep their rows next to their tests: a module `tests/<app>/permission_rows.py`
# with EXPECTED (same shape as above), `build(world)` (returns the objects it needs; they
# are kept in world.extra[<key>]), `url_for(name, case, world)`, optional DATA (POST data
# by URL name), WS_EXPECTED and `async ws_attempt(route, case, world, user) -> bool`.
# Several modules per app are allowed: `permission_rows_<part>.py`, key "<app>_<part>"
# (the key of `permission_rows.py` is "<app>").
def _extensions():
    import tests

    root = Path(tests.__path__[0])
    for path in sorted(root.glob("*/permission_rows*.py")):
        key = path.parent.name + path.stem.removeprefix("permission_rows")
        yield key, importlib.import_module(f"tests.{path.parent.name}.{path.stem}")


EXTENSIONS = dict(_extensions())
for _app, _ext in EXTENSIONS.items():
    assert not set(_ext.EXPECTED) & set(EXPECTED), f"rows defined twice by tests/{_app}"
    EXPECTED.update(_ext.EXPECTED)


def test_every_url_has_a_rule():
    names = set(named_urls())
    missing = names - set(EXPECTED)
    assert not missing, f"URLs without a permission row: {sorted(missing)}"
    stale = set(EXPECTED) - names
    assert not stale, f"rows for URLs that no longer exist: {sorted(stale)}"


@dataclass
class World:
    users: dict
    agora: object
    lab: object
    membership: object
    free_seat: object
    invitation: object
    token: str
    meetings: dict
    item: object
    document: object
    comment: object
    calendar_token: str
    proposals: dict
    votes: dict
    extra: dict = field(default_factory=dict)


@pytest.fixture
def world(facilitator, agora):
    from labs.services import lab_create

    lab = lab_create(
        actor=facilitator,
        name="Private lab",
        slug="private-lab",
        question="?",
        starts_on="2026-11-01",
        ends_on="2026-12-15",
        visibility="members",
    )
    lab.refresh_from_db()
    newcomer = UserFactory(role="newcomer")
    other = UserFactory(role="newcomer")
    membership = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
    membership_start(actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=other)
    invited_seat = first_free_seat(agora)
    invitation, token = invitation_create(actor=facilitator, seat=invited_seat)
    # another free seat, with no invitation yet, for the invite endpoint
    free_seat = Seat.objects.filter(space=agora, number=invited_seat.number + 1).get()
    meetings, item, document, comment = _meetings(facilitator, agora, lab)
    calendar_token = calendar_token_renew(user=newcomer)
    proposals_, votes_ = _proposals(facilitator, agora, newcomer)
    users = {
        "anon": None,
        "newcomer": newcomer,
        "other": other,
        "partner": UserFactory(role="partner"),
        "official": UserFactory(role="official"),
        "facilitator": facilitator,
    }
    w = World(
        users,
        agora,
        lab,
        membership,
        free_seat,
        invitation,
        token,
        meetings,
        item,
        document,
        comment,
        calendar_token,
        proposals_,
        votes_,
    )
    w.extra["recommendations"] = _recommendations(facilitator, agora, lab, newcomer, other, users)
    w.proposals["adopted"] = w.extra["recommendations"].pop("adopted")
    for app, ext in EXTENSIONS.items():
        w.extra[app] = ext.build(w)
    return w


def _recommendations(facilitator, agora, lab, newcomer, other, users):
    from recommendations import services as rs
    from tests.proposals.conftest import adopt

    def adopted(space, author, title):
        return adopt(
            space=space, author=author, facilitator=facilitator, voters=[author], title=title
        )

    official = users["official"]
    recs = {
        case: rs.recommendation_issue(
            actor=facilitator, proposal=adopted(space, author, case), addressee=official
        )
        for case, space, author in [
            ("agora", agora, newcomer),
            ("answered", agora, newcomer),
            ("private-lab", lab, other),
        ]
    }
    rs.recommendation_answer(
        actor=official, recommendation=recs["answered"], answer="accepted", reasons="Yes"
    )
    return {**recs, "adopted": adopted(agora, newcomer, "not sent yet")}


def _proposals(facilitator, agora, author):
    from datetime import timedelta

    from django.utils import timezone

    from proposals import services as ps
    from votes import services as voting

    submitted = ps.proposal_create(actor=author, space=agora, title="Desk", text="Open it.")
    ps.proposal_submit(actor=author, proposal=submitted)
    amendment = ps.amendment_propose(actor=author, proposal=submitted, text="Open it daily.")
    draft = ps.proposal_create(actor=author, space=agora, title="Draft", text="Soon.")
    deadline = timezone.now() + timedelta(days=1)
    open_vote = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator, space=agora, title="Q?", method="for_against", deadline=deadline
        ),
    )
    closed = voting.vote_open(
        actor=facilitator,
        vote=voting.vote_create(
            actor=facilitator, space=agora, title="Done?", method="for_against", deadline=deadline
        ),
    )
    voting.vote_close(actor=facilitator, vote=closed)
    return (
        {"agora": submitted, "draft": draft, "amendment": amendment},
        {"agora": open_vote, "closed": closed},
    )


def _meetings(facilitator, agora, lab):
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from meetings import services as ms

    start = timezone.now() + timedelta(days=2)
    meetings = {
        space.slug: ms.meeting_create(
            actor=facilitator,
            space=space,
            title="Session",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
        )
        for space in (agora, lab)
    }
    item = ms.agenda_item_add(actor=facilitator, meeting=meetings["agora"], title="Point")
    ms.agenda_item_add(actor=facilitator, meeting=meetings["agora"], title="Other point")
    document = ms.document_add(
        actor=facilitator,
        meeting=meetings["agora"],
        title="Doc",
        upload=SimpleUploadedFile("doc.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    revision = ms.minutes_save(
        actor=facilitator, meeting=meetings["agora"], text="Minutes", base_number=0
    )
    comment = ms.minutes_comment_add(actor=facilitator, revision=revision, text="Comment")
    return meetings, item, document, comment


def url_for(name: str, case: str, w: World) -> str:
    for ext in EXTENSIONS.values():
        if name in ext.EXPECTED:
            return ext.url_for(name, case, w)
    slug = {"agora": w.agora.slug, "private-lab": w.lab.slug}.get(case)
    if name in ("recommendations:recommendation-list", "recommendations:recommendation-feed"):
        return reverse(name)
    if name == "recommendations:recommendation-inbox":
        return reverse(name)
    if name == "recommendations:recommendation-issue":  # from an adopted proposal
        return reverse(name, kwargs={"pk": w.proposals[case].pk})
    if (
        name.startswith("recommendations:recommendation-")
        and name != "recommendations:recommendation-issue"
    ):
        return reverse(name, kwargs={"pk": w.extra["recommendations"][case].pk})
    if name == "meetings:minutes-vote":  # a vote about a meeting's minutes
        return reverse(name, kwargs={"pk": w.meetings[slug].pk})
    if name.startswith("votes:"):
        return reverse(name, kwargs={"pk": w.votes[case].pk})
    if name.startswith("proposals:") and name not in (
        "proposals:proposal-list",
        "proposals:proposal-create",
        "proposals:vote-create",
    ):
        kwargs = {"pk": w.proposals[case].pk}
        if name == "proposals:amendment-decide":
            kwargs["amendment_id"] = w.proposals["amendment"].pk
        return reverse(name, kwargs=kwargs)
    if name.startswith("meetings:") and name not in (
        "meetings:space-meetings",
        "meetings:space-feed",
        "meetings:meeting-schedule",
        "meetings:my-meetings",
        "meetings:calendar",
        "meetings:user-feed",
    ):
        kwargs = {"pk": w.meetings[slug].pk}
        if name in ("meetings:agenda-move", "meetings:agenda-delete"):
            kwargs["item_id"] = w.item.pk
        if name == "meetings:document-download":
            kwargs["doc_id"] = w.document.pk
        if name == "meetings:minutes-comment-resolve":
            kwargs["comment_id"] = w.comment.pk
        return reverse(name, kwargs=kwargs)
    kwargs = {
        "portal:space": {"slug": slug},
        "accounts:seat-list": {"slug": slug},
        "accounts:seat-invite": {"slug": slug, "seat_id": w.free_seat.pk},
        "accounts:invitation-withdraw": {"slug": slug, "invitation_id": w.invitation.pk},
        "core:membership-end": {"slug": slug, "membership_id": w.membership.pk},
        "core:membership-eligibility": {"slug": slug, "membership_id": w.membership.pk},
        "labs:lab-edit": {"slug": slug},
        "agora:agora-edit": {"slug": slug},
        "meetings:space-meetings": {"slug": slug},
        "proposals:proposal-list": {"slug": slug},
        "proposals:proposal-create": {"slug": slug},
        "proposals:vote-create": {"slug": slug},
        "meetings:space-feed": {"slug": slug},
        "meetings:meeting-schedule": {"slug": slug},
        "meetings:user-feed": {"token": "not-a-token" if case == "bad-token" else w.calendar_token},
        "accounts:invitation": {"token": w.token},
        "account_confirm_email": {"key": "not-a-key"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "set-password"},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


CASES = [
    pytest.param(name, method, case, role, expected[role], id=f"{name}-{method}-{case}-{role}")
    for name, rows in EXPECTED.items()
    for method, case, expected in rows
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "case", "role", "status"), CASES)
def test_permission_matrix(client, world, name, method, case, role, status):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = url_for(name, case, world)
    data = {
        "accounts:set-language": {"language": "fr", "next": "/"},
        "meetings:meeting-rsvp": {"answer": "yes"},
        "meetings:live-action": {"action": "raise_hand"},
        "meetings:agenda-move": {"direction": "down"},
        "meetings:minutes-comment-resolve": {"status": "accepted"},
        "proposals:proposal-action": {"action": "nothing"},
        "proposals:proposal-comment": {"text": "Good idea"},
        "proposals:proposal-amend": {"text": "Open it on Mondays."},
        "proposals:amendment-decide": {"decision": "reject"},
        "votes:vote-cast": {"choice": "for"},
        "votes:vote-control": {"action": "close"},
        "recommendations:recommendation-commitment": {
            "text": "Open the desk",
            "owner": "Housing",
            "due_on": "2099-01-01",
        },
        "recommendations:recommendation-update": {"status": "in_progress", "note": "Started"},
    }.get(name, {})
    for ext in EXTENSIONS.values():
        if name in getattr(ext, "DATA", {}):
            data = ext.DATA[name]
    response = getattr(client, method)(url, data)
    assert response.status_code == status, (
        f"{role} {method.upper()} {url}: {response.status_code}, expected {status}"
    )
    if (
        status == 302
        and role == "anon"
        and name.split(":")[0]
        in ("core", "calls", "labs", "agora", "meetings", "proposals", "booklets")
    ):
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_denied_writes_change_nothing(client, world, role):
    """The facilitator-only POSTs, sent by anyone else, leave every row as it was."""
    user = world.users[role]
    if role == "facilitator":
        return
    if user is not None:
        client.force_login(user)
    before = list(Membership.objects.order_by("pk").values())
    slug = world.agora.slug
    client.post(reverse("core:membership-end", args=[slug, world.membership.pk]))
    client.post(reverse("core:membership-eligibility", args=[slug, world.membership.pk]))
    client.post(reverse("accounts:seat-invite", args=[slug, world.free_seat.pk]))
    client.post(reverse("accounts:invitation-withdraw", args=[slug, world.invitation.pk]))
    assert list(Membership.objects.order_by("pk").values()) == before
    world.invitation.refresh_from_db()
    assert world.invitation.revoked_at is None
    assert world.free_seat.invitations.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_superusers_only(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200


# Websockets: every route × every kind of visitor → connected or refused. ----------------
WS_EXPECTED = {
    "ws/meetings/<int:meeting_id>/live/": {
        "agora": dict(zip(ROLES, [False, True, False, False, False, True], strict=True)),
        "private-lab": dict(zip(ROLES, [False, False, True, False, False, True], strict=True)),
    },
}
for _ext in EXTENSIONS.values():
    WS_EXPECTED.update(getattr(_ext, "WS_EXPECTED", {}))
WS_EXTENSION_CASES = [
    pytest.param(route, case, id=f"{route}-{case}")
    for ext in EXTENSIONS.values()
    for route, cases in getattr(ext, "WS_EXPECTED", {}).items()
    for case in cases
]


def test_every_websocket_route_has_a_rule():
    from config.routing import websocket_urlpatterns
    from core.consumers import NotFoundConsumer

    # The last route refuses everyone (4404): tests/core/test_websocket_routes.py.
    routes = {
        str(p.pattern)
        for p in websocket_urlpatterns
        if getattr(p.callback, "consumer_class", None) is not NotFoundConsumer
    }
    assert routes == set(WS_EXPECTED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", ["agora", "private-lab"])
def test_websocket_matrix(world, case):
    from asgiref.sync import async_to_sync

    from tests.meetings.test_live_consumer import connect

    meeting = world.meetings[{"agora": world.agora.slug, "private-lab": world.lab.slug}[case]]

    async def attempt(user):
        communicator, connected, _code = await connect(user, meeting)
        if connected:
            await communicator.disconnect()
        return connected

    got = {role: async_to_sync(attempt)(world.users[role]) for role in ROLES}
    assert got == WS_EXPECTED["ws/meetings/<int:meeting_id>/live/"][case]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("route", "case"), WS_EXTENSION_CASES)
def test_websocket_matrix_of_apps(world, route, case):
    from asgiref.sync import async_to_sync

    ext = next(e for e in EXTENSIONS.values() if route in getattr(e, "WS_EXPECTED", {}))
    got = {
        role: async_to_sync(ext.ws_attempt)(route, case, world, world.users[role]) for role in ROLES
    }
    assert got == WS_EXPECTED[route][case]
