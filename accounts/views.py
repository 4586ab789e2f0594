import contextlib

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.adapter import SESSION_KEY
from accounts.forms import InvitationForm, ProfileForm
from accounts.models import FORMER_MEMBER, Invitation
from accounts.selectors import invitation_get_by_token, seat_list_with_invitations
from accounts.services import (
    INVITATION_MESSAGES,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    profile_update,
    user_delete,
    user_export,
    user_set_interface_language,
)
from core.exceptions import DomainError
from core.models import College
from core.selectors import seat_counts, seat_get
from core.views_helpers import space_view


def invitation(request, token: str):
    """The page an invitation link or QR code opens. Never an error page: a spent or
    unknown link explains itself and says what to do."""
    invite = invitation_get_by_token(token=token)
    if invite is None:
        response = render(
            request,
            "accounts/invitation_invalid.html",
            {
                "reason": _(
                    "This invitation link is not valid. Check that it was "
                    "copied whole, or ask your facilitator for a new one."
                )
            },
            status=404,
        )
        return response
    status = invite.status()
    if status != Invitation.Status.VALID:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": INVITATION_MESSAGES[status]},
            status=410,
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            request.session[SESSION_KEY] = token
            return redirect("account_signup")
        try:
            membership = invitation_accept(user=request.user, invitation=invite)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("portal:home")
        messages.success(request, _("Welcome! You now hold a seat in this space."))
        return redirect("portal:space", slug=membership.space.slug)
    response = render(
        request, "accounts/invitation.html", {"invitation": invite, "space": invite.seat.space}
    )
    # The token is in this page's URL: never cached. The site-wide "same-origin" referrer
    # policy keeps it from third parties ("no-referrer" would make browsers send
    # "Origin: null" with the form and fail the CSRF check).
    response["Cache-Control"] = "no-store"
    return response


@login_required
def profile(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "languages_spoken": user.languages_spoken,
        "interface_language": user.interface_language,
        "interpretation_language": user.interpretation_language,
        "other_needs": user.other_needs,
        "show_name_publicly": user.show_name_publicly,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def data_export(request):
    response = HttpResponse(
        user_export(user=request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="accueil-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    """The page says beforehand what is kept (anonymised) and what is erased; the
    deletion itself is accounts.services.user_delete."""
    context = {"former_member": FORMER_MEMBER}
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm that you want to delete your account.")
            )
            return render(request, "accounts/delete_confirm.html", context, status=400)
        user_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Your account is deleted. What you did in the assemblies stays, "
                "under “A former member”."
            ),
        )
        return redirect("portal:home")
    return render(request, "accounts/delete_confirm.html", context)


@require_POST
def language_set(request):
    """Django's set_language (cookie, safe redirect), plus the profile when signed in."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        # An unknown code changes nothing, as in Django's own view.
        with contextlib.suppress(DomainError):
            user_set_interface_language(user=request.user, language=language)
    return response


# --- Seats and their invitation links (a facilitator's page) --------------------------------
@space_view("core.manage_space")
def seat_list(request, space):
    seats = seat_list_with_invitations(space=space)
    colleges = []
    for seat in seats:
        if not colleges or colleges[-1]["college"] != seat.college:
            colleges.append(
                {"college": seat.college, "label": College(seat.college).label, "seats": []}
            )
        colleges[-1]["seats"].append(seat)
    return render(
        request,
        "accounts/seat_list.html",
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
        return redirect("accounts:seat-list", slug=space.slug)
    try:
        invitation, token = invitation_create(
            actor=request.user, seat=seat, term_ends_on=form.cleaned_data["term_ends_on"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:seat-list", slug=space.slug)
    # The link is shown once, in this response: only its hash is stored, and it never
    # travels in a URL we log. To show it again, the facilitator makes a new one.
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
    qr = segno.make(link, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    response = render(
        request,
        "accounts/invitation_created.html",
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
    return redirect("accounts:seat-list", slug=space.slug)
