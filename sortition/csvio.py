"""Read the pool and quota CSV files, with errors that name the file line.

Pool: header ``id,<feature1>,<feature2>,...``, one row per volunteer (pseudonymous id).
Quotas: header ``feature,value,min,max``, one row per feature value.

Both are UTF-8 (a byte-order mark is accepted), comma-separated; cells are stripped of
surrounding spaces. Every feature of the pool must have quota rows, and every value a
volunteer has must have its own row (``min`` 0 and ``max`` = seats if it is not
constrained): a typo in a value can then never go unnoticed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from .model import FORBIDDEN_ID_CHARACTERS, LotteryError, Problem, Quota, Volunteer


class CSVError(LotteryError, ValueError):
    """Malformed input; the message names the file and line."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


def _rows(text: str, source: str, header_name: str) -> tuple[list[str], list[tuple[int, list]]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    rows = []
    header: list[str] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            cells = [c.strip() for c in cells]
            if header is None:
                header = cells
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise CSVError(source, reader.line_num, f"unreadable CSV ({exc})") from exc
    if header is None:
        raise CSVError(source, None, f"empty file; expected a header starting with {header_name}")
    return header, rows


def read_pool(text: str, source: str = "pool") -> list[Volunteer]:
    """Volunteers from a pool CSV; :class:`CSVError` names the line of any problem."""
    return [v for _, v in _parse_pool(text, source)]


def _parse_pool(text: str, source: str) -> list[tuple[int, Volunteer]]:
    header, rows = _rows(text, source, "id")
    if not header or header[0] != "id":
        raise CSVError(source, 1, f"the header must start with 'id', not {header[:1]}")
    features = header[1:]
    if not features:
        raise CSVError(source, 1, "the header has no feature column")
    if any(not f for f in features) or len(set(header)) != len(header):
        raise CSVError(source, 1, "feature names must be non-empty and distinct")
    seen: dict[str, int] = {}
    pool: list[tuple[int, Volunteer]] = []
    for line, cells in rows:
        if len(cells) != len(header):
            raise CSVError(source, line, f"expected {len(header)} cells, found {len(cells)}")
        vid, values = cells[0], cells[1:]
        if not vid:
            raise CSVError(source, line, "empty id")
        if FORBIDDEN_ID_CHARACTERS & set(vid):
            raise CSVError(source, line, f"id {vid!r} contains a comma or a line break")
        if vid in seen:
            raise CSVError(source, line, f"duplicate id {vid!r} (first on line {seen[vid]})")
        seen[vid] = line
        for feature, value in zip(features, values, strict=True):
            if not value:
                raise CSVError(source, line, f"empty value for {feature!r}")
        pool.append((line, Volunteer(vid, dict(zip(features, values, strict=True)))))
    if not pool:
        raise CSVError(source, None, "no volunteer")
    return pool


def _int(cell: str, source: str, line: int, name: str) -> int:
    try:
        value = int(cell)
    except ValueError:
        raise CSVError(source, line, f"{name} must be an integer, not {cell!r}") from None
    if value < 0:
        raise CSVError(source, line, f"{name} must be >= 0, not {value}")
    return value


def read_quotas(text: str, source: str = "quotas") -> list[Quota]:
    """Quotas from a quota CSV; :class:`CSVError` names the line of any problem."""
    return [q for _, q in _parse_quotas(text, source)]


def _parse_quotas(text: str, source: str) -> list[tuple[int, Quota]]:
    header, rows = _rows(text, source, "feature")
    if header != ["feature", "value", "min", "max"]:
        raise CSVError(
            source, 1, f"the header must be feature,value,min,max, not {','.join(header)}"
        )
    quotas: list[tuple[int, Quota]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if len(cells) != 4:
            raise CSVError(source, line, f"expected 4 cells, found {len(cells)}")
        feature, value = cells[0], cells[1]
        if not feature or not value:
            raise CSVError(source, line, "feature and value must not be empty")
        low = _int(cells[2], source, line, "min")
        high = _int(cells[3], source, line, "max")
        if low > high:
            raise CSVError(source, line, f"min {low} > max {high} for {feature}={value}")
        if (feature, value) in seen:
            raise CSVError(
                source,
                line,
                f"duplicate quota {feature}={value} (first on line {seen[feature, value]})",
            )
        seen[feature, value] = line
        quotas.append((line, Quota(feature, value, low, high)))
    if not quotas:
        raise CSVError(source, None, "no quota row")
    return quotas


def build_problem(
    pool_text: str,
    quotas_text: str,
    seats: int,
    *,
    pool_source: str = "pool",
    quotas_source: str = "quotas",
) -> Problem:
    """Parse both files and cross-check them (unknown features and values are errors)."""
    if seats < 1:
        raise CSVError("seats", None, "the number of seats must be positive")
    pool = _parse_pool(pool_text, pool_source)
    quotas = _parse_quotas(quotas_text, quotas_source)
    features = list(pool[0][1].features)
    by_feature: dict[str, set[str]] = {}
    for line, q in quotas:
        if q.feature not in features:
            known = ", ".join(features)
            raise CSVError(quotas_source, line, f"unknown feature {q.feature!r} (pool has {known})")
        by_feature.setdefault(q.feature, set()).add(q.value)
    missing = [f for f in features if f not in by_feature]
    if missing:
        raise CSVError(quotas_source, None, f"no quota row for feature(s) {', '.join(missing)}")
    for line, v in pool:
        for feature, value in v.features.items():
            if value not in by_feature[feature]:
                raise CSVError(
                    pool_source,
                    line,
                    f"{feature}={value!r} has no quota row (known values: "
                    f"{', '.join(sorted(by_feature[feature]))})",
                )
    return Problem([v for _, v in pool], [q for _, q in quotas], seats)


def load_problem(pool_path: str | Path, quotas_path: str | Path, seats: int) -> Problem:
    """:func:`build_problem` on two files (UTF-8)."""
    pool_path, quotas_path = Path(pool_path), Path(quotas_path)
    return build_problem(
        _read(pool_path),
        _read(quotas_path),
        seats,
        pool_source=str(pool_path),
        quotas_source=str(quotas_path),
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CSVError(str(path), None, f"not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise CSVError(str(path), None, exc.strerror or str(exc)) from None


def write_rows(rows: Iterable[Iterable[object]]) -> str:
    """A small CSV writer (used by tests and fixtures)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
