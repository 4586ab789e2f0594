from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.views_helpers import object_view, space_view
from meetings import recurrence, selectors, services
from meetings.calendar import build_calendar
from meetings.consumers import run_action
from meetings.forms import (
    ATTENDANCE_CHOICES,
    TIME_ZONE,
    AgendaItemForm,
    DocumentForm,
    MeetingEditForm,
    MinutesApprovalForm,
    MinutesCommentForm,
    MinutesForm,
    RsvpForm,
    ScheduleForm,
)
from meetings.models import AgendaItem, MeetingDocument, MinutesComment


def _meeting_view(perm=None):
    return object_view(selectors.meeting_get, perm=perm, view_perm="meetings.view_meeting")


def _detail(meeting):
    return redirect("meetings:meeting-detail", pk=meeting.pk)


# Lists ----------------------------------------------------------------------------------------
@login_required
def my_meetings(request):
    return render(
        request,
        "meetings/my_meetings.html",
        {"meetings": selectors.meeting_list_upcoming_for_user(user=request.user)},
    )


@space_view()
def space_meetings(request, space):
    return render(
        request,
        "meetings/space_meetings.html",
        {
            "space": space,
            "upcoming": selectors.meeting_list_for_space(space=space),
            "past": selectors.meeting_list_for_space(space=space, upcoming=False, limit=12),
            "can_manage": request.user.has_perm("meetings.manage_meeting", space),
        },
    )


# One meeting --------------------------------------------------------------------------------
@_meeting_view()
def meeting_detail(request, meeting):
    user = request.user
    can_manage = user.has_perm("meetings.manage_meeting", meeting)
    rsvp = selectors.rsvp_for(meeting=meeting, user=user)
    initial = (
        {
            "answer": rsvp.answer,
            "interpretation_language": rsvp.interpretation_language,
            "childcare": rsvp.childcare,
            "accessibility": rsvp.accessibility,
        }
        if rsvp
        else {"interpretation_language": getattr(user, "interpretation_language", "")}
    )
    context = {
        "meeting": meeting,
        "space": meeting.space,
        "agenda": meeting.agenda_items.order_by("position", "pk"),
        "documents": meeting.documents.order_by("created_at")
        if user.has_perm("meetings.view_documents", meeting)
        else [],
        "can_see_minutes": user.has_perm("meetings.view_minutes", meeting),
        "can_manage": can_manage,
        "can_see_place": user.has_perm("meetings.view_meeting_place", meeting),
        "can_rsvp": user.has_perm("meetings.rsvp", meeting),
        "rsvp": rsvp,
        "rsvp_form": RsvpForm(initial=initial),
        "quorum": selectors.meeting_quorum(meeting=meeting),
        "can_join_live": user.has_perm("meetings.join_live", meeting),
    }
    if can_manage:
        context["totals"] = selectors.rsvp_totals(meeting=meeting)
        context["document_form"] = DocumentForm()
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@_meeting_view("meetings.rsvp")
def meeting_rsvp(request, meeting):
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            services.rsvp_set(user=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you, your answer is saved."))
            return _detail(meeting)
    else:
        messages.error(request, _("Choose whether you are coming."))
    return _detail(meeting)


@space_view("meetings.manage_meeting")
def meeting_schedule(request, space):
    form = ScheduleForm(request.POST or None, initial={"repeat": "none", "interpretation": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = {
            k: data[k] for k in ("place_name", "address", "room", "access_notes", "online_url")
        }
        try:
            if data["repeat"] == "none":
                meeting = services.meeting_create(
                    actor=request.user,
                    space=space,
                    title=data["title"],
                    starts_at=form.aware("start_time"),
                    ends_at=form.aware("end_time"),
                    time_zone=TIME_ZONE,
                    interpretation=data["interpretation"],
                    **place,
                )
                messages.success(request, _("The meeting is scheduled."))
                return _detail(meeting)
            rule = recurrence.Rule(
                freq=data["repeat"],
                weekday=data["date"].weekday(),
                start_date=data["date"],
                start_time=data["start_time"],
                duration=form.duration,
                tz=TIME_ZONE,
                setpos=data.get("setpos") if data["repeat"] == "monthly" else None,
                until=data["until"],
            )
            series = services.series_create(
                actor=request.user,
                space=space,
                title=data["title"],
                rule=rule,
                interpretation=data["interpretation"],
                **place,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("%(count)d meetings are scheduled.") % {"count": series.meetings.count()}
            )
            return redirect("meetings:space-meetings", slug=space.slug)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "space": space, "title": _("Schedule a meeting")},
    )


@_meeting_view("meetings.manage_meeting")
def meeting_edit(request, meeting):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(meeting.time_zone)
    start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    initial = {
        "title": meeting.title,
        "date": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "interpretation": meeting.interpretation,
        "minutes_taker": meeting.minutes_taker_id,
        **{k: getattr(meeting, k) for k in services.PLACE_FIELDS},
    }
    form = MeetingEditForm(
        request.POST or None,
        initial=initial,
        members=selectors.space_members(space=meeting.space),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                title=data["title"],
                starts_at=form.aware("start_time"),
                ends_at=form.aware("end_time"),
                interpretation=data["interpretation"],
                minutes_taker_id=data["minutes_taker"],
                **{k: data[k] for k in services.PLACE_FIELDS},
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved. People who answered are told."))
            return _detail(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "space": meeting.space, "meeting": meeting, "title": _("Edit this meeting")},
    )


@_meeting_view("meetings.manage_meeting")
def meeting_cancel(request, meeting):
    if request.method == "POST":
        try:
            services.meeting_cancel(actor=request.user, meeting=meeting)
            messages.success(request, _("The meeting is cancelled. People who answered are told."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return _detail(meeting)
    return render(request, "meetings/meeting_cancel.html", {"meeting": meeting})


# Agenda and documents -----------------------------------------------------------------------
@_meeting_view("meetings.manage_meeting")
def agenda(request, meeting):
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("meetings:agenda", pk=meeting.pk)
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "form": form,
            "items": meeting.agenda_items.order_by("position"),
        },
    )


def _item(meeting, item_id) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(meeting=meeting, pk=item_id)
        .select_related("meeting__space")
        .first()
    )
    if item is None:
        raise Http404
    return item


