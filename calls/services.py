"""Writes of the selection pipeline: calls for volunteers, applications, quotas, the lottery
(computed by a Celery task), the draw, replacements, invitations and the purge.

The lottery itself is the pure core in `sortition`; this module only feeds it from the
database and records what it returns. Quota answers and contacts never enter the audit log.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import secrets
import time
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

import sortition as core
from accounts.models import Invitation, User
from accounts.services import invitation_create
from calls.models import (
    CORRECTION_REASON_MIN,
    Call,
    CallAnswer,
    CallQuestion,
    CallStatus,
    CallVolunteer,
    Lottery,
    LotteryStatus,
    RandomValue,
    RandomValueKind,
    Replacement,
    ReplacementRule,
)
from core.exceptions import DomainError
from core.formatting import format_when
from core.models import LAB_COLLEGES, College, Membership, Seat, Space, SpaceKind
from core.phases import action_open
from core.queue import enqueue_on_commit
from core.services import audit_record, seat_capacity

logger = logging.getLogger(__name__)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RETENTION_MAX_DAYS = 730
N_PANELS = core.DEFAULT_PANELS
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{6,25}$")
EXCLUSION_REASON_MIN = 10


# Codes ------------------------------------------------------------------------------------
def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_receipt(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", (code or "").upper())


def hash_receipt(code: str) -> str:
    return hashlib.sha256(normalise_receipt(code).encode()).hexdigest()


def new_receipt_code() -> str:
    raw = _random_code(12)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# Phases -----------------------------------------------------------------------------------
# A lab opens calls and takes applications in its call phase, and draws in its selection
# phase; the Agora has no phases. The space's kind decides, through core.phases (labs
# registers its gate): this app never imports labs.
def _open_now(space_id: int, action: str) -> bool:
    """Whether `action` ("calls.open", "calls.apply", "calls.run_lottery") is open now in
    the space, read from the database (not from a space loaded earlier)."""
    return action_open(Space.objects.get(pk=space_id), action)


# Calls ------------------------------------------------------------------------------------
def free_seats(*, space, college: str) -> int:
    """Seats of the college (or of the Agora) that nobody holds."""
    held = Membership.objects.filter(
        space=space, seat__college=college, ended_at__isnull=True, seat__isnull=False
    ).count()
    return seat_capacity(space=space, college=college) - held


def _check_questions(questions: list[tuple[str, list[str]]]) -> None:
    if not questions:
        raise DomainError(_("Add at least one question for the quotas."))
    labels = set()
    for label, values in questions:
        if not label.strip():
            raise DomainError(_("Every question needs a text."))
        if label.strip().lower() in labels:
            raise DomainError(_("Two questions have the same text."))
        labels.add(label.strip().lower())
        clean = [v.strip() for v in values if v.strip()]
        if len(clean) < 2:
            raise DomainError(
                _("The question “%(question)s” needs at least two answers.") % {"question": label}
            )
        if len({v.lower() for v in clean}) != len(clean):
            raise DomainError(
                _("The question “%(question)s” has the same answer twice.") % {"question": label}
            )
        if any(len(v) > 120 for v in clean) or len(label) > 200:
            raise DomainError(_("A question or an answer is too long."))


def _write_questions(call: Call, questions: list[tuple[str, list[str]]]) -> None:
    call.questions.all().delete()
    keys: set[str] = set()
    for position, (label, values) in enumerate(questions, start=1):
        key = slugify(label)[:36] or f"q{position}"
        while key in keys:
            key = f"{key[:33]}-{position}"
        keys.add(key)
        question = CallQuestion.objects.create(
            call=call, position=position, key=key, label=label.strip()
        )
        CallAnswer.objects.bulk_create(
            CallAnswer(
                question=question, position=i, label=v.strip(), min_seats=0, max_seats=call.seats
            )
            for i, v in enumerate([v for v in values if v.strip()], start=1)
        )


def _check_call_fields(
    *, space, college: str, seats: int, deadline: datetime, retention_days: int, rule: str
) -> None:
    if space.kind == SpaceKind.LAB:
        if college not in LAB_COLLEGES:
            raise DomainError(_("Choose the college this call is for."))
    elif college != College.NONE:
        raise DomainError(_("The Agora has no colleges."))
    available = free_seats(space=space, college=college)
    if seats < 1 or seats > available:
        raise DomainError(
            _("The call can offer between 1 and %(n)s seats (the free seats).") % {"n": available}
        )
    if deadline <= timezone.now():
        raise DomainError(_("The deadline must be in the future."))
    if not 1 <= retention_days <= RETENTION_MAX_DAYS:
        raise DomainError(
            _("Answers are kept between 1 and %(n)s days.") % {"n": RETENTION_MAX_DAYS}
        )
    if rule not in ReplacementRule.values:
        raise DomainError(_("Choose a replacement rule."))


@transaction.atomic
def call_open(
    *,
    actor: User,
    space,
    college: str,
    title: str,
    seats: int,
    deadline: datetime,
    replacement_rule: str,
    retention_days: int,
    questions: list[tuple[str, list[str]]],
    description: str = "",
) -> Call:
    """Open a call for volunteers for the free seats of a college (or of the Agora)."""
    if not _open_now(space.pk, "calls.open"):
        raise DomainError(_("Calls for volunteers open only in the lab's call phase."))
    _check_call_fields(
        space=space,
        college=college,
        seats=seats,
        deadline=deadline,
        retention_days=retention_days,
        rule=replacement_rule,
    )
    _check_questions(questions)
    call = Call.objects.create(
        space_id=space.pk,
        college=college,
        title=title.strip(),
        description=description,
        seats=seats,
        deadline=deadline,
        replacement_rule=replacement_rule,
        retention_days=retention_days,
        creator=actor,
    )
    _write_questions(call, questions)
    audit_record(actor=actor, action="call.open", target=call, space=call.space, seats=seats)
    return call


def _lottery_started(call: Call) -> bool:
    return Lottery.objects.filter(call=call).exclude(status=LotteryStatus.FAILED).exists()


@transaction.atomic
def call_update(
    *,
    actor: User,
    call: Call,
    title: str,
    seats: int,
    deadline: datetime,
    replacement_rule: str,
    retention_days: int,
    questions: list[tuple[str, list[str]]],
    description: str = "",
) -> Call:
    """Edit a call. The questions are fixed once someone has applied, and everything is
    fixed once the lottery has started (the replacement rule is declared before the draw)."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if _lottery_started(call):
        raise DomainError(_("The lottery has started: the call can no longer change."))
    _check_call_fields(
        space=call.space,
        college=call.college,
        seats=seats,
        deadline=deadline,
        retention_days=retention_days,
        rule=replacement_rule,
    )
    _check_questions(questions)
    current = [(q.label, [a.label for a in q.answers.all()]) for q in call.questions.all()]
    normalised = [(label.strip(), [v.strip() for v in vs if v.strip()]) for label, vs in questions]
    if current != normalised:
        if call.volunteers.exists():
            raise DomainError(
                _("People have applied: the questions and their answers can no longer change.")
            )
        call.seats = seats
        _write_questions(call, normalised)
    elif seats != call.seats:
        CallAnswer.objects.filter(question__call=call, max_seats__gt=seats).update(max_seats=seats)
        CallAnswer.objects.filter(question__call=call, min_seats__gt=seats).update(min_seats=seats)
    call.title, call.description, call.seats = title.strip(), description, seats
    call.deadline, call.replacement_rule = deadline, replacement_rule
    call.retention_days = retention_days
    call.save()
    audit_record(actor=actor, action="call.update", target=call, space=call.space)
    return call


