"""No existence oracle: what a visitor may not see answers exactly as what does not exist.

Before, a private object answered an anonymous visitor 302-to-login and a missing one 404,
so anyone could list which ids of private labs, draft proposals or their meetings exist.
The rule now (core.views_helpers.object_view): an object the visitor may not see answers
404 whether it exists or not, for anonymous visitors too; the 404 page offers a signed-out
visitor the login page with the path to come back to. Only an object the visitor may see
can answer 302-to-login or 403 (for what it needs an account or a role for): its existence
is no secret to her.

The test makes the demo's Agora members-only and adds a draft proposal, then crawls the
site as its facilitator. Every page found whose path holds an id is asked again, by an
anonymous visitor and by a member of another space, with that id as found and with an id
nobody has: where the object is hidden from the visitor (the page at the id, such as
/meetings/<id>/, is not a 200 for her), the two answers must be identical (status,
redirect target, and body with the path taken out).
"""

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.crawl import crawl

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

MISSING_ID = "987654321"
ID = re.compile(r"^(.*?/)(\d+)(/.*)?$")
# Objects whose existence is public elsewhere, on a page with no id of theirs.
PUBLIC_ELSEWHERE = {
    "/labs/log/": "a lab's log entries are listed on the lab's public log, /labs/<slug>/log/",
}
PER_REQUEST = re.compile(r'(nonce|csrfmiddlewaretoken" value|csrf-token" content)="[^"]*"')


@pytest.fixture
def world(settings, tmp_path):
    from core.models import Space, Visibility
    from proposals.services import proposal_create

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    call_command("seed_demo", stdout=StringIO())
    agora = Space.objects.get(slug="agora")
    Space.objects.filter(pk=agora.pk).update(visibility=Visibility.MEMBERS)
    proposal_create(
        actor=User.objects.get(username="amina"),
        space=agora,
        title="Un brouillon",
        text="Pas encore soumis.",
    )


def _answer(client: Client, path: str, id_: str) -> tuple:
    response = client.get(path)
    body = b"" if response.streaming else response.content
    text = body.decode("utf-8", "replace").replace(path, "PATH")
    text = PER_REQUEST.sub("", text)  # CSP nonces and CSRF tokens change at every request
    return response.status_code, response.get("Location", "").replace(id_, "ID"), text


def test_hidden_objects_answer_as_missing_ones(world, capsys):
    claire = Client()
    claire.force_login(User.objects.get(username="claire"))
    insider = crawl(claire, ["/", "/s/agora/", "/s/agora/proposals/", "/me/"], limit=500)
    with_ids = sorted({p.path for p in insider.pages if ID.match(p.path.split("?")[0])})
    assert len(with_ids) > 50, with_ids

    outsider = Client()
    outsider.force_login(User.objects.get(username="paul"))  # a lab partner, not in the Agora
    visitors = {"anonymous": Client(), "outsider": outsider}
    answers = {
        (name, path): _answer(client, path, "")
        for path in with_ids
        for name, client in visitors.items()
    }
    visible = {  # (visitor, "/meetings/12/"): some page of the object is a 200 for her
        (name, "".join(ID.match(path.split("?")[0]).groups()[:2]))
        for (name, path), answer in answers.items()
        if answer[0] == 200
    }
    checked, oracles = 0, []
    for path in with_ids:
        head, id_, tail = ID.match(path.split("?")[0]).groups()
        if head in PUBLIC_ELSEWHERE:
            continue
        missing = f"{head}{MISSING_ID}{tail or ''}"
        for name, client in visitors.items():
            if (name, head + id_) in visible:
                continue  # she may see the object: its existence is no secret to her
            checked += 1
            seen = _answer(client, path, id_)
            absent = _answer(client, missing, MISSING_ID)
            if seen != absent:
                oracles.append(f"{name} {path}: {seen[:2]} but missing id: {absent[:2]}")
    with capsys.disabled():
        print(
            f"\n[existence oracle] {len(with_ids)} pages with an id, {checked} hidden "
            f"object pages asked twice, {len(oracles)} oracles"
        )
    assert checked > 40
    assert not oracles, "\n".join(oracles)


def test_the_404_page_offers_a_signed_out_visitor_to_log_in(world):
    response = Client().get(f"/meetings/{MISSING_ID}/")
    assert response.status_code == 404
    assert f"/accounts/login/?next=/meetings/{MISSING_ID}/" in response.content.decode()
    signed_in = Client()
    signed_in.force_login(User.objects.get(username="paul"))
    assert "/accounts/login/" not in signed_in.get(f"/meetings/{MISSING_ID}/").content.decode()
