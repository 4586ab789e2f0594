"""Recurring sessions, as a pure function: a rule in, occurrences out.

Occurrences are computed in the series' local time (with dateutil's rrule) and only then
given their time zone, so "18:00 Europe/Paris" stays 18:00 on both sides of a daylight
saving change. Overrides (a moved or cancelled occurrence) are keyed by the occurrence's
original local start and replace it without touching the others.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

WEEKLY = "weekly"
MONTHLY = "monthly"
FREQUENCIES = {WEEKLY: rrule.WEEKLY, MONTHLY: rrule.MONTHLY}
MAX_OCCURRENCES = 104  # two years of weekly sessions


class RecurrenceError(ValueError):
    """The rule cannot produce a usable list of occurrences."""


@dataclass(frozen=True)
class Rule:
    freq: str
    weekday: int  # 0 = Monday … 6 = Sunday
    start_date: date
    start_time: time
    duration: timedelta
    tz: str
    interval: int = 1
    setpos: int | None = None  # monthly only: 1..4 = first..fourth, -1 = last
    until: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class Override:
    start: datetime | None = None  # new local start (naive, in the rule's zone), or None
    duration: timedelta | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Occurrence:
    original_start: datetime  # aware
    start: datetime  # aware
    end: datetime  # aware
    cancelled: bool = False
    overridden: bool = field(default=False, compare=False)


def _validate(rule: Rule) -> None:
    if rule.freq not in FREQUENCIES:
        raise RecurrenceError("unknown frequency")
    if not 0 <= rule.weekday <= 6:
        raise RecurrenceError("weekday must be 0..6")
    if rule.interval < 1:
        raise RecurrenceError("interval must be at least 1")
    if rule.duration <= timedelta(0):
        raise RecurrenceError("a session must end after it starts")
    if rule.freq == MONTHLY and rule.setpos not in (1, 2, 3, 4, -1):
        raise RecurrenceError("a monthly rule needs which week: 1-4 or -1 (last)")
    if rule.until is None and rule.count is None:
        raise RecurrenceError("a recurrence needs an end date or a number of sessions")
    if rule.count is not None and not 1 <= rule.count <= MAX_OCCURRENCES:
        raise RecurrenceError(f"between 1 and {MAX_OCCURRENCES} sessions")
    try:
        ZoneInfo(rule.tz)
    except Exception as exc:  # ZoneInfoNotFoundError, ValueError
        raise RecurrenceError("unknown time zone") from exc


def local_starts(rule: Rule) -> list[datetime]:
    """Naive local start times of every occurrence of the rule, in order."""
    _validate(rule)
    byweekday = rrule.weekday(rule.weekday)
    if rule.freq == MONTHLY:
        byweekday = byweekday(rule.setpos)
    starts = list(
        rrule.rrule(
            FREQUENCIES[rule.freq],
            dtstart=datetime.combine(rule.start_date, rule.start_time),
            interval=rule.interval,
            byweekday=byweekday,
            until=datetime.combine(rule.until, time.max) if rule.until else None,
            count=rule.count if rule.until is None else None,
            cache=False,
        )[: MAX_OCCURRENCES + 1]
    )
    if len(starts) > MAX_OCCURRENCES:
        raise RecurrenceError(f"more than {MAX_OCCURRENCES} sessions: choose an earlier end")
    if not starts:
        raise RecurrenceError("this rule gives no session")
    return starts


def occurrences(rule: Rule, overrides: dict[datetime, Override] | None = None) -> list[Occurrence]:
    """Every occurrence, aware, with overrides applied (keyed by naive local start)."""
    starts = local_starts(rule)  # validates the rule, time zone included
    zone = ZoneInfo(rule.tz)
    overrides = overrides or {}
    result = []
    for local in starts:
        original = local.replace(tzinfo=zone)
        override = overrides.get(local)
        if override is None:
            result.append(Occurrence(original, original, original + rule.duration))
            continue
        start = (override.start or local).replace(tzinfo=zone)
        duration = override.duration or rule.duration
        result.append(
            Occurrence(original, start, start + duration, override.cancelled, overridden=True)
        )
    return result


def describe_setpos(setpos: int | None) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}.get(setpos or 0, "")