@transaction.atomic
def call_close(*, actor: User, call: Call) -> Call:
    """Stop taking applications (the deadline also stops them)."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.CLOSED:
        raise DomainError(_("This call is already closed."))
    call.status = CallStatus.CLOSED
    call.save(update_fields=["status"])
    audit_record(actor=actor, action="call.close", target=call, space=call.space)
    return call


def call_is_open(call: Call, now: datetime | None = None) -> bool:
    """Taking applications: not closed, before the deadline, and (labs) in the call phase."""
    if call.status != CallStatus.OPEN or (now or timezone.now()) >= call.deadline:
        return False
    return _open_now(call.space_id, "calls.apply")


# Applications -----------------------------------------------------------------------------
def _check_contact(contact: str) -> str:
    contact = contact.strip()
    if not contact:
        raise DomainError(_("Give an e-mail address or a phone number so we can reach you."))
    if "@" in contact:
        try:
            validate_email(contact)
        except ValidationError:
            raise DomainError(_("This e-mail address does not look right.")) from None
        return contact
    if not PHONE_RE.match(contact) or sum(c.isdigit() for c in contact) < 6:
        raise DomainError(_("Give an e-mail address or a phone number (digits, spaces, +)."))
    return contact


@transaction.atomic
def call_apply(
    *, call: Call, contact: str, answers: dict[str, str], consent: bool, name: str = ""
) -> tuple[CallVolunteer, str]:
    """A volunteer applies (no account). Returns the application and its receipt code,
    which is shown once: only its hash is kept."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call_is_open(call):
        raise DomainError(_("This call is closed: applications are no longer taken."))
    if not consent:
        raise DomainError(_("Tick the consent box to apply: without it we cannot keep answers."))
    contact = _check_contact(contact)
    clean: dict[str, str] = {}
    for question in call.questions.prefetch_related("answers"):
        value = answers.get(question.key, "")
        if value not in {a.label for a in question.answers.all()}:
            raise DomainError(
                _("Answer the question “%(question)s”.") % {"question": question.label}
            )
        clean[question.key] = value
    taken = set(call.volunteers.values_list("pseudonym", flat=True))
    pseudonym = f"V-{_random_code(4)}"
    while pseudonym in taken:
        pseudonym = f"V-{_random_code(4)}"
    code = new_receipt_code()
    volunteer = CallVolunteer.objects.create(
        call=call,
        pseudonym=pseudonym,
        receipt_hash=hash_receipt(code),
        name=name.strip()[:120],
        contact=contact,
        answers=clean,
        consent_at=timezone.now(),
    )
    audit_record(actor=None, action="call.apply", target=volunteer, space=call.space)
    return volunteer, code


