"""Writes about votes: create, open (freeze the roll), cast, proxies, close and count.

One person, one vote, under concurrency: casting first flips the person's register row
from "not voted" with a conditional UPDATE, which only one transaction can win; for open
ballots a partial unique index also allows only one current ballot per voter.
"""

import logging
import secrets
import uuid
from datetime import datetime

from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exceptions import DomainError
from core.formatting import format_when
from core.models import College, Membership, MembershipRole, Space
from core.realtime import broadcast
from core.services import audit_record
from counting import (
    break_tie_by_lot,
    college_breakdown_visible,
    count,
    to_recount_json,
)
from votes.models import (
    Ballot,
    Proxy,
    Threshold,
    Vote,
    VoteMethod,
    VoterRollEntry,
    VoteStatus,
)
from votes.subjects import Outcome, vote_closed, vote_opened

OPTION_METHODS = (VoteMethod.APPROVAL, VoteMethod.RANKED, VoteMethod.JUDGMENT)
YES_NO = ("for", "against", "abstain")
GRADES = ["to_reject", "poor", "acceptable", "good", "very_good", "excellent"]

logger = logging.getLogger(__name__)


class AlreadyVoted(DomainError):
    default_message = _("You have already voted.")


def _event(vote: Vote) -> None:
    if vote.meeting_id:
        broadcast(
            f"meetings.meeting.{vote.meeting_id}",
            "vote.changed",
            {"vote": vote.pk, "status": vote.status},
        )


@transaction.atomic
def vote_create(
    *,
    actor: User,
    space: Space,
    title: str,
    method: str,
    threshold: str = Threshold.SIMPLE,
    options: list[str] | None = None,
    secret: bool = False,
    require_each_college: bool = False,
    proposal=None,  # proposals.models.Proposal (named by the app above, not imported)
    meeting=None,  # meetings.models.Meeting
    deadline: datetime | None = None,
) -> Vote:
    if method not in VoteMethod.values or threshold not in Threshold.values:
        raise DomainError(_("Unknown voting method."))
    labels = [o.strip() for o in (options or []) if o.strip()]
    if method in OPTION_METHODS and len(labels) < 2:
        raise DomainError(_("This method needs at least two options."))
    if method in (VoteMethod.FOR_AGAINST, VoteMethod.CONSENT, VoteMethod.SENSE_CHECK):
        labels = []
    if len(set(labels)) != len(labels):
        raise DomainError(_("Two options have the same name."))
    if meeting is None and deadline is None:
        raise DomainError(_("An online vote needs a closing date."))
    if deadline is not None and deadline <= timezone.now():
        raise DomainError(_("The closing date is in the past."))
    if proposal is not None and proposal.space_id != space.pk:
        raise DomainError(_("The proposal belongs to another space."))
    if meeting is not None and meeting.space_id != space.pk:
        raise DomainError(_("The meeting belongs to another space."))
    if require_each_college and space.kind != "lab":
        raise DomainError(_("Only a lab has colleges."))
    if secret and method == VoteMethod.CONSENT:
        raise DomainError(_("Consent asks for reasoned objections: it cannot be secret."))
    vote = Vote.objects.create(
        space=space,
        title=title.strip(),
        method=method,
        threshold=threshold,
        options=[{"id": str(i + 1), "label": label} for i, label in enumerate(labels)],
        secret=secret,
        require_each_college=require_each_college,
        proposal=proposal,
        meeting=meeting,
        deadline=deadline,
        creator=actor,
    )
    audit_record(actor=actor, action="vote.create", target=vote, space=space)
    return vote


