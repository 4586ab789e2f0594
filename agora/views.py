from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agora.forms import AgoraForm
from agora.services import agora_create
from core.views_helpers import perm_required


@perm_required("core.add_space")
def agora_new(request):
    form = AgoraForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agora = agora_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The Agora is created with its 16 seats."))
        return redirect("core:seat-list", slug=agora.slug)
    return render(request, "core/form_page.html", {"form": form, "title": _("Create the Agora")})
