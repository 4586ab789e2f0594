"""Writes about booklets: sections and their revisions, translations, editions, feedback.

Every function is keyword-only, takes the acting user first, runs in a transaction and
writes an audit entry. No edit is ever lost: a save names the revision it started from
(`base_number`); if someone saved meanwhile the save is refused with `EditConflict` and
nothing is merged or overwritten. The unique (text, number) constraint holds the same
rule against races the lock would miss.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from booklets.markup import render, validate
from booklets.models import (
    Approval,
    AuthorCredit,
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
from booklets.pdf import PdfBooklet, PdfSection, image_data_uri, pdf_for
from booklets.selectors import editing_now
from core.exceptions import DomainError
from core.models import Space
from core.queue import enqueue_on_commit
from core.realtime import broadcast
from core.services import audit_record
from core.templatetags.accueil import language_name
from votes.models import VoteMethod, VoteStatus
from votes.services import vote_create
from votes.subjects import Outcome

SHORT_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
FEEDBACK_PER_PAGE_PER_HOUR = 30
MAX_TITLE = 200
MAX_BODY = 50_000


class EditConflict(DomainError):
    default_message = _(
        "Someone saved this section while you were editing it. Nothing was overwritten: "
        "compare the two versions below, merge them by hand, then save again."
    )

    def __init__(self, latest: Revision | None, message=None):
        self.latest = latest
        super().__init__(message)


class SectionRemoved(DomainError):
    default_message = _(
        "This section has been removed from the booklet: your text was not saved. "
        "It is still in the form below so you can copy it."
    )


def language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def reads_language(user: User, language: str) -> bool:
    """Someone "reads the language": it is among the languages they speak, or their
    interface language."""
    spoken = user.languages_spoken or []
    return language in spoken or user.interface_language == language


def _new_short_code() -> str:
    while True:
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _i in range(6))
        if not Booklet.objects.filter(short_code=code).exists():
            return code


def _clean_titles(titles: dict | None, languages: list[str]) -> dict[str, str]:
    return {
        code: title.strip()[:160]
        for code, title in (titles or {}).items()
        if code in languages and title and title.strip()
    }


def _check_languages(source_language: str, target_languages: list[str]) -> list[str]:
    known = language_codes()
    if source_language not in known or any(code not in known for code in target_languages):
        raise DomainError(_("Choose languages from the list."))
    return [code for code in dict.fromkeys(target_languages) if code != source_language]


# Booklets and sections ----------
@transaction.atomic
def booklet_create(
    *,
    actor: User,
    space: Space,
    title: str,
    sections: list[tuple[str, str]],
    source_language: str = "fr",
    target_languages: list[str] | None = None,
    approval: str = Approval.VOTE,
    title_translations: dict[str, str] | None = None,
) -> Booklet:
    """A booklet with its first sections, given as (key, title in the source language):
    each starts with a first revision holding its title."""
    title = title.strip()
    if not title:
        raise DomainError(_("Give the booklet a title."))
    if approval not in Approval.values:
        raise DomainError(_("Choose how editions are approved."))
    targets = _check_languages(source_language, target_languages or [])
    booklet = Booklet.objects.create(
        space=space,
        title=title[:160],
        short_code=_new_short_code(),
        source_language=source_language,
        target_languages=targets,
        title_translations=_clean_titles(title_translations, targets),
        approval=approval,
        creator=actor,
    )
    for position, (key, section_title) in enumerate(sections, start=1):
        _section_start(
            actor=actor, booklet=booklet, key=key, title=section_title, position=position
        )
    audit_record(actor=actor, action="booklet.create", target=booklet, space=space)
    return booklet


def _section_start(*, actor: User, booklet: Booklet, key: str, title: str, position: int):
    section = Section.objects.create(booklet=booklet, key=key, position=position)
    text = SectionText.objects.create(
        section=section, language=booklet.source_language, current_number=1
    )
    Revision.objects.create(text=text, number=1, title=title.strip()[:MAX_TITLE], author=actor)
    return section


@transaction.atomic
def booklet_update(
    *,
    actor: User,
    booklet: Booklet,
    title: str,
    target_languages: list[str],
    approval: str,
    title_translations: dict[str, str] | None = None,
) -> Booklet:
    if not title.strip():
        raise DomainError(_("Give the booklet a title."))
    if approval not in Approval.values:
        raise DomainError(_("Choose how editions are approved."))
    booklet.target_languages = _check_languages(booklet.source_language, target_languages)
    booklet.title = title.strip()[:160]
    booklet.title_translations = _clean_titles(title_translations, booklet.target_languages)
    booklet.approval = approval
    booklet.save(update_fields=["title", "target_languages", "title_translations", "approval"])
    audit_record(actor=actor, action="booklet.update", target=booklet, space=booklet.space)
    return booklet


@transaction.atomic
def section_add(*, actor: User, booklet: Booklet, title: str, key: str = "") -> Section:
    if not title.strip():
        raise DomainError(_("Give the section a title."))
    last = booklet.sections.order_by("-position").values_list("position", flat=True).first()
    section = _section_start(
        actor=actor, booklet=booklet, key=key, title=title, position=(last or 0) + 1
    )
    audit_record(actor=actor, action="booklet.section_add", target=section, space=booklet.space)
    return section


@transaction.atomic
def section_remove(*, actor: User, section: Section) -> Section:
    """Remove a section from the next editions; its revisions and translations stay."""
    section = Section.objects.select_for_update().select_related("booklet").get(pk=section.pk)
    if section.removed_at is not None:
        raise DomainError(_("This section has already been removed."))
    section.removed_at = timezone.now()
    section.save(update_fields=["removed_at"])
    audit_record(
        actor=actor, action="booklet.section_remove", target=section, space=section.booklet.space
    )
    return section


def _lock_text(section: Section, language: str) -> SectionText:
    """The SectionText row, created if needed, locked for this transaction."""
    try:
        with transaction.atomic():
            SectionText.objects.get_or_create(
                section=section, language=language, defaults={"status": TextStatus.DRAFT}
            )
    except IntegrityError:  # created at the same moment by another save
        pass
    return SectionText.objects.select_for_update().get(section=section, language=language)


def _validate_body(body: str) -> None:
    if len(body) > MAX_BODY:
        raise DomainError(_("This text is too long."))
    problems = validate(body)
    if problems:
        raise DomainError(" ".join(str(p) for p in problems))


@transaction.atomic
def section_save(
    *,
    actor: User,
    section: Section,
    language: str,
    title: str,
    body: str,
    base_number: int,
    minor: bool = False,
    ready_for_review: bool = False,
    restored_from: int | None = None,
) -> Revision:
    """Save a new revision of the section in `language`.

    `base_number` is the revision the writer started from (0 for a first translation).
    A newer revision refuses the save (EditConflict). Saving the source language marks
    its translations outdated unless `minor`; saving a translation records which source
    revision it was written from and sets it to draft (or "to review")."""
    section = Section.objects.select_related("booklet__space").get(pk=section.pk)
    booklet = section.booklet
    if section.removed_at is not None:
        raise SectionRemoved()
    if language not in booklet.languages:
        raise DomainError(_("This booklet is not written in this language."))
    title = title.strip()
    if not title:
        raise DomainError(_("Give the section a title."))
    if len(title) > MAX_TITLE:
        raise DomainError(_("This title is too long."))
    _validate_body(body)
    text = _lock_text(section, language)
    latest = text.revisions.order_by("-number").first()
    if base_number != text.current_number:
        raise EditConflict(latest)
    is_source = language == booklet.source_language
    source_number = None
    if not is_source:
        source_number = (
            SectionText.objects.filter(section=section, language=booklet.source_language)
            .values_list("current_number", flat=True)
            .first()
        )
    if (
        latest is not None
        and latest.title == title
        and latest.body == body
        and (is_source or text.source_number == source_number)
    ):
        if ready_for_review and text.status == TextStatus.DRAFT:
            text.status = TextStatus.REVIEW
            text.save(update_fields=["status"])
        return latest  # nothing changed: no empty revision
    number = text.current_number + 1
    try:
        with transaction.atomic():
            revision = Revision.objects.create(
                text=text,
                number=number,
                title=title,
                body=body,
                author=actor,
                minor=bool(minor and is_source),
                source_number=source_number,
                restored_from=restored_from,
            )
    except IntegrityError as exc:  # a concurrent save took this number
        raise EditConflict(text.revisions.order_by("-number").first()) from exc
    text.current_number = number
    fields = ["current_number"]
    if is_source:
        if not minor:
            SectionText.objects.filter(section=section).exclude(language=language).exclude(
                status=TextStatus.MISSING
            ).update(status=TextStatus.OUTDATED, approved_by=None, approved_at=None)
    else:
        text.source_number = source_number
        text.status = TextStatus.REVIEW if ready_for_review else TextStatus.DRAFT
        text.approved_by = None
        text.approved_at = None
        fields += ["source_number", "status", "approved_by", "approved_at"]
    text.save(update_fields=fields)
    AuthorCredit.objects.get_or_create(booklet=booklet, user=actor)
    audit_record(
        actor=actor,
        action="booklet.section_save",
        target=revision,
        space=booklet.space,
        language=language,
        number=number,
        minor=bool(minor),
    )
    broadcast(
        f"booklets.section.{section.pk}.{language}",
        "section.saved",
        {"number": number},
    )
    return revision


@transaction.atomic
def revision_restore(
    *, actor: User, section: Section, language: str, number: int, base_number: int
) -> Revision:
    """Restoring an old revision saves its text as a new revision; nothing is deleted."""
    old = Revision.objects.filter(
        text__section=section, text__language=language, number=number
    ).first()
    if old is None:
        raise DomainError(_("This version does not exist."))
    return section_save(
        actor=actor,
        section=section,
        language=language,
        title=old.title,
        body=old.body,
        base_number=base_number,
        restored_from=number,
    )


@transaction.atomic
def translation_approve(*, actor: User, section: Section, language: str) -> SectionText:
    """A second person who reads the language approves the latest translation."""
    section = Section.objects.select_related("booklet__space").get(pk=section.pk)
    if section.removed_at is not None:
        raise SectionRemoved(_("This section has been removed from the booklet."))
    if language == section.booklet.source_language:
        raise DomainError(_("The source text is approved with the edition, not here."))
    text = (
        SectionText.objects.select_for_update().filter(section=section, language=language).first()
    )
    if text is None or text.current_number == 0:
        raise DomainError(_("There is no translation to approve yet."))
    if text.status == TextStatus.OUTDATED:
        raise DomainError(
            _("The source changed since this translation: it must be updated before approval.")
        )
    if text.status == TextStatus.APPROVED:
        raise DomainError(_("This translation is already approved."))
    latest = text.revisions.order_by("-number").first()
    if latest.author_id == actor.pk:
        raise DomainError(_("A translation is approved by someone other than its last author."))
    if not reads_language(actor, language):
        raise DomainError(
            _("Only someone who reads this language can approve it (see your profile).")
        )
    text.status = TextStatus.APPROVED
    text.approved_by = actor
    text.approved_at = timezone.now()
    text.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action="booklet.translation_approve",
        target=text,
        space=section.booklet.space,
        language=language,
        number=text.current_number,
    )
    return text


@transaction.atomic
def credit_set(*, actor: User, booklet: Booklet, agreed: bool) -> AuthorCredit:
    credit, _created = AuthorCredit.objects.update_or_create(
        booklet=booklet, user=actor, defaults={"agreed": agreed, "updated_at": timezone.now()}
    )
    audit_record(
        actor=actor, action="booklet.credit", target=booklet, space=booklet.space, agreed=agreed
    )
    return credit


@transaction.atomic
def credits_remove_person_step(user: User, now, actor: User | None) -> None:
    """Registered in booklets/apps.py (accounts.deletion)."""
    credits_remove_person(user=user)


def credits_remove_person(*, user: User) -> int:
    """Take the person off every booklet's credits: her credits are withdrawn and her name
    is removed from the editions that list it, published ones included (an account being
    deleted is credited nowhere). A name another credited author of that booklet also
    bears stays. Call it while the user still has her name. Returns the editions changed.

    Limit: editions freeze the display names, not who they were; a name she used before
    renaming herself cannot be recognised and stays on the editions prepared meanwhile."""
    name = str(user)
    booklet_ids = list(AuthorCredit.objects.filter(user=user).values_list("booklet", flat=True))
    AuthorCredit.objects.filter(user=user, agreed=True).update(
        agreed=False, updated_at=timezone.now()
    )
    changed = 0
    for edition in Edition.objects.select_for_update().filter(booklet__in=booklet_ids):
        if name not in edition.credits:
            continue
        namesakes = AuthorCredit.objects.filter(booklet=edition.booklet_id, agreed=True).exclude(
            user=user
        )
        if any(str(credit.user) == name for credit in namesakes.select_related("user")):
            continue
        edition.credits = [credited for credited in edition.credits if credited != name]
        edition.save(update_fields=["credits"])
        changed += 1
    for booklet in Booklet.objects.filter(pk__in=booklet_ids).select_related("space"):
        audit_record(
            actor=None, action="booklet.credit_remove", target=booklet, space=booklet.space
        )
    return changed


# Editions ----------
def _credits(booklet: Booklet, section_ids: list[int]) -> list[str]:
    authors = set(
        Revision.objects.filter(text__section__in=section_ids).values_list("author", flat=True)
    )
    agreed = AuthorCredit.objects.filter(
        booklet=booklet, agreed=True, user__in=authors
    ).select_related("user")
    return sorted({str(credit.user) for credit in agreed}, key=str.casefold)


@transaction.atomic
def edition_prepare(*, actor: User, booklet: Booklet, languages: list[str]) -> Edition:
    """Freeze the current text of every section in these languages as the next edition.

    The source language needs a text in every section; a translation needs every section
    approved. What the space then approves is exactly what will be published."""
    booklet = Booklet.objects.select_for_update().select_related("space").get(pk=booklet.pk)
    languages = [code for code in booklet.languages if code in set(languages)]
    if not languages:
        raise DomainError(_("Choose at least one language of the booklet."))
    sections = list(booklet.sections.filter(removed_at__isnull=True).order_by("position", "pk"))
    if not sections:
        raise DomainError(_("This booklet has no section yet."))
    texts = {
        (t.section_id, t.language): t
        for t in SectionText.objects.filter(section__in=sections, language__in=languages)
    }
    revisions = {
        (r.text_id, r.number): r
        for r in Revision.objects.filter(text__in=[t.pk for t in texts.values()])
    }
    problems = []
    pages = []
    resolver = image_resolver(booklet)
    for code in languages:
        not_ready = 0
        for position, section in enumerate(sections, start=1):
            text = texts.get((section.pk, code))
            revision = revisions.get((text.pk, text.current_number)) if text else None
            ready = revision is not None and revision.body.strip()
            if code != booklet.source_language:
                ready = ready and text.status == TextStatus.APPROVED
            if not ready:
                not_ready += 1
                continue
            pages.append(
                EditionPage(
                    language=code,
                    position=position,
                    section=section,
                    anchor=section.anchor,
                    title=revision.title,
                    body=revision.body,
                    html=render(
                        revision.body,
                        image_resolver=resolver,
                        language=code,
                        id_prefix=f"{section.anchor}-",
                    ),
                    revision_number=revision.number,
                )
            )
        if not_ready:
            problems.append((code, not_ready))
    if problems:
        raise DomainError(
            _("Not ready: %(list)s. A text is needed in every section, approved for translations.")
            % {
                "list": ", ".join(
                    _("%(language)s (%(count)s sections)")
                    % {"language": language_name(code), "count": count}
                    for code, count in problems
                )
            }
        )
    last = booklet.editions.order_by("-number").values_list("number", flat=True).first()
    edition = Edition.objects.create(
        booklet=booklet,
        number=(last or 0) + 1,
        languages=languages,
        credits=_credits(booklet, [s.pk for s in sections]),
        titles={code: booklet.title_translations.get(code) or booklet.title for code in languages},
        creator=actor,
    )
    for page in pages:
        page.edition = edition
    EditionPage.objects.bulk_create(pages)
    audit_record(
        actor=actor,
        action="booklet.edition_prepare",
        target=edition,
        space=booklet.space,
        number=edition.number,
    )
    return edition


def _lock_edition(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().select_related("booklet__space").get(pk=edition.pk)


@transaction.atomic
def edition_put_to_vote(
    *, actor: User, edition: Edition, meeting=None, deadline: datetime | None = None
):
    """Ask the space: a for/against vote (created as a draft, opened like any vote)."""

    edition = _lock_edition(edition)
    booklet = edition.booklet
    if booklet.approval != Approval.VOTE:
        raise DomainError(_("This booklet's editions are approved by the facilitator."))
    retry = edition.status == EditionStatus.IN_VOTE and (
        edition.vote is None or edition.vote.status == VoteStatus.CLOSED
    )
    if edition.status not in (EditionStatus.PREPARED, EditionStatus.REJECTED) and not retry:
        raise DomainError(_("This edition is already put to a vote or decided."))

    vote = vote_create(
        actor=actor,
        space=booklet.space,
        title=edition_question(edition),  # shown translated: edition_vote_title
        method=VoteMethod.FOR_AGAINST,
        meeting=meeting,
        deadline=deadline,
    )
    edition.vote = vote
    edition.status = EditionStatus.IN_VOTE
    edition.save(update_fields=["vote", "status"])
    audit_record(
        actor=actor,
        action="booklet.edition_vote",
        target=edition,
        space=booklet.space,
        vote=vote.pk,
    )
    return vote


def _approve(actor: User | None, edition: Edition) -> Edition:
    edition.status = EditionStatus.APPROVED
    edition.approved_by = actor if actor and actor.is_authenticated else None
    edition.approved_at = timezone.now()
    edition.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action="booklet.edition_approve",
        target=edition,
        space=edition.booklet.space,
        number=edition.number,
    )
    return edition


@transaction.atomic
def edition_question(edition: Edition) -> str:
    """The question "Approve edition <n> of the booklet "<title>" (<languages>)?" in the
    active language, with the booklet's title in that language when it has one."""
    booklet = edition.booklet
    language = get_language() or booklet.source_language
    return str(
        _("Approve edition %(number)s of the booklet “%(title)s” (%(languages)s)?")
        % {
            "number": edition.number,
            "title": booklet.title_translations.get(language) or booklet.title,
            "languages": ", ".join(language_name(code) for code in edition.languages),
        }
    )


