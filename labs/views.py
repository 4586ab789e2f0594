"""Views of a lab: creating and editing it; its life: phases and dates, the experiment log,
the evaluation.

The lab's public page is the space page (`portal:space`), not a second page: the
lab's question, phases, panel, sessions, log, evaluation and outcomes are added there by
`labs.selectors.lab_page` and `labs/_lab_life.html`. One address per lab, readable
without an account when the lab is public, hidden (404) when it is members-only.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.models import SpaceKind
from core.views_helpers import object_view, perm_required, space_view
from labs import selectors as sel
from labs import services as svc
from labs.forms import (
    BY_COLLEGE,
    BY_MEMBER,
    BY_ORGANISATION,
    EvaluationForm,
    LabEditForm,
    LabForm,
    LogEntryForm,
    PhaseChangeForm,
    PhaseDatesForm,
    indicators_as_text,
)
from labs.models import PHASE_ORDER, Evaluation, Lab, Phase
from labs.services import lab_create, lab_update


@perm_required("core.add_space")
def lab_new(request):
    form = LabForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lab = lab_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The lab is created with three colleges of 10 seats."))
            return redirect("accounts:seat-list", slug=lab.slug)
    return render(request, "core/form_page.html", {"form": form, "title": _("Open a lab")})


@space_view("core.manage_space")
def lab_edit(request, space):
    if space.kind != SpaceKind.LAB:
        raise Http404
    lab = Lab.objects.get(pk=space.pk)
    initial = {
        f: getattr(lab, f)
        for f in (
            "name",
            "question",
            "description",
            "starts_on",
            "ends_on",
            "phase",
            "visibility",
            "quorum_min_per_college",
        )
    }
    initial["quorum_fraction"] = f"{lab.quorum_fraction:.2f}"
    form = LabEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lab_update(actor=request.user, lab=lab, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("portal:space", slug=lab.slug)
    return render(
        request, "core/form_page.html", {"form": form, "title": _("Edit the lab"), "space": lab}
    )


def next_phase(phase: str) -> Phase | None:
    position = PHASE_ORDER.index(phase)
    return Phase(PHASE_ORDER[position + 1]) if position + 1 < len(PHASE_ORDER) else None


def lab_get(*, slug: str) -> Lab | None:
    return Lab.objects.filter(slug=slug).first()


def lab_view(perm: str | None = None):
    """Like `space_view`, for pages that exist only for labs (an Agora answers 404)."""
    return object_view(lab_get, perm=perm, kwarg="slug")


def _entry_view(perm: str | None = None):
    return object_view(sel.log_entry_get, perm=perm, view_perm="labs.view_log")


# Phases -------------------------------------------------------------------------------
@lab_view("labs.change_phase")
def lab_phase(request, lab):
    """Change the phase (forward, or back with a reason) and plan the phases' dates."""
    which = request.POST.get("form") if request.method == "POST" else None
    phase_form = PhaseChangeForm(
        request.POST if which == "phase" else None, initial={"phase": lab.phase}
    )
    dates_form = PhaseDatesForm(
        request.POST if which == "dates" else None,
        initial={f"planned_{k}": v for k, v in sel.lab_phase_planned(lab=lab).items()},
    )
    if which == "phase" and phase_form.is_valid():
        try:
            svc.lab_phase_set(actor=request.user, lab=lab, **phase_form.cleaned_data)
        except DomainError as exc:
            phase_form.add_error(None, exc.message)
        else:
            messages.success(request, _("The lab's phase has changed."))
            return redirect("labs:lab-phase", slug=lab.slug)
    elif which == "dates" and dates_form.is_valid():
        try:
            svc.lab_phase_dates_set(actor=request.user, lab=lab, planned=dates_form.planned())
        except DomainError as exc:
            dates_form.add_error(None, exc.message)
        else:
            messages.success(request, _("The planned dates are saved."))
            return redirect("labs:lab-phase", slug=lab.slug)
    return render(
        request,
        "labs/lab_phase.html",
        {
            "space": lab,
            "phases": sel.lab_phase_timeline_dated(lab=lab),
            "next_phase": next_phase(lab.phase),
            "phase_form": phase_form,
            "dates_form": dates_form,
            "changes": sel.lab_phase_changes(lab=lab),
        },
    )


# Experiment log -----------------------------------------------------------------------
@lab_view("labs.view_log")
def log_list(request, lab):
    names = request.user.has_perm("core.view_space_members", lab)
    return render(
        request,
        "labs/log_list.html",
        {
            "space": lab,
            "entries": sel.log_entry_list(lab=lab, names=names),
            "can_add": request.user.has_perm("labs.add_log_entry", lab),
            "can_edit": request.user.has_perm("labs.edit_log_entry", lab),
            "can_see_history": request.user.has_perm("labs.view_log_history", lab),
        },
    )


