"""Views of the selection pipeline. Thin: forms in, services and selectors, templates out."""

from zoneinfo import ZoneInfo

import segno
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import sortition as core
from calls.forms import (
    ApplyForm,
    CallForm,
    ExcludeForm,
    QuotaForm,
    RandomCorrectionForm,
    RandomSourceForm,
    RandomValueForm,
    ReceiptForm,
    questions_text,
)
from calls.models import CallVolunteer, LotteryStatus, ReplacementRule
from calls.selectors import (
    call_get,
    call_list_for_space,
    call_lottery,
    call_pool_size,
    call_questions,
    duplicate_flags,
    probability_summary,
    quota_table,
    volunteer_by_receipt,
    volunteer_list,
)
from calls.services import (
    call_apply,
    call_close,
    call_is_open,
    call_open,
    call_problem,
    call_update,
    declaration_is_void,
    free_seats,
    lottery_correct_random,
    lottery_declare_source,
    lottery_draw,
    lottery_record_random,
    lottery_start,
    panel_invite,
    quotas_set,
    volunteer_drop_out,
    volunteer_exclude,
    volunteer_reinstate,
)
from core.exceptions import DomainError
from core.formatting import format_when
from core.models import College, SpaceKind
from core.views_helpers import object_view, space_view
from meetings.forms import TIME_ZONE

call_view = object_view(call_get, perm="calls.manage_call", view_perm="calls.view_call")
public_call_view = object_view(call_get, view_perm="calls.view_call")


def _detail(call):
    return redirect("calls:call-detail", pk=call.pk)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


# Facilitators: calls ----------------------------------------------------------------------
@space_view("core.manage_space")
def call_list(request, space):
    return render(
        request,
        "calls/call_list.html",
        {
            "space": space,
            "calls": call_list_for_space(space=space),
            "can_open": request.user.has_perm("calls.open_call", space),
        },
    )


