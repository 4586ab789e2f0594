"""Lists shown a window at a time, by position in their order (keyset pagination).

A page number (OFFSET) makes the database read and skip every row before the page, and the
page count needs a COUNT(*) of the whole list: both grow with the table. Here a link carries
the sort values of the last (or first) row shown, and the next window is "the rows after
these", read through the index: the same queries and the same bytes at 100 rows or 100,000
(issue 14). Links are plain GET links ("Previous", "Next"), so lists work
without JavaScript and keep the other query parameters (filters, search).

The queryset must be ordered by non-null fields ending with the primary key (a total order),
e.g. `order_by("-updated_at", "-pk")`. A cursor that cannot be read (typed by hand, cut) is
ignored: the list starts again at the beginning, never an error page.
"""

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

PAGE_SIZE = 25
AFTER, BEFORE = "after", "before"


@dataclass(frozen=True)
class Window:
    items: list
    newer_query: str | None  # "?…" of the previous window, None on the first
    older_query: str | None  # "?…" of the next window, None on the last

    @property
    def paginated(self) -> bool:
        return bool(self.newer_query or self.older_query)


def _ordering(queryset: QuerySet) -> list[tuple[str, bool]]:
    """(field, descending) of the queryset's order, which must end with the primary key."""
    fields = [str(f) for f in (queryset.query.order_by or queryset.model._meta.ordering)]
    order = [(f.lstrip("-"), f.startswith("-")) for f in fields]
    if not order or order[-1][0] not in ("pk", "id", queryset.model._meta.pk.name):
        raise ValueError("keyset pagination needs an order that ends with the primary key")
    return order


def _encode(values: list) -> str:
    plain = [v.isoformat() if isinstance(v, date | datetime) else v for v in values]
    plain = [str(v) if isinstance(v, Decimal) else v for v in plain]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, queryset: QuerySet, order) -> list | None:
    """The sort values a cursor carries, each read by its model field; None if unreadable."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != len(order):
        return None
    meta = queryset.model._meta
    checked = []
    for (name, _descending), value in zip(order, values, strict=True):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        if isinstance(value, int) and not -(2**63) <= value < 2**63:  # beyond any column
            return None
        field = meta.pk if name == "pk" else meta.get_field(name)
        try:
            checked.append(field.to_python(value))
        except (ValidationError, ValueError, TypeError, OverflowError):
            return None
        if checked[-1] is None:
            return None
    return checked


def _beyond(order: list[tuple[str, bool]], values: list, forward: bool) -> Q:
    """Rows strictly after (forward) or before the row whose sort values are `values`, in
    the queryset's order: (a, b, pk) > (x, y, z) written out field by field."""
    condition = Q(pk__in=[])
    equal = Q()
    for (field, descending), value in zip(order, values, strict=True):
        later = descending == forward  # a descending field goes down as the list goes on
        condition |= equal & Q(**{f"{field}__{'lt' if later else 'gt'}": value})
        equal &= Q(**{field: value})
    return condition


def _values(row, order) -> list:
    out = []
    for field, _descending in order:
        value = row
        for part in field.split("__"):
            value = getattr(value, "pk" if part == "pk" else part)
        out.append(value)
    return out


def window(queryset: QuerySet, params, size: int = PAGE_SIZE) -> Window:
    """The window of `queryset` that `params` (request.GET) asks for: `after=` a cursor
    (older rows), `before=` a cursor (newer rows), or the start."""
    order = _ordering(queryset)
    keep = {k: v for k, v in params.items() if k not in (AFTER, BEFORE) and v}
    after = _decode(params[AFTER], queryset, order) if params.get(AFTER) else None
    before = None
    if after is None and params.get(BEFORE):
        before = _decode(params[BEFORE], queryset, order)
    if after is not None:
        rows = list(queryset.filter(_beyond(order, after, forward=True))[: size + 1])
        more_older, more_newer = len(rows) > size, True
        rows = rows[:size]
    elif before is not None:
        reverse = [f"{'' if d else '-'}{f}" for f, d in order]
        rows = list(
            queryset.filter(_beyond(order, before, forward=False)).order_by(*reverse)[: size + 1]
        )
        more_newer, more_older = len(rows) > size, True
        rows = rows[:size][::-1]
    else:
        rows = list(queryset[: size + 1])
        more_older, more_newer = len(rows) > size, False
        rows = rows[:size]

    def query(**cursor) -> str:
        return "?" + urlencode({**keep, **cursor})

    return Window(
        items=rows,
        newer_query=query(before=_encode(_values(rows[0], order))) if more_newer and rows else None,
        older_query=query(after=_encode(_values(rows[-1], order))) if more_older and rows else None,
    )
