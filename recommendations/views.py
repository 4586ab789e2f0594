"""Recommendations: the public tracking page and its Atom feed, the official's inbox and
answer forms, and issuing a recommendation from an adopted proposal. Thin views: the
rules are in recommendations/rules.py, the writes in recommendations/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.pagination import window
from core.views_helpers import object_view, perm_required
from proposals.selectors import proposal_get
from recommendations import selectors, services
from recommendations.forms import (
    AnswerForm,
    CommitmentForm,
    ImplementationUpdateForm,
    RecommendationIssueForm,
)
from recommendations.models import Answer

PAGE_SIZE = 25


def _recommendation_view(perm=None):
    return object_view(
        selectors.recommendation_get, perm=perm, view_perm="recommendations.view_recommendation"
    )


def _to_detail(recommendation):
    return redirect("recommendations:recommendation-detail", pk=recommendation.pk)


def recommendation_list(request):
    """Public: every recommendation of the public spaces, newest first, filterable
    (theme, space, status) with a plain GET form, 25 at a time (core.pagination: no COUNT
    of the whole table, which grew with it)."""
    filters = {k: request.GET.get(k, "")[:60] for k in ("theme", "space", "status")}
    return render(
        request,
        "recommendations/recommendation_list.html",
        {
            "window": window(selectors.recommendation_public_list(**filters), request.GET),
            "filters": filters,
            **selectors.recommendation_filter_choices(),
        },
    )


def _detail(request, recommendation, status=200, **forms):
    """The detail page; failing forms passed in are shown with what was typed."""
    user = request.user
    can_answer = user.has_perm("recommendations.answer_recommendation", recommendation)
    # The debate (comments with their authors) is for those who answer and for the
    # space's own members and facilitators, who see it on the proposal anyway.
    show_debate = (
        can_answer
        or user.has_perm("votes.cast_vote", recommendation.space)
        or user.has_perm("votes.manage_vote", recommendation.space)
    )
    context = {
        "recommendation": recommendation,
        "space": recommendation.space,
        **selectors.recommendation_page(recommendation=recommendation, show_debate=show_debate),
        "can_answer": can_answer,
        "show_debate": show_debate,
    }
    implementable = recommendation.answered_at and recommendation.answer != Answer.DECLINED
    if can_answer and (implementable or forms):
        context["commitment_form"] = forms.get("commitment_form") or CommitmentForm()
        context["update_form"] = forms.get("update_form") or ImplementationUpdateForm(
            recommendation=recommendation
        )
    return render(request, "recommendations/recommendation_detail.html", context, status=status)


@_recommendation_view()
def recommendation_detail(request, recommendation):
    return _detail(request, recommendation)


@login_required
@perm_required("recommendations.view_inbox")
def recommendation_inbox(request):
    return render(
        request,
        "recommendations/recommendation_inbox.html",
        {"recommendations": selectors.recommendation_inbox(user=request.user)},
    )


@_recommendation_view("recommendations.answer_recommendation")
def recommendation_answer(request, recommendation):
    if recommendation.answered_at:
        messages.info(request, _("This recommendation has already been answered."))
        return _to_detail(recommendation)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_answer(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your answer is published. Thank you."))
            return _to_detail(recommendation)
    return render(
        request,
        "recommendations/recommendation_answer.html",
        {
            "form": form,
            "recommendation": recommendation,
            **selectors.recommendation_page(recommendation=recommendation, show_debate=True),
        },
    )


@require_POST
@_recommendation_view("recommendations.answer_recommendation")
def commitment_add(request, recommendation):
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_add(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Commitment added."))
            return _to_detail(recommendation)
    return _detail(request, recommendation, status=400, commitment_form=form)


@require_POST
@_recommendation_view("recommendations.answer_recommendation")
def implementation_update(request, recommendation):
    form = ImplementationUpdateForm(request.POST, recommendation=recommendation)
    if form.is_valid():
        try:
            services.implementation_update_add(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Progress reported."))
            return _to_detail(recommendation)
    return _detail(request, recommendation, status=400, update_form=form)


@object_view(
    proposal_get,
    perm="recommendations.issue_recommendation",
    view_perm="proposals.view_proposal",
)
def recommendation_issue(request, proposal):
    form = RecommendationIssueForm(
        request.POST or None, initial={"deadline": services.default_deadline()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_issue(
                actor=request.user, proposal=proposal, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The recommendation is sent. Its answer is tracked."))
            return _to_detail(recommendation)
    return render(
        request,
        "recommendations/recommendation_issue.html",
        {"form": form, "proposal": proposal, "space": proposal.space},
    )


class AnswersFeed(Feed):
    """Atom feed of officials' answers, newest first (public spaces only)."""

    feed_type = Atom1Feed
    title = gettext_lazy("Answers to the recommendations")
    subtitle = gettext_lazy("Officials' answers to the recommendations of the assemblies.")
    link = reverse_lazy("recommendations:recommendation-list")

    def items(self):
        return selectors.recommendation_answers_feed()

    def item_title(self, item):
        return f"{item.get_answer_display()}: {item.title}"

    def item_description(self, item):
        return item.reasons

    def item_link(self, item):
        return reverse("recommendations:recommendation-detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.answered_at

    def item_updateddate(self, item):
        return item.answered_at

    def item_author_name(self, item):
        return item.addressed_to

    def item_categories(self, item):
        return [item.space.name] + ([item.theme.name] if item.theme_id else [])


recommendation_feed = AnswersFeed()
