"""Reads about booklets, each page in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Prefetch
from django.utils import timezone

from booklets import diffing
from booklets.models import (
    Booklet,
    BookletImage,
    EditingPresence,
    Edition,
    EditionPage,
    EditionPdf,
    EditionStatus,
    Feedback,
    FeedbackStatus,
    Revision,
    Section,
    SectionText,
    TextStatus,
)
from core.models import Space

PRESENCE_MAX_AGE = timedelta(hours=8)


def booklet_get(*, pk: int) -> Booklet | None:
    return Booklet.objects.select_related("space").filter(pk=pk).first()


def section_get(*, pk: int) -> Section | None:
    return Section.objects.select_related("booklet__space").filter(pk=pk).first()


def edition_get(*, pk: int) -> Edition | None:
    return Edition.objects.select_related("booklet__space", "vote").filter(pk=pk).first()


def feedback_get(*, pk: int) -> Feedback | None:
    return Feedback.objects.select_related("page__edition__booklet__space").filter(pk=pk).first()


def booklets_for_space(*, space: Space) -> list[Booklet]:
    return list(
        Booklet.objects.filter(space=space).prefetch_related(
            Prefetch(
                "editions",
                queryset=Edition.objects.filter(status=EditionStatus.PUBLISHED),
                to_attr="published",
            )
        )
    )


@dataclass
class SectionRow:
    section: Section
    title: str
    cells: list[tuple[str, str]] = field(default_factory=list)  # (language, status)


def booklet_overview(*, booklet: Booklet) -> dict:
    """Sections × languages with their status, and coverage per language (3 queries)."""
    sections = list(booklet.sections.filter(removed_at__isnull=True).order_by("position", "pk"))
    texts = {
        (t.section_id, t.language): t for t in SectionText.objects.filter(section__in=sections)
    }
    source = booklet.source_language
    current = {
        section_id: (title, bool(body.strip()))
        for section_id, title, body in Revision.objects.filter(
            text__section__in=sections, text__language=source, number=F("text__current_number")
        ).values_list("text__section", "title", "body")
    }  # the latest source revision of each section
    rows = []
    approved = dict.fromkeys(booklet.languages, 0)
    for section in sections:
        title, has_body = current.get(section.pk, ("", False))
        row = SectionRow(section=section, title=title)
        for code in booklet.languages:
            text = texts.get((section.pk, code))
            if text is None or text.current_number == 0:
                status = TextStatus.MISSING
            elif code == source:
                status = TextStatus.DRAFT if has_body else TextStatus.MISSING
            else:
                status = text.status
            if code != source and status == TextStatus.APPROVED:
                approved[code] += 1
            row.cells.append((code, status))
        rows.append(row)
    total = len(sections)
    coverage = []
    for code in booklet.target_languages:
        counts = dict.fromkeys(TextStatus.values, 0)
        for row in rows:
            counts[dict(row.cells)[code]] += 1
        coverage.append(
            {
                "language": code,
                "counts": counts,
                "percent": round(100 * approved[code] / total) if total else 0,
            }
        )
    return {"rows": rows, "coverage": coverage, "total": total}


def text_get(*, section: Section, language: str) -> SectionText | None:
    return SectionText.objects.filter(section=section, language=language).first()


def revision_latest(*, section: Section, language: str) -> Revision | None:
    return (
        Revision.objects.filter(text__section=section, text__language=language)
        .select_related("author")
        .order_by("-number")
        .first()
    )


def revision_get(*, section: Section, language: str, number: int) -> Revision | None:
    return (
        Revision.objects.filter(text__section=section, text__language=language, number=number)
        .select_related("author")
        .first()
    )


def revision_list(*, section: Section, language: str) -> list[Revision]:
    return list(
        Revision.objects.filter(text__section=section, text__language=language)
        .select_related("author")
        .order_by("-number")
    )


def revision_diff(old: Revision | None, new: Revision | None) -> dict:
    """Title and body differences, ready for the page."""
    title = diffing.diff(old.title if old else "", new.title if new else "")
    body = diffing.diff(old.body if old else "", new.body if new else "")
    return {
        "title_html": diffing.to_html(title),
        "body_html": diffing.to_html(body),
        "changed": diffing.changed(title) or diffing.changed(body),
        "counts": diffing.counts(body),
    }


def source_changes(*, section: Section, text: SectionText | None) -> dict | None:
    """For a translator: the source's changes since the revision their translation was
    written from (None when it is up to date or there is no translation yet)."""
    if text is None or text.source_number is None:
        return None
    source = section.booklet.source_language
    latest = revision_latest(section=section, language=source)
    if latest is None or latest.number == text.source_number:
        return None
    base = revision_get(section=section, language=source, number=text.source_number)
    return {"from": text.source_number, "to": latest.number, **revision_diff(base, latest)}


def editing_now(*, section_id: int, language: str) -> list[str]:
    """Display names of the people with this section's edit page open."""
    since = timezone.now() - PRESENCE_MAX_AGE  # rows a crashed server never removed
    rows = EditingPresence.objects.filter(
        section=section_id, language=language, joined_at__gte=since
    ).select_related("user")
    return sorted({str(row.user) for row in rows}, key=str.casefold)


