"""Votes, their frozen voter roll, ballots and proxies (moved from proposals, issue 11; the
tables keep their names, db_table).

Secret ballots: the `Ballot` row holds no voter, no timestamp and a random primary key;
who voted is in `VoterRollEntry.voted_at`, a separate register. Nothing links the two.

What a vote is about is named by the apps above: `proposal`, `meeting` and
`minutes_revision` are foreign keys named by string (no import of those apps), kept from
before the move so the data keep their shape; a new kind of subject points to its vote from
its own side (booklets.Edition.vote) and registers itself in votes.subjects.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Space


class VoteMethod(models.TextChoices):
    FOR_AGAINST = "for_against", _("For / against / abstain")
    CONSENT = "consent", _("Consent (passes unless a reasoned objection is upheld)")
    APPROVAL = "approval", _("Approval (choose every option you accept)")
    RANKED = "ranked", _("Ranked choice (instant runoff)")
    JUDGMENT = "judgment", _("Majority judgment (grade each option)")
    SENSE_CHECK = "sense_check", _("Sense check (not binding)")


class Threshold(models.TextChoices):
    SIMPLE = "simple", _("Simple majority of votes cast")
    TWO_THIRDS = "two_thirds", _("Two-thirds of votes cast")
    ABSOLUTE_SEATS = "absolute_seats", _("Absolute majority of seats")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", pgettext_lazy("vote status", "Open")
    CLOSED = "closed", pgettext_lazy("vote status", "Closed")


class Vote(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="votes")
    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="votes"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="votes"
    )
    # Approving the minutes of an earlier meeting by a vote in this one.
    minutes_revision = models.ForeignKey(
        "meetings.MinutesRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approval_votes",
    )
    title = models.CharField(_("question"), max_length=250)
    method = models.CharField(_("method"), max_length=12, choices=VoteMethod.choices)
    threshold = models.CharField(
        _("majority needed"), max_length=16, choices=Threshold.choices, default=Threshold.SIMPLE
    )
    quorum_fraction = models.DecimalField(max_digits=3, decimal_places=2, default=0.5)
    require_each_college = models.BooleanField(_("majority needed in each college"), default=False)
    secret = models.BooleanField(_("secret ballot"), default=False)
    options = models.JSONField(default=list, blank=True)  # [{"id": "a", "label": "…"}]
    deadline = models.DateTimeField(_("closes at"), null=True, blank=True)
    status = models.CharField(max_length=8, choices=VoteStatus.choices, default=VoteStatus.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    roll_size = models.PositiveIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "proposals_vote"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=VoteMethod.values), name="vote_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VoteStatus.values), name="vote_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == VoteStatus.OPEN


class VoterRollEntry(models.Model):
    """The voter roll, frozen when the vote opens; `voted_at` is the register of who voted
    (for secret ballots, the only trace of a person's participation)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="roll")
    # SET_NULL: removing a user row never removes a register row, so a closed vote's turnout
    # stays what it was (accounts are tombstoned, not deleted). A raw SQL DELETE of the user
    # is refused by the foreign key (NO ACTION) rather than cascading.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    college = models.CharField(max_length=20, blank=True)
    voted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "proposals_voterrollentry"
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="roll_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on roll of {self.vote_id}"


class Ballot(models.Model):
    """A ballot. Secret ones have a random key, no voter and no time (a database check);
    when their vote closes they are re-inserted in a random order with new keys, so that not
    even the database's bookkeeping (xmin, physical order) ties them to the register."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    secret = models.BooleanField()
    content = models.JSONField()
    college = models.CharField(max_length=20, blank=True)
    voter = models.ForeignKey(  # as VoterRollEntry.user: a counted ballot outlives its voter
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cast_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(  # assisted or proxy vote, open ballots only
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "proposals_ballot"
        constraints = [
            models.CheckConstraint(
                condition=Q(secret=False)
                | Q(
                    voter__isnull=True,
                    cast_at__isnull=True,
                    entered_by__isnull=True,
                    superseded_at__isnull=True,
                ),
                name="secret_ballot_is_anonymous",
            ),
            # An open ballot always has its time; its voter may be gone (a removed user row).
            models.CheckConstraint(
                condition=Q(secret=True) | Q(cast_at__isnull=False),
                name="open_ballot_has_time",
            ),
            models.UniqueConstraint(
                fields=["vote", "voter"],
                condition=Q(voter__isnull=False, superseded_at__isnull=True),
                name="one_current_ballot_per_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot {self.pk}"


class Proxy(models.Model):
    """A member lets another present member vote for them, for one meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="proxies"
    )
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "proposals_proxy"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "giver"],
                condition=Q(revoked_at__isnull=True),
                name="proxy_one_per_giver",
            ),
            models.UniqueConstraint(
                fields=["meeting", "holder"],
                condition=Q(revoked_at__isnull=True),
                name="proxy_one_per_holder",
            ),
            models.CheckConstraint(
                condition=~Q(giver=models.F("holder")), name="proxy_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"Proxy {self.giver_id} → {self.holder_id}"