# Setting applications aside --------------------------------------------------------------
def _refuse_once_pool_fixed(call: Call) -> None:
    if _lottery_started(call):
        raise DomainError(
            _(
                "The lottery has started: its pool is fixed (and published with the list), so "
                "no application can be set aside or brought back."
            )
        )


@transaction.atomic
def volunteer_exclude(*, actor: User, volunteer: CallVolunteer, reason: str) -> CallVolunteer:
    """Set an application aside (a duplicate, a test...) before the lottery starts, with a
    reason kept for the facilitators and in the audit log. It is then not in the pool, the
    list of panels nor its hash."""
    call = Call.objects.select_for_update().get(pk=volunteer.call_id)
    _refuse_once_pool_fixed(call)
    volunteer = CallVolunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.excluded_at is not None:
        raise DomainError(_("This application is already set aside."))
    reason = (reason or "").strip()
    if len(reason) < EXCLUSION_REASON_MIN:
        raise DomainError(
            _("Say why in at least %(n)s characters (without personal details).")
            % {"n": EXCLUSION_REASON_MIN}
        )
    volunteer.excluded_at = timezone.now()
    volunteer.exclusion_reason = reason[:300]
    volunteer.excluded_by = actor
    volunteer.save(update_fields=["excluded_at", "exclusion_reason", "excluded_by"])
    audit_record(
        actor=actor,
        action="call.volunteer_exclude",
        target=volunteer,
        space=call.space,
        pseudonym=volunteer.pseudonym,
        reason=volunteer.exclusion_reason,
    )
    return volunteer


@transaction.atomic
def volunteer_reinstate(*, actor: User, volunteer: CallVolunteer) -> CallVolunteer:
    """Bring a set-aside application back into the pool, before the lottery starts."""
    call = Call.objects.select_for_update().get(pk=volunteer.call_id)
    _refuse_once_pool_fixed(call)
    volunteer = CallVolunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.excluded_at is None:
        raise DomainError(_("This application is not set aside."))
    volunteer.excluded_at, volunteer.exclusion_reason, volunteer.excluded_by = None, "", None
    volunteer.save(update_fields=["excluded_at", "exclusion_reason", "excluded_by"])
    audit_record(
        actor=actor,
        action="call.volunteer_reinstate",
        target=volunteer,
        space=call.space,
        pseudonym=volunteer.pseudonym,
    )
    return volunteer


