"""Calls for volunteers and the panel lottery: calls, their quota questions, applications,
the lottery with its random values, and replacements.

A call gathers volunteers for the seats of one college of a lab (or the Agora's free
seats); the lottery draws the panel among them. Quota answers and contacts are kept only
until `purge_on()` and are visible only to the space's facilitators.

The models left the labs app (issue 11) with their tables, which keep their names
(`db_table`): the move changed no row (calls/migrations/0001 and labs 0005 move the state
only; 0002 renames their content types and audit labels).
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space


class ReplacementRule(models.TextChoices):
    ALTERNATES = "alternates", _("Ordered alternates, drawn at the same time as the panel")
    LOTTERY = "lottery", _("A replacement lottery that keeps every quota")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Call(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="calls")
    college = models.CharField(_("college"), max_length=20, blank=True, default="")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"))
    deadline = models.DateTimeField(_("deadline"))
    replacement_rule = models.CharField(
        _("replacement rule"), max_length=20, choices=ReplacementRule.choices
    )
    retention_days = models.PositiveSmallIntegerField(_("days the answers are kept"))
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN
    )
    answers_deleted_at = models.DateTimeField(null=True, blank=True)
    creator = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "labs_call"  # kept from labs (issue 11)
        verbose_name = _("call for volunteers")
        verbose_name_plural = _("calls for volunteers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="call_seats_positive"),
            models.CheckConstraint(
                condition=Q(retention_days__gte=1), name="call_retention_positive"
            ),
            models.CheckConstraint(
                condition=Q(replacement_rule__in=ReplacementRule.values),
                name="call_replacement_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CallStatus.values), name="call_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def purge_on(self):
        """When quota answers and contacts are deleted: the deadline plus the retention."""
        from datetime import timedelta

        return self.deadline + timedelta(days=self.retention_days)


class CallQuestion(models.Model):
    """A quota feature (gender, language group...) with its answer values in `values`."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=40)
    label = models.CharField(_("question"), max_length=200)

    class Meta:
        db_table = "labs_callquestion"  # kept from labs (issue 11)
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="call_question_unique_key"),
        ]

    def __str__(self) -> str:
        return self.label


