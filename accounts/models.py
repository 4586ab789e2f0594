"""The custom user: the least we need to know about a person.

No legal status, no nationality, no real name required: a username to log in, an
optional e-mail, a display name (a pseudonym is fine), the languages spoken and the
interface language. The account role says what kind of participant someone is.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role

# What every page shows instead of the name of someone who deleted their account.
FORMER_MEMBER = _("A former member")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, email=None, password=None, **extra):
        if not username:
            raise ValueError("A username is required")
        user = self.model(username=username, email=self.normalize_email(email or ""), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, email=None, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.FACILITATOR)
        return self.create_user(username, email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
        error_messages={"unique": _("This username is already taken.")},
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("The name others see. A first name or a pseudonym is fine."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.NEWCOMER)
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    interface_language = models.CharField(
        _("interface language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    interpretation_language = models.CharField(
        _("interpretation needed"),
        max_length=10,
        blank=True,
        help_text=_("The language you need interpretation into at meetings, if any."),
    )
    other_needs = models.CharField(
        _("other needs"),
        max_length=200,
        blank=True,
        help_text=_("Childcare, accessibility… Only facilitators of your spaces see this."),
    )
    show_name_publicly = models.BooleanField(
        _("show my display name on public pages"),
        default=False,
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person deleted their account: the row stays as an anonymous tombstone so
    # that votes, proposals and comments keep their author (accounts.services.user_delete).
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        if self.deleted_at is not None:
            return str(FORMER_MEMBER)
        return self.display_name or self.username

    def get_short_name(self) -> str:
        return str(self)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def name_is_public(self) -> bool:
        """The one rule for names on public pages: a newcomer's display name and username
        are shown to people outside their spaces only if they chose so; partners',
        officials' and facilitators' names are public (they act in a public role). A
        deleted account has no name left: "a former member" may be shown to anyone."""
        return self.is_deleted or self.role != Role.NEWCOMER or self.show_name_publicly

    @property
    def public_name(self) -> str:
        """The name shown on public pages: a newcomer's name only if they chose so."""
        if self.name_is_public:
            return str(self)
        return _("A newcomer representative")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A single-use, expiring link that offers one seat to one person.

    Only the SHA-256 of the token is stored: the link is shown once to the
    facilitator who made it (as text and QR code) and never again.
    """

    seat = models.ForeignKey("core.Seat", on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk} for {self.seat}"

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        USED = "used", _("already used")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("withdrawn")

    def status(self, now=None) -> "Invitation.Status":
        now = now or timezone.now()
        if self.used_at:
            return self.Status.USED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= now:
            return self.Status.EXPIRED
        return self.Status.VALID
