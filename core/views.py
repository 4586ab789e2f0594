from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.pagination import window
from core.selectors import (
    membership_get,
    notification_list,
)
from core.services import membership_end, membership_record_eligibility, notifications_mark_read
from core.views_helpers import space_view


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
        return redirect("accounts:seat-list", slug=space.slug)
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
    return redirect("accounts:seat-list", slug=space.slug)


@login_required
def notifications(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        return redirect("core:notifications")
    return render(
        request,
        "core/notifications.html",
        {"window": window(notification_list(user=request.user), request.GET)},
    )
