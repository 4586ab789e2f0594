"""Proposals of a space, their co-authors, revisions, comments and amendments. Votes on
them are in the votes app (votes.models.Vote.proposal)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space


class Theme(models.Model):
    """A policy axis of the territory (housing, learning French…), configurable."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ON_AGENDA = "on_agenda", _("On a meeting's agenda")
    IN_VOTE = "in_vote", _("In vote")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("theme")
    )
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProposalAuthor(models.Model):
    """An author of a proposal. Co-authors are invited and sign by accepting."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposal_author_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.proposal_id}"


class ProposalRevision(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} v{self.number}"


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk}"


class Amendment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="amendments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_revision = models.PositiveIntegerField()
    text = models.TextField(_("proposed text"))
    reason = models.CharField(_("why"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Amendment {self.pk}"


class ProposalAgendaLink(models.Model):
    """A proposal discussed at a meeting, on one of its agenda items."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="agenda_links")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="proposal_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "agenda_item"], name="proposal_on_item"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} @ {self.agenda_item_id}"
