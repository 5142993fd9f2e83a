"""GOV.UK Notify through notifications-python-client, against a stand-in HTTP server this test starts."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from redress.councils.models import Council, User
from redress.reminders.channels import NotifyChannel
from redress.reminders.models import SendStatus, SentReminder
from redress.reminders.run import daily_run
from tests.reminders.conftest import received_complaint

pytestmark = pytest.mark.django_db
TEMPLATE = str(uuid.uuid4())
API_KEY = f"redress_test-{uuid.uuid4()}-{uuid.uuid4()}"
NOW = dt.datetime(2024, 6, 18, 7, 0, tzinfo=dt.UTC)


class StandIn(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    answers: list[int] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StandIn.received.append({"path": self.path, "auth": self.headers.get("Authorization", ""), "body": body})
        status = StandIn.answers.pop(0) if StandIn.answers else 201
        payload = {"id": str(uuid.uuid4())} if status == 201 else {
            "status_code": status, "errors": [{"error": "Exception", "message": "Internal server error"}]}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def notify() -> Any:
    StandIn.received, StandIn.answers = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_reminders_go_to_notify_and_a_5xx_is_retried(notify: str, council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    channel = NotifyChannel(api_key=API_KEY, template_id=TEMPLATE, base_url=notify)
    StandIn.answers = [500, 500]
    first = daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW)
    assert first.last_line == "sent 0, already sent 0, failed 2"
    assert set(SentReminder.objects.values_list("status", flat=True)) == {SendStatus.FAILED}
    assert "GOV.UK Notify answered 500" in SentReminder.objects.first().last_error  # type: ignore[union-attr]
    retried = daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW + dt.timedelta(minutes=10))
    assert retried.sent == 2
    assert len(StandIn.received) == 4
    request = StandIn.received[-1]
    assert request["path"] == "/v2/notifications/email"
    assert request["auth"].startswith("Bearer ")
    assert request["body"]["template_id"] == TEMPLATE
    assert {r["body"]["email_address"] for r in StandIn.received[2:]} == {officer.email, manager.email}
    assert "overdue by 1 working day" in request["body"]["personalisation"]["body"]


def test_a_4xx_from_notify_is_a_refusal_and_not_retried(notify: str, council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    channel = NotifyChannel(api_key=API_KEY, template_id=TEMPLATE, base_url=notify)
    StandIn.answers = [400, 400]
    daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW)
    daily_run(today=dt.date(2024, 6, 19), channel=channel, now=NOW + dt.timedelta(days=1))
    assert len([r for r in StandIn.received if r["body"]["personalisation"]["body"].count("(was due 17 Jun 2024)")]) == 2
    assert set(SentReminder.objects.values_list("status", flat=True)) == {SendStatus.BOUNCED}
