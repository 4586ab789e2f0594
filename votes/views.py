"""A vote's page, casting, opening and closing it, and its anonymised ballots file. Votes are
created by the app of what they are about (proposals: a question, optionally on a
proposal; meetings: the approval of minutes; booklets: an edition)."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.views_helpers import object_view
from votes import selectors, services
from votes.models import VoteStatus


def _vote_view(perm=None):
    return object_view(selectors.vote_get, perm=perm, view_perm="votes.view_vote")


@_vote_view()
def vote_detail(request, vote):
    entry = selectors.roll_entry(vote=vote, user=request.user)
    return render(
        request,
        "votes/vote_detail.html",
        {
            "vote": vote,
            "space": vote.space,
            "entry": entry,
            "can_manage": request.user.has_perm("votes.manage_vote", vote),
            "cast": selectors.ballots_cast(vote=vote),
            "grades": services.GRADES,
            "result": vote.result if vote.status == VoteStatus.CLOSED else None,
            "objections": selectors.consent_objections(vote=vote)
            if vote.method == "consent"
            and request.user.has_perm("votes.manage_vote", vote)
            and vote.status == VoteStatus.OPEN
            else [],
        },
    )


def _ballot_from_post(vote, post) -> dict:
    method = vote.method
    if method in ("for_against", "sense_check"):
        return {"choice": post.get("choice")}
    if method == "consent":
        return {"choice": post.get("choice"), "reason": post.get("reason", "")}
    if method == "approval":
        return {"approved": post.getlist("approved")}
    if method == "ranked":
        ranks = {}
        for option in vote.options:
            value = post.get(f"rank-{option['id']}", "")
            if value.isdigit():
                ranks[option["id"]] = int(value)
        return {"ranking": sorted(ranks, key=lambda k: ranks[k])}
    if method == "judgment":
        return {"grades": {o["id"]: post.get(f"grade-{o['id']}") for o in vote.options}}
    return {}


@require_POST
@_vote_view("votes.cast_vote")
def vote_cast(request, vote):
    try:
        services.vote_cast(
            actor=request.user, vote=vote, content=_ballot_from_post(vote, request.POST)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your vote is counted."))
    return redirect("votes:vote-detail", pk=vote.pk)


@require_POST
@_vote_view("votes.manage_vote")
def vote_control(request, vote):
    action = request.POST.get("action")
    try:
        if action == "open":
            services.vote_open(actor=request.user, vote=vote)
        elif action == "close":
            services.vote_close(
                actor=request.user, vote=vote, upheld=set(request.POST.getlist("upheld"))
            )
        else:
            raise DomainError(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("votes:vote-detail", pk=vote.pk)


@_vote_view()
def vote_recount_file(request, vote):
    if vote.status != VoteStatus.CLOSED:
        raise Http404
    try:
        data = services.recount_data(vote=vote)
    except DomainError:
        raise Http404 from None
    response = JsonResponse(data, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="vote-{vote.pk}-ballots.json"'
    return response
