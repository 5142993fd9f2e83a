"""Sending a reminder: email through Django's backends, or GOV.UK Notify. One `send` each; errors say if a retry may help."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage


class SendError(Exception):
    """A message not sent. `permanent`: the address or request was refused, so trying again will not help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class Outgoing:
    to: str
    subject: str
    body: str
    reference: str  # our own reference for the message (Notify keeps it)


class Channel(Protocol):
    name: str

    def send(self, message: Outgoing) -> None: ...


class EmailChannel:
    """Django's configured email backend: the console by default, SMTP by settings."""

    name = "email"

    def send(self, message: Outgoing) -> None:
        if not message.to:
            raise SendError("the person has no email address", permanent=True)
        email = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
        try:
            email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            raise SendError(f"the mail server refused {message.to}: {_first_refusal(error)}", permanent=True) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendError(f"the mail server could not be reached or failed: {error}") from None


def _first_refusal(error: smtplib.SMTPRecipientsRefused) -> str:
    for code, text in error.recipients.values():
        return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    return "refused"


class NotifyChannel:
    """GOV.UK Notify, through `notifications-python-client`, with one template whose fields are subject and body."""

    name = "notify"

    def __init__(self, *, api_key: str, template_id: str, base_url: str) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key, base_url=base_url)  # type: ignore[no-untyped-call]
        self.template_id = template_id

    def send(self, message: Outgoing) -> None:
        from notifications_python_client.errors import APIError
        from requests import RequestException

        if not message.to:
            raise SendError("the person has no email address", permanent=True)
        try:
            self.client.send_email_notification(  # type: ignore[no-untyped-call]
                email_address=message.to, template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body}, reference=message.reference,
            )
        except APIError as error:
            status = getattr(error, "status_code", 0) or 0
            raise SendError(f"GOV.UK Notify answered {status}: {error.message}", permanent=400 <= status < 500
                            and status != 429) from None
        except RequestException as error:
            raise SendError(f"GOV.UK Notify could not be reached: {error}") from None


def configured_channel() -> Channel:
    """Notify when an API key is set, else email."""
    if settings.REDRESS_NOTIFY_API_KEY:
        return NotifyChannel(api_key=settings.REDRESS_NOTIFY_API_KEY, template_id=settings.REDRESS_NOTIFY_TEMPLATE_ID,
                             base_url=settings.REDRESS_NOTIFY_BASE_URL)
    return EmailChannel()
