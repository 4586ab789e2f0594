"""The pages that compose several features: the home page and a space's page.

The space page knows no feature: it shows the space's header and seats (core) and the
panels and links that feature apps registered (core.panels)."""

from django.shortcuts import render

from core.panels import space_links, space_panels
from core.selectors import (
    facilitator_list,
    seat_counts,
    seat_list_with_holders,
    space_list_for_member,
    space_list_visible,
)
from core.views_helpers import space_view


def home(request):
    spaces = list(space_list_visible(user=request.user))
    mine = {s.pk for s in space_list_for_member(user=request.user)}
    return render(
        request,
        "portal/home.html",
        {
            "my_spaces": [s for s in spaces if s.pk in mine],
            "other_spaces": [s for s in spaces if s.pk not in mine],
            "can_add_space": request.user.has_perm("core.add_space"),
        },
    )


@space_view()
def space_detail(request, space):
    can_see_members = request.user.has_perm("core.view_space_members", space)
    context = {"space": space, "can_see_members": can_see_members}
    context["panels"] = space_panels(request, space, context)
    context["links"] = space_links(request, space, "browse")
    context["manage_links"] = space_links(request, space, "manage")
    context["counts"] = seat_counts(space=space)
    if can_see_members:
        context["seats"] = [s for s in seat_list_with_holders(space=space) if s.holder]
        context["facilitators"] = facilitator_list(space=space)
    return render(request, "portal/space_detail.html", context)
