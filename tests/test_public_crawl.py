"""Names on public pages: with the demo loaded, crawl every page an anonymous visitor can
reach (HTML, Atom, iCal, CSV, the booklet's PDFs read back with pdftotext) and check that
no page shows the display name or username of a newcomer who did not choose to show it
(`User.name_is_public`). Also the private calendar file of a newcomer (it can be
forwarded: it names no one else), and the pages a member of another space sees.

Booklet credits are their own, per-booklet choice ("credit me on the published
booklet"): the names credited may appear on that booklet's reader and PDF, nowhere else.
"""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.crawl import crawl, name_patterns, names_on

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

PAGE_LIMIT = 600


def _hidden_people(exclude=()) -> list[str]:
    """Display names and usernames of everyone whose name is not public."""
    names = []
    for user in User.objects.all():
        if user.name_is_public or user.pk in exclude:
            continue
        names += [user.display_name, user.username]
    return sorted(set(names))


def _entry_points() -> list[str]:
    from booklets.models import Edition, EditionStatus
    from calls.models import Call
    from core.models import Space
    from meetings.models import Meeting
    from proposals.models import Proposal
    from recommendations.models import Recommendation
    from votes.models import Vote

    paths = ["/", "/recommendations/", "/recommendations/feed/"]
    for space in Space.objects.all():
        slug = space.slug
        paths += [f"/s/{slug}/", f"/s/{slug}/proposals/", f"/s/{slug}/meetings/"]
        paths += [f"/s/{slug}/booklets/", f"/s/{slug}/calendar.ics"]
        paths += [f"/labs/{slug}/log/", f"/labs/{slug}/evaluation/", f"/labs/{slug}/calls/"]
    paths += [f"/proposals/{pk}/" for pk in Proposal.objects.values_list("pk", flat=True)]
    for pk in Vote.objects.values_list("pk", flat=True):
        paths += [f"/votes/{pk}/", f"/votes/{pk}/ballots.json"]
    for pk in Meeting.objects.values_list("pk", flat=True):
        paths += [f"/meetings/{pk}/", f"/meetings/{pk}/minutes/", f"/meetings/{pk}/event.ics"]
    paths += [
        f"/recommendations/{pk}/" for pk in Recommendation.objects.values_list("pk", flat=True)
    ]
    for pk in Call.objects.values_list("pk", flat=True):
        paths += [f"/labs/calls/{pk}/", f"/labs/calls/{pk}/verify/"]
        paths += [f"/labs/calls/{pk}/lottery/{f}" for f in ("panels.txt", "quotas.csv", "pool.csv")]
    for edition in Edition.objects.filter(status=EditionStatus.PUBLISHED).select_related("booklet"):
        code = edition.booklet.short_code
        paths.append(f"/b/{code}/")
        for language in edition.languages:
            paths += [f"/b/{code}/{language}/", f"/b/{code}/{language}/pdf/"]
    return paths


def _credited_on(path: str) -> list[str]:
    """Names the booklet read at `path` credits (its authors agreed), if it is a reader page."""
    from booklets.models import Edition, EditionStatus

    if not path.startswith("/b/"):
        return []
    code = path.split("/")[2]
    names = []
    for edition in Edition.objects.filter(booklet__short_code=code, status=EditionStatus.PUBLISHED):
        names += edition.credits
    credited = User.objects.filter(display_name__in=names)
    return names + [u.username for u in credited]


def _leaks(result, forbidden: list[str]) -> dict[str, set[str]]:
    patterns = name_patterns(forbidden)
    leaks = {}
    for page in result.pages:
        allowed = set(_credited_on(page.path))
        found = names_on(page.text, [p for p in patterns if p[0] not in allowed])
        if found:
            leaks[page.path] = found
    return leaks


@pytest.fixture
def demo(settings, tmp_path):
    from booklets.models import Edition, EditionStatus
    from booklets.tasks import edition_pdf_build

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    call_command("seed_demo", stdout=StringIO())
    # The PDFs are built after commit, which a test's transaction never reaches: build them
    # here, as the worker would, so the crawl reads every language's PDF.
    for edition in Edition.objects.filter(status=EditionStatus.PUBLISHED):
        for language in edition.languages:
            edition_pdf_build(edition.pk, language)
    _debated_proposal()
    # One newcomer chooses to show his name: it must still appear (the crawl sees names).
    User.objects.filter(username="farid").update(show_name_publicly=True)


