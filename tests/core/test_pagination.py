"""Lists a window at a time (core.pagination): every row once, in order, by plain links that
keep the filters; the same queries and bytes whatever the size of the list; a cursor typed
by hand never breaks the page."""

import base64
import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Notification
from core.pagination import PAGE_SIZE, window
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _notices(user, count, *, same_moment=False):
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            user=user,
            subject=f"Notice {i}",
            created_at=now if same_moment else now - timedelta(minutes=i),
        )
        for i in range(count)
    )
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id"))


def _query(link: str) -> dict:
    return dict(pair.split("=", 1) for pair in link.lstrip("?").split("&") if pair)


@pytest.mark.parametrize("same_moment", [False, True])  # ties broken by the primary key
def test_walking_the_windows_shows_every_row_once_in_order(same_moment):
    user = UserFactory()
    expected = _notices(user, 2 * PAGE_SIZE + 10, same_moment=same_moment)
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-id")

    seen, params, windows = [], {}, []
    while True:
        current = window(queryset, params)
        windows.append(current)
        seen += current.items
        if not current.older_query:
            break
        params = _query(current.older_query)
    assert [n.pk for n in seen] == [n.pk for n in expected]
    assert [len(w.items) for w in windows] == [PAGE_SIZE, PAGE_SIZE, 10]
    assert windows[0].newer_query is None

    back = window(queryset, _query(windows[-1].newer_query))  # "Previous" from the last
    assert [n.pk for n in back.items] == [n.pk for n in windows[1].items]
    first = window(queryset, _query(back.newer_query))
    assert [n.pk for n in first.items] == [n.pk for n in windows[0].items]
    assert first.newer_query is None


def _cursor(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "zzz",
        "%%%",
        _cursor(["not a date", 3]),
        _cursor([1, 2, 3]),
        _cursor("a string"),
        _cursor([True, 1]),
        _cursor([None, 1]),
        _cursor(["2026-12-03T20:00:00+01:00", "x"]),
        _cursor(["9999-99-99", 1]),
    ],
)
def test_a_cursor_typed_by_hand_starts_the_list_again(client, cursor):
    user = UserFactory()
    expected = _notices(user, PAGE_SIZE + 5)
    client.force_login(user)
    for name in ("after", "before"):
        response = client.get("/notices/", {name: cursor})
        assert response.status_code == 200
        html = response.content.decode()
        assert expected[0].subject in html and expected[PAGE_SIZE].subject not in html


def test_a_readable_cursor_out_of_range_answers_a_page(client):
    """Well-formed but far (a key beyond any integer column): a page, not an error."""
    user = UserFactory()
    _notices(user, 3)
    client.force_login(user)
    for name in ("after", "before"):
        cursor = _cursor(["2026-12-03T20:00:00+01:00", 10**30])
        assert client.get("/notices/", {name: cursor}).status_code == 200


def test_the_links_keep_the_filters_and_need_no_script(client):
    user = UserFactory()
    _notices(user, PAGE_SIZE + 1)
    client.force_login(user)
    html = client.get("/notices/", {"theme": "housing"}).content.decode()
    links = [unescape(h) for h in re.findall(r'<a href="([^"]+)" rel="next"', html)]
    assert len(links) == 1 and "theme=housing" in links[0] and "after=" in links[0]
    older = client.get("/notices/" + links[0]).content.decode()
    assert "Notice 25" in older and 'rel="prev"' in older


def _proposals(space, author, count):
    from proposals.models import Proposal, ProposalStatus

    now = timezone.now()
    Proposal.objects.bulk_create(
        Proposal(
            space=space,
            title=f"Proposal {i}",
            text="Text",
            status=ProposalStatus.SUBMITTED,
            creator=author,
            updated_at=now - timedelta(minutes=i),
        )
        for i in range(count)
    )


def _measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), len(response.content)


def test_the_proposals_list_costs_the_same_at_30_and_300_rows(client, agora, facilitator):
    _proposals(agora, facilitator, 30)
    small = _measure(client, "/s/agora/proposals/")
    small_older = _measure(client, "/s/agora/proposals/?after=" + _last_cursor(client))
    _proposals(agora, facilitator, 270)
    large = _measure(client, "/s/agora/proposals/")
    assert large[0] == small[0], "the same queries"
    assert abs(large[1] - small[1]) < 200, "the same bytes (one window of 25)"
    assert small_older[0] == small[0]


def _last_cursor(client) -> str:
    html = client.get("/s/agora/proposals/").content.decode()
    return unescape(re.search(r'href="\?after=([^"]+)" rel="next"', html).group(1))
