from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.exceptions import DomainError
from core.pagination import window
from core.views_helpers import object_view, space_view
from meetings.models import AgendaItem
from meetings.selectors import meeting_list_for_space
from proposals import selectors, services
from proposals.forms import (
    AmendmentForm,
    CoauthorInviteForm,
    CommentForm,
    ProposalForm,
    ScheduleForm,
    VoteForm,
)
from proposals.models import Amendment, ProposalStatus
from votes import selectors as vote_selectors
from votes import services as vote_services


def _proposal_view(perm=None):
    return object_view(selectors.proposal_get, perm=perm, view_perm="proposals.view_proposal")


def _to_detail(proposal):
    return redirect("proposals:proposal-detail", pk=proposal.pk)


@space_view()
def proposal_list(request, space):
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "space": space,
            "window": window(
                selectors.proposal_list_for_space(space=space, user=request.user), request.GET
            ),
            "can_add": request.user.has_perm("proposals.add_proposal", space),
            "votes": vote_selectors.vote_list_for_space(space=space)[:20],
            "can_manage_votes": request.user.has_perm("votes.manage_vote", space),
        },
    )


@space_view("proposals.add_proposal")
def proposal_new(request, space):
    services.themes_seed()
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                actor=request.user, space=space, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your draft is saved. Submit it when it is ready."))
            return _to_detail(proposal)
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "space": space, "title": _("Write a proposal")},
    )


@_proposal_view("proposals.edit_proposal")
def proposal_edit(request, proposal):
    form = ProposalForm(
        request.POST or None,
        initial={"title": proposal.title, "text": proposal.text, "theme": proposal.theme},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_edit(actor=request.user, proposal=proposal, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return _to_detail(proposal)
    return render(
        request,
        "proposals/proposal_form.html",
        {
            "form": form,
            "space": proposal.space,
            "proposal": proposal,
            "title": _("Edit the proposal"),
        },
    )


@_proposal_view()
def proposal_detail(request, proposal):
    user = request.user
    context = {
        "proposal": proposal,
        "space": proposal.space,
        **selectors.proposal_page(proposal=proposal),
        "comment_form": CommentForm(),
        "amendment_form": AmendmentForm(initial={"text": proposal.text}),
        "can": {
            perm: user.has_perm(f"proposals.{perm}", proposal)
            for perm in (
                "edit_proposal",
                "submit_proposal",
                "withdraw_proposal",
                "comment_proposal",
                "amend_proposal",
                "decide_amendment",
                "schedule_proposal",
            )
        },
        # Sending the adopted proposal to officials is the recommendations app's (its rule,
        # its page); this page only links to it, through the one-to-one relation.
        "can_recommend": user.has_perm("recommendations.issue_recommendation", proposal),
        # Newcomers' names go to the space's members and facilitators; the public reads
        # the names of those who chose to show them.
        "show_names": user.has_perm("votes.cast_vote", proposal.space)
        or user.has_perm("votes.manage_vote", proposal.space),
        "recommendation": getattr(proposal, "recommendation", None),
        "pending_invitation": user.is_authenticated
        and proposal.authors.filter(user=user, accepted_at__isnull=True).exists(),
    }
    if context["can"]["schedule_proposal"]:
        context["agenda_items"] = AgendaItem.objects.filter(
            meeting__in=meeting_list_for_space(space=proposal.space)
        ).select_related("meeting")
    if context["can"]["submit_proposal"]:
        context["coauthor_choices"] = (
            User.objects.filter(
                memberships__space=proposal.space, memberships__ended_at__isnull=True
            )
            .exclude(pk__in=[a.user_id for a in context["authors"]])
            .order_by("display_name")
        )
    return render(request, "proposals/proposal_detail.html", context)


@require_POST
@login_required
@_proposal_view()
def proposal_action(request, proposal):
    action = request.POST.get("action")
    perms = {"submit": "proposals.submit_proposal", "withdraw": "proposals.withdraw_proposal"}
    try:
        if action in perms:
            if not request.user.has_perm(perms[action], proposal):
                raise PermissionDenied
            fn = services.proposal_submit if action == "submit" else services.proposal_withdraw
            fn(actor=request.user, proposal=proposal)
        elif action == "accept_coauthor":
            services.coauthor_accept(user=request.user, proposal=proposal)
        elif action == "invite_coauthor":
            if not request.user.has_perm("proposals.submit_proposal", proposal):
                raise PermissionDenied
            form = CoauthorInviteForm(request.POST)
            if not form.is_valid():
                raise DomainError(form.errors["user"][0])
            services.coauthor_invite(
                actor=request.user, proposal=proposal, user=form.cleaned_data["user"]
            )
        elif action == "schedule":
            if not request.user.has_perm("proposals.schedule_proposal", proposal):
                raise PermissionDenied
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                raise DomainError(form.errors["agenda_item"][0])
            services.proposal_schedule(
                actor=request.user, proposal=proposal, agenda_item=form.cleaned_data["agenda_item"]
            )
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return _to_detail(proposal)


@require_POST
@_proposal_view("proposals.comment_proposal")
def proposal_comment(request, proposal):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user, proposal=proposal, text=form.cleaned_data["text"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("The comment is empty."))
    return _to_detail(proposal)


@require_POST
@_proposal_view("proposals.amend_proposal")
def proposal_amend(request, proposal):
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            services.amendment_propose(actor=request.user, proposal=proposal, **form.cleaned_data)
            messages.success(request, _("Your amendment is proposed to the authors."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return _to_detail(proposal)


@require_POST
@_proposal_view("proposals.decide_amendment")
def amendment_decide(request, proposal, amendment_id: int):
    amendment = Amendment.objects.filter(proposal=proposal, pk=amendment_id).first()
    if amendment is None:
        raise Http404
    try:
        services.amendment_decide(
            actor=request.user, amendment=amendment, accept=request.POST.get("decision") == "accept"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _to_detail(proposal)


# Votes --------------------------------------------------------------------------------------
@space_view("votes.manage_vote")
def vote_new(request, space):
    proposals = [
        p
        for p in selectors.proposal_list_for_space(space=space, user=request.user)
        if p.status in (ProposalStatus.SUBMITTED, ProposalStatus.ON_AGENDA)
    ]
    meetings = list(meeting_list_for_space(space=space, limit=12))
    form = VoteForm(
        request.POST or None,
        proposals=proposals,
        meetings=meetings,
        initial={"proposal": request.GET.get("proposal")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = next((p for p in proposals if p.pk == data["proposal"]), None)
        meeting = next((m for m in meetings if m.pk == data["meeting"]), None)
        try:
            vote = vote_services.vote_create(
                actor=request.user,
                space=space,
                title=data["title"],
                method=data["method"],
                threshold=data["threshold"],
                options=data["options"].splitlines(),
                secret=data["secret"],
                require_each_college=data["require_each_college"],
                proposal=proposal,
                meeting=meeting,
                deadline=None if meeting else data["deadline"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("votes:vote-detail", pk=vote.pk)
    return render(request, "proposals/vote_form.html", {"form": form, "space": space})