def edition_vote_title(vote) -> str:
    """Registered vote subject (booklets/apps.py): the question of a vote on an edition, in
    the reader's language."""
    edition = Edition.objects.select_related("booklet").filter(vote=vote).first()
    return edition_question(edition) if edition else vote.title


def vote_concerns_an_edition(vote) -> bool:
    return Edition.objects.filter(vote=vote).exists()


def edition_vote_closed(*, actor: User | None, vote, outcome: Outcome) -> list[Edition]:
    """Registered vote subject (booklets/apps.py, votes.subjects): an adopted, valid vote
    approves its edition; a rejected one, or one without quorum, marks it "not approved"
    (it can be put to a new vote, or approved by the facilitator where the booklet says so)."""
    approved = outcome.adopted
    decided = []
    for edition in (
        Edition.objects.select_for_update()
        .select_related("booklet__space")
        .filter(vote=vote, status=EditionStatus.IN_VOTE)
    ):
        if approved:
            decided.append(_approve(actor, edition))
            continue
        edition.status = EditionStatus.REJECTED
        edition.save(update_fields=["status"])
        audit_record(
            actor=actor, action="edition.rejected", target=edition, space=edition.booklet.space
        )
        decided.append(edition)
    return decided


@transaction.atomic
def edition_approve(*, actor: User, edition: Edition) -> Edition:
    """The facilitator approves, where the booklet's setting says so."""
    edition = _lock_edition(edition)
    if edition.booklet.approval != Approval.FACILITATOR:
        raise DomainError(_("This booklet's editions are approved by a vote of the space."))
    if edition.status not in (EditionStatus.PREPARED, EditionStatus.REJECTED):
        raise DomainError(_("This edition is already decided."))
    return _approve(actor, edition)


