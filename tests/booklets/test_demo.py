import pytest

from booklets import selectors
from booklets.models import Booklet, EditionPage, EditionStatus, TextStatus

pytestmark = pytest.mark.django_db


def test_demo_booklet_is_published_in_four_languages_and_idempotent(agora, facilitator, members):
    from booklets.demo import seed

    for user, spoken in zip(
        (m.user for m in members),
        (["ar", "fr"], ["ti", "en"], ["ar", "fr"], ["en", "ti"]),
        strict=True,
    ):
        user.languages_spoken = spoken
        user.save()
    booklet = seed(agora, facilitator, [m.user for m in members])
    assert seed(agora, facilitator, [m.user for m in members]) == booklet
    assert Booklet.objects.count() == 1
    edition = selectors.edition_published(short_code=booklet.short_code)
    assert edition.status == EditionStatus.PUBLISHED
    assert edition.languages == ["fr", "ar", "en", "ti"]
    for code in edition.languages:
        assert EditionPage.objects.filter(edition=edition, language=code).count() >= 8
    overview = selectors.booklet_overview(booklet=booklet)
    last = overview["rows"][-1]
    assert dict(last.cells)["ar"] == TextStatus.OUTDATED
    assert dict(overview["rows"][0].cells)["ar"] == TextStatus.APPROVED
