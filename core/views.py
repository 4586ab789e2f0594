import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Invitation
from accounts.services import invitation_create, invitation_revoke
from core.exceptions import DomainError
from core.forms import InvitationForm
from core.models import College, SpaceKind
from core.selectors import (
    facilitator_list,
    membership_get,
    notification_list,
    seat_counts,
    seat_get,
    seat_list_with_holders,
    space_list_for_member,
    space_list_visible,
    space_specific,
)
from core.services import membership_end, membership_record_eligibility, notifications_mark_read
from core.views_helpers import space_view


def home(request):
    spaces = list(space_list_visible(user=request.user))
    mine = {s.pk for s in space_list_for_member(user=request.user)}
    return render(
        request,
        "core/home.html",
        {
            "my_spaces": [s for s in spaces if s.pk in mine],
            "other_spaces": [s for s in spaces if s.pk not in mine],
            "can_add_space": request.user.has_perm("core.add_space"),
        },
    )


@space_view()
def space_detail(request, space):
    specific = space_specific(space=space)
    can_see_members = request.user.has_perm("core.view_space_members", space)
    context = {
        "space": specific,
        "counts": seat_counts(space=space),
        "can_manage": request.user.has_perm("core.manage_space", space),
        "can_see_members": can_see_members,
        "is_lab": space.kind == SpaceKind.LAB,
    }
    from meetings.selectors import meeting_list_for_space

    context["next_meeting"] = meeting_list_for_space(space=space, limit=1).first()
    if can_see_members:
        context["seats"] = [s for s in seat_list_with_holders(space=space) if s.holder]
        context["facilitators"] = facilitator_list(space=space)
    if space.kind == SpaceKind.LAB:
        # The lab's public page is this page: its life (phases, panel, log...) from labs.
        from labs.selectors_life import lab_page

        context.update(lab_page(lab=specific, user=request.user))
    return render(request, "core/space_detail.html", context)


@space_view("core.manage_space")
def seat_list(request, space):
    seats = seat_list_with_holders(space=space)
    colleges = []
    for seat in seats:
        if not colleges or colleges[-1]["college"] != seat.college:
            colleges.append(
                {"college": seat.college, "label": College(seat.college).label, "seats": []}
            )
        colleges[-1]["seats"].append(seat)
    return render(
        request,
        "core/seat_list.html",
        {
            "space": space,
            "colleges": colleges,
            "counts": seat_counts(space=space),
            "form": InvitationForm(),
            "newcomer_colleges": (College.NONE, College.NEWCOMERS),
        },
    )


@require_POST
@space_view("core.manage_space")
def seat_invite(request, space, seat_id: int):
    seat = seat_get(space=space, pk=seat_id)
    if seat is None:
        raise Http404
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The end of term is not a valid date."))
        return redirect("core:seat-list", slug=space.slug)
    try:
        invitation, token = invitation_create(
            actor=request.user, seat=seat, term_ends_on=form.cleaned_data["term_ends_on"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("core:seat-list", slug=space.slug)
    # The link is shown once, in this response: only its hash is stored, and it never
    # travels in a URL we log. To show it again, the facilitator makes a new one.
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
    qr = segno.make(link, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    response = render(
        request,
        "core/invitation_created.html",
        {"space": space, "seat": seat, "invitation": invitation, "link": link, "qr": qr},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@space_view("core.manage_space")
def invitation_withdraw(request, space, invitation_id: int):
    invitation = Invitation.objects.filter(pk=invitation_id, seat__space=space).first()
    if invitation is None:
        raise Http404
    try:
        invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("The invitation link no longer works."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("core:seat-list", slug=space.slug)


@space_view("core.manage_space")
def membership_end_view(request, space, membership_id: int):
    membership = membership_get(space=space, pk=membership_id)
    if membership is None:
        raise Http404
    if request.method == "POST":
        try:
            membership_end(actor=request.user, membership=membership)
            messages.success(request, _("The membership has ended. The seat is free."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("core:seat-list", slug=space.slug)
    return render(
        request, "core/membership_end_confirm.html", {"space": space, "membership": membership}
    )


@require_POST
@space_view("core.manage_space")
def membership_eligibility(request, space, membership_id: int):
    membership = membership_get(space=space, pk=membership_id)
    if membership is None:
        raise Http404
    try:
        membership_record_eligibility(actor=request.user, membership=membership)
        messages.success(request, _("Eligibility check recorded."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("core:seat-list", slug=space.slug)


@login_required
def notifications(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("core:notifications")
    return render(
        request, "core/notifications.html", {"notices": notification_list(user=request.user)}
    )
