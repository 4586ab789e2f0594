import pytest

from booklets import services
from tests.factories import UserFactory

SECTIONS = [("housing", "Se loger"), ("health", "Santé"), ("transport", "Transports")]


@pytest.fixture(scope="session")
def _booklet_media(tmp_path_factory):
    return tmp_path_factory.mktemp("booklet-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _booklet_media):
    """PDFs land in a folder of this test session (shared, so the content cache works)."""
    settings.MEDIA_ROOT = str(_booklet_media)


@pytest.fixture
def booklet(agora, facilitator, members):
    return services.booklet_create(
        actor=facilitator,
        space=agora,
        title="Bienvenue dans la métropole",
        sections=SECTIONS,
        target_languages=["ar", "en", "ti"],
    )


@pytest.fixture
def writer(members):
    return members[1].user  # Yonas


@pytest.fixture
def translator(members):
    """Amina: reads Arabic (interface language ar)."""
    return members[0].user


@pytest.fixture
def reviewer(members):
    """Farid, who reads Arabic too (listed in the languages he speaks)."""
    user = members[2].user
    user.languages_spoken = ["fa-af", "ar"]
    user.save()
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(role="partner")


def write(section, user, language, body, *, title=None, minor=False, review=False):
    """Save on top of the latest revision (as a person who just opened the form)."""
    from booklets.models import SectionText

    text = SectionText.objects.filter(section=section, language=language).first()
    return services.section_save(
        actor=user,
        section=section,
        language=language,
        title=title or f"Title {language}",
        body=body,
        base_number=text.current_number if text else 0,
        minor=minor,
        ready_for_review=review,
    )


@pytest.fixture(autouse=True)
def english_messages():
    """Services' refusals are checked against their English source text: outside a
    request the active language would be the site's default (French)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    """Pages in English, as the tests read them (the site's default is French); a test
    may still ask for another language with a cookie or a header."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
