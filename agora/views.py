from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agora.forms import AgoraEditForm, AgoraForm
from agora.models import Agora
from agora.services import agora_create, agora_update
from core.exceptions import DomainError
from core.models import SpaceKind
from core.views_helpers import perm_required, space_view


@perm_required("core.add_space")
def agora_new(request):
    form = AgoraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agora = agora_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The Agora is created with its 16 seats."))
        return redirect("accounts:seat-list", slug=agora.slug)
    return render(request, "core/form_page.html", {"form": form, "title": _("Create the Agora")})


@space_view("core.manage_space")
def agora_edit(request, space):
    if space.kind != SpaceKind.AGORA:
        raise Http404
    agora = Agora.objects.get(pk=space.pk)
    initial = {
        "name": agora.name,
        "description": agora.description,
        "meeting_rhythm": agora.meeting_rhythm,
        "visibility": agora.visibility,
        "quorum_fraction": f"{agora.quorum_fraction:.2f}",
    }
    form = AgoraEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agora_update(actor=request.user, agora=agora, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("portal:space", slug=agora.slug)
    return render(
        request, "core/form_page.html", {"form": form, "title": _("Edit the Agora"), "space": agora}
    )