@transaction.atomic
def vote_open(*, actor: User, vote: Vote) -> Vote:
    """Open the vote and freeze the voter roll: the seat holders at this moment."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != VoteStatus.DRAFT:
        raise DomainError(_("This vote is already open or closed."))
    members = Membership.objects.filter(
        space=vote.space_id, ended_at__isnull=True, role=MembershipRole.MEMBER
    ).select_related("seat")
    VoterRollEntry.objects.bulk_create(
        VoterRollEntry(vote=vote, user_id=m.user_id, college=m.seat.college) for m in members
    )
    vote.roll_size = len(members)
    vote.status = VoteStatus.OPEN
    vote.opened_at = timezone.now()
    vote.save(update_fields=["roll_size", "status", "opened_at"])
    vote_opened(actor=actor, vote=vote)  # its subject hears it (a proposal goes "in vote")
    audit_record(
        actor=actor, action="vote.open", target=vote, space=vote.space, roll=vote.roll_size
    )
    _event(vote)
    return vote


def validate_content(vote: Vote, content) -> dict:
    """The ballot's content for the method, or a DomainError with a clear message."""
    option_ids = {o["id"] for o in vote.options}
    bad = DomainError(_("This ballot is not valid for this vote."))
    if not isinstance(content, dict):
        raise bad
    match vote.method:
        case VoteMethod.FOR_AGAINST | VoteMethod.SENSE_CHECK:
            if content.get("choice") not in YES_NO:
                raise bad
            return {"choice": content["choice"]}
        case VoteMethod.CONSENT:
            choice = content.get("choice")
            reason = str(content.get("reason", "")).strip()
            if choice not in ("consent", "objection"):
                raise bad
            if choice == "objection" and not reason:
                raise DomainError(_("An objection needs a reason."))
            return {"choice": choice, "reason": reason[:1000] if choice == "objection" else ""}
        case VoteMethod.APPROVAL:
            chosen = content.get("approved")
            if not isinstance(chosen, list) or not set(chosen) <= option_ids:
                raise bad
            return {"approved": sorted(set(chosen))}
        case VoteMethod.RANKED:
            ranking = content.get("ranking")
            if (
                not isinstance(ranking, list)
                or not ranking
                or len(set(ranking)) != len(ranking)
                or not set(ranking) <= option_ids
            ):
                raise bad
            return {"ranking": list(ranking)}
        case VoteMethod.JUDGMENT:
            grades = content.get("grades")
            if (
                not isinstance(grades, dict)
                or set(grades) != option_ids
                or not set(grades.values()) <= set(GRADES)
            ):
                raise bad
            return {"grades": dict(sorted(grades.items()))}
    raise bad


def _closed_at(moment: datetime | None) -> DomainError:
    return DomainError(
        _("This vote closed at %(time)s: the ballot arrived too late.")
        % {
            "time": format_when(timezone.localtime(moment), "time", get_language())
            if moment
            else "—"
        }
    )


def _vote_locked_for_cast(pk: int) -> Vote:
    """The vote, read under `SELECT ... FOR SHARE`: ballots do not wait for each other, but
    a close (`FOR UPDATE`) waits for every ballot holding it, and a ballot arriving during a
    close waits and then reads the row as the close left it."""
    if connection.vendor == "postgresql":
        sql = 'SELECT * FROM "proposals_vote" WHERE id = %s FOR SHARE'
        found = list(Vote.objects.raw(sql, [pk]))
    else:  # SQLite: one writer at a time already
        found = list(Vote.objects.select_for_update().filter(pk=pk))
    if not found:
        raise DomainError(_("This vote is not open."))
    return found[0]


