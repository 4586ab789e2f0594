"""The live page read without JavaScript: it says it does not update by itself, and offers
a reload of the same address (it used to work by reloading but said nothing)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_without_javascript_the_live_page_offers_a_reload(client, meeting, members):
    user = members[0].user
    user.interface_language = "en"
    user.save(update_fields=["interface_language"])
    client.force_login(user)
    path = reverse("meetings:live", args=[meeting.pk])
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in html
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert noscript, "a <noscript> notice"
    assert "only with JavaScript" in noscript.group(1)
    assert f'href="{path}"' in noscript.group(1)
