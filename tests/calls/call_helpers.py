"""Build calls, volunteers and lotteries through the services, as in production."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from calls.models import CallAnswer, Lottery
from calls.services import (
    call_apply,
    call_close,
    call_open,
    lottery_record_random,
    lottery_start,
    quotas_set,
)
from labs.models import Lab
from labs.services import lab_phase_set

QUESTIONS = [
    ("Gender", ["woman", "man"]),
    ("Language group", ["Arabic", "Dari", "French"]),
]


def set_phase(lab, phase, actor, reason="Back to an earlier phase for the test"):
    lab = Lab.objects.get(pk=lab.pk)
    lab_phase_set(actor=actor, lab=lab, phase=phase, reason=reason)
    return Lab.objects.get(pk=lab.pk)


def open_call(space, actor, *, seats=4, college="newcomers", rule="lottery", retention_days=30):
    return call_open(
        actor=actor,
        space=space,
        college=college,
        title="Volunteers for the newcomers' college",
        seats=seats,
        deadline=timezone.now() + timedelta(days=10),
        replacement_rule=rule,
        retention_days=retention_days,
        questions=QUESTIONS,
    )


def pool_answers(n):
    """A deterministic mix: women are a minority, French speakers rare."""
    out = []
    for i in range(n):
        gender = "woman" if i % 3 == 0 else "man"
        language = ["Arabic", "Dari", "Arabic", "Dari", "French"][i % 5] if i % 7 else "French"
        out.append({"gender": gender, "language-group": language})
    return out


def apply_many(call, n):
    """n volunteers apply; returns [(volunteer, receipt code)]."""
    return [
        call_apply(call=call, contact=f"+33 6 00 00 {i:02d} {i:02d}", answers=a, consent=True)
        for i, a in enumerate(pool_answers(n))
    ]


def set_quotas(call, actor, quotas):
    """quotas: {(question label, answer): (min, max)}"""
    bounds = {}
    for a in CallAnswer.objects.filter(question__call=call).select_related("question"):
        if (a.question.label, a.label) in quotas:
            bounds[a.pk] = quotas[a.question.label, a.label]
    return quotas_set(actor=actor, call=call, bounds=bounds)


STANDARD_QUOTAS = {
    ("Gender", "woman"): (2, 2),
    ("Gender", "man"): (2, 2),
    ("Language group", "French"): (1, 2),
    ("Language group", "Arabic"): (1, 2),
    ("Language group", "Dari"): (1, 2),
}


def ready_call(lab, actor, *, n=12, seats=4, rule="lottery"):
    """A closed call with n volunteers and quotas, the lab in its selection phase."""
    call = open_call(lab, actor, seats=seats, rule=rule)
    applied = apply_many(call, n)
    set_quotas(call, actor, STANDARD_QUOTAS)
    call_close(actor=actor, call=call)
    set_phase(lab, "selection", actor)
    call.refresh_from_db()
    return call, applied


SOURCE = "EuroMillions draw of tonight, the five main numbers in the order drawn"


def declaration(hours=1):
    """The source of the random value, known in `hours`: what lottery_start asks for."""
    return {"random_source": SOURCE, "random_known_after": timezone.now() + timedelta(hours=hours)}


def start_data(hours=1):
    """The same declaration as the start form posts it (local date and time)."""
    from zoneinfo import ZoneInfo

    from meetings.forms import TIME_ZONE

    at = timezone.now().astimezone(ZoneInfo(TIME_ZONE)) + timedelta(hours=hours)
    return {
        "random_source": SOURCE,
        "known_date": at.date().isoformat(),
        "known_time": at.strftime("%H:%M"),
    }


def start_lottery(call, actor, hours=1):
    return lottery_start(actor=actor, call=call, **declaration(hours))


def record_value(lottery, actor, value):
    """Record the value just after the declared time (time passes in the service's eyes)."""
    lottery = Lottery.objects.get(pk=lottery.pk)
    after = lottery.random_known_after + timedelta(minutes=1)
    return lottery_record_random(actor=actor, lottery=lottery, value=value, now=after)


def let_time_pass(lottery, hours=2):
    """Move the lottery's times back, as if `hours` had passed since it was computed: the
    declared value is now known (for views, which use the real clock)."""
    shift = timedelta(hours=hours)
    Lottery.objects.filter(pk=lottery.pk).update(
        random_declared_at=F("random_declared_at") - shift,
        random_known_after=F("random_known_after") - shift,
        hash_published_at=F("hash_published_at") - shift,
        started_at=F("started_at") - shift,
        finished_at=F("finished_at") - shift,
    )