@transaction.atomic
def vote_cast(
    *,
    actor: User,
    vote: Vote,
    content: dict,
    for_user: User | None = None,
    assisted: bool = False,
) -> None:
    """Cast (or, for an open ballot, change) a ballot.

    `for_user` with `assisted=False` is a proxy vote (the actor holds the giver's proxy for
    the vote's meeting); with `assisted=True` a facilitator enters the ballot of someone who
    asked for help. Both are logged with who entered them; neither is allowed in secret.
    """
    voter = for_user or actor
    # Shared lock on the vote until this ballot commits: vote_close (FOR UPDATE) waits for
    # ballots in flight and counts them; a ballot arriving once the close has begun waits for
    # it and reads the vote as closed. A ballot is counted or refused, never stored and left out.
    vote = _vote_locked_for_cast(vote.pk)
    now = timezone.now()
    if vote.status == VoteStatus.CLOSED:
        raise _closed_at(vote.closed_at)
    if vote.status != VoteStatus.OPEN:
        raise DomainError(_("This vote is not open."))
    if vote.deadline is not None and now >= vote.deadline:
        raise _closed_at(vote.deadline)
    content = validate_content(vote, content)
    if for_user is not None and for_user != actor:
        if vote.secret:
            raise DomainError(_("Proxies and assisted votes are not possible in a secret ballot."))
        if assisted:
            if not actor.has_perm("core.manage_space", vote.space):
                raise DomainError(_("Only a facilitator can enter an assisted vote."))
        elif not (
            vote.meeting_id
            and Proxy.objects.filter(
                meeting=vote.meeting_id, giver=for_user, holder=actor, revoked_at__isnull=True
            ).exists()
        ):
            raise DomainError(_("You do not hold this person's proxy for this meeting."))
    entry = VoterRollEntry.objects.filter(vote=vote, user=voter).first()
    if entry is None:
        raise DomainError(_("This person is not on the voter roll of this vote."))
    if vote.secret:
        claimed = VoterRollEntry.objects.filter(pk=entry.pk, voted_at__isnull=True).update(
            voted_at=now
        )
        if not claimed:
            raise AlreadyVoted()
        Ballot.objects.create(vote=vote, secret=True, content=content, college=entry.college)
        # No audit entry names the voter of a secret ballot: the register is enough.
        return
    VoterRollEntry.objects.select_for_update().get(pk=entry.pk)  # serialise this voter
    Ballot.objects.filter(vote=vote, voter=voter, superseded_at__isnull=True).update(
        superseded_at=now
    )
    try:
        with transaction.atomic():
            Ballot.objects.create(
                vote=vote,
                secret=False,
                content=content,
                college=entry.college,
                voter=voter,
                cast_at=now,
                entered_by=actor if voter != actor else None,
            )
    except IntegrityError as exc:
        raise AlreadyVoted() from exc
    VoterRollEntry.objects.filter(pk=entry.pk, voted_at__isnull=True).update(voted_at=now)
    if voter != actor:
        audit_record(
            actor=actor,
            action="vote.assisted" if assisted else "vote.proxy",
            target=vote,
            space=vote.space,
            voter=voter.pk,
        )


@transaction.atomic
def proxy_give(*, actor: User, meeting, holder: User) -> Proxy:
    members = Membership.objects.filter(
        space=meeting.space_id, ended_at__isnull=True, role=MembershipRole.MEMBER
    )
    if not members.filter(user=actor).exists() or not members.filter(user=holder).exists():
        raise DomainError(_("Both people must be members of this space."))
    if holder == actor:
        raise DomainError(_("You cannot give your proxy to yourself."))
    if (
        Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True)
        .filter(Q(giver=actor) | Q(holder=holder))
        .exists()
    ):
        raise DomainError(_("You have already given a proxy, or this person already holds one."))
    try:
        with transaction.atomic():
            proxy = Proxy.objects.create(meeting=meeting, giver=actor, holder=holder)
    except IntegrityError as exc:
        raise DomainError(_("This proxy is not possible.")) from exc
    audit_record(actor=actor, action="proxy.give", target=meeting, space=meeting.space)
    return proxy