@require_POST
@_meeting_view("meetings.manage_meeting")
def agenda_move(request, meeting, item_id: int):
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.agenda_item_move(actor=request.user, item=_item(meeting, item_id), direction=direction)
    return redirect("meetings:agenda", pk=meeting.pk)


@require_POST
@_meeting_view("meetings.manage_meeting")
def agenda_delete(request, meeting, item_id: int):
    services.agenda_item_delete(actor=request.user, item=_item(meeting, item_id))
    return redirect("meetings:agenda", pk=meeting.pk)


@require_POST
@_meeting_view("meetings.manage_meeting")
def document_add(request, meeting):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to add."))
        return _detail(meeting)
    try:
        services.document_add(
            actor=request.user,
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        messages.success(request, _("Document added."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(meeting)


@_meeting_view("meetings.view_documents")
def document_download(request, meeting, doc_id: int):
    document = MeetingDocument.objects.filter(meeting=meeting, pk=doc_id).first()
    if document is None:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Roll call ----------------------------------------------------------------------------------
@_meeting_view("meetings.manage_meeting")
def attendance(request, meeting):
    members = selectors.roll_call(meeting=meeting)
    if request.method == "POST":
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("m-") and value:
                try:
                    statuses[int(key[2:])] = value
                except ValueError:
                    continue
        try:
            services.attendance_record(actor=request.user, meeting=meeting, statuses=statuses)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Roll call saved."))
            return redirect("meetings:attendance", pk=meeting.pk)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "members": members,
            "choices": ATTENDANCE_CHOICES,
            "quorum": selectors.meeting_quorum(meeting=meeting),
        },
    )


# Minutes ------------------------------------------------------------------------------------
@_meeting_view("meetings.view_minutes")
def minutes(request, meeting):
    revisions = selectors.minutes_revisions(meeting=meeting)
    current = revisions[0] if revisions else None
    can_comment = request.user.has_perm("meetings.comment_minutes", meeting)
    form = MinutesCommentForm(request.POST or None)
    if request.method == "POST":
        if not can_comment:
            raise Http404
        if current is None:
            raise Http404
        if form.is_valid():
            try:
                services.minutes_comment_add(
                    actor=request.user, revision=current, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your comment is added."))
                return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "current": current,
            "history": revisions[1:],
            "can_write": request.user.has_perm("meetings.write_minutes", meeting),
            "can_manage": request.user.has_perm("meetings.manage_meeting", meeting),
            "can_comment": can_comment and current is not None and not current.approved_at,
            "form": form,
            "later_meetings": selectors.later_meetings(meeting=meeting),
        },
    )


@_meeting_view("meetings.write_minutes")
def minutes_edit(request, meeting):
    revisions = selectors.minutes_revisions(meeting=meeting)
    current = revisions[0] if revisions else None
    form = MinutesForm(
        request.POST or None,
        initial={
            "text": current.text if current else "",
            "base_number": current.number if current else 0,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                base_number=form.cleaned_data["base_number"],
            )
        except services.MinutesConflict as exc:
            conflict = exc.latest
            form.add_error(None, exc.message)
            form.data = form.data.copy()
            form.data["base_number"] = exc.latest.number
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("A new version of the minutes is saved."))
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request,
        "meetings/minutes_edit.html",
        {"meeting": meeting, "form": form, "conflict": conflict, "current": current},
    )