@space_view("core.manage_space")
def call_create(request, space):
    is_lab = space.kind == SpaceKind.LAB
    if not request.user.has_perm("calls.open_call", space):
        return render(request, "calls/call_closed_phase.html", {"space": space}, status=200)
    form = CallForm(request.POST or None, with_college=is_lab)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            call = call_open(
                actor=request.user, space=space, college=data.pop("college", ""), **data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The call is open. Share its public form."))
            return _detail(call)
    free = (
        [(c.label, free_seats(space=space, college=c)) for c in College if c]
        if is_lab
        else [(_("Agora"), free_seats(space=space, college=""))]
    )
    return render(
        request,
        "calls/call_form.html",
        {"space": space, "form": form, "title": _("Open a call for volunteers"), "free": free},
    )


@call_view
def call_edit(request, call):
    local_deadline = call.deadline.astimezone(ZoneInfo(TIME_ZONE))
    initial = {
        "title": call.title,
        "description": call.description,
        "seats": call.seats,
        "deadline_date": local_deadline.date(),
        "deadline_time": local_deadline.strftime("%H:%M"),
        "questions": questions_text(call_questions(call=call)),
        "replacement_rule": call.replacement_rule,
        "retention_days": call.retention_days,
    }
    form = CallForm(request.POST or None, initial=initial, with_college=False)
    if request.method == "POST" and form.is_valid():
        try:
            call_update(actor=request.user, call=call, **form.service_kwargs())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return _detail(call)
    return render(
        request,
        "calls/call_form.html",
        {"space": call.space, "call": call, "form": form, "title": _("Edit the call")},
    )


@require_POST
@call_view
def call_close_view(request, call):
    try:
        call_close(actor=request.user, call=call)
        messages.success(request, _("The call is closed: no more applications."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(call)


def _detail_page(request, call, status=200, **forms):
    """The facilitator's page of a call; a form that failed comes back bound, with what was
    typed and its errors."""
    lottery = call_lottery(call=call)
    volunteers = volunteer_list(call=call)
    probabilities = lottery.lottery_probabilities if lottery else {}
    panel = set(lottery.current_panel) if lottery else set()
    questions = call_questions(call=call)
    apply_url = request.build_absolute_uri(reverse("calls:call-apply", args=[call.pk]))
    flags = duplicate_flags(
        [
            {
                "id": v.pk,
                "pseudonym": v.pseudonym,
                "contact": v.contact,
                "name": v.name,
                "answers": v.answers,
            }
            for v in volunteers
            if v.excluded_at is None
        ]
    )
    rows = [
        {
            "volunteer": v,
            "answers": [v.answers.get(q.key, "") for q in questions],
            "probability": probabilities.get(v.pseudonym),
            "on_panel": v.pseudonym in panel,
            "alternate_rank": (
                lottery.alternates.index(v.pseudonym) + 1
                if lottery and v.pseudonym in lottery.alternates
                else None
            ),
            "duplicates": flags.get(v.pk, []),
        }
        for v in volunteers
    ]
    pool_fixed = lottery is not None and lottery.status != LotteryStatus.FAILED
    context = {
        "call": call,
        "space": call.space,
        "questions": questions,
        "rows": rows,
        "pool_size": call_pool_size(call=call),
        "flagged": sum(1 for r in rows if r["duplicates"]),
        "can_exclude": not pool_fixed,
        "lottery": lottery,
        "is_open": call_is_open(call),
        "can_run": request.user.has_perm("calls.run_lottery", call),
        "start_form": forms.get("start_form") or RandomSourceForm(),
        "source_form": forms.get("source_form") or RandomSourceForm(),
        "random_form": forms.get("random_form") or RandomValueForm(),
        "correction_form": forms.get("correction_form") or RandomCorrectionForm(),
        "declaration_void": lottery is not None and declaration_is_void(lottery),
        "computing": lottery is not None
        and lottery.status in (LotteryStatus.QUEUED, LotteryStatus.COMPUTING),
        "replacements": list(
            lottery.replacements.select_related("dropout", "replacement") if lottery else []
        ),
        "apply_url": apply_url,
        "qr": segno.make(apply_url, error="m").svg_inline(scale=3, dark="#000", light="#fff"),
    }
    return _no_store(render(request, "calls/call_detail.html", context, status=status))


@call_view
def call_detail(request, call):
    return _detail_page(request, call)


def _feasibility(call):
    if call.answers_deleted_at:
        return None  # nothing left to check: the page says the answers are deleted
    problem = call_problem(call)
    if len(problem.pool) < call.seats:
        return {"feasible": False, "too_few": len(problem.pool)}
    try:
        report = core.check_feasibility(problem)
    except core.LotteryError as exc:
        return {"feasible": False, "error": str(exc)}
    labels = {q.key: q.label for q in call_questions(call=call)}
    return {
        "feasible": report.feasible,
        "relaxations": [
            {"question": labels.get(r.feature, r.feature), "r": r} for r in report.relaxations
        ],
    }


@call_view
def call_quotas(request, call):
    questions = call_questions(call=call)
    applied = {
        a["answer"].pk: a["applied"] for row in quota_table(call=call) for a in row["answers"]
    }
    form = QuotaForm(request.POST or None, questions=questions, seats=call.seats, applied=applied)
    if request.method == "POST":
        if form.is_valid():
            try:
                quotas_set(actor=request.user, call=call, bounds=form.bounds())
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Quotas saved."))
                return redirect("calls:call-quotas", pk=call.pk)
        feasibility = None
    else:
        feasibility = _feasibility(call)
    return render(
        request,
        "calls/call_quotas.html",
        {
            "call": call,
            "space": call.space,
            "form": form,
            "feasibility": feasibility,
        },
    )


# Volunteers: the public form and the receipt -----------------------------------------------
def _consent_text(call) -> str:
    return _(
        "I agree that my answers and my contact are kept for this call. Only the "
        "facilitators of %(space)s see them: to draw the panel with the quotas and to "
        "contact me. They are deleted on %(date)s. The public only sees a pseudonym "
        "(like V-7K3Q) and totals, never my name or my answers."
    ) % {
        "space": call.space.name,
        "date": format_when(timezone.localtime(call.purge_on()), "date_long", get_language()),
    }


# Per client address (several people may share one: a community centre's wifi, a phone
# operator's NAT, so not too low) and per call (whatever the addresses). A deployment may
# change them with the LABS_APPLY_RATE_LIMIT setting, in allauth's rate syntax.
APPLY_RATE_LIMIT = "10/10m/ip,100/h/key"


def _apply_allowed(request, call) -> bool:
    config = {"call_apply": getattr(settings, "LABS_APPLY_RATE_LIMIT", APPLY_RATE_LIMIT)}
    usage = ratelimit.consume(
        request, app="labs", action="call_apply", config=config, key=f"call-{call.pk}"
    )
    return usage is not None


@public_call_view
def call_apply_view(request, call):
    questions = call_questions(call=call)
    consent = _consent_text(call)
    form = ApplyForm(request.POST or None, questions=questions, consent_text=consent)
    is_open = call_is_open(call)
    status = 200
    if request.method == "POST" and is_open and form.is_valid():
        if not _apply_allowed(request, call):
            form.add_error(
                None,
                _(
                    "Too many applications were sent in a short time. Your answers are kept "
                    "below: wait a few minutes, then send them again."
                ),
            )
            status = 429
        else:
            try:
                volunteer, code = call_apply(
                    call=call,
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    answers=form.answers(),
                    consent=form.cleaned_data["consent"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return _no_store(
                    render(
                        request,
                        "calls/call_receipt.html",
                        {"call": call, "volunteer": volunteer, "code": code},
                    )
                )
    context = {
        "call": call,
        "space": call.space,
        "form": form,
        "is_open": is_open,
        "pool_size": call_pool_size(call=call),
    }
    return _no_store(render(request, "calls/call_apply.html", context, status=status))


@public_call_view
def call_lookup(request, call):
    """A volunteer's own probability, by receipt code (POSTed, never in the URL)."""
    form = ReceiptForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        volunteer = volunteer_by_receipt(call=call, code=form.cleaned_data["code"])
        if volunteer is None:
            form.add_error("code", _("No application of this call has this receipt code."))
        else:
            lottery = call_lottery(call=call)
            result = {"volunteer": volunteer, "lottery": lottery}
            if lottery and lottery.probabilities:
                result["probability"] = lottery.probabilities.get(volunteer.pseudonym, 0.0)
                result["percent"] = 100 * result["probability"]
            if lottery and lottery.status == LotteryStatus.DRAWN:
                result["selected"] = volunteer.pseudonym in lottery.current_panel
                result["drawn"] = volunteer.pseudonym in lottery.panel
                result["dropped_out"] = volunteer.dropped_out_at is not None
                if volunteer.pseudonym in lottery.alternates:
                    result["alternate_rank"] = lottery.alternates.index(volunteer.pseudonym) + 1
    return _no_store(
        render(
            request,
            "calls/call_lookup.html",
            {"call": call, "space": call.space, "form": form, "result": result},
        )
    )


# The lottery ------------------------------------------------------------------------------
def _lottery_or_404(call):
    lottery = call_lottery(call=call)
    if lottery is None:
        raise Http404
    return lottery


def _needs_selection_phase(request, call) -> bool:
    if request.user.has_perm("calls.run_lottery", call):
        return False
    messages.error(request, _("The draw takes place in the lab's selection phase."))
    return True


@require_POST
@call_view
def lottery_start_view(request, call):
    if _needs_selection_phase(request, call):
        return _detail(call)
    form = RandomSourceForm(request.POST)
    if form.is_valid():
        try:
            lottery_start(
                actor=request.user,
                call=call,
                random_source=form.cleaned_data["random_source"],
                random_known_after=form.known_after(),
            )
        except DomainError as exc:
            messages.error(request, exc.message)  # above the page: the form may be hidden
        else:
            messages.success(request, _("The computation has started. This page follows it."))
            return _detail(call)
    return _detail_page(request, call, start_form=form)


@require_POST
@call_view
def lottery_source_view(request, call):
    lottery = _lottery_or_404(call)
    if _needs_selection_phase(request, call):
        return _detail(call)
    form = RandomSourceForm(request.POST)
    if form.is_valid():
        try:
            lottery_declare_source(
                actor=request.user,
                lottery=lottery,
                source=form.cleaned_data["random_source"],
                known_after=form.known_after(),
            )
        except DomainError as exc:
            messages.error(request, exc.message)  # above the page: the form may be hidden
        else:
            messages.success(request, _("The new source is declared. Announce it publicly."))
            return _detail(call)
    return _detail_page(request, call, source_form=form)


@require_POST
@call_view
def lottery_random_view(request, call):
    lottery = _lottery_or_404(call)
    if _needs_selection_phase(request, call):
        return _detail(call)
    form = RandomValueForm(request.POST)
    if form.is_valid():
        try:
            lottery_record_random(actor=request.user, lottery=lottery, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)  # above the page: the form may be hidden
        else:
            messages.success(request, _("The random value is recorded. Check it, then draw."))
            return _detail(call)
    return _detail_page(request, call, random_form=form)


@require_POST
@call_view
def lottery_correct_view(request, call):
    lottery = _lottery_or_404(call)
    if _needs_selection_phase(request, call):
        return _detail(call)
    form = RandomCorrectionForm(request.POST)
    if form.is_valid():
        try:
            lottery_correct_random(actor=request.user, lottery=lottery, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)  # above the page: the form may be hidden
        else:
            messages.success(
                request, _("The correction is recorded and shown on the verification page.")
            )
            return _detail(call)
    return _detail_page(request, call, correction_form=form)


def _call_volunteer_or_404(call, volunteer_id):
    volunteer = CallVolunteer.objects.filter(call=call, pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    return volunteer


@require_POST
@call_view
def volunteer_exclude_view(request, call, volunteer_id: int):
    volunteer = _call_volunteer_or_404(call, volunteer_id)
    form = ExcludeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this application is set aside."))
        return _detail(call)
    try:
        volunteer_exclude(actor=request.user, volunteer=volunteer, **form.cleaned_data)
        messages.success(
            request,
            _("%(pseudonym)s is set aside: not in the draw.") % {"pseudonym": volunteer.pseudonym},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(call)


@require_POST
@call_view
def volunteer_reinstate_view(request, call, volunteer_id: int):
    volunteer = _call_volunteer_or_404(call, volunteer_id)
    try:
        volunteer_reinstate(actor=request.user, volunteer=volunteer)
        messages.success(
            request,
            _("%(pseudonym)s is back in the draw.") % {"pseudonym": volunteer.pseudonym},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(call)


@require_POST
@call_view
def lottery_draw_view(request, call):
    lottery = _lottery_or_404(call)
    if _needs_selection_phase(request, call):
        return _detail(call)
    try:
        lottery_draw(actor=request.user, lottery=lottery)
        messages.success(request, _("The panel is drawn."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(call)


@require_POST
@call_view
def volunteer_dropout_view(request, call, volunteer_id: int):
    lottery = _lottery_or_404(call)
    volunteer = CallVolunteer.objects.filter(call=call, pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    try:
        replacement = volunteer_drop_out(actor=request.user, lottery=lottery, volunteer=volunteer)
        messages.success(
            request,
            _("%(dropout)s dropped out; %(new)s takes the seat.")
            % {"dropout": volunteer.pseudonym, "new": replacement.replacement.pseudonym},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _detail(call)


@require_POST
@call_view
def panel_invite_view(request, call):
    lottery = _lottery_or_404(call)
    try:
        made = panel_invite(actor=request.user, lottery=lottery)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _detail(call)
    links = [
        {
            "volunteer": v,
            "link": request.build_absolute_uri(reverse("accounts:invitation", args=[token])),
        }
        for v, token in made
    ]
    return _no_store(
        render(
            request,
            "calls/panel_invitations.html",
            {"call": call, "space": call.space, "links": links},
        )
    )


# Public: files and verification -----------------------------------------------------------
def _published(call):
    lottery = call_lottery(call=call)
    if lottery is None or not lottery.hash_published_at:
        raise Http404
    return lottery


def _attachment(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@public_call_view
def lottery_panels(request, call):
    lottery = _published(call)
    return _attachment(lottery.panels_text, "text/plain", f"panels-call-{call.pk}.txt")


@public_call_view
def lottery_quotas_csv(request, call):
    lottery = _published(call)
    return _attachment(lottery.quotas_csv, "text/csv", f"quotas-call-{call.pk}.csv")


@call_view
def lottery_pool_csv(request, call):
    lottery = _published(call)
    if not lottery.pool_csv:
        raise Http404
    return _no_store(_attachment(lottery.pool_csv, "text/csv", f"pool-call-{call.pk}.csv"))


@public_call_view
def lottery_verify(request, call):
    lottery = call_lottery(call=call)
    published = lottery is not None and lottery.hash_published_at is not None
    context = {
        "call": call,
        "space": call.space,
        "pool_size": call_pool_size(call=call),
        "declared": lottery if lottery and lottery.random_source else None,
        "lottery": lottery if published else None,
        "rule_is_alternates": call.replacement_rule == ReplacementRule.ALTERNATES,
    }
    if published:
        context.update(
            declaration_void=declaration_is_void(lottery),
            random_history=lottery.random_history(),
            summary=probability_summary(lottery=lottery),
            table=quota_table(call=call, lottery=lottery),
            replacements=list(lottery.replacements.select_related("dropout", "replacement")),
            panels_url=request.build_absolute_uri(reverse("calls:lottery-panels", args=[call.pk])),
            dropouts=" ".join(
                f"--dropout {r.dropout.pseudonym}"
                for r in lottery.replacements.select_related("dropout")
            ),
        )
    return render(request, "calls/lottery_verify.html", context)
