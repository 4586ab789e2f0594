"""Contacting people: one service, pluggable channels (e-mail and in-app now; SMS later).

Messages are rendered in each recipient's interface language. Views never send anything:
services and tasks call `notify`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from core.models import Notification


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    url: str = ""


class InAppChannel:
    name = "in_app"

    def send(self, user, message: Message) -> None:
        Notification.objects.create(
            user=user, subject=message.subject, body=message.body, url=message.url
        )


class EmailChannel:
    name = "email"

    def send(self, user, message: Message) -> None:
        if not user.email:  # many newcomers have no address: in-app only
            return
        link = f"\n\n{settings.SITE_URL}{message.url}" if message.url else ""
        send_mail(
            message.subject,
            message.body + link,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )


CHANNELS = [InAppChannel(), EmailChannel()]


def render_text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping: a title `Amina's "desk"` must reach an
    e-mail or a notice as typed, not as `Amina&#x27;s &quot;desk&quot;`. Whatever shows
    the text in HTML later (the notices page) escapes it there, as any text."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_message(*, user, template: str, context: dict, url: str = "") -> Message:
    """Render `<template>_subject.txt` and `<template>_body.txt` in the user's language."""
    with translation.override(user.interface_language or settings.LANGUAGE_CODE):
        ctx = {**context, "user": user}
        subject = render_text(f"{template}_subject.txt", ctx).strip()
        body = render_text(f"{template}_body.txt", ctx).strip()
    return Message(subject=" ".join(subject.split()), body=body, url=url)


def notify(*, user, template: str, context: dict, url: str = "", channels=None) -> Message:
    message = render_message(user=user, template=template, context=context, url=url)
    if getattr(user, "deleted_at", None) is not None:
        return message  # a deleted account receives nothing, on no channel
    for channel in channels or CHANNELS:
        channel.send(user, message)
    return message
