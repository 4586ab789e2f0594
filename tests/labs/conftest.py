import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Services' refusals are checked against their English source text: outside a
    request the active language would be the site's default (French)."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """Pages in English, as the tests read them (the site's default is French)."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache (Redis when configured): each test starts afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