@require_POST
@_meeting_view("meetings.manage_meeting")
def minutes_approve(request, meeting):
    """Record the approval given at a later meeting. Putting it to a vote there is a vote
    (meetings:minutes-vote, the page's second button posts there): an older page posting
    action=vote here is sent on with a 307, which repeats the same POST at the new address."""
    if request.POST.get("action") == "vote":
        response = redirect("meetings:minutes-vote", pk=meeting.pk)
        response.status_code = 307
        return response
    form = MinutesApprovalForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Choose the meeting where the minutes were approved."))
        return redirect("meetings:minutes", pk=meeting.pk)
    revision, approved_in = form.cleaned_data["revision"], form.cleaned_data["approved_in"]
    try:
        services.minutes_approve(actor=request.user, revision=revision, approved_in=approved_in)
        messages.success(request, _("The minutes are approved and frozen."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("meetings:minutes", pk=meeting.pk)


@require_POST
@_meeting_view("meetings.manage_meeting")
def minutes_vote(request, meeting):
    """Put the approval of a meeting's minutes to a vote at a later meeting (the minutes
    page's second button; the vote's closing approves them: meetings registered that)."""
    form = MinutesApprovalForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Choose the meeting where the minutes were approved."))
        return redirect("meetings:minutes", pk=meeting.pk)
    try:
        vote = services.minutes_approval_vote(
            actor=request.user,
            revision=form.cleaned_data["revision"],
            meeting=form.cleaned_data["approved_in"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("meetings:minutes", pk=meeting.pk)
    return redirect("votes:vote-detail", pk=vote.pk)


@require_POST
@_meeting_view("meetings.write_minutes")
def minutes_comment_resolve(request, meeting, comment_id: int):
    comment = (
        MinutesComment.objects.filter(revision__meeting=meeting, pk=comment_id)
        .select_related("revision__meeting__space")
        .first()
    )
    if comment is None:
        raise Http404
    try:
        services.minutes_comment_resolve(
            actor=request.user, comment=comment, status=request.POST.get("status", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("meetings:minutes", pk=meeting.pk)


# Live session -------------------------------------------------------------------------------
@_meeting_view("meetings.join_live")
def live(request, meeting):
    return render(
        request,
        "meetings/live.html",
        {
            "meeting": meeting,
            "state": selectors.live_state(meeting=meeting),
            "can_manage": request.user.has_perm("meetings.manage_meeting", meeting),
            "me": request.user.pk,
            "votes": selectors.meeting_votes(meeting=meeting),
        },
    )


@require_POST
@_meeting_view("meetings.join_live")
def live_action(request, meeting):
    """The no-JavaScript path: the same actions as the socket, then reload the page."""
    try:
        run_action(request.user, meeting, request.POST.get("action", ""), request.POST)
    except PermissionError:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied from None
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("meetings:live", pk=meeting.pk)


# Calendar -----------------------------------------------------------------------------------
def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@_meeting_view()
def meeting_ics(request, meeting):
    body = build_calendar(
        [meeting],
        name=meeting.title,
        include_place=request.user.has_perm("meetings.view_meeting_place", meeting),
    )
    return _ics(body, f"meeting-{meeting.pk}.ics")


@space_view()
def space_feed(request, space):
    """A space's public feed: titles and times only (no place) unless the reader is a member
    (members use their private feed in calendar apps, which cannot log in)."""
    meetings = selectors.meeting_list_for_feed(space=space)
    return _ics(
        build_calendar(
            meetings,
            name=space.name,
            include_place=request.user.has_perm("core.view_space_members", space),
        ),
        f"{space.slug}.ics",
    )


def user_feed(request, token: str):
    user = selectors.calendar_user_for_token(token=token)
    if user is None:
        raise Http404
    meetings = selectors.meeting_list_for_feed(user=user)
    return _ics(build_calendar(meetings, name="Accueil", include_place=True), "accueil.ics")


@login_required
def calendar_settings(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_token_revoke(user=request.user)
            messages.success(request, _("Your calendar link no longer works."))
            return redirect("meetings:calendar")
        token = services.calendar_token_renew(user=request.user)
    link = (
        request.build_absolute_uri(reverse("meetings:user-feed", args=[token])) if token else None
    )
    response = render(
        request,
        "meetings/calendar.html",
        {
            "link": link,
            "has_token": hasattr(request.user, "calendar_token") or bool(token),
            "now": datetime.now(),
        },
    )
    response["Cache-Control"] = "no-store"
    return response