@transaction.atomic
def edition_publish(*, actor: User, edition: Edition) -> Edition:
    edition = _lock_edition(edition)
    if edition.status != EditionStatus.APPROVED:
        raise DomainError(_("Only an approved edition can be published."))
    edition.status = EditionStatus.PUBLISHED
    edition.published_at = timezone.now()
    edition.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="booklet.edition_publish",
        target=edition,
        space=edition.booklet.space,
        number=edition.number,
    )
    for code in edition.languages:
        edition_pdf_request(edition=edition, language=code)
    return edition


# Reader feedback ----------
class FeedbackRefused(DomainError):
    default_message = _("Thank you. We cannot take more answers on this section for now.")


@transaction.atomic
def feedback_add(*, page: EditionPage, helpful: bool, comment: str = "") -> Feedback:
    """A reader's answer. No account and no personal data: only yes/no and the comment."""
    if not page.edition.is_published:
        raise DomainError(_("This edition is not published."))
    recent = Feedback.objects.filter(
        page=page, created_at__gte=timezone.now() - timezone.timedelta(hours=1)
    ).count()
    if recent >= FEEDBACK_PER_PAGE_PER_HOUR:
        raise FeedbackRefused()
    comment = comment.strip()
    if len(comment) > 500:
        raise DomainError(_("Keep the comment under 500 characters."))
    return Feedback.objects.create(page=page, helpful=bool(helpful), comment=comment)


