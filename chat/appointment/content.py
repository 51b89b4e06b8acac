"""What the appointment summary holds, read through the person's own selectors."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.health_profile import health_profile_for_user
from accounts.models import User
from chat.models import Message
from uploads.labs.selectors import Trend, lab_trends_for_user, result_date, result_number

# One page: what matters most first, the rest counted.
MAX_TESTS = 18
MAX_QUESTIONS = 8
MAX_QUESTION_CHARS = 160
QUESTIONS_SINCE_DAYS = 180


@dataclass(frozen=True)
class TestLine:
    name: str
    latest: str
    reference: str
    flag: str
    date: datetime.date
    change: str  # "↑ from 5.9 (2026-03-01)", "" with one result
    count: int


@dataclass(frozen=True)
class ReportLine:
    name: str
    dates: str
    uploaded: datetime.date


@dataclass(frozen=True)
class AppointmentSummary:
    prepared_at: datetime.datetime
    profile: list[tuple[str, str]]
    tests: list[TestLine]
    tests_left_out: int
    reports: list[ReportLine]
    questions: list[tuple[datetime.date, str]]


def appointment_summary_for(*, user: User) -> AppointmentSummary:
    trends = lab_trends_for_user(user_id=user.pk)
    # Flagged results first (the latest is out of range), then the rest, each by name.
    ordered = sorted(trends, key=lambda trend: (not trend.latest.flag, trend.name.casefold()))
    return AppointmentSummary(
        prepared_at=timezone.now(),
        profile=_profile(user),
        tests=[_test_line(trend) for trend in ordered[:MAX_TESTS]],
        tests_left_out=max(len(ordered) - MAX_TESTS, 0),
        reports=_reports(trends),
        questions=_questions(user),
    )


def _profile(user: User) -> list[tuple[str, str]]:
    profile = health_profile_for_user(user=user)
    rows = [("Age", str(profile.age))] if profile.age is not None else []
    for label, name in (("Sex", "sex"), ("Conditions", "conditions"), ("Medications", "medications"),
                        ("Allergies", "allergies"), ("Notes", "notes")):  # fmt: skip
        text = " ".join(getattr(profile, name).split())
        if text:
            rows.append((label, text))
    return rows


def _test_line(trend: Trend) -> TestLine:
    latest = trend.latest
    unit = f" {trend.unit}" if trend.unit else ""
    change = ""
    if len(trend.results) > 1:
        previous = trend.results[-2]
        before, now = result_number(previous), result_number(latest)
        arrow = "→" if before is None or now is None or before == now else ("↑" if now > before else "↓")
        change = f"{arrow} from {previous.value} ({result_date(previous).isoformat()})"
    return TestLine(
        name=trend.name,
        latest=f"{latest.value}{unit}",
        reference=latest.reference_text,
        flag=latest.flag,
        date=result_date(latest),
        change=change,
        count=len(trend.results),
    )


def _reports(trends: list[Trend]) -> list[ReportLine]:
    dates: dict = {}
    for trend in trends:
        for result in trend.results:
            dates.setdefault(result.upload, set()).add(result_date(result))
    lines = [
        ReportLine(
            name=upload.original_name,
            dates=", ".join(day.isoformat() for day in sorted(days)),
            uploaded=upload.created_at.date(),
        )
        for upload, days in dates.items()
    ]
    return sorted(lines, key=lambda line: line.dates, reverse=True)


def _questions(user: User) -> list[tuple[datetime.date, str]]:
    since = timezone.now() - datetime.timedelta(days=QUESTIONS_SINCE_DAYS)
    # The questions as the chats now show them: not the versions an edit replaced.
    asked = Message.objects.filter(
        session__owner=user, role=Message.Role.USER, shown=True, created_at__gte=since
    ).order_by("-pk")[: MAX_QUESTIONS * 3]
    questions, seen = [], set()
    for message in asked:
        text = " ".join(message.content.split())
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        if len(text) > MAX_QUESTION_CHARS:
            text = text[: MAX_QUESTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
        questions.append((timezone.localtime(message.created_at).date(), text))
        if len(questions) == MAX_QUESTIONS:
            break
    return questions