# Quotas -----------------------------------------------------------------------------------
@transaction.atomic
def quotas_set(*, actor: User, call: Call, bounds: dict[int, tuple[int, int]]) -> Call:
    """Set min and max seats per answer value (answer id -> (min, max))."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if _lottery_started(call):
        raise DomainError(_("The lottery has started: the quotas can no longer change."))
    answers = {a.pk: a for a in CallAnswer.objects.filter(question__call=call)}
    for pk, (low, high) in bounds.items():
        answer = answers.get(pk)
        if answer is None:
            raise DomainError(_("Unknown answer in the quotas."))
        if not 0 <= low <= high <= call.seats:
            raise DomainError(
                _("%(answer)s: the minimum must be at most the maximum, within 0 and %(seats)s.")
                % {"answer": answer.label, "seats": call.seats}
            )
        answer.min_seats, answer.max_seats = low, high
    CallAnswer.objects.bulk_update(answers.values(), ["min_seats", "max_seats"])
    audit_record(actor=actor, action="call.quotas", target=call, space=call.space)
    return call


# The problem as the pure core sees it -----------------------------------------------------
def call_quotas(call: Call) -> list[core.Quota]:
    return [
        core.Quota(q.key, a.label, a.min_seats, a.max_seats)
        for q in call.questions.prefetch_related("answers")
        for a in q.answers.all()
    ]


def call_problem(call: Call) -> core.Problem:
    """Volunteers (by pseudonym) with their answers, and the quotas, of a call."""
    pool = [
        core.Volunteer(v.pseudonym, dict(v.answers))
        for v in call.volunteers.filter(dropped_out_at__isnull=True, excluded_at__isnull=True)
    ]
    return core.Problem(pool, call_quotas(call), call.seats)


def problem_csv(problem: core.Problem) -> tuple[str, str]:
    """The pool and quota CSV files of docs/lottery.md, as the auditor's script reads them."""
    features = sorted({q.feature for q in problem.quotas})
    pool = io.StringIO()
    writer = csv.writer(pool, lineterminator="\n")
    writer.writerow(["id", *features])
    for v in problem.pool:
        writer.writerow([v.id, *(v.features[f] for f in features)])
    quotas = io.StringIO()
    writer = csv.writer(quotas, lineterminator="\n")
    writer.writerow(["feature", "value", "min", "max"])
    for q in problem.quotas:
        writer.writerow([q.feature, q.value, q.min, q.max])
    return pool.getvalue(), quotas.getvalue()


def problem_from_csv(pool_csv: str, quotas_csv: str, seats: int) -> core.Problem:
    return core.build_problem(pool_csv, quotas_csv, seats)


# The lottery ------------------------------------------------------------------------------
def _check_declaration(source: str, known_after: datetime | None, now: datetime) -> str:
    source = (source or "").strip()
    if not source or len(source) > 300:
        raise DomainError(_("Say where the random value will come from (at most 300 characters)."))
    if known_after is None or timezone.is_naive(known_after):
        raise DomainError(_("Give the date and time after which the random value will be known."))
    if known_after <= now:
        raise DomainError(
            _(
                "The random value must not exist yet: give a date and time in the future, "
                "after the list is published."
            )
        )
    return source


