"""The daily run as a recurring background task: the worker runs it and it queues the next; /healthz says how it stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from redress.councils.models import Council, User
from redress.reminders import tasks
from redress.reminders.models import DailyRun
from redress.reminders.tasks import next_run_at, reminders_daily, schedule_next_run
from tests.reminders.conftest import received_complaint

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
UTC = dt.UTC


@pytest.fixture
def database_backend() -> Iterator[None]:
    with override_settings(TASKS=DATABASE_BACKEND, REDRESS_DAILY_HOUR=7):
        yield


def _queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=reminders_daily.module_path, status="READY").order_by("run_after"))


@pytest.mark.parametrize(("now", "expected"), [
    (dt.datetime(2024, 6, 10, 5, 0, tzinfo=UTC), dt.datetime(2024, 6, 10, 6, 0, tzinfo=UTC)),  # 6am BST: later today
    (dt.datetime(2024, 6, 10, 6, 0, tzinfo=UTC), dt.datetime(2024, 6, 11, 6, 0, tzinfo=UTC)),  # 7am BST exactly: tomorrow
    (dt.datetime(2024, 12, 10, 9, 0, tzinfo=UTC), dt.datetime(2024, 12, 11, 7, 0, tzinfo=UTC)),  # GMT
    (dt.datetime(2024, 3, 30, 8, 0, tzinfo=UTC), dt.datetime(2024, 3, 31, 6, 0, tzinfo=UTC)),  # the clocks go forward
    (dt.datetime(2024, 10, 26, 8, 0, tzinfo=UTC), dt.datetime(2024, 10, 27, 7, 0, tzinfo=UTC)),  # and back
])
def test_the_next_run_is_the_daily_hour_london_time(now: dt.datetime, expected: dt.datetime) -> None:
    with override_settings(REDRESS_DAILY_HOUR=7):
        assert next_run_at(now) == expected


@pytest.mark.usefixtures("database_backend")
def test_scheduling_queues_one_run_at_the_daily_hour_and_not_a_second() -> None:
    now = dt.datetime(2024, 6, 10, 12, 0, tzinfo=UTC)
    assert schedule_next_run(now=now) == "the next daily run is queued for 2024-06-11 07:00 BST"
    assert "already queued" in schedule_next_run(now=now)
    [queued] = _queued()
    assert queued.run_after == dt.datetime(2024, 6, 11, 6, 0, tzinfo=UTC)


def test_with_tasks_run_at_once_scheduling_says_to_use_cron() -> None:
    assert "use cron" in schedule_next_run(now=dt.datetime(2024, 6, 10, 12, 0, tzinfo=UTC))


@pytest.mark.usefixtures("database_backend")
def test_the_worker_runs_the_daily_run_and_queues_the_next(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    with time_machine.travel(dt.datetime(2024, 6, 10, 6, 30, tzinfo=UTC), tick=False):
        reminders_daily.enqueue()
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    run = DailyRun.objects.get()
    assert (run.source, run.today, run.sent) == ("worker", dt.date(2024, 6, 10), 1)  # Stage 1 due in 5 working days
    [ran] = DBTaskResult.objects.filter(status="SUCCESSFUL")
    assert ran.return_value == "sent 1, already sent 0, failed 0"
    [following] = _queued()
    assert following.run_after == dt.datetime(2024, 6, 11, 6, 0, tzinfo=UTC)  # 7am London tomorrow


@pytest.mark.usefixtures("database_backend")
def test_a_run_that_fails_still_queues_the_next() -> None:
    with time_machine.travel(dt.datetime(2024, 6, 10, 6, 30, tzinfo=UTC), tick=False), \
            mock.patch.object(tasks, "daily_run", side_effect=RuntimeError("the database went away")):
        reminders_daily.enqueue()
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    [following] = _queued()
    assert following.run_after == dt.datetime(2024, 6, 11, 6, 0, tzinfo=UTC)


def _health() -> tuple[str, str | None]:
    body = Client().get("/healthz").json()
    return body["task_worker"], body["task_worker_last_run"]


def test_the_health_check_says_there_is_no_worker_when_tasks_run_at_once() -> None:
    assert _health() == ("not configured", None)


@pytest.mark.usefixtures("database_backend")
def test_the_health_check_follows_the_worker_from_unscheduled_to_late(council: Council) -> None:
    start = dt.datetime(2024, 6, 10, 5, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert _health() == ("not scheduled", None)
        schedule_next_run(now=start)
        assert _health() == ("scheduled", None)
    with time_machine.travel(dt.datetime(2024, 6, 10, 6, 0, 5, tzinfo=UTC), tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        assert _health() == ("ok", "2024-06-10T06:00:05+00:00")
    with time_machine.travel(dt.datetime(2024, 6, 11, 8, 0, 5, tzinfo=UTC), tick=False):
        assert _health() == ("ok", "2024-06-10T06:00:05+00:00")  # 26 hours' grace
    with time_machine.travel(dt.datetime(2024, 6, 11, 8, 0, 6, tzinfo=UTC), tick=False):
        response = Client().get("/healthz")
        assert response.status_code == 200  # the pages still work: monitoring reads the field
        assert _health() == ("late", "2024-06-10T06:00:05+00:00")
    assert DailyRun.objects.filter(source="command").count() == 0
