"""Thin views: forms in, services and selectors called, DomainError shown as a message."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from booklets import markup, selectors, services
from booklets.forms import (
    BookletForm,
    BookletSettingsForm,
    EditionForm,
    FeedbackForm,
    ImageForm,
    SectionAddForm,
    SectionForm,
)
from booklets.models import Approval, EditionStatus, TextStatus
from booklets.sections import SECTION_TEMPLATE
from core.exceptions import DomainError
from core.views_helpers import object_view, space_view


def _booklet_view(perm=None):
    return object_view(selectors.booklet_get, perm=perm, view_perm="booklets.view_booklet")


def _section_view(perm=None):
    return object_view(selectors.section_get, perm=perm, view_perm="booklets.view_booklet")


def _edition_view(perm=None, view_perm="booklets.view_booklet"):
    return object_view(selectors.edition_get, perm=perm, view_perm=view_perm)


def _language_or_404(booklet, language: str) -> str:
    if language not in booklet.languages:
        raise Http404
    return language


# Booklets in a space ----------
@space_view()
def booklet_list(request, space):
    can_view = request.user.has_perm("booklets.view_booklet", space)
    booklets = selectors.booklets_for_space(space=space)
    if not can_view:
        booklets = [b for b in booklets if b.published]
    return render(
        request,
        "booklets/booklet_list.html",
        {
            "space": space,
            "booklets": booklets,
            "can_view": can_view,
            "can_add": request.user.has_perm("booklets.add_booklet", space),
        },
    )


@space_view("booklets.add_booklet")
def booklet_create(request, space):
    form = BookletForm(request.POST or None, template=SECTION_TEMPLATE)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booklet = services.booklet_create(
                actor=request.user,
                space=space,
                title=data["title"],
                sections=form.section_titles(),
                source_language=data["source_language"],
                target_languages=data["target_languages"],
                approval=data["approval"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The booklet is created."))
            return redirect("booklets:booklet-detail", pk=booklet.pk)
    return render(request, "booklets/booklet_form.html", {"space": space, "form": form})


@_booklet_view()
def booklet_detail(request, booklet):
    user = request.user
    credit = booklet.credits.filter(user=user).first() if user.is_authenticated else None
    return render(
        request,
        "booklets/booklet_detail.html",
        {
            "booklet": booklet,
            "space": booklet.space,
            "overview": selectors.booklet_overview(booklet=booklet),
            "editions": selectors.editions_of(booklet=booklet),
            "can_manage": user.has_perm("booklets.manage_booklet", booklet),
            "can_edit": user.has_perm("booklets.edit_booklet", booklet),
            "credit": credit,
            "add_form": SectionAddForm(),
            "image_form": ImageForm(),
            "images": selectors.images_of(booklet=booklet),
            "public_url": request.build_absolute_uri(
                reverse("booklets:reader-home", args=[booklet.short_code])
            ),
        },
    )


@_booklet_view("booklets.manage_booklet")
def booklet_settings(request, booklet):
    form = BookletSettingsForm(
        request.POST or None,
        initial={
            "title": booklet.title,
            "target_languages": booklet.target_languages,
            "approval": booklet.approval,
        },
        booklet=booklet,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.booklet_update(actor=request.user, booklet=booklet, **form.service_data())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The booklet is saved."))
            return redirect("booklets:booklet-detail", pk=booklet.pk)
    return render(
        request,
        "booklets/booklet_settings.html",
        {"booklet": booklet, "space": booklet.space, "form": form},
    )


@require_POST
@_booklet_view("booklets.manage_booklet")
def section_add(request, booklet):
    form = SectionAddForm(request.POST)
    if form.is_valid():
        try:
            section = services.section_add(
                actor=request.user, booklet=booklet, title=form.cleaned_data["title"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect(
                "booklets:section-edit", pk=section.pk, language=booklet.source_language
            )
    else:
        messages.error(request, _("Give the section a title."))
    return redirect("booklets:booklet-detail", pk=booklet.pk)


@require_POST
@_booklet_view("booklets.edit_booklet")
def credit_set(request, booklet):
    agreed = request.POST.get("agreed") == "yes"
    services.credit_set(actor=request.user, booklet=booklet, agreed=agreed)
    if agreed:
        messages.success(request, _("Your display name will be credited in the next edition."))
    else:
        messages.success(request, _("Your name will not appear on the booklet."))
    return redirect("booklets:booklet-detail", pk=booklet.pk)


@require_POST
@_section_view("booklets.manage_booklet")
def section_remove(request, section):
    try:
        services.section_remove(actor=request.user, section=section)
        messages.success(request, _("The section is removed from the next editions."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("booklets:booklet-detail", pk=section.booklet_id)


# Writing and translating ----------
def _markup_help() -> str:
    return str(getattr(markup, "HELP_TEXT", ""))


@_section_view("booklets.edit_booklet")
def section_edit(request, section, language):
    booklet = section.booklet
    _language_or_404(booklet, language)
    is_source = language == booklet.source_language
    if section.removed_at is not None and request.method != "POST":
        messages.error(request, _("This section has been removed from the booklet."))
        return redirect("booklets:booklet-detail", pk=booklet.pk)
    text = selectors.text_get(section=section, language=language)
    latest = selectors.revision_latest(section=section, language=language)
    source_latest = (
        None
        if is_source
        else selectors.revision_latest(section=section, language=booklet.source_language)
    )
    form = SectionForm(
        request.POST or None,
        is_source=is_source,
        help_text=_markup_help(),
        initial={
            "title": latest.title if latest else "",
            "body": latest.body if latest else "",
            "base_number": latest.number if latest else 0,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.section_save(
                actor=request.user,
                section=section,
                language=language,
                title=data["title"],
                body=data["body"],
                base_number=data["base_number"],
                minor=data.get("minor", False),
                ready_for_review=data.get("ready_for_review", False),
            )
        except services.EditConflict as exc:
            form.add_error(None, exc.message)
            theirs = exc.latest
            mine = type("Mine", (), {"title": data["title"], "body": data["body"]})
            conflict = {"theirs": theirs, "diff": selectors.revision_diff(theirs, mine)}
            form.data = form.data.copy()
            form.data["base_number"] = theirs.number if theirs else 0
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved as a new version."))
            return redirect("booklets:section-edit", pk=section.pk, language=language)
    editors = [
        name
        for name in selectors.editing_now(section_id=section.pk, language=language)
        if name != str(request.user)
    ]
    return render(
        request,
        "booklets/section_edit.html",
        {
            "booklet": booklet,
            "space": booklet.space,
            "section": section,
            "language": language,
            "language_dir": "rtl" if get_language_info(language)["bidi"] else "ltr",
            "is_source": is_source,
            "text": text,
            "status": text.status if text and text.current_number else TextStatus.MISSING,
            "latest": latest,
            "source_latest": source_latest,
            "source_changes": None
            if is_source
            else selectors.source_changes(section=section, text=text),
            "form": form,
            "conflict": conflict,
            "editors": editors,
            "can_approve": not is_source
            and text is not None
            and text.status in (TextStatus.DRAFT, TextStatus.REVIEW)
            and latest is not None
            and latest.author_id != request.user.pk
            and services.reads_language(request.user, language),
            "feedback": selectors.feedback_for_section(section=section),
            "preview_html": _preview(booklet, latest, language),
            "ws_path": f"/ws/booklets/sections/{section.pk}/{language}/presence/",
        },
    )


def _preview(booklet, revision, language: str) -> str:
    if revision is None or not revision.body.strip():
        return ""
    return markup.render(
        revision.body,
        image_resolver=services.image_resolver(booklet),
        language=language,
        id_prefix="preview-",
    )


@_section_view("booklets.view_booklet")
def section_history(request, section, language):
    booklet = section.booklet
    _language_or_404(booklet, language)
    revisions = selectors.revision_list(section=section, language=language)
    by_number = {r.number: r for r in revisions}
    diff = None
    try:
        older = int(request.GET.get("from", 0))
        newer = int(request.GET.get("to", 0))
    except ValueError:
        older = newer = 0
    if older and newer:
        if older in by_number and newer in by_number:
            diff = {
                "from": older,
                "to": newer,
                **selectors.revision_diff(by_number[older], by_number[newer]),
            }
        else:
            messages.error(request, _("Choose two versions from the list."))
    elif len(revisions) >= 2:
        older, newer = revisions[1].number, revisions[0].number
        diff = {"from": older, "to": newer, **selectors.revision_diff(revisions[1], revisions[0])}
    return render(
        request,
        "booklets/section_history.html",
        {
            "booklet": booklet,
            "space": booklet.space,
            "section": section,
            "language": language,
            "revisions": revisions,
            "current": revisions[0].number if revisions else 0,
            "diff": diff,
            "can_edit": request.user.has_perm("booklets.edit_booklet", section)
            and section.removed_at is None,
        },
    )


@require_POST
@_section_view("booklets.edit_booklet")
def section_restore(request, section, language):
    _language_or_404(section.booklet, language)
    try:
        number = int(request.POST.get("number", ""))
        base_number = int(request.POST.get("base_number", ""))
    except ValueError:
        messages.error(request, _("Choose a version to restore."))
        return redirect("booklets:section-history", pk=section.pk, language=language)
    try:
        revision = services.revision_restore(
            actor=request.user,
            section=section,
            language=language,
            number=number,
            base_number=base_number,
        )
    except services.EditConflict:
        messages.error(
            request,
            _("Someone saved this section meanwhile: nothing was restored. Look again."),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Version %(old)s is restored as version %(new)s.")
            % {"old": number, "new": revision.number},
        )
    return redirect("booklets:section-history", pk=section.pk, language=language)


@require_POST
@_section_view("booklets.edit_booklet")
def translation_approve(request, section, language):
    _language_or_404(section.booklet, language)
    try:
        services.translation_approve(actor=request.user, section=section, language=language)
        messages.success(request, _("The translation is approved."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("booklets:section-edit", pk=section.pk, language=language)


# Editions ----------
@_booklet_view("booklets.manage_booklet")
def edition_create(request, booklet):
    form = EditionForm(request.POST or None, languages=booklet.languages)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_prepare(
                actor=request.user, booklet=booklet, languages=form.cleaned_data["languages"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The edition is prepared: its text is now frozen."))
            return redirect("booklets:edition-detail", pk=edition.pk)
    return render(
        request,
        "booklets/edition_form.html",
        {"booklet": booklet, "space": booklet.space, "form": form},
    )


@_edition_view()
def edition_detail(request, edition):
    booklet = edition.booklet
    vote = edition.vote
    vote_failed = vote is not None and (
        edition.status == EditionStatus.REJECTED
        or (edition.status == EditionStatus.IN_VOTE and vote.status == "closed")
    )
    return render(
        request,
        "booklets/edition_detail.html",
        {
            "edition": edition,
            "booklet": booklet,
            "space": booklet.space,
            "vote_failed": vote_failed,
            "by_vote": booklet.approval == Approval.VOTE,
            "can_manage": request.user.has_perm("booklets.manage_booklet", edition),
        },
    )


@require_POST
@_edition_view("booklets.manage_booklet")
def edition_action(request, edition):
    action = request.POST.get("action")
    try:
        if action == "vote":
            from datetime import timedelta

            from django.utils import timezone

            vote = services.edition_put_to_vote(
                actor=request.user, edition=edition, deadline=timezone.now() + timedelta(days=7)
            )
            messages.success(request, _("The vote is created: open it when the space is ready."))
            return redirect("votes:vote-detail", pk=vote.pk)
        if action == "approve":
            services.edition_approve(actor=request.user, edition=edition)
            messages.success(request, _("The edition is approved."))
        elif action == "publish":
            services.edition_publish(actor=request.user, edition=edition)
            messages.success(request, _("The edition is published."))
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("booklets:edition-detail", pk=edition.pk)


# Reader feedback moderation ----------
@_booklet_view("booklets.manage_booklet")
def feedback_queue(request, booklet):
    return render(
        request,
        "booklets/feedback_queue.html",
        {
            "booklet": booklet,
            "space": booklet.space,
            "items": selectors.feedback_queue(booklet=booklet),
        },
    )


def _feedback_view(perm):
    return object_view(selectors.feedback_get, perm=perm, view_perm="booklets.view_booklet")


@require_POST
@_feedback_view("booklets.manage_booklet")
def feedback_moderate(request, feedback):
    try:
        services.feedback_moderate(
            actor=request.user, feedback=feedback, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("booklets:feedback-queue", pk=feedback.page.edition.booklet_id)


# Public reader ----------
def _readable_edition(request, short_code: str):
    edition = selectors.edition_published(short_code=short_code)
    if edition is None or not request.user.has_perm("booklets.read_edition", edition):
        raise Http404
    return edition


def reader_home(request, code):
    """The booklet's short address: pick a language (the browser's, if there is one)."""
    edition = _readable_edition(request, code)
    preferred = translation.get_language_from_request(request)
    languages = [
        {
            "code": c,
            "info": get_language_info(c),
            "bidi": get_language_info(c)["bidi"],
            "title": edition.title_in(c),
        }
        for c in edition.languages
    ]
    return render(
        request,
        "booklets/reader_home.html",
        {
            "edition": edition,
            "booklet": edition.booklet,
            "languages": languages,
            "preferred": preferred if preferred in edition.languages else None,
        },
    )


def _reader_page(request, edition, language, *, preview=False, feedback_form=None, page_id=None):
    if language not in edition.languages:
        raise Http404
    pages = selectors.edition_pages(edition=edition, language=language)
    info = get_language_info(language)
    names = dict(settings.LANGUAGES)
    with translation.override(language):
        return render(
            request,
            "booklets/reader.html",
            {
                "edition": edition,
                "booklet": edition.booklet,
                "title": edition.title_in(language),
                "pages": pages,
                "language": language,
                "dir": "rtl" if info["bidi"] else "ltr",
                "others": [
                    {"code": c, "name": get_language_info(c)["name_local"], "label": names.get(c)}
                    for c in edition.languages
                    if c != language
                ],
                "preview": preview,
                "feedback_form": feedback_form,
                "feedback_page": page_id,
            },
        )


def reader(request, code, language):
    edition = _readable_edition(request, code)
    return _reader_page(request, edition, language)


@_edition_view(view_perm="booklets.read_edition")
def edition_preview(request, edition, language):
    return _reader_page(request, edition, language, preview=not edition.is_published)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303  # after a POST, the reader's browser GETs the page again


# No CSRF token: readers have no account and the answer carries no identity or authority
# (a forged post could only add an anonymous answer, which anyone can do; answers are
# rate-limited and moderated). This keeps the frozen sections cacheable as one fragment.
@csrf_exempt
@require_POST
def reader_feedback(request, code, language, page_id):
    edition = _readable_edition(request, code)
    if language not in edition.languages:
        raise Http404
    page = next(
        (p for p in selectors.edition_pages(edition=edition, language=language) if p.pk == page_id),
        None,
    )
    if page is None:
        raise Http404
    page.edition = edition
    form = FeedbackForm(request.POST)
    anchor = reverse("booklets:reader", args=[code, language]) + f"#{page.anchor}"
    if form.is_valid():
        if form.cleaned_data["website"]:  # a robot filled in the hidden field: say thanks
            return HttpResponseSeeOther(anchor)
        try:
            services.feedback_add(
                page=page,
                helpful=form.cleaned_data["helpful"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            with translation.override(language):
                messages.info(request, exc.message)
        else:
            with translation.override(language):
                messages.success(request, _("Thank you for your answer."))
        return HttpResponseSeeOther(anchor)
    return _reader_page(request, edition, language, feedback_form=form, page_id=page.pk)


# PDF ----------
def _pdf_response(request, edition, language):
    """Serve the PDF if it is built; otherwise ask for it and say it is being prepared."""
    from django.core.cache import cache
    from django.http import FileResponse

    if language not in edition.languages:
        raise Http404
    opened = selectors.edition_pdf_open(edition=edition, language=language)
    if opened is None and cache.add(f"booklets:pdf:{edition.pk}:{language}", 1, timeout=60):
        services.edition_pdf_request(edition=edition, language=language)
        opened = selectors.edition_pdf_open(edition=edition, language=language)  # eager tasks
    if opened is not None:
        filename = f"{edition.booklet.short_code}-{edition.number}-{language}.pdf"
        return FileResponse(opened, as_attachment=True, filename=filename)
    info = get_language_info(language)
    with translation.override(language):
        response = render(
            request,
            "booklets/pdf_preparing.html",
            {
                "edition": edition,
                "booklet": edition.booklet,
                "language": language,
                "dir": "rtl" if info["bidi"] else "ltr",
                "back": reverse("booklets:reader", args=[edition.booklet.short_code, language])
                if edition.is_published
                else reverse("booklets:edition-preview", args=[edition.pk, language]),
            },
            status=202,
        )
    response["Retry-After"] = "5"
    return response


def reader_pdf(request, code, language):
    return _pdf_response(request, _readable_edition(request, code), language)


@_edition_view(view_perm="booklets.read_edition")
def edition_pdf(request, edition, language):
    return _pdf_response(request, edition, language)


# Images ----------
@require_POST
@_booklet_view("booklets.edit_booklet")
def image_upload(request, booklet):
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an image file."))
    else:
        try:
            image = services.image_add(
                actor=request.user, booklet=booklet, upload=form.cleaned_data["image"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The image is added. Write ![description](image:%(key)s) in a section.")
                % {"key": image.key},
            )
    return redirect(reverse("booklets:booklet-detail", args=[booklet.pk]) + "#images-title")


def image(request, pk, key):
    """An uploaded image: for the members of the space (who write the booklet), and for
    everyone who may read a published edition that shows it. An image in drafts only, or
    in no section at all, is not public, even though its key is written in the drafts."""
    from django.http import FileResponse

    found = selectors.image_get(booklet_id=pk, key=key)
    if found is None:
        raise Http404
    from django.contrib.auth.models import AnonymousUser

    edition = selectors.image_published_edition(image=found)
    readable = edition is not None and request.user.has_perm("booklets.read_edition", edition)
    if not readable and not request.user.has_perm("booklets.edit_booklet", found.booklet):
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Only what anyone may read goes to shared caches.
    for_everyone = edition is not None and AnonymousUser().has_perm(
        "booklets.read_edition", edition
    )
    response["Cache-Control"] = "public, max-age=86400" if for_everyone else "private, no-store"
    return response