@transaction.atomic
def feedback_moderate(*, actor: User, feedback: Feedback, status: str) -> Feedback:
    if status not in (FeedbackStatus.APPROVED, FeedbackStatus.HIDDEN):
        raise DomainError(_("Unknown decision."))
    feedback.status = status
    feedback.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="booklet.feedback_moderate",
        target=feedback,
        space=feedback.page.edition.booklet.space,
        status=status,
    )
    return feedback


# Presence ----------
def _presence_event(section_id: int, language: str) -> None:
    def payload() -> dict:
        return {"editors": editing_now(section_id=section_id, language=language)}

    broadcast(f"booklets.section.{section_id}.{language}", "presence.changed", payload)


@transaction.atomic
def presence_join(*, user: User, section: Section, language: str, channel_name: str) -> None:
    EditingPresence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"section": section, "language": language, "user": user},
    )
    _presence_event(section.pk, language)


@transaction.atomic
def presence_leave(*, channel_name: str) -> None:
    row = EditingPresence.objects.filter(channel_name=channel_name).first()
    if row is None:
        return
    row.delete()
    _presence_event(row.section_id, row.language)


# PDF ----------
def edition_pdf_request(*, edition: Edition, language: str) -> None:
    """Queue the build of an edition's PDF in one language (after commit)."""
    enqueue_on_commit("booklets.tasks.edition_pdf_build", edition.pk, language, robust=True)


