from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Space


class Phase(models.TextChoices):
    CALL = "call", _("Call for volunteers")
    SELECTION = "selection", _("Selection of the panel")
    SESSIONS = "sessions", _("Working sessions")
    EXPERIMENT = "experiment", _("Experiment")
    EVALUATION = "evaluation", _("Evaluation")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


class Lab(Space):
    """A hospitality lab: one question, a panel of three colleges of 10, phases."""

    question = models.CharField(_("question"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.CALL)

    class Meta:
        verbose_name = _("hospitality lab")
        verbose_name_plural = _("hospitality labs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="lab_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="lab_phase_valid"),
        ]


# --- Calls, volunteers and the lottery -----------------------------------------------------
# A call gathers volunteers for the seats of one college of a lab (or the Agora's free
# seats); the lottery draws the panel among them. Quota answers and contacts are kept only
# until `purge_on()` and are visible only to the space's facilitators.


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

    class Meta:
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
    """The computation and the draw of one call. The list and its hash are published before
    `random_value` may be recorded; `panel` and `alternates` hold pseudonyms."""

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
    random_value = models.CharField(max_length=300, blank=True)
    random_recorded_at = models.DateTimeField(null=True, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    index = models.PositiveIntegerField(null=True, blank=True)
    panel = models.JSONField(default=list, blank=True)
    alternates = models.JSONField(default=list, blank=True)
    current_panel = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LotteryStatus.values), name="lottery_status_valid"
            ),
            # The random value can only exist once the list hash is published.
            models.CheckConstraint(
                condition=Q(random_value="") | Q(hash_published_at__isnull=False),
                name="lottery_random_after_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"lottery {self.call_id}"


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
        ordering = ["lottery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["lottery", "number"], name="replacement_unique_number"),
        ]

    def __str__(self) -> str:
        return f"replacement {self.number} of lottery {self.lottery_id}"