@transaction.atomic
def lottery_start(
    *,
    actor: User,
    call: Call,
    random_source: str,
    random_known_after: datetime,
    now: datetime | None = None,
) -> Lottery:
    """Queue the computation (a Celery task, never the web request).

    The call must be closed, the answers still kept, and the quotas feasible. The source of
    the public random value is declared now, with the time after which its value will be
    known: before the list and its hash exist, and before the value exists."""
    now = now or timezone.now()
    random_source = _check_declaration(random_source, random_known_after, now)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not _open_now(call.space_id, "calls.run_lottery"):
        raise DomainError(_("The draw takes place in the lab's selection phase."))
    if call_is_open(call):
        raise DomainError(_("Close the call before the lottery."))
    if call.answers_deleted_at:
        raise DomainError(_("The answers were deleted: this call can no longer be drawn."))
    existing = Lottery.objects.filter(call=call).first()
    if existing and existing.status != LotteryStatus.FAILED:
        raise DomainError(_("The lottery of this call has already started."))
    problem = call_problem(call)
    if len(problem.pool) < call.seats:
        raise DomainError(
            _("%(n)s volunteers for %(seats)s seats: there are not enough to draw.")
            % {"n": len(problem.pool), "seats": call.seats}
        )
    report = core.check_feasibility(problem)
    if not report.feasible:
        raise DomainError(_("No panel meets every quota. Relax the quotas first."))
    pool_csv, quotas_csv = problem_csv(problem)
    values = {
        "status": LotteryStatus.QUEUED,
        "progress": 0,
        "progress_note": "",
        "error": "",
        "started_at": None,
        "finished_at": None,
        "seats": call.seats,
        "replacement_rule": call.replacement_rule,
        "pool_csv": pool_csv,
        "quotas_csv": quotas_csv,
        "pool_size": len(problem.pool),
        "excluded_count": call.volunteers.filter(excluded_at__isnull=False).count(),
        "random_source": random_source,
        "random_known_after": random_known_after,
        "random_declared_at": now,
    }
    lottery, _created = Lottery.objects.update_or_create(call=call, defaults=values)
    audit_record(
        actor=actor,
        action="lottery.start",
        target=lottery,
        space=call.space,
        pool=len(problem.pool),
        random_source=random_source,
        random_known_after=random_known_after.isoformat(),
    )
    enqueue_on_commit("calls.tasks.lottery_compute_task", lottery.pk)
    return lottery


def _progress(lottery_id: int, percent: int, note: str) -> None:
    Lottery.objects.filter(pk=lottery_id).update(progress=percent, progress_note=note)


def lottery_compute(*, lottery_id: int) -> Lottery:
    """Run by the task: LEXIMIN, rounding to N panels, then publish the list and its hash.

    Progress is written to the row as it goes. Any failure marks the lottery "failed" with
    the error; nothing falls back to a less fair method."""
    with transaction.atomic():
        lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery_id)
        if lottery.status != LotteryStatus.QUEUED:
            return lottery  # a duplicate delivery of the task: the first one owns the run
        lottery.status = LotteryStatus.COMPUTING
        lottery.started_at = timezone.now()
        lottery.progress, lottery.progress_note = 5, "feasibility"
        lottery.save(update_fields=["status", "started_at", "progress", "progress_note"])
    last = [0.0]

    def on_stage(settled: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or settled == total:
            last[0] = now
            _progress(lottery_id, 10 + int(75 * settled / max(total, 1)), "leximin")

    try:
        problem = problem_from_csv(lottery.pool_csv, lottery.quotas_csv, lottery.seats)
        result = core.compute_leximin(problem, progress=on_stage)
        _progress(lottery_id, 90, "rounding")
        rounded = core.round_lottery(result.panels, result.probabilities, N_PANELS)
        data = core.serialize_panels(rounded.panels)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded and shown, loudly
        logger.exception("lottery %s failed", lottery_id)
        Lottery.objects.filter(pk=lottery_id).update(
            status=LotteryStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            finished_at=timezone.now(),
        )
        lottery.refresh_from_db()
        audit_record(actor=None, action="lottery.fail", target=lottery, space=lottery.call.space)
        return lottery
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery_id)
        now = timezone.now()
        lottery.status = LotteryStatus.PUBLISHED
        lottery.progress, lottery.progress_note = 100, "published"
        lottery.n_panels = rounded.size
        lottery.list_hash = digest
        lottery.panels_text = data.decode("utf-8")
        lottery.hash_published_at = now
        lottery.finished_at = now
        lottery.probabilities = result.marginals
        lottery.lottery_probabilities = {i: rounded.marginals.get(i, 0.0) for i in problem.ids}
        lottery.stats = {
            "seconds": round(result.stats.seconds, 3),
            "stages": result.stats.stages,
            "support": len(result.panels),
            "never_selectable": len(result.never_selectable),
            "rounding_bound": rounded.bound,
            "max_deviation": rounded.max_deviation,
        }
        lottery.save()
        audit_record(
            actor=None,
            action="lottery.publish",
            target=lottery,
            space=lottery.call.space,
            list_hash=digest,
            panels=rounded.size,
        )
    return lottery


