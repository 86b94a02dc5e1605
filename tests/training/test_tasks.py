"""The daily job: reminders 90 and 30 days before expiry, never twice, queued once a day."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from ltc_portal.management.commands import run_scheduled_publishing
from tests.directory.factories import PersonFactory, SchoolFactory
from training import reminders
from training.tasks import send_expiry_reminders

from .factories import CourseFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db


def school_trained_on(date, name, area):
    school = SchoolFactory(name=name, area=area)
    school.dsl = PersonFactory(name=f"DSL of {name}", email=f"{name[:4].lower()}@example.org")
    school.save()
    TrainingRecordFactory(organisation=school, course=CourseFactory(), date=date)
    return school


@time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False)
def test_dsls_are_reminded_90_and_30_days_before_expiry_once(redditch):
    # Two-year courses: expiring on 7 March 2027 (90 days), 6 January 2027 (30), 5 March (88).
    school_trained_on(dt.date(2025, 3, 7), "Ninety School", redditch)
    school_trained_on(dt.date(2025, 1, 6), "Thirty School", redditch)
    school_trained_on(dt.date(2025, 3, 5), "Other School", redditch)

    assert send_expiry_reminders.call() == 2
    subjects = sorted(email.subject for email in mail.outbox)
    assert subjects == [
        "CSE training for Ninety School expires on 7 March 2027",
        "CSE training for Thirty School expires on 6 January 2027",
    ]
    assert send_expiry_reminders.call() == 0  # the same day again: nothing twice
    assert len(mail.outbox) == 2


def test_the_scheduler_queues_the_reminders_on_its_first_round_of_each_day(monkeypatch, redditch):
    queued = []
    monkeypatch.setattr(
        run_scheduled_publishing,
        "send_expiry_reminders",
        SimpleNamespace(enqueue=lambda: queued.append(1)),
    )
    day = dt.date(2026, 12, 7)
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False):
        assert run_scheduled_publishing.queue_daily_tasks(None) == day
        assert run_scheduled_publishing.queue_daily_tasks(day) == day
    with time_machine.travel(dt.datetime(2026, 12, 8, 0, 5, tzinfo=dt.UTC), tick=False):
        assert run_scheduled_publishing.queue_daily_tasks(day) == dt.date(2026, 12, 8)
    assert len(queued) == 2


@time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False)
def test_the_command_queues_the_task(redditch, capsys):
    school_trained_on(dt.date(2025, 3, 7), "Ninety School", redditch)
    call_command("send_training_reminders")  # the immediate backend runs it at once
    assert "Queued the training reminders" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False)
def test_one_organisation_whose_reminder_fails_does_not_stop_the_others(
    monkeypatch, redditch, caplog
):
    bad = school_trained_on(dt.date(2025, 3, 7), "Broken School", redditch)
    school_trained_on(dt.date(2025, 1, 6), "Thirty School", redditch)
    type(bad).objects.filter(pk=bad.pk).update(name="Broken\r\nSchool")  # as a bulk write leaves it
    real = reminders.reminder_email

    def failing(organisation, *args):
        if organisation.pk == bad.pk:
            raise RuntimeError("the mail server refused it")
        return real(organisation, *args)

    monkeypatch.setattr(reminders, "reminder_email", failing)
    assert send_expiry_reminders.call() == 1
    assert [email.subject for email in mail.outbox] == [
        "CSE training for Thirty School expires on 6 January 2027"
    ]
    assert f"Training reminder to organisation {bad.pk} failed" in caplog.text


@time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False)
def test_a_line_break_in_a_name_written_in_bulk_makes_a_one_line_subject(redditch):
    school = school_trained_on(dt.date(2025, 3, 7), "Forest Edge", redditch)
    type(school).objects.filter(pk=school.pk).update(name="Forest Edge\r\nFirst School")
    assert send_expiry_reminders.call() == 1
    assert (
        mail.outbox[0].subject
        == "CSE training for Forest Edge First School expires on 7 March 2027"
    )
