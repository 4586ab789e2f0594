"""Every page names the site's icon; the conventional /favicon.ico address leads to it (each
page used to cost a 404 for it)."""

import re

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_pages_name_the_icon_and_the_old_address_leads_to_it(client):
    html = client.get("/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert href.endswith("img/favicon.svg")
    assert finders.find("img/favicon.svg"), "the icon is a static file"
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == href
