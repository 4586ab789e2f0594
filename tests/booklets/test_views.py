"""Booklet pages: bad input is refused clearly, nothing typed is lost, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booklets import selectors, services
from booklets.models import Feedback, Revision, SectionText
from tests.booklets.conftest import write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def edit_url(section, language):
    return reverse("booklets:section-edit", args=[section.pk, language])


def test_a_stale_save_shows_both_versions_and_keeps_my_text(client, booklet, writer, facilitator):
    section = booklet.sections.first()
    write(section, facilitator, "fr", "Le texte de la facilitatrice.", title="Se loger")  # v2
    client.force_login(writer)
    response = client.post(
        edit_url(section, "fr"),
        {"title": "Se loger", "body": "Mon texte à moi, écrit sur la version 1.", "base_number": 1},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mon texte à moi, écrit sur la version 1." in page  # kept in the form
    assert "Le texte de la facilitatrice." in page  # their version shown
    assert "<ins>" in page and "<del>" in page  # and the differences
    assert 'name="base_number" value="2"' in page  # the next save merges on top of v2
    assert not Revision.objects.filter(body__startswith="Mon texte").exists()
    # The merged text saves.
    response = client.post(
        edit_url(section, "fr"),
        {"title": "Se loger", "body": "Fusion des deux.", "base_number": 2},
    )
    assert response.status_code == 302
    assert selectors.revision_latest(section=section, language="fr").body == "Fusion des deux."


def test_malformed_blocks_are_refused_with_the_problem_and_the_text_kept(client, booklet, writer):
    section = booklet.sections.first()
    client.force_login(writer)
    body = ":::emergency\nceci n'est pas un numéro\n:::"
    response = client.post(
        edit_url(section, "fr"), {"title": "Se loger", "body": body, "base_number": 1}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "ceci n&#x27;est pas un numéro" in page
    assert selectors.revision_latest(section=section, language="fr").number == 1


def test_translating_a_removed_section_keeps_the_text(client, booklet, translator, facilitator):
    section = booklet.sections.first()
    client.force_login(translator)
    page = client.get(edit_url(section, "ar"))
    assert page.status_code == 200 and 'dir="rtl"' in page.content.decode()
    services.section_remove(actor=facilitator, section=section)
    response = client.post(
        edit_url(section, "ar"), {"title": "السكن", "body": "ترجمتي", "base_number": 0}
    )
    assert response.status_code == 200
    assert "ترجمتي" in response.content.decode()
    assert not SectionText.objects.filter(section=section, language="ar").exists()


def test_unknown_language_and_bad_numbers_never_500(client, booklet, writer):
    section = booklet.sections.first()
    client.force_login(writer)
    assert client.get(edit_url(section, "xx")).status_code == 404
    history = reverse("booklets:section-history", args=[section.pk, "fr"])
    assert client.get(history, {"from": "abc", "to": "2"}).status_code == 200
    assert client.get(history, {"from": "7", "to": "9"}).status_code == 200
    restore = reverse("booklets:section-restore", args=[section.pk, "fr"])
    assert client.post(restore, {"number": "x"}).status_code == 302
    assert client.post(restore, {"number": "99", "base_number": "1"}).status_code == 302
    response = client.post(edit_url(section, "fr"), {"title": "", "body": "x", "base_number": "z"})
    assert response.status_code == 200


def test_history_shows_a_readable_diff(client, booklet, writer):
    section = booklet.sections.first()
    write(section, writer, "fr", "Le bus passe.")
    write(section, writer, "fr", "Le tram passe.")
    client.force_login(writer)
    page = client.get(reverse("booklets:section-history", args=[section.pk, "fr"])).content
    page = page.decode()
    assert "<del>" in page and "bus" in page and "<ins>" in page and "tram" in page


def test_translation_page_shows_the_source_changes(client, booklet, writer, translator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Appelez le 115.")
    write(section, translator, "ar", "اتصل بالرقم 115.")
    write(section, writer, "fr", "Appelez le 115 ou le 15.")
    client.force_login(translator)
    page = client.get(edit_url(section, "ar")).content.decode()
    assert "bk-outdated" in page and "<ins>" in page and "اتصل بالرقم 115." in page


def _publish(booklet, writer, facilitator, count=None):
    if count:
        for i in range(count - booklet.sections.count()):
            services.section_add(actor=facilitator, booklet=booklet, title=f"Partie {i}")
    for section in booklet.sections.all():
        write(section, writer, "fr", f"Texte de la section {section.pk}.\n\n- un\n- deux")
    booklet.approval = "facilitator"
    booklet.save()
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    services.edition_approve(actor=facilitator, edition=edition)
    return services.edition_publish(actor=facilitator, edition=edition)


def _reader_queries(client, booklet):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("booklets:reader", args=[booklet.short_code, "fr"]))
    assert response.status_code == 200
    return len(queries)


def test_reader_runs_the_same_queries_for_8_or_40_sections(client, agora, facilitator, members):
    writer = members[1].user
    small = services.booklet_create(
        actor=facilitator, space=agora, title="Petit", sections=[("a", "A")]
    )
    big = services.booklet_create(actor=facilitator, space=agora, title="Grand", sections=[])
    _publish(small, writer, facilitator, count=8)
    _publish(big, writer, facilitator, count=40)
    assert _reader_queries(client, small) == _reader_queries(client, big) <= 3


def test_reader_language_direction_and_unknown_language(client, booklet, writer, facilitator):
    _publish(booklet, writer, facilitator)
    page = client.get(reverse("booklets:reader", args=[booklet.short_code, "fr"])).content
    assert b'dir="ltr"' in page and b'lang="fr"' in page
    assert (
        client.get(reverse("booklets:reader", args=[booklet.short_code, "ar"])).status_code == 404
    )
    assert client.get(reverse("booklets:reader-home", args=["nope"])).status_code == 404


def test_reader_feedback_honeypot_and_bad_input(client, booklet, writer, facilitator):
    edition = _publish(booklet, writer, facilitator)
    page = edition.pages.first()
    url = reverse("booklets:reader-feedback", args=[booklet.short_code, "fr", page.pk])
    assert client.post(url, {"helpful": "yes", "website": "http://spam"}).status_code == 303
    assert Feedback.objects.count() == 0
    response = client.post(url, {"helpful": "maybe", "comment": "Mon commentaire"})
    assert response.status_code == 200 and "Mon commentaire" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert client.post(url, {"helpful": "no", "comment": "Adresse fausse"}).status_code == 303
    assert Feedback.objects.get().comment == "Adresse fausse"
    other = reverse("booklets:reader-feedback", args=[booklet.short_code, "fr", 999999])
    assert client.post(other, {"helpful": "yes"}).status_code == 404


def test_unpublished_edition_pdf_is_hidden_from_the_public(client, booklet, writer, facilitator):
    for section in booklet.sections.all():
        write(section, writer, "fr", "Texte.")
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    url = reverse("booklets:edition-pdf", args=[edition.pk, "fr"])
    assert client.get(url).status_code == 404  # anonymous: hidden, as if it did not exist
    client.force_login(UserFactory(role="partner"))
    assert client.get(url).status_code == 404
    preview = reverse("booklets:edition-preview", args=[edition.pk, "fr"])
    assert client.get(preview).status_code == 404


def test_booklet_creation_form(client, agora, facilitator):
    client.force_login(facilitator)
    url = reverse("booklets:booklet-create", args=[agora.slug])
    response = client.post(
        url,
        {
            "title": "Bienvenue",
            "source_language": "fr",
            "target_languages": ["ar", "en"],
            "approval": "vote",
            "sections": ["housing", "health"],
        },
    )
    assert response.status_code == 302
    booklet = agora.booklets.get()
    assert [s.key for s in booklet.sections.all()] == ["housing", "health"]
    response = client.post(url, {"title": "", "source_language": "zz", "approval": "vote"})
    assert response.status_code == 200 and agora.booklets.count() == 1


def test_detail_shows_coverage(client, booklet, writer, translator):
    write(booklet.sections.first(), translator, "ar", "نص.")
    client.force_login(writer)
    page = client.get(reverse("booklets:booklet-detail", args=[booklet.pk])).content.decode()
    assert "bk-draft" in page and "bk-missing" in page


def test_reader_downloads_the_pdf_built_when_published(
    client, booklet, writer, facilitator, eager_celery, django_capture_on_commit_callbacks
):
    from booklets.models import EditionPdf

    with django_capture_on_commit_callbacks(execute=True):
        edition = _publish(booklet, writer, facilitator)
    row = EditionPdf.objects.get(edition=edition, language="fr")  # built by the task
    response = client.get(reverse("booklets:reader-pdf", args=[booklet.short_code, "fr"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # An unchanged edition is not rendered again: the same stored file.
    assert services.edition_pdf_build(edition=edition, language="fr") == row.storage_name


def test_pdf_not_built_yet_says_it_is_being_prepared(client, booklet, writer, facilitator):
    from django.core.cache import cache

    from booklets.models import EditionPdf

    edition = _publish(booklet, writer, facilitator)
    EditionPdf.objects.filter(edition=edition).delete()
    cache.set(f"booklets:pdf:{edition.pk}:fr", 1, 60)  # a build was asked for a moment ago
    response = client.get(reverse("booklets:reader-pdf", args=[booklet.short_code, "fr"]))
    assert response.status_code == 202
    page = response.content.decode()
    assert 'http-equiv="refresh"' in page and response["Retry-After"] == "5"
    assert not EditionPdf.objects.exists()  # nothing queued twice within the minute
    assert (
        client.get(reverse("booklets:reader-pdf", args=[booklet.short_code, "ar"])).status_code
        == 404
    )


def test_pdf_task_fetches_by_id_and_refuses_what_does_not_exist(booklet, writer, facilitator):
    from booklets.models import EditionPdf
    from booklets.tasks import edition_pdf_build

    edition = _publish(booklet, writer, facilitator)
    EditionPdf.objects.all().delete()
    assert edition_pdf_build.run(999999, "fr") is None
    assert edition_pdf_build.run(edition.pk, "ar") is None
    name = edition_pdf_build.run(edition.pk, "fr")
    assert EditionPdf.objects.get(edition=edition, language="fr").storage_name == name


def test_titles_per_language_reach_the_reader_and_stay_frozen(
    client, booklet, writer, translator, reviewer, facilitator
):
    client.force_login(facilitator)
    url = reverse("booklets:booklet-settings", args=[booklet.pk])
    response = client.post(
        url,
        {
            "title": booklet.title,
            "target_languages": ["ar", "en", "ti"],
            "approval": "facilitator",
            "title_ar": "مرحباً بكم في المدينة",
        },
    )
    assert response.status_code == 302
    for section in booklet.sections.all():
        write(section, writer, "fr", "Texte.")
        write(section, translator, "ar", "نص.")
        services.translation_approve(actor=reviewer, section=section, language="ar")
    booklet.refresh_from_db()
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr", "ar"])
    services.edition_approve(actor=facilitator, edition=edition)
    services.edition_publish(actor=facilitator, edition=edition)
    services.booklet_update(
        actor=facilitator,
        booklet=booklet,
        title=booklet.title,
        target_languages=["ar"],
        approval="facilitator",
        title_translations={"ar": "عنوان جديد"},
    )
    client.logout()
    page = client.get(reverse("booklets:reader", args=[booklet.short_code, "ar"])).content
    assert "مرحباً بكم في المدينة" in page.decode() and "عنوان جديد" not in page.decode()
    french = client.get(reverse("booklets:reader", args=[booklet.short_code, "fr"])).content
    assert booklet.title in french.decode()
    assert services._pdf_booklet(edition, "ar").title == "مرحباً بكم في المدينة"
