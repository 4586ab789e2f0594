"""The recurrence core, on its own: hand-checked cases and properties."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.recurrence import (
    MONTHLY,
    WEEKLY,
    Override,
    RecurrenceError,
    Rule,
    local_starts,
    occurrences,
)

PARIS = ZoneInfo("Europe/Paris")


def agora_rule(**kw):
    base = {
        "freq": MONTHLY,
        "weekday": 1,
        "setpos": 1,
        "start_date": date(2026, 1, 1),
        "start_time": time(18, 0),
        "duration": timedelta(hours=2, minutes=30),
        "tz": "Europe/Paris",
        "until": date(2026, 12, 31),
    }
    base.update(kw)
    return Rule(**base)


def test_first_tuesday_of_each_month_2026():
    starts = [o.start for o in occurrences(agora_rule())]
    assert [d.date() for d in starts] == [
        date(2026, 1, 6),
        date(2026, 2, 3),
        date(2026, 3, 3),
        date(2026, 4, 7),
        date(2026, 5, 5),
        date(2026, 6, 2),
        date(2026, 7, 7),
        date(2026, 8, 4),
        date(2026, 9, 1),
        date(2026, 10, 6),
        date(2026, 11, 3),
        date(2026, 12, 1),
    ]
    # 18:00 in Paris is 17:00 UTC in winter and 16:00 UTC in summer.
    assert starts[0].astimezone(ZoneInfo("UTC")).hour == 17
    assert starts[5].astimezone(ZoneInfo("UTC")).hour == 16
    assert all(o.end - o.start == timedelta(hours=2, minutes=30) for o in occurrences(agora_rule()))


def test_last_friday():
    starts = local_starts(agora_rule(weekday=4, setpos=-1, until=date(2026, 3, 31)))
    assert [d.date() for d in starts] == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]


def test_count_instead_of_until():
    rule = agora_rule(freq=WEEKLY, setpos=None, until=None, count=3)
    assert len(occurrences(rule)) == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"until": date(2025, 12, 31)},  # ends before it starts: no occurrence
        {"until": None, "count": None},
        {"duration": timedelta(0)},
        {"setpos": None},  # monthly without a week
        {"tz": "Mars/Olympus"},
        {"freq": "yearly"},
        {"freq": WEEKLY, "until": date(2030, 1, 1)},  # > 104 sessions
    ],
)
def test_unusable_rules_are_refused(changes):
    with pytest.raises(RecurrenceError):
        occurrences(agora_rule(**changes))


def test_override_moves_and_cancels_one_without_touching_others():
    rule = agora_rule()
    plain = occurrences(rule)
    march = datetime(2026, 3, 3, 18, 0)
    april = datetime(2026, 4, 7, 18, 0)
    edited = occurrences(
        rule,
        {
            march: Override(start=datetime(2026, 3, 10, 17, 30)),
            april: Override(cancelled=True),
        },
    )
    assert edited[2].start == datetime(2026, 3, 10, 17, 30, tzinfo=PARIS)
    assert edited[2].original_start == plain[2].start
    assert edited[3].cancelled and not plain[3].cancelled
    others = [i for i in range(len(plain)) if i not in (2, 3)]
    assert [edited[i] for i in others] == [plain[i] for i in others]


weekly_rules = st.builds(
    Rule,
    freq=st.sampled_from([WEEKLY, MONTHLY]),
    weekday=st.integers(0, 6),
    start_date=st.dates(date(2024, 1, 1), date(2030, 12, 31)),
    start_time=st.sampled_from([time(9, 0), time(14, 30), time(18, 0), time(20, 15)]),
    duration=st.sampled_from([timedelta(hours=1), timedelta(hours=2, minutes=30)]),
    tz=st.sampled_from(["Europe/Paris", "Europe/Kyiv", "America/Montreal"]),
    interval=st.integers(1, 3),
    setpos=st.sampled_from([1, 2, 3, 4, -1]),
    count=st.integers(1, 30),
)


@given(weekly_rules)
def test_properties_of_every_occurrence(rule):
    result = occurrences(rule)
    assert 1 <= len(result) <= rule.count
    starts = [o.start for o in result]
    assert starts == sorted(starts)
    for occ in result:
        local = occ.start.astimezone(ZoneInfo(rule.tz))
        assert local.weekday() == rule.weekday  # every occurrence on the rule's weekday
        assert local.time() == rule.start_time  # DST never shifts the local time
        assert occ.end - occ.start == rule.duration
        assert local.date() >= rule.start_date


@given(weekly_rules, st.data())
def test_override_only_changes_its_own_occurrence(rule, data):
    plain = occurrences(rule)
    index = data.draw(st.integers(0, len(plain) - 1))
    key = plain[index].start.replace(tzinfo=None)
    edited = occurrences(rule, {key: Override(cancelled=True)})
    assert edited[index].cancelled
    assert [o for i, o in enumerate(edited) if i != index] == [
        o for i, o in enumerate(plain) if i != index
    ]