def declaration_is_void(lottery: Lottery) -> bool:
    """The list was published when (or after) the declared value could be known: the value
    may have been known before the list was fixed, so a new source must be declared."""
    return bool(
        lottery.hash_published_at
        and lottery.random_known_after
        and lottery.hash_published_at >= lottery.random_known_after
    )


@transaction.atomic
def lottery_declare_source(
    *,
    actor: User,
    lottery: Lottery,
    source: str,
    known_after: datetime,
    now: datetime | None = None,
) -> Lottery:
    """Declare a new source, only when the first one is void (the computation ended after
    its value was known) and no value is recorded. Logged, and shown on the public page."""
    now = now or timezone.now()
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    if lottery.status != LotteryStatus.PUBLISHED or lottery.random_values.exists():
        raise DomainError(_("The source can no longer change."))
    if not declaration_is_void(lottery):
        raise DomainError(
            _("The source was declared before the list was published: it cannot change.")
        )
    source = _check_declaration(source, known_after, now)
    previous = (lottery.random_source, lottery.random_known_after)
    lottery.random_source, lottery.random_known_after = source, known_after
    lottery.random_declared_at = now
    lottery.save(update_fields=["random_source", "random_known_after", "random_declared_at"])
    audit_record(
        actor=actor,
        action="lottery.declare_source",
        target=lottery,
        space=lottery.call.space,
        random_source=source,
        random_known_after=known_after.isoformat(),
        void_source=previous[0],
        void_known_after=previous[1].isoformat() if previous[1] else None,
    )
    return lottery


def _check_value(value: str) -> None:
    if not value or not value.strip() or len(value) > 300:
        raise DomainError(_("Type the public random value exactly as it was published."))


@transaction.atomic
def lottery_record_random(
    *, actor: User, lottery: Lottery, value: str, now: datetime | None = None
) -> Lottery:
    """Record the public random value of the declared source. Once only: a second recording
    is refused here and by the database (one "original" row per lottery).

    Possible once the list hash is published, after the declared time, and before the draw."""
    now = now or timezone.now()
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    if lottery.status not in (LotteryStatus.PUBLISHED, LotteryStatus.DRAWN) or (
        not lottery.hash_published_at
    ):
        raise DomainError(
            _("The random value can be recorded only after the list hash is published.")
        )
    if lottery.random_values.exists():
        raise DomainError(
            _(
                "The random value is already recorded: it cannot be replaced. A typo can be "
                "corrected once, with a reason, and the correction is public."
            )
        )
    if declaration_is_void(lottery):
        raise DomainError(
            _(
                "The list was published after the declared value could be known: declare a "
                "new source, in the future, before recording a value."
            )
        )
    if lottery.random_known_after and now < lottery.random_known_after:
        raise DomainError(
            _("The declared value is not known yet: it will be after %(date)s.")
            % {
                "date": format_when(
                    timezone.localtime(lottery.random_known_after), "datetime_long", get_language()
                )
            }
        )
    _check_value(value)
    try:
        with transaction.atomic():
            recorded = RandomValue.objects.create(
                lottery=lottery, kind=RandomValueKind.ORIGINAL, value=value, actor=actor
            )
    except IntegrityError:
        raise DomainError(
            _("The random value is already recorded: it cannot be replaced.")
        ) from None
    audit_record(
        actor=actor,
        action="lottery.random",
        target=lottery,
        space=lottery.call.space,
        value=value,
        recorded_at=recorded.recorded_at.isoformat(),
        random_source=lottery.random_source,
        random_known_after=lottery.random_known_after.isoformat()
        if lottery.random_known_after
        else None,
    )
    return lottery


