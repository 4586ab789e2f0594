"""Booklet services: revisions, diff, restore, conflicts, translation statuses, approvals,
editions, the vote hook, feedback."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from booklets import selectors, services
from booklets.models import (
    Edition,
    EditionPage,
    EditionStatus,
    Revision,
    SectionText,
    TextStatus,
)
from core.exceptions import DomainError
from tests.booklets.conftest import write

pytestmark = pytest.mark.django_db


def status(section, language):
    return SectionText.objects.get(section=section, language=language).status


def test_create_starts_sections_from_the_template_in_order(booklet):
    sections = list(booklet.sections.order_by("position"))
    assert [s.key for s in sections] == ["housing", "health", "transport"]
    first = selectors.revision_latest(section=sections[0], language="fr")
    assert first.number == 1 and first.title == "Se loger"
    assert booklet.languages == ["fr", "ar", "en", "ti"]
    assert len(booklet.short_code) == 6


def test_create_refuses_unknown_languages(agora, facilitator):
    with pytest.raises(DomainError):
        services.booklet_create(
            actor=facilitator, space=agora, title="X", sections=[], target_languages=["xx"]
        )


def test_every_save_is_a_numbered_revision_with_its_author(booklet, writer, facilitator):
    section = booklet.sections.first()
    r2 = write(section, writer, "fr", "Le 115 répond jour et nuit.")
    r3 = write(section, facilitator, "fr", "Le 115 répond jour et nuit, gratuitement.")
    assert (r2.number, r2.author, r3.number, r3.author) == (2, writer, 3, facilitator)
    assert [r.number for r in selectors.revision_list(section=section, language="fr")] == [3, 2, 1]


def test_saving_the_same_text_makes_no_empty_revision(booklet, writer):
    section = booklet.sections.first()
    r2 = write(section, writer, "fr", "Texte", title="Se loger")
    again = write(section, writer, "fr", "Texte", title="Se loger")
    assert again.pk == r2.pk


def test_stale_save_is_refused_and_both_texts_remain(booklet, writer, facilitator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Version de base.")  # revision 2
    # Both open the form at revision 2; the facilitator saves first.
    services.section_save(
        actor=facilitator,
        section=section,
        language="fr",
        title="Se loger",
        body="Version de la facilitatrice.",
        base_number=2,
    )
    with pytest.raises(services.EditConflict) as refused:
        services.section_save(
            actor=writer,
            section=section,
            language="fr",
            title="Se loger",
            body="Version de Yonas.",
            base_number=2,
        )
    assert refused.value.latest.number == 3
    assert refused.value.latest.body == "Version de la facilitatrice."
    bodies = [r.body for r in selectors.revision_list(section=section, language="fr")]
    assert "Version de la facilitatrice." in bodies and "Version de Yonas." not in bodies
    # After merging by hand on top of revision 3, the save goes through.
    merged = services.section_save(
        actor=writer,
        section=section,
        language="fr",
        title="Se loger",
        body="Version de la facilitatrice. Version de Yonas.",
        base_number=3,
    )
    assert merged.number == 4


def test_a_first_translation_started_twice_conflicts(booklet, translator, reviewer):
    section = booklet.sections.first()
    write(section, translator, "ar", "نص أول")
    with pytest.raises(services.EditConflict):
        services.section_save(
            actor=reviewer,
            section=section,
            language="ar",
            title="عنوان",
            body="نص آخر",
            base_number=0,
        )


def test_database_refuses_two_revisions_with_one_number(booklet):
    text = SectionText.objects.get(section=booklet.sections.first(), language="fr")
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(text=text, number=1, title="again")


def test_unsafe_or_malformed_text_is_refused_with_the_problem(booklet, writer):
    section = booklet.sections.first()
    with pytest.raises(DomainError) as refused:
        write(section, writer, "fr", ":::emergency\nnot a number: at all\n:::")
    assert "Line" in str(refused.value.message) or "Ligne" in str(refused.value.message)
    assert selectors.revision_latest(section=section, language="fr").number == 1


def test_script_is_stored_as_typed_but_never_rendered(booklet, writer):
    from booklets.markup import render

    section = booklet.sections.first()
    revision = write(section, writer, "fr", "Bonjour <script>alert(1)</script>")
    html = render(revision.body, language="fr")
    assert "<script" not in html


def test_diff_marks_additions_and_removals_with_text_cues(booklet, writer):
    section = booklet.sections.first()
    old = write(section, writer, "fr", "Le bus passe le matin.")
    new = write(section, writer, "fr", "Le tram passe le matin et le soir.")
    from django.utils import translation

    with translation.override("en"):
        diff = selectors.revision_diff(old, new)
    assert "<del>" in diff["body_html"] and "bus" in diff["body_html"]
    assert "<ins>" in diff["body_html"] and "tram" in diff["body_html"]
    assert "[removed:" in diff["body_html"] and "[added:" in diff["body_html"]
    assert diff["counts"] == {"insert": 4, "delete": 1}


def test_diff_escapes_the_texts():
    from booklets import diffing

    html = diffing.to_html(diffing.diff("a", "<img src=x onerror=alert(1)>"))
    assert "<img" not in html and "&lt;img" in html


def test_restore_makes_a_new_revision(booklet, writer, facilitator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Premier texte.")  # 2
    write(section, facilitator, "fr", "Texte abîmé.")  # 3
    restored = services.revision_restore(
        actor=writer, section=section, language="fr", number=2, base_number=3
    )
    assert (
        restored.number == 4 and restored.body == "Premier texte." and restored.restored_from == 2
    )
    assert Revision.objects.filter(text__section=section, text__language="fr").count() == 4


def test_restore_on_a_stale_page_is_a_conflict(booklet, writer, facilitator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Premier texte.")  # 2
    write(section, facilitator, "fr", "Autre.")  # 3
    with pytest.raises(services.EditConflict):
        services.revision_restore(
            actor=writer, section=section, language="fr", number=1, base_number=2
        )


def test_editing_the_source_outdates_translations_unless_minor(booklet, writer, translator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Le 115 est gratuit.")
    write(section, translator, "ar", "الرقم 115 مجاني.")
    assert status(section, "ar") == TextStatus.DRAFT
    write(section, writer, "fr", "Le 115 est gratuit.", title="Se logr")  # typo, minor
    write(section, writer, "fr", "Le 115 est gratuit.", title="Se loger", minor=True)
    assert status(section, "ar") == TextStatus.OUTDATED  # the first save was not minor
    write(section, translator, "ar", "الرقم 115 مجاني دائماً.")
    assert status(section, "ar") == TextStatus.DRAFT
    write(section, writer, "fr", "Le 115 est gratuit !", minor=True)
    assert status(section, "ar") == TextStatus.DRAFT
    write(section, writer, "fr", "Le 115 est gratuit, 24 h sur 24.")
    assert status(section, "ar") == TextStatus.OUTDATED
    # English was never started: it stays missing, not outdated.
    assert not SectionText.objects.filter(section=section, language="en").exists()


def test_translator_sees_what_changed_in_the_source(booklet, writer, translator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Appelez le 115.")  # fr 2
    write(section, translator, "ar", "اتصل بالرقم 115.")  # based on fr 2
    write(section, writer, "fr", "Appelez le 115 ou le 15.")  # fr 3
    text = SectionText.objects.get(section=section, language="ar")
    changes = selectors.source_changes(section=section, text=text)
    assert (changes["from"], changes["to"]) == (2, 3)
    assert "<ins>" in changes["body_html"] and "15" in changes["body_html"]


def test_approval_by_a_second_person_who_reads_the_language(
    booklet, writer, translator, reviewer, facilitator
):
    section = booklet.sections.first()
    write(section, writer, "fr", "Texte.")
    write(section, translator, "ar", "نص.", review=True)
    assert status(section, "ar") == TextStatus.REVIEW
    with pytest.raises(DomainError):  # the last author
        services.translation_approve(actor=translator, section=section, language="ar")
    with pytest.raises(DomainError):  # reads French only
        services.translation_approve(actor=facilitator, section=section, language="ar")
    services.translation_approve(actor=reviewer, section=section, language="ar")
    text = SectionText.objects.get(section=section, language="ar")
    assert (text.status, text.approved_by) == (TextStatus.APPROVED, reviewer)
    with pytest.raises(DomainError):
        services.translation_approve(actor=reviewer, section=section, language="ar")
    write(section, writer, "fr", "Texte changé.")
    assert status(section, "ar") == TextStatus.OUTDATED
    with pytest.raises(DomainError):  # outdated: update first
        services.translation_approve(actor=reviewer, section=section, language="ar")


def test_translation_of_a_removed_section_is_refused(booklet, translator, facilitator):
    section = booklet.sections.first()
    services.section_remove(actor=facilitator, section=section)
    with pytest.raises(services.SectionRemoved):
        write(section, translator, "ar", "نص.")
    assert not SectionText.objects.filter(section=section, language="ar").exists()


def test_a_language_outside_the_booklet_is_refused(booklet, writer):
    with pytest.raises(DomainError):
        write(booklet.sections.first(), writer, "uk", "Текст")


def _ready(booklet, writer, translator, reviewer, languages=("ar",)):
    for section in booklet.sections.all():
        write(section, writer, "fr", f"Texte {section.key}.")
        for code in languages:
            write(section, translator, code, f"نص {section.key}.")
            services.translation_approve(actor=reviewer, section=section, language=code)


def test_edition_needs_approved_translations(booklet, writer, translator, reviewer, facilitator):
    section = booklet.sections.first()
    write(section, writer, "fr", "Texte.")
    with pytest.raises(DomainError):  # the other sections have no text yet
        services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    _ready(booklet, writer, translator, reviewer)
    write(section, writer, "fr", "Texte modifié.")  # Arabic outdated again
    with pytest.raises(DomainError) as refused:
        services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr", "ar"])
    assert "1" in str(refused.value.message)
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    assert edition.languages == ["fr"]


def test_edition_is_frozen_while_work_continues(booklet, writer, translator, reviewer, facilitator):
    _ready(booklet, writer, translator, reviewer)
    services.credit_set(actor=writer, booklet=booklet, agreed=True)
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr", "ar"])
    assert edition.number == 1 and edition.credits == [str(writer)]  # only who agreed
    pages = EditionPage.objects.filter(edition=edition)
    assert pages.count() == 6
    housing = pages.get(language="fr", anchor="housing")
    assert "Texte housing." in housing.html
    write(booklet.sections.get(key="housing"), writer, "fr", "Nouveau texte.")
    housing.refresh_from_db()
    assert "Texte housing." in housing.html and "Nouveau" not in housing.html
    assert (
        services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"]).number == 2
    )


def test_facilitator_approval_only_where_the_booklet_says_so(
    booklet, writer, translator, reviewer, facilitator
):
    _ready(booklet, writer, translator, reviewer)
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    with pytest.raises(DomainError):
        services.edition_approve(actor=facilitator, edition=edition)
    with pytest.raises(DomainError):  # not approved yet
        services.edition_publish(actor=facilitator, edition=edition)
    booklet.approval = "facilitator"
    booklet.save()
    services.edition_approve(actor=facilitator, edition=edition)
    services.edition_publish(actor=facilitator, edition=edition)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED and edition.published_at
    assert selectors.edition_published(short_code=booklet.short_code) == edition


def _vote_on(edition, facilitator, members, answer):
    from votes import services as voting

    vote = services.edition_put_to_vote(
        actor=facilitator, edition=edition, deadline=timezone.now() + timedelta(days=2)
    )
    voting.vote_open(actor=facilitator, vote=vote)
    for membership in members:
        voting.vote_cast(actor=membership.user, vote=vote, content={"choice": answer})
    return voting.vote_close(actor=facilitator, vote=vote)


def test_an_adopted_vote_approves_the_edition(
    booklet, writer, translator, reviewer, facilitator, members
):
    _ready(booklet, writer, translator, reviewer)
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr", "ar"])
    vote = _vote_on(edition, facilitator, members, "for")
    assert vote.result["passed"]
    edition.refresh_from_db()
    assert edition.status == EditionStatus.APPROVED and edition.vote == vote
    services.edition_publish(actor=facilitator, edition=edition)


def test_a_rejected_vote_leaves_the_edition_unapproved(
    booklet, writer, translator, reviewer, facilitator, members
):
    _ready(booklet, writer, translator, reviewer)
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    _vote_on(edition, facilitator, members, "against")
    edition.refresh_from_db()
    assert edition.status == EditionStatus.REJECTED
    with pytest.raises(DomainError):
        services.edition_publish(actor=facilitator, edition=edition)
    # It may be put to a vote again.
    services.edition_put_to_vote(
        actor=facilitator, edition=edition, deadline=timezone.now() + timedelta(days=2)
    )


def test_feedback_is_moderated(booklet, writer, translator, reviewer, facilitator):
    from booklets.models import Feedback, FeedbackStatus

    _ready(booklet, writer, translator, reviewer)
    booklet.approval = "facilitator"
    booklet.save()
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    page = edition.pages.first()
    with pytest.raises(DomainError):  # not published
        services.feedback_add(page=page, helpful=True)
    services.edition_approve(actor=facilitator, edition=edition)
    services.edition_publish(actor=facilitator, edition=edition)
    page = EditionPage.objects.select_related("edition").get(pk=page.pk)
    feedback = services.feedback_add(page=page, helpful=False, comment="  Adresse fausse  ")
    assert feedback.status == FeedbackStatus.PENDING and feedback.comment == "Adresse fausse"
    assert selectors.feedback_for_section(section=page.section) == []
    services.feedback_moderate(actor=facilitator, feedback=feedback, status="approved")
    assert selectors.feedback_for_section(section=page.section) == [feedback]
    Feedback.objects.bulk_create(
        Feedback(page=page, helpful=True) for _ in range(services.FEEDBACK_PER_PAGE_PER_HOUR)
    )
    with pytest.raises(services.FeedbackRefused):
        services.feedback_add(page=page, helpful=True)


def test_coverage_table(booklet, writer, translator, reviewer):
    sections = list(booklet.sections.order_by("position"))
    write(sections[0], translator, "ar", "نص.")
    services.translation_approve(actor=reviewer, section=sections[0], language="ar")
    write(sections[1], translator, "ar", "نص.", review=True)
    overview = selectors.booklet_overview(booklet=booklet)
    arabic = next(c for c in overview["coverage"] if c["language"] == "ar")
    assert arabic["counts"]["approved"] == 1 and arabic["counts"]["review"] == 1
    assert arabic["counts"]["missing"] == 1 and arabic["percent"] == 33
    assert Edition.objects.count() == 0


def test_source_without_a_body_counts_as_missing(booklet, writer):
    sections = list(booklet.sections.order_by("position"))
    write(sections[0], writer, "fr", "Texte.", title="Se loger")
    rows = selectors.booklet_overview(booklet=booklet)["rows"]
    assert [dict(r.cells)["fr"] for r in rows] == ["draft", "missing", "missing"]
    assert [r.title for r in rows] == ["Se loger", "Santé", "Transports"]


def test_presence_rows_left_by_a_crash_expire(booklet, writer):
    from booklets.models import EditingPresence

    section = booklet.sections.first()
    services.presence_join(user=writer, section=section, language="fr", channel_name="a")
    assert selectors.editing_now(section_id=section.pk, language="fr") == [str(writer)]
    EditingPresence.objects.update(joined_at=timezone.now() - timedelta(hours=9))
    assert selectors.editing_now(section_id=section.pk, language="fr") == []
