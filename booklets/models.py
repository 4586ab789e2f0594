"""Booklets: sections written together, translated, approved by the space, published.

Every save of a section's text in one language is a numbered `Revision` (never changed
afterwards); `SectionText` holds the translation status of that language. An `Edition`
freezes the rendered sections of the languages it carries (`EditionPage` rows) when it is
prepared: what the space approves is exactly what is published.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Space


class Approval(models.TextChoices):
    VOTE = "vote", _("By a vote of the space")
    FACILITATOR = "facilitator", _("By the facilitator")


class Booklet(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="booklets")
    title = models.CharField(_("title"), max_length=160)
    short_code = models.CharField(max_length=12, unique=True)
    source_language = models.CharField(_("source language"), max_length=10, default="fr")
    target_languages = models.JSONField(_("target languages"), default=list, blank=True)
    # The title in each target language ({"ar": "…"}); the source title otherwise.
    title_translations = models.JSONField(default=dict, blank=True)
    approval = models.CharField(
        _("editions are approved"), max_length=12, choices=Approval.choices, default=Approval.VOTE
    )
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("booklet")
        verbose_name_plural = _("booklets")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approval__in=Approval.values), name="booklet_approval_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def languages(self) -> list[str]:
        return [self.source_language] + [
            code for code in self.target_languages if code != self.source_language
        ]


class Section(models.Model):
    """A section of a booklet; removing it keeps its history (`removed_at`)."""

    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.booklet_id}/{self.key or self.pk}"

    @property
    def space_id(self) -> int:
        return self.booklet.space_id

    @property
    def space(self) -> Space:
        return self.booklet.space

    @property
    def anchor(self) -> str:
        return self.key or f"section-{self.pk}"


class TextStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("To review")
    APPROVED = "approved", _("Approved")
    OUTDATED = "outdated", _("Outdated")


class SectionText(models.Model):
    """A section in one language: its status and the latest revision number."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=TextStatus.choices, default=TextStatus.DRAFT)
    current_number = models.PositiveIntegerField(default=0)
    # For a translation: the source revision its latest revision was written from.
    source_number = models.PositiveIntegerField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "language"], name="section_text_unique"),
            models.CheckConstraint(
                condition=Q(status__in=TextStatus.values), name="section_text_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_id} [{self.language}]"


class Revision(models.Model):
    """One save of a section text. Numbers follow each other; two saves cannot share one."""

    text = models.ForeignKey(SectionText, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    minor = models.BooleanField(default=False)
    source_number = models.PositiveIntegerField(null=True, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.text_id} v{self.number}"


class AuthorCredit(models.Model):
    """An author's choice to be credited by display name on the published booklet."""

    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="credits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booklet", "user"], name="author_credit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.booklet_id}: {self.agreed}"


class EditionStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    IN_VOTE = "in_vote", _("Put to a vote")
    REJECTED = "rejected", _("Not approved")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Edition(models.Model):
    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveIntegerField()
    languages = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=EditionStatus.choices, default=EditionStatus.PREPARED
    )
    vote = models.ForeignKey(
        "votes.Vote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booklet_editions",
    )
    credits = models.JSONField(default=list, blank=True)  # display names who agreed
    titles = models.JSONField(default=dict, blank=True)  # the booklet's title per language
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["booklet", "number"], name="edition_unique_number"),
            models.CheckConstraint(
                condition=Q(status__in=EditionStatus.values), name="edition_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=EditionStatus.PUBLISHED),
                name="edition_published_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booklet} #{self.number}"

    @property
    def space_id(self) -> int:
        return self.booklet.space_id

    @property
    def space(self) -> Space:
        return self.booklet.space

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.booklet.title


class EditionPage(models.Model):
    """A frozen section of an edition in one language, rendered once."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pages")
    language = models.CharField(max_length=10)
    position = models.PositiveIntegerField()
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, related_name="edition_pages"
    )
    anchor = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    revision_number = models.PositiveIntegerField()

    class Meta:
        ordering = ["language", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language", "position"], name="edition_page_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition_id} [{self.language}] {self.position}"


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class Feedback(models.Model):
    """A reader's "did this help?" on a section. No account, no personal data."""

    page = models.ForeignKey(EditionPage, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"feedback {self.pk} on page {self.page_id}"

    @property
    def space_id(self) -> int:
        return self.page.edition.booklet.space_id

    @property
    def space(self) -> Space:
        return self.page.edition.booklet.space


class EditingPresence(models.Model):
    """Who has the edit page of a section open (one row per websocket)."""

    channel_name = models.CharField(max_length=200, unique=True)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} editing {self.section_id} [{self.language}]"


class EditionPdf(models.Model):
    """The PDF of an edition in one language, once built (the file lives in storage)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pdfs")
    language = models.CharField(max_length=10)
    storage_name = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="edition_pdf_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition_id} [{self.language}] {self.storage_name}"


class BookletImage(models.Model):
    """An image uploaded to a booklet, written in a section as ![description](image:<key>).
    Only real raster images (checked with Pillow), at most 2 MB."""

    booklet = models.ForeignKey(Booklet, on_delete=models.CASCADE, related_name="images")
    key = models.CharField(max_length=64)
    file = models.FileField(upload_to="booklets/images/")
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["booklet", "key"], name="booklet_image_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.booklet_id}/{self.key}"

    @property
    def space_id(self) -> int:
        return self.booklet.space_id

    @property
    def space(self) -> Space:
        return self.booklet.space
