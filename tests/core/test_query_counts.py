"""Pages listing seats or spaces run a fixed number of queries, however many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Seat
from core.services import membership_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["accounts:seat-list", "portal:space"])
def test_seat_pages_do_not_query_per_seat(client, agora, facilitator, url_name):
    client.force_login(facilitator)
    url = reverse(url_name, args=[agora.slug])
    empty = count(client, url)
    for seat in Seat.objects.filter(space=agora):
        membership_start(actor=facilitator, seat=seat, user=UserFactory())
    assert count(client, url) == empty


def test_home_does_not_query_per_space(client, facilitator):
    from agora.services import agora_create

    client.force_login(facilitator)
    agora_create(actor=facilitator, name="One")
    one = count(client, "/")
    for n in range(5):
        agora_create(actor=facilitator, name=f"Other {n}")
    assert count(client, "/") == one
