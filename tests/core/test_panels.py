"""core.panels: feature apps compose a space's page; the page itself knows no feature."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from core import panels
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_every_feature_registered_its_part():
    assert {"agora.intro", "labs.intro", "labs.life", "meetings.next", "portal.about"} <= set(
        panels._panels
    )
    assert {"meetings.list", "proposals.list", "booklets.list", "accounts.seats"} <= set(
        panels._links
    )


def test_panels_follow_the_kind_the_order_and_replacements(agora, lab, facilitator):
    request = _request(facilitator)
    agora_page = "".join(panels.space_panels(request, agora, {"space": agora}))
    lab_page = "".join(panels.space_panels(request, lab, {"space": lab}))
    assert "Meetings" in agora_page and "Phases" not in agora_page
    # The lab's life shows its working sessions and replaces the generic next meeting.
    assert "Working sessions" in lab_page and "<h2>Meetings</h2>" not in lab_page
    assert lab_page.index("Phases") < lab_page.index("Working sessions")


def test_manage_links_need_the_permission(agora, facilitator):
    outsider = UserFactory(role="partner")
    assert panels.space_links(_request(outsider), agora, "manage") == []
    labels = [
        str(link["label"]) for link in panels.space_links(_request(facilitator), agora, "manage")
    ]
    assert labels[0] == "Manage seats and invitations" and "Edit the Agora" in labels
    assert "Edit the lab" not in labels
    browse = [
        str(link["label"]) for link in panels.space_links(_request(outsider), agora, "browse")
    ]
    assert browse == ["All meetings", "Proposals and votes", "Booklets"]


def test_a_key_is_registered_once():
    panel = panels._panels["portal.about"]
    panels.register_panel(panel)  # the same panel again (a second ready()) is harmless
    with pytest.raises(ValueError):
        panels.register_panel(panels.Panel(key="portal.about", order=1, template="x.html"))
