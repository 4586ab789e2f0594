"""What every space shares: the space itself, its seats, memberships and the audit log.

The Agora and the labs are the two kinds of space (multi-table children in `agora` and
`labs`); meetings, proposals and booklets attach to `Space`, whatever its kind.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AGORA_SEATS = 16
SEATS_PER_COLLEGE = 10


class SpaceKind(models.TextChoices):
    AGORA = "agora", _("Agora")
    LAB = "lab", _("Hospitality lab")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read its public page")
    MEMBERS = "members", _("Members only")


class College(models.TextChoices):
    """Colleges of a lab panel. The Agora's seats have no college (empty value)."""

    NONE = "", _("No college")
    NEWCOMERS = "newcomers", _("Newcomer representatives")
    PARTNERS = "partners", _("Local welcome partners")
    DECISION_MAKERS = "decision_makers", _("Public decision-makers")


LAB_COLLEGES = [College.NEWCOMERS, College.PARTNERS, College.DECISION_MAKERS]


class Space(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices, editable=False)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # Quorum: this share of the active seats must attend (present or remote), and, for
    # labs, at least this many from each college (0 = no per-college rule).
    quorum_fraction = models.DecimalField(
        _("quorum (share of active seats)"), max_digits=3, decimal_places=2, default=Decimal("0.5")
    )
    quorum_min_per_college = models.PositiveSmallIntegerField(
        _("quorum: minimum per college"), default=0
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SpaceKind.values), name="space_kind_valid"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="space_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(quorum_fraction__gte=0, quorum_fraction__lte=1),
                name="space_quorum_fraction_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class Seat(models.Model):
    """A seat in a space. The database holds the sizes: 16 in the Agora, 10 per college."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="seats")
    college = models.CharField(
        _("college"), max_length=20, choices=College.choices, blank=True, default=College.NONE
    )
    number = models.PositiveSmallIntegerField(_("seat number"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["space", "college", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "college", "number"], name="seat_unique_number"
            ),
            models.CheckConstraint(
                condition=(
                    Q(college="", number__gte=1, number__lte=AGORA_SEATS)
                    | Q(college__in=[c.value for c in LAB_COLLEGES], number__gte=1)
                    & Q(number__lte=SEATS_PER_COLLEGE)
                ),
                name="seat_number_within_size",
            ),
        ]

    def __str__(self) -> str:
        if self.college:
            return _("%(college)s, seat %(number)s") % {
                "college": self.get_college_display(),
                "number": self.number,
            }
        return _("Seat %(number)s") % {"number": self.number}


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class Membership(models.Model):
    """A person's place in a space: a seat for members, none for facilitators.

    Ending a membership keeps the row (history of terms) and frees the seat.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    seat = models.ForeignKey(
        Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    started_at = models.DateTimeField(default=timezone.now)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Eligibility (refugee or asylum seeker, 6+ months in the territory) is attested by a
    # facilitator. Only who checked and when is stored: never documents, never status.
    eligibility_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    eligibility_checked_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_active_per_person_and_space",
            ),
            models.UniqueConstraint(
                fields=["seat"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_active_per_seat",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role=MembershipRole.MEMBER, seat__isnull=False)
                    | Q(role=MembershipRole.FACILITATOR, seat__isnull=True)
                ),
                name="membership_members_hold_seats",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class AuditEntry(models.Model):
    """Who did what, when. Written by services; never carries sensitive payload."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    space = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class Notification(models.Model):
    """An in-app notice; the e-mail channel sends the same text (core.notifications)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject
