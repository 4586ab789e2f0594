"""Simultaneous saves of one section: exactly one wins, every other is refused as a
conflict, nothing is overwritten (PostgreSQL: run through make test)."""

import threading

import pytest
from django.db import connection, connections

from booklets import services
from booklets.models import Revision, SectionText

pytestmark = pytest.mark.django_db(transaction=True)


def _race(count, save):
    barrier = threading.Barrier(count)
    outcomes = []

    def run(i):
        try:
            barrier.wait()
            save(i)
            outcomes.append("saved")
        except services.EditConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.parametrize(("language", "base"), [("fr", 1), ("ar", 0)])
def test_twenty_simultaneous_saves_on_one_version(booklet, writer, translator, language, base):
    assert connection.vendor == "postgresql", "run through make test (PostgreSQL)"
    section = booklet.sections.first()
    author = writer if language == "fr" else translator

    def save(i):
        services.section_save(
            actor=author,
            section=section,
            language=language,
            title=f"T{i}",
            body=f"Texte numéro {i}",
            base_number=base,
        )

    outcomes = _race(20, save)
    assert outcomes.count("saved") == 1 and outcomes.count("conflict") == 19
    text = SectionText.objects.get(section=section, language=language)
    revisions = Revision.objects.filter(text=text)
    assert revisions.count() == base + 1 and text.current_number == base + 1