def _pdf_booklet(edition: Edition, language: str):
    """The frozen edition in one language, as the PDF module's plain data."""
    from django.urls import reverse
    from django.utils import translation

    booklet = edition.booklet
    pages = EditionPage.objects.filter(edition=edition, language=language).order_by("position")
    inline = image_resolver(booklet, inline=True)
    with translation.override(language):
        label = str(_("Edition %(number)s") % {"number": edition.number})
    return PdfBooklet(
        title=edition.title_in(language),
        language=language,
        edition_label=label,
        edition_date=timezone.localdate(edition.published_at or edition.created_at),
        public_url=settings.SITE_URL.rstrip("/")
        + reverse("booklets:reader", args=[booklet.short_code, language]),
        territory_name=settings.TERRITORY_NAME,
        sections=tuple(PdfSection(title=p.title, html=_pdf_html(p, inline)) for p in pages),
    )


def _pdf_html(page: EditionPage, inline) -> str:
    """The frozen section, with its images inline (the PDF reads only data: URIs)."""
    if "image:" not in page.body:
        return page.html
    return render(
        page.body, image_resolver=inline, language=page.language, id_prefix=f"{page.anchor}-"
    )


@transaction.atomic
def edition_pdf_build(*, edition: Edition, language: str) -> str:
    """Render (or find in the PDF cache) the edition's PDF; remember where it is."""
    if language not in edition.languages:
        raise DomainError(_("This edition is not written in this language."))
    name, _rendered_now = pdf_for(_pdf_booklet(edition, language))
    EditionPdf.objects.update_or_create(
        edition=edition,
        language=language,
        defaults={"storage_name": name, "created_at": timezone.now()},
    )
    return name