@transaction.atomic
def lottery_correct_random(*, actor: User, lottery: Lottery, value: str, reason: str) -> Lottery:
    """Correct a typo in the recorded value: once, with a reason, before any replacement or
    seat invitation. If the panel was drawn, it is drawn again with the corrected value.
    Both values, the reason and the times stay on the public verification page."""
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    original = lottery.random_original
    if original is None:
        raise DomainError(_("No value is recorded yet: there is nothing to correct."))
    if lottery.random_correction is not None:
        raise DomainError(_("The value was already corrected once: it cannot change again."))
    if (
        lottery.replacements.exists()
        or CallVolunteer.objects.filter(call=lottery.call, invitation__isnull=False).exists()
    ):
        raise DomainError(
            _(
                "Seat invitations or replacements were made with this value: it can no longer "
                "be corrected. Record the mistake publicly in the minutes."
            )
        )
    _check_value(value)
    if value == original.value:
        raise DomainError(_("The correction is the same as the recorded value."))
    reason = (reason or "").strip()
    if len(reason) < CORRECTION_REASON_MIN:
        raise DomainError(
            _("Explain the correction in at least %(n)s characters: it is shown publicly.")
            % {"n": CORRECTION_REASON_MIN}
        )
    try:
        with transaction.atomic():
            corrected = RandomValue.objects.create(
                lottery=lottery,
                kind=RandomValueKind.CORRECTION,
                value=value,
                reason=reason[:500],
                actor=actor,
            )
    except IntegrityError:
        raise DomainError(
            _("The value was already corrected once: it cannot change again.")
        ) from None
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    redrawn = lottery.status == LotteryStatus.DRAWN
    if redrawn:
        _draw(lottery)
    audit_record(
        actor=actor,
        action="lottery.random_correct",
        target=lottery,
        space=lottery.call.space,
        original=original.value,
        value=value,
        reason=reason[:500],
        recorded_at=corrected.recorded_at.isoformat(),
        redrawn=redrawn,
        index=lottery.index,
    )
    return lottery


def lottery_panels(lottery: Lottery) -> tuple[tuple[str, ...], ...]:
    return core.parse_panels(lottery.panels_text.encode("utf-8"))


@transaction.atomic
def lottery_draw(*, actor: User, lottery: Lottery) -> Lottery:
    """Draw the panel (and the ordered alternates) from the published list and the value."""
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    if lottery.status != LotteryStatus.PUBLISHED or not lottery.random_value:
        raise DomainError(_("Record the public random value before the draw."))
    _draw(lottery)
    audit_record(
        actor=actor,
        action="lottery.draw",
        target=lottery,
        space=lottery.call.space,
        index=lottery.index,
        value=lottery.random_value,
    )
    return lottery


def _draw(lottery: Lottery) -> None:
    """Draw (or, after a correction, draw again) with the current random value."""
    value = lottery.random_value
    panels = lottery_panels(lottery)
    draw = core.draw_panel(panels, value)
    if draw.list_hash != lottery.list_hash:
        raise DomainError(_("The stored list does not match its published hash."))
    lottery.index = draw.index
    lottery.panel = list(draw.panel)
    lottery.current_panel = list(draw.panel)
    lottery.alternates = (
        core.alternate_order(panels, draw.panel, lottery.list_hash, value)
        if lottery.replacement_rule == ReplacementRule.ALTERNATES
        else []
    )
    lottery.status = LotteryStatus.DRAWN
    lottery.drawn_at = timezone.now()
    lottery.save()


@transaction.atomic
def volunteer_drop_out(*, actor: User, lottery: Lottery, volunteer: CallVolunteer) -> Replacement:
    """A selected volunteer declines: record it and seat the replacement the declared rule
    gives (the next alternate keeping every quota, or the replacement lottery)."""
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    if lottery.status != LotteryStatus.DRAWN:
        raise DomainError(_("Replacements come after the draw."))
    if volunteer.call_id != lottery.call_id or volunteer.pseudonym not in lottery.current_panel:
        raise DomainError(_("This person is not on the panel."))
    if not lottery.pool_csv:
        raise DomainError(
            _(
                "The answers were deleted, so the quotas can no longer be checked: decide the "
                "replacement publicly and record it in the minutes."
            )
        )
    problem = problem_from_csv(lottery.pool_csv, lottery.quotas_csv, lottery.seats)
    previous = list(
        lottery.replacements.order_by("number").values_list("dropout__pseudonym", flat=True)
    )
    excluded = [*previous, volunteer.pseudonym]
    k = len(previous) + 1
    try:
        if lottery.replacement_rule == ReplacementRule.ALTERNATES:
            new = core.next_alternate(
                problem, lottery.current_panel, volunteer.pseudonym, lottery.alternates, excluded
            )
        else:
            new = core.draw_replacement(
                problem,
                lottery.current_panel,
                volunteer.pseudonym,
                lottery.list_hash,
                lottery.random_value,
                k,
                excluded,
            )
    except core.DrawError:
        raise DomainError(
            _(
                "Nobody left can take this seat while keeping every quota: decide the "
                "replacement publicly and record it in the minutes."
            )
        ) from None
    replacement_volunteer = CallVolunteer.objects.get(call=lottery.call, pseudonym=new)
    volunteer.dropped_out_at = timezone.now()
    volunteer.save(update_fields=["dropped_out_at"])
    lottery.current_panel = sorted(
        new if m == volunteer.pseudonym else m for m in lottery.current_panel
    )
    lottery.save(update_fields=["current_panel"])
    replacement = Replacement.objects.create(
        lottery=lottery,
        number=k,
        dropout=volunteer,
        replacement=replacement_volunteer,
        rule=lottery.replacement_rule,
        creator=actor,
    )
    audit_record(
        actor=actor,
        action="lottery.replacement",
        target=replacement,
        space=lottery.call.space,
        number=k,
        dropout=volunteer.pseudonym,
        replacement=new,
    )
    return replacement


