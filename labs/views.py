from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.exceptions import DomainError
from core.models import SpaceKind
from core.views_helpers import perm_required, space_view
from labs.forms import LabEditForm, LabForm
from labs.models import Lab
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
