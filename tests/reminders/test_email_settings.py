"""SMTP by settings: REDRESS_EMAIL_URL or host/port/user/TLS become Django's email settings, and mail goes through.

The settings are read at start-up, so each case starts `redress` afresh with its own environment; the
mail goes to a local SMTP stand-in (tests/reminders/smtp_standin.py) that this test starts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from redress.councils.models import Council, User
from redress.reminders.channels import EmailChannel
from redress.reminders.models import SendStatus, SentReminder
from redress.reminders.run import daily_run
from tests.complaints.conftest import signed_in
from tests.reminders.conftest import received_complaint
from tests.reminders.smtp_standin import smtp_standin

SHOW = ("from django.conf import settings as s; import json; print(json.dumps({k: getattr(s, k, None) for k in "
        "['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', "
        "'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL']}))")
SEND = ("from redress.reminders.channels import EmailChannel, Outgoing, SendError\n"
        "for to in ['officer@northshire.example', 'gone@northshire.example']:\n"
        "    try:\n"
        "        EmailChannel().send(Outgoing(to, 'Redress reminder: NC-2024-0001', 'Stage 1 response due', 'r1'))\n"
        "        print('sent', to)\n"
        "    except SendError as error:\n"
        "        print('not sent', to, error.permanent, error)\n")
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _redress(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("REDRESS_", "DJANGO_"))}
    base |= {"REDRESS_DEBUG": "true", "REDRESS_TESTING": "false", "DATABASE_URL": "sqlite:///:memory:"} | env
    return subprocess.run([sys.executable, "-m", "redress", "shell", "--no-imports", "-c", code], env=base,
                          capture_output=True, text=True, timeout=120)


def _settings(**env: str) -> dict[str, object]:
    done = _redress(SHOW, **env)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_without_a_mail_server_email_is_printed_on_the_console() -> None:
    assert _settings()["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_redress_email_url_becomes_django_s_smtp_settings() -> None:
    found = _settings(REDRESS_EMAIL_URL="smtp://clerk:s3cret@mail.northshire.example:2525/?tls=True",
                      REDRESS_EMAIL_FROM="complaints@northshire.example")
    assert found == {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.northshire.example", "EMAIL_PORT": 2525,
                     "EMAIL_HOST_USER": "clerk", "EMAIL_HOST_PASSWORD": "s3cret", "EMAIL_USE_TLS": True,
                     "EMAIL_USE_SSL": False, "DEFAULT_FROM_EMAIL": "complaints@northshire.example"}
    ssl = _settings(REDRESS_EMAIL_URL="smtp://clerk:s3cret@mail.northshire.example:465/?ssl=True")
    assert (ssl["EMAIL_USE_SSL"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_PORT"]) == (True, False, 465)


def test_the_host_port_user_and_tls_settings_become_django_s_smtp_settings() -> None:
    found = _settings(REDRESS_EMAIL_HOST="mail.northshire.example", REDRESS_EMAIL_USER="clerk",
                      REDRESS_EMAIL_PASSWORD="s3cret", REDRESS_EMAIL_TLS="false", REDRESS_EMAIL_PORT="25")
    assert {k: found[k] for k in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
                                  "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS")} == {
        "EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.northshire.example", "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "clerk", "EMAIL_HOST_PASSWORD": "s3cret", "EMAIL_USE_TLS": False}
    defaults = _settings(REDRESS_EMAIL_HOST="mail.northshire.example")
    assert (defaults["EMAIL_PORT"], defaults["EMAIL_USE_TLS"], defaults["EMAIL_HOST_USER"]) == (587, True, "")


@pytest.mark.parametrize(("env", "message"), [
    ({"REDRESS_EMAIL_URL": "mail.northshire.example"}, "REDRESS_EMAIL_URL is not an email server URL like smtp://"),
    ({"REDRESS_EMAIL_HOST": "mail.example", "REDRESS_EMAIL_PORT": "five"}, "REDRESS_EMAIL_PORT must be a whole number, not 'five'"),
    ({"REDRESS_EMAIL_HOST": "mail.example", "REDRESS_EMAIL_TLS": "maybe"}, "REDRESS_EMAIL_TLS must be true or false, not 'maybe'"),
])
def test_a_bad_mail_server_setting_is_one_clear_message_at_start_up(env: dict[str, str], message: str) -> None:
    done = _redress(SHOW, **env)
    assert done.returncode != 0 and message in done.stderr
    assert "Traceback" not in done.stderr.split(message)[-1]  # the message is the last word, not a stack below it


def test_mail_goes_through_the_configured_smtp_server_and_a_refused_address_is_a_refusal() -> None:
    with smtp_standin() as (port, mailbox):
        mailbox.refuse = {"gone@northshire.example"}
        done = _redress(SEND, REDRESS_EMAIL_URL=f"smtp://clerk:s3cret@127.0.0.1:{port}/?tls=False",
                        REDRESS_EMAIL_FROM="complaints@northshire.example")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "sent officer@northshire.example"
    assert lines[1].startswith("not sent gone@northshire.example True the mail server refused gone@northshire.example: 550")
    assert mailbox.logins[0] == ("clerk", "s3cret")
    [message] = mailbox.messages
    assert (message.sender, message.recipients) == ("complaints@northshire.example", ["officer@northshire.example"])
    assert "Subject: Redress reminder: NC-2024-0001" in message.data and "Stage 1 response due" in message.data


@pytest.mark.django_db
def test_a_bounced_address_is_on_the_failures_page_and_the_rest_are_sent(council: Council, manager: User,
                                                                         officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    out: list[str] = []
    with smtp_standin() as (port, mailbox), override_settings(
            EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_USE_TLS=False):
        mailbox.refuse = {officer.email}
        summary = daily_run(today=dt.date(2024, 6, 18), channel=EmailChannel(), say=out.append)  # a day overdue
    assert summary.last_line == "sent 1, already sent 0, failed 1"
    assert [m.recipients for m in mailbox.messages] == [[manager.email]]  # the managers' digest still went
    assert any(line.startswith("failed: ") and "550 5.1.1" in line for line in out)
    bounced = SentReminder.objects.get(user=officer)
    assert (bounced.status, bounced.next_attempt_at) == (SendStatus.BOUNCED, None)  # not retried
    page = signed_in(manager).get("/reminders/failures/").content.decode()
    assert officer.email in page and "550 5.1.1" in page and "no such user" in page