# Images ----------
IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def _checked_image(upload) -> tuple[bytes, str, int, int]:
    """The bytes, content type and size of a real raster image, or DomainError."""
    import io
    import warnings

    from PIL import Image

    if upload is None or upload.size == 0:
        raise DomainError(_("Choose an image file."))
    if upload.size > IMAGE_MAX_BYTES:
        raise DomainError(_("This image is larger than 2 MB: make it smaller and try again."))
    content = upload.read(IMAGE_MAX_BYTES + 1)
    if len(content) > IMAGE_MAX_BYTES:
        raise DomainError(_("This image is larger than 2 MB: make it smaller and try again."))
    refused = DomainError(_("This file is not an image (PNG, JPEG, GIF or WebP)."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
            with Image.open(io.BytesIO(content)) as image:  # verify() leaves it unusable
                kind, (width, height) = image.format, image.size
                if width * height > IMAGE_MAX_PIXELS:
                    raise refused
                image.load()
    except DomainError:
        raise
    except Exception as exc:  # Pillow raises many kinds of errors on bad files
        raise refused from exc
    if kind not in IMAGE_FORMATS:
        raise refused
    return content, IMAGE_FORMATS[kind], width, height


@transaction.atomic
def image_add(*, actor: User, booklet: Booklet, upload):
    from django.core.files.base import ContentFile

    content, content_type, width, height = _checked_image(upload)
    key = secrets.token_hex(4)
    extension = content_type.split("/")[1].replace("jpeg", "jpg")
    image = BookletImage(
        booklet=booklet,
        key=key,
        content_type=content_type,
        width=width,
        height=height,
        uploader=actor,
    )
    image.file.save(f"{booklet.pk}-{key}.{extension}", ContentFile(content), save=False)
    image.save()
    audit_record(actor=actor, action="booklet.image_add", target=image, space=booklet.space)
    return image


def image_resolver(booklet: Booklet, *, inline: bool = False):
    """markup.render's resolver for this booklet: the image's address on the site, or a
    data: URI (`inline`, for the PDF). Unknown keys resolve to None (the image is dropped)."""
    from django.urls import reverse

    images = {i.key: i for i in BookletImage.objects.filter(booklet=booklet)}

    def resolve(key: str) -> str | None:
        image = images.get(key)
        if image is None:
            return None
        if inline:
            with image.file.open("rb") as f:
                return image_data_uri(f.read(), image.content_type)
        return reverse("booklets:image", args=[booklet.pk, key])

    return resolve
