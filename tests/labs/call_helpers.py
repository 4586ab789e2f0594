"""Build calls, volunteers and lotteries through the services, as in production."""

from datetime import timedelta

from django.utils import timezone

from labs.call_services import call_apply, call_close, call_open, quotas_set
from labs.models import CallAnswer, Lab
from labs.services_life import lab_phase_set

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