@lab_view("labs.add_log_entry")
def log_entry_create(request, lab):
    form = LogEntryForm(request.POST or None, lab=lab)
    if request.method == "POST" and form.is_valid():
        try:
            svc.log_entry_create(actor=request.user, lab=lab, **form.entry_fields())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The entry is added to the experiment log."))
            return redirect("labs:log", slug=lab.slug)
    return render(
        request,
        "labs/log_entry_form.html",
        {"form": form, "space": lab, "title": _("Add to the experiment log")},
    )


def _by_kind(entry) -> str:
    if entry.by_organisation:
        return BY_ORGANISATION
    if entry.by_college:
        return BY_COLLEGE
    return BY_MEMBER


@_entry_view("labs.edit_log_entry")
def log_entry_edit(request, entry):
    lab = entry.lab
    initial = {
        "happened_on": entry.happened_on,
        "hypothesis": entry.hypothesis,
        "tried": entry.tried,
        "observed": entry.observed,
        "by_kind": _by_kind(entry),
        "by_user": entry.by_user_id,
        "by_organisation": entry.by_organisation,
        "by_college": entry.by_college,
        "revision": entry.revision,
    }
    form = LogEntryForm(request.POST or None, lab=lab, initial=initial)
    if lab.phase == Phase.EVALUATION:
        # Only what was observed may still be completed: the rest is shown, not sent.
        for name, field in form.fields.items():
            if name not in ("observed", "revision"):
                field.disabled = True
    if request.method == "POST" and form.is_valid():
        base = form.cleaned_data.get("revision")
        try:
            svc.log_entry_edit(
                actor=request.user,
                entry=entry,
                base_revision=base if base is not None else -1,
                **form.entry_fields(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("labs:log", slug=lab.slug)
    current = None
    if form.is_bound and form.non_field_errors():
        entry.refresh_from_db()
        if entry.revision != form.cleaned_data.get("revision"):
            # Someone saved meanwhile: show their version next to what was typed, and
            # let the next save build on it.
            current = entry
            form.data = form.data.copy()
            form.data["revision"] = entry.revision
    return render(
        request,
        "labs/log_entry_form.html",
        {
            "form": form,
            "space": lab,
            "entry": entry,
            "current": current,
            "title": _("Edit a log entry"),
        },
    )


@_entry_view("labs.view_log_history")
def log_entry_history(request, entry):
    return render(
        request,
        "labs/log_entry_history.html",
        {
            "space": entry.lab,
            "entry": entry,
            "revisions": sel.log_entry_revisions(entry=entry, names=True),
        },
    )


# Evaluation ---------------------------------------------------------------------------
@lab_view("labs.view_log")
def evaluation_detail(request, lab):
    can_see_draft = request.user.has_perm("labs.view_evaluation_draft", lab)
    evaluation = sel.evaluation_for(lab=lab, include_draft=can_see_draft)
    return render(
        request,
        "labs/evaluation.html",
        {
            "space": lab,
            "evaluation": evaluation,
            # Who saved which version names people: members only (as the draft).
            "revisions": sel.evaluation_revisions(evaluation=evaluation) if can_see_draft else [],
            "can_edit": request.user.has_perm("labs.edit_evaluation", lab),
            "can_publish": request.user.has_perm("labs.publish_evaluation", lab),
        },
    )


@lab_view("labs.edit_evaluation")
def evaluation_edit(request, lab):
    evaluation = Evaluation.objects.filter(lab=lab).first()
    initial = {"revision": evaluation.revision if evaluation else 0}
    if evaluation:
        initial.update(
            worked=evaluation.worked,
            did_not_work=evaluation.did_not_work,
            indicators=indicators_as_text(evaluation.indicators),
            decision=evaluation.decision,
            decision_reason=evaluation.decision_reason,
        )
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        base = data.pop("revision")
        try:
            svc.evaluation_save(
                actor=request.user, lab=lab, base_revision=base if base is not None else -1, **data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The evaluation draft is saved."))
            return redirect("labs:evaluation", slug=lab.slug)
    current = None
    if form.is_bound and form.non_field_errors():
        current = Evaluation.objects.filter(lab=lab).first()
        if current is not None and current.revision != form.cleaned_data.get("revision"):
            form.data = form.data.copy()
            form.data["revision"] = current.revision
        else:
            current = None
    return render(
        request,
        "labs/evaluation_form.html",
        {"form": form, "space": lab, "current": current, "title": _("Write the evaluation")},
    )


@require_POST
@lab_view("labs.publish_evaluation")
def evaluation_publish(request, lab):
    try:
        svc.evaluation_publish(actor=request.user, lab=lab)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The evaluation is published on the lab's page."))
    return redirect("labs:evaluation", slug=lab.slug)