def _debated_proposal():
    """What the demo lacks: a proposal in debate with an amendment accepted, one rejected,
    a co-author invited who has not answered yet and comments, all by newcomers."""
    from core.models import Space
    from proposals import services

    people = {u.username: u for u in User.objects.filter(role="newcomer")}
    claire = User.objects.get(username="claire")
    proposal = services.proposal_create(
        actor=people["mariam"],
        space=Space.objects.get(slug="agora"),
        title="Des horaires de bus traduits",
        text="Afficher les horaires aux arrêts en plusieurs langues.",
    )
    services.coauthor_invite(actor=people["mariam"], proposal=proposal, user=people["iryna"])
    services.proposal_submit(actor=people["mariam"], proposal=proposal)
    services.comment_add(actor=people["tesfay"], proposal=proposal, text="Et en tigrigna.")
    services.comment_add(actor=people["farid"], proposal=proposal, text="D'accord.")
    kept = services.amendment_propose(
        actor=people["zahra"], proposal=proposal, text="Afficher les horaires en 5 langues."
    )
    dropped = services.amendment_propose(
        actor=people["ahmad"], proposal=proposal, text="Seulement en français.", reason="Simple."
    )
    services.amendment_decide(actor=claire, amendment=dropped, accept=False)
    services.amendment_decide(actor=claire, amendment=kept, accept=True)


def test_no_hidden_name_on_any_public_page(demo, capsys):
    forbidden = _hidden_people()
    assert "Amina" in forbidden and "amina" in forbidden and "Farid" not in forbidden
    result = crawl(Client(), _entry_points(), limit=PAGE_LIMIT)
    texts = {page.path: page.text for page in result.pages}
    with capsys.disabled():
        print(f"\npublic crawl: {len(result.pages)} pages read, statuses {result.statuses}")
    # The crawl reached the pages that show people: an official, an opted-in newcomer.
    assert any("Odile Martin" in text for text in texts.values())
    assert any(p.startswith("/proposals/") and "Farid" in t for p, t in texts.items())
    pdfs = [p for p in result.pages if p.content_type.startswith("application/pdf")]
    assert len(pdfs) >= 2, "the booklet's PDFs were not read"
    assert any(p.endswith(".ics") for p in texts), "no calendar feed was read"
    assert len(result.pages) < PAGE_LIMIT, "the crawl hit its cap: raise it"
    leaks = _leaks(result, forbidden)
    assert leaks == {}, f"{len(leaks)} public pages name hidden people: {leaks}"


def test_a_forwarded_personal_calendar_names_no_one_else(demo):
    from meetings.services import calendar_token_renew

    amina = User.objects.get(username="amina")
    token = calendar_token_renew(user=amina)
    response = Client().get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    from tests.crawl import page_text

    text = page_text(response)
    assert "BEGIN:VEVENT" in text
    found = names_on(text, name_patterns(_hidden_people(exclude={amina.pk})))
    assert found == set()


def test_a_member_of_another_space_sees_no_more_names_than_the_public(demo, capsys):
    """Paul is a partner in the lab, not a member of the Agora: the Agora's newcomers who
    share no space with him stay as hidden to him as to the public."""
    from core.models import Membership

    paul = User.objects.get(username="paul")
    his_spaces = Membership.objects.filter(user=paul, ended_at__isnull=True).values("space")
    assert not Membership.objects.filter(user=paul, space__slug="agora").exists()
    colleagues = set(
        Membership.objects.filter(space__in=his_spaces, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    forbidden = _hidden_people(exclude=colleagues)
    assert "Samir" in forbidden  # an Agora author who is not in the lab
    client = Client()
    client.force_login(paul)
    result = crawl(client, _entry_points(), limit=PAGE_LIMIT)
    with capsys.disabled():
        print(f"\nmember-of-the-lab crawl: {len(result.pages)} pages read")
    leaks = _leaks(result, forbidden)
    assert leaks == {}, f"{len(leaks)} pages name hidden people to a non-member: {leaks}"
    # And the Agora's proposal page names its newcomer authors to him no more than to anyone.
    from proposals.models import Proposal

    proposal = Proposal.objects.get(title="Une permanence logement le lundi")
    as_paul = client.get(f"/proposals/{proposal.pk}/").content.decode()
    anonymous = Client().get(f"/proposals/{proposal.pk}/").content.decode()
    hidden = name_patterns(["Amina", "Yonas"])
    assert names_on(as_paul, hidden) == names_on(anonymous, hidden) == set()