@transaction.atomic
def panel_invite(*, actor: User, lottery: Lottery) -> list[tuple[CallVolunteer, str]]:
    """Make a seat invitation for each selected volunteer who has none yet. Returns the
    volunteers and their tokens (shown once, to pass on through the volunteer's contact)."""
    lottery = Lottery.objects.select_for_update().select_related("call").get(pk=lottery.pk)
    if lottery.status != LotteryStatus.DRAWN:
        raise DomainError(_("Invitations come after the draw."))
    call = lottery.call
    volunteers = list(
        CallVolunteer.objects.filter(
            call=call, pseudonym__in=lottery.current_panel, dropped_out_at__isnull=True
        ).filter(Q(invitation__isnull=True) | Q(invitation__revoked_at__isnull=False))
    )
    if not volunteers:
        raise DomainError(_("Every selected person already has an invitation."))
    held = Membership.objects.filter(ended_at__isnull=True, seat__isnull=False).values("seat")
    pending = Invitation.objects.filter(
        used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).values("seat")
    seats = list(
        Seat.objects.filter(space_id=call.space_id, college=call.college)
        .exclude(pk__in=held)
        .exclude(pk__in=pending)
        .order_by("number")
    )
    if len(seats) < len(volunteers):
        raise DomainError(
            _("Only %(n)s free seats without a pending invitation: free some seats first.")
            % {"n": len(seats)}
        )
    out = []
    for volunteer, seat in zip(volunteers, seats, strict=False):
        invitation, token = invitation_create(actor=actor, seat=seat)
        volunteer.invitation = invitation
        volunteer.save(update_fields=["invitation"])
        out.append((volunteer, token))
    return out


# Retention --------------------------------------------------------------------------------
def call_purge(*, call: Call, now: datetime | None = None) -> bool:
    """Delete a call's quota answers, contacts and names, and the lottery's copy of the
    answers. Idempotent: a call already purged is left alone (returns False)."""
    now = now or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if call.answers_deleted_at is not None:
            return False
        call.volunteers.update(answers={}, contact="", name="", exclusion_reason="")
        Lottery.objects.filter(call=call).update(pool_csv="")
        call.answers_deleted_at = now
        call.save(update_fields=["answers_deleted_at"])
        audit_record(actor=None, action="call.purge", target=call, space=call.space)
    return True


def calls_purge_due(*, now: datetime | None = None) -> int:
    """Purge every call whose retention period is over. Run by Celery beat."""
    from datetime import timedelta

    now = now or timezone.now()
    count = 0
    candidates = Call.objects.filter(answers_deleted_at__isnull=True, deadline__lt=now)
    for call in candidates.only("pk", "deadline", "retention_days"):
        if call.deadline + timedelta(days=call.retention_days) <= now:
            count += call_purge(call=call, now=now)
    return count


# Deleting an account (registered in calls/apps.py, accounts.deletion) -------------------------
def applications_erase_person(user: User, now, actor: User | None) -> None:
    """The name and contact she gave when she applied (her seat came from it) are erased."""
    CallVolunteer.objects.filter(invitation__used_by=user).update(name="", contact="")