@transaction.atomic
def proxy_revoke(*, actor: User, proxy: Proxy) -> None:
    if proxy.giver_id != actor.pk:
        raise DomainError(_("Only the person who gave the proxy can take it back."))
    Proxy.objects.filter(pk=proxy.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(
        actor=actor, action="proxy.revoke", target=proxy.meeting, space=proxy.meeting.space
    )


# Counting -----------------------------------------------------------------------------------
CORE_METHOD = {
    VoteMethod.FOR_AGAINST: "for_against",
    VoteMethod.CONSENT: "consent",
    VoteMethod.APPROVAL: "approval",
    VoteMethod.RANKED: "irv",
    VoteMethod.JUDGMENT: "majority_judgment",
    VoteMethod.SENSE_CHECK: "sense_check",
}


def _count_input(vote: Vote, upheld: set[str] = frozenset()) -> tuple[str, dict, list]:
    """The vote's current ballots as the counting core reads them (no voter identity)."""
    from fractions import Fraction

    ballots = list(Ballot.objects.filter(vote=vote, superseded_at__isnull=True))
    params: dict = {
        "roll_size": max(vote.roll_size, 1),
        "quorum": str(Fraction(str(vote.quorum_fraction))),
    }
    option_ids = [o["id"] for o in vote.options]
    method = CORE_METHOD[vote.method]
    if vote.method == VoteMethod.FOR_AGAINST:
        params["threshold"] = vote.threshold
        if vote.require_each_college:
            rolls: dict[str, int] = {}
            for college in VoterRollEntry.objects.filter(vote=vote).values_list(
                "college", flat=True
            ):
                rolls[college] = rolls.get(college, 0) + 1
            params.update(require_each_college=True, college_rolls=rolls)
            data = [{"college": b.college, "vote": b.content["choice"]} for b in ballots]
        else:
            data = [b.content["choice"] for b in ballots]
    elif vote.method == VoteMethod.SENSE_CHECK:
        data = [b.content["choice"] for b in ballots]
    elif vote.method == VoteMethod.CONSENT:
        data = [
            "consent"
            if b.content["choice"] == "consent"
            else {"vote": "objection", "upheld": str(b.pk) in upheld}
            for b in ballots
        ]
    elif vote.method == VoteMethod.APPROVAL:
        params["options"] = option_ids
        data = [[o for o in option_ids if o in b.content["approved"]] for b in ballots]
    elif vote.method == VoteMethod.RANKED:
        params["options"] = option_ids
        data = [b.content["ranking"] for b in ballots]
    else:
        params["options"] = option_ids
        data = [b.content["grades"] for b in ballots]
    return method, params, data


def _presentable(vote: Vote, result: dict, lot: tuple[str, str] | None) -> dict:
    """Add what the result page shows: option labels, tie lot, colleges, round rows."""

    labels = {o["id"]: o["label"] for o in vote.options}
    result["winner_labels"] = [labels.get(w, w) for w in result.get("winners", [])]

    def label(value):
        if isinstance(value, str) and labels:
            parts = value.split(", ")
            if all(p in labels for p in parts):
                return ", ".join(labels[p] for p in parts)
        return value

    result["explanation"] = [
        [msgid, {k: label(v) for k, v in params.items()}]
        for msgid, params in result.get("explanation", [])
    ]
    if lot:
        result["lot"] = {"winner": lot[0], "label": labels.get(lot[0], lot[0]), "seed": lot[1]}
        result["winner_labels"] = [labels.get(lot[0], lot[0])]
    colleges = (result.get("tally") or {}).get("colleges") or {}
    result["colleges"] = (
        [
            {
                "label": str(College(c).label) if c in College.values else c,
                "visible": college_breakdown_visible(int(block.get("cast", 0))),
                "summary": f"{block.get('for', 0)} / {block.get('against', 0)} / "
                f"{block.get('abstain', 0)}",
            }
            for c, block in colleges.items()
        ]
        if vote.require_each_college
        else []
    )
    rows = []
    for r in result.get("rounds") or []:
        counts = r.get("counts", {})
        rows.append(
            {
                "cells": [
                    {"label": o["label"], "value": counts.get(o["id"], "—")} for o in vote.options
                ],
                "exhausted": r.get("exhausted", 0),
            }
        )
    result["round_rows"] = rows
    return result


def secret_ballots_unlink(*, vote_id: int, ballot_model: type[models.Model]) -> int:
    """Cut, inside the database, what still ties the secret ballots of a closing vote to the
    register. Each ballot was inserted by the transaction that marked its voter in the register
    (same `xmin`), right after the previous voter's (physical order, `pg_dump` order = the
    register's `voted_at` order). Delete them and insert them again, shuffled, with new random
    keys: every ballot's xmin is now the closing transaction, and their order is random.
    Call it in the closing transaction, under the vote's lock; `ballot_model` lets the data
    migration pass its historical model. Returns how many ballots were rewritten."""
    rows = list(
        ballot_model.objects.filter(vote_id=vote_id, secret=True).values_list("content", "college")
    )
    if not rows:
        return 0
    ballot_model.objects.filter(vote_id=vote_id, secret=True).delete()
    secrets.SystemRandom().shuffle(rows)
    ballot_model.objects.bulk_create(
        ballot_model(id=uuid.uuid4(), vote_id=vote_id, secret=True, content=c, college=college)
        for c, college in rows
    )
    return len(rows)


def ballot_table_rewrite() -> None:
    """After the unlinking commits, clear the deleted rows out of the ballot table's files.

    A plain VACUUM removes them from every read and dump (it ignores snapshots held in other
    databases of the cluster), but leaves their bytes — key, cast-time xmin, content — in the
    free space of the pages. VACUUM FULL then rewrites the table and its indexes from the rows
    that remain. (VACUUM FULL alone keeps the dead rows whenever any transaction of the cluster
    is older than the close, since its own snapshot counts.) VACUUM FULL locks the ballot table
    for the rewrite, milliseconds for thousands of ballots; it waits at most 5 s for that lock.
    PostgreSQL only, outside a transaction; a failure is logged, never raised."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        return
    for statement in ('VACUUM "proposals_ballot"', 'VACUUM FULL "proposals_ballot"'):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '5s'")
                try:
                    cursor.execute(statement)
                finally:
                    cursor.execute("RESET lock_timeout")
        except DatabaseError:
            logger.exception("%s after a secret vote closed failed", statement)


@transaction.atomic
def vote_close(*, actor: User | None, vote: Vote, upheld: set[str] = frozenset()) -> Vote:
    """Close and count. `upheld`: ids of consent objections the assembly upheld."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise DomainError(_("This vote is not open."))
    if vote.secret:
        secret_ballots_unlink(vote_id=vote.pk, ballot_model=Ballot)  # (consent is never secret)
        transaction.on_commit(ballot_table_rewrite)
    method, params, data = _count_input(vote, upheld)
    result = count(method, params, data)
    lot = None
    if result.tied and len(result.winners) > 1:
        # Seeded by the digest published in the recount file, so anyone can redo the lot.
        digest = to_recount_json(method, params, data)["ballots_digest"]
        lot = break_tie_by_lot(tuple(result.winners), digest)
    vote.result = _presentable(vote, result.to_dict(), lot)
    vote.result["upheld_ids"] = sorted(upheld)
    vote.status = VoteStatus.CLOSED
    vote.closed_at = timezone.now()
    vote.save(update_fields=["result", "status", "closed_at"])
    audit_record(
        actor=actor,
        action="vote.close",
        target=vote,
        space=vote.space,
        valid=result.valid,
        passed=result.passed,
        tie_lot=lot[0] if lot else None,
    )
    vote_closed(actor=actor, vote=vote, outcome=Outcome(passed=result.passed, valid=result.valid))
    _event(vote)
    return vote


def recount_data(*, vote: Vote) -> dict:
    """The anonymised ballots of a closed vote, in the published recount format."""
    if vote.status != VoteStatus.CLOSED:
        raise DomainError(_("The ballots are published when the vote is closed."))
    if vote.secret and vote.require_each_college:
        per_college: dict[str, int] = {}
        for college in Ballot.objects.filter(vote=vote).values_list("college", flat=True):
            per_college[college] = per_college.get(college, 0) + 1
        if not all(college_breakdown_visible(n) for n in per_college.values()):
            # Each ballot carries its college: with 1 or 2 in a college, the file would
            # reveal how those people voted. Withheld, like the breakdown on the page.
            raise DomainError(
                _(
                    "These ballots are not published: a college cast fewer "
                    "than 3, so they could reveal how someone voted."
                )
            )
    method, params, data = _count_input(vote, _upheld_from_result(vote))
    return to_recount_json(method, params, data)


def _upheld_from_result(vote: Vote) -> set[str]:
    return set((vote.result or {}).get("upheld_ids", []))


def votes_close_due(*, now: datetime | None = None) -> int:
    """Close online votes whose deadline has passed (run by Celery beat every minute)."""
    now = now or timezone.now()
    closed = 0
    for vote in Vote.objects.filter(status=VoteStatus.OPEN, deadline__lte=now):
        try:
            vote_close(actor=None, vote=vote)
            closed += 1
        except DomainError:
            continue
    return closed


# Deleting an account (registered in votes/apps.py, accounts.deletion) -------------------------


def proxies_revoke_person(user: User, now, actor: User | None) -> None:
    """Proxies she gave or holds for meetings to come are revoked."""
    Proxy.objects.filter(
        Q(giver=user) | Q(holder=user), revoked_at__isnull=True, meeting__ends_at__gt=now
    ).update(revoked_at=now)