def feedback_for_section(*, section: Section) -> list[Feedback]:
    """Approved reader feedback on this section, from every edition: for the next one."""
    return list(
        Feedback.objects.filter(page__section=section, status=FeedbackStatus.APPROVED)
        .select_related("page__edition")
        .order_by("-created_at")[:20]
    )


def feedback_queue(*, booklet: Booklet) -> list[Feedback]:
    return list(
        Feedback.objects.filter(page__edition__booklet=booklet)
        .exclude(status=FeedbackStatus.HIDDEN)
        .select_related("page__edition")
        .order_by("status", "-created_at")[:200]
    )


def editions_of(*, booklet: Booklet) -> list[Edition]:
    return list(booklet.editions.select_related("vote").order_by("-number"))


def edition_published(*, short_code: str) -> Edition | None:
    """The latest published edition of the booklet with this short address (1 query)."""
    return (
        Edition.objects.filter(booklet__short_code=short_code, status=EditionStatus.PUBLISHED)
        .select_related("booklet__space")
        .order_by("-number")
        .first()
    )


def edition_pages(*, edition: Edition, language: str):
    """Lazy: the reader's cached fragment does not run it when the cache answers."""
    return (
        EditionPage.objects.filter(edition=edition, language=language)
        .defer("body")
        .order_by("position")
    )


def edition_pdf_open(*, edition: Edition, language: str):
    """The built PDF file of the edition in this language, opened, or None."""
    from django.core.files.storage import default_storage

    row = EditionPdf.objects.filter(edition=edition, language=language).first()
    if row is None or not default_storage.exists(row.storage_name):
        return None
    return default_storage.open(row.storage_name, "rb")


def images_of(*, booklet: Booklet) -> list:
    return list(BookletImage.objects.filter(booklet=booklet))


def image_published_edition(*, image) -> Edition | None:
    """The latest published edition that shows this image, or None. An edition's frozen
    pages hold the image's address (`image_resolver`), so this is what readers see, not
    what drafts, revisions or editions in preparation mention (1 query)."""
    from django.urls import reverse

    address = reverse("booklets:image", args=[image.booklet_id, image.key])
    shown = EditionPage.objects.filter(edition=OuterRef("pk"), html__contains=f'"{address}"')
    return (
        Edition.objects.filter(booklet_id=image.booklet_id, status=EditionStatus.PUBLISHED)
        .filter(Exists(shown))
        .select_related("booklet__space")
        .order_by("-number")
        .first()
    )


def image_get(*, booklet_id: int, key: str):
    return (
        BookletImage.objects.select_related("booklet__space")
        .filter(booklet=booklet_id, key=key)
        .first()
    )