class CallAnswer(models.Model):
    """One answer value of a question, with its quota: between min and max seats."""

    question = models.ForeignKey(CallQuestion, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("answer"), max_length=120)
    min_seats = models.PositiveSmallIntegerField(_("at least"), default=0)
    max_seats = models.PositiveSmallIntegerField(_("at most"))

    class Meta:
        db_table = "labs_callanswer"  # kept from labs (issue 11)
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "label"], name="call_answer_unique_label"),
            models.CheckConstraint(
                condition=Q(min_seats__lte=F("max_seats")), name="call_answer_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class CallVolunteer(models.Model):
    """One application. `answers` maps question keys to answer labels; with `contact` and
    `name` it is emptied on the purge date. Only a hash of the receipt code is kept."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="volunteers")
    pseudonym = models.CharField(max_length=12)
    receipt_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    dropped_out_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        "accounts.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set aside by a facilitator before the lottery (a duplicate, a test entry...): not in
    # the pool nor in the published list. The reason is for facilitators and the audit log.
    excluded_at = models.DateTimeField(null=True, blank=True)
    exclusion_reason = models.CharField(_("reason"), max_length=300, blank=True)
    excluded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "labs_callvolunteer"  # kept from labs (issue 11)
        ordering = ["call", "pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "pseudonym"], name="call_volunteer_unique_pseudonym"
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class LotteryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the computation")
    COMPUTING = "computing", _("Computing")
    PUBLISHED = "published", _("Panel list published")
    DRAWN = "drawn", _("Drawn")
    FAILED = "failed", _("Failed")


class Lottery(models.Model):
    """The computation and the draw of one call. The source of the public random value and
    the time after which it will be known (`random_known_after`) are declared when the
    computation starts, so before the list and its hash are published; the value itself is
    a `RandomValue` row, recorded once. `panel` and `alternates` hold pseudonyms."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="lottery")
    status = models.CharField(max_length=12, choices=LotteryStatus.choices)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seats = models.PositiveSmallIntegerField()
    replacement_rule = models.CharField(max_length=20, choices=ReplacementRule.choices)
    n_panels = models.PositiveIntegerField(default=0)
    list_hash = models.CharField(max_length=64, blank=True)
    panels_text = models.TextField(blank=True)
    hash_published_at = models.DateTimeField(null=True, blank=True)
    pool_csv = models.TextField(blank=True)
    quotas_csv = models.TextField(blank=True)
    probabilities = models.JSONField(default=dict, blank=True)
    lottery_probabilities = models.JSONField(default=dict, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    random_source = models.CharField(max_length=300, blank=True)
    random_known_after = models.DateTimeField(null=True, blank=True)
    random_declared_at = models.DateTimeField(null=True, blank=True)
    pool_size = models.PositiveIntegerField(default=0)
    excluded_count = models.PositiveIntegerField(default=0)
    drawn_at = models.DateTimeField(null=True, blank=True)
    index = models.PositiveIntegerField(null=True, blank=True)
    panel = models.JSONField(default=list, blank=True)
    alternates = models.JSONField(default=list, blank=True)
    current_panel = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "labs_lottery"  # kept from labs (issue 11)
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LotteryStatus.values), name="lottery_status_valid"
            ),
            # A source comes with the time its value becomes known, not before its declaration
            # (the service asks for a time strictly in the future; lotteries recorded before
            # this rule have both times equal to their old recording time).
            models.CheckConstraint(
                condition=(Q(random_source="") & Q(random_known_after__isnull=True))
                | (~Q(random_source="") & Q(random_known_after__gte=F("random_declared_at"))),
                name="lottery_random_source_declared_ahead",
            ),
        ]

    def __str__(self) -> str:
        return f"lottery {self.call_id}"

    def random_history(self) -> list["RandomValue"]:
        """The recorded value and its correction, if any, oldest first."""
        return sorted(self.random_values.all(), key=lambda r: (r.recorded_at, r.pk))

    @property
    def random_original(self) -> "RandomValue | None":
        return next((r for r in self.random_history() if r.kind == RandomValueKind.ORIGINAL), None)

    @property
    def random_correction(self) -> "RandomValue | None":
        return next(
            (r for r in self.random_history() if r.kind == RandomValueKind.CORRECTION), None
        )

    @property
    def random_value(self) -> str:
        """The value the draw uses: the correction if there is one, else the original."""
        current = self.random_correction or self.random_original
        return current.value if current else ""


class RandomValueKind(models.TextChoices):
    ORIGINAL = "original", _("Recorded value")
    CORRECTION = "correction", _("Correction")


CORRECTION_REASON_MIN = 20


class RandomValue(models.Model):
    """The public random value of a lottery, as recorded: insert-only.

    One original per lottery and at most one correction (unique constraint); in PostgreSQL a
    trigger (labs migration 0004) also refuses any UPDATE of a row and any row for a lottery
    whose list hash is not published yet. So the value cannot be tried again and again until
    the draw suits someone: a correction is a second, reasoned and public row."""

    lottery = models.ForeignKey(Lottery, on_delete=models.CASCADE, related_name="random_values")
    kind = models.CharField(max_length=12, choices=RandomValueKind.choices)
    value = models.CharField(max_length=300)
    reason = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "labs_randomvalue"  # kept from labs (issue 11)
        ordering = ["lottery", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lottery", "kind"], name="random_value_once_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=RandomValueKind.values), name="random_value_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(value=""), name="random_value_not_empty"),
            models.CheckConstraint(
                condition=(Q(kind=RandomValueKind.ORIGINAL) & Q(reason=""))
                | (
                    Q(kind=RandomValueKind.CORRECTION)
                    & Q(GreaterThanOrEqual(Length("reason"), CORRECTION_REASON_MIN))
                ),
                name="random_value_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} value of lottery {self.lottery_id}"


class Replacement(models.Model):
    """A selected volunteer dropped out and `replacement` took the seat, by the declared rule."""

    lottery = models.ForeignKey(Lottery, on_delete=models.CASCADE, related_name="replacements")
    number = models.PositiveSmallIntegerField()
    dropout = models.ForeignKey(CallVolunteer, on_delete=models.PROTECT, related_name="+")
    replacement = models.ForeignKey(CallVolunteer, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=20, choices=ReplacementRule.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    creator = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "labs_replacement"  # kept from labs (issue 11)
        ordering = ["lottery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["lottery", "number"], name="replacement_unique_number"),
        ]

    def __str__(self) -> str:
        return f"replacement {self.number} of lottery {self.lottery_id}"
