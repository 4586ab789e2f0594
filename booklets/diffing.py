"""Readable differences between two texts: a pure core, plain data in and out.

Texts are cut into words, spaces and punctuation (line breaks kept as tokens), compared
with difflib, and rendered as HTML where additions are <ins> and removals <del>, each
preceded by a visually hidden cue ("added:", "removed:") and marked by a sign in the
stylesheet, so the difference never rests on colour alone.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

_TOKEN = re.compile(r"\n|[^\S\n]+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Chunk:
    op: str  # "equal", "insert" or "delete"
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("\r\n", "\n"))


def diff(old: str, new: str) -> list[Chunk]:
    a, b = tokens(old), tokens(new)
    chunks: list[Chunk] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            chunks.append(Chunk("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            chunks.append(Chunk("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            chunks.append(Chunk("insert", "".join(b[j1:j2])))
    return chunks


def changed(chunks: list[Chunk]) -> bool:
    return any(c.op != "equal" for c in chunks)


def counts(chunks: list[Chunk]) -> dict[str, int]:
    words = {"insert": 0, "delete": 0}
    for c in chunks:
        if c.op in words:
            words[c.op] += len(re.findall(r"\w+", c.text))
    return words


def to_html(chunks: list[Chunk]) -> str:
    added, removed = escape(_("added:")), escape(_("removed:"))
    end = escape(_("end of change"))
    out = []
    for c in chunks:
        text = escape(c.text).replace("\n", "<br>\n")
        if c.op == "equal":
            out.append(text)
        elif c.op == "insert":
            out.append(
                f'<ins><span class="bk-hidden">[{added}</span>{text}'
                f'<span class="bk-hidden">] ({end})</span></ins>'
            )
        else:
            out.append(
                f'<del><span class="bk-hidden">[{removed}</span>{text}'
                f'<span class="bk-hidden">] ({end})</span></del>'
            )
    return "".join(out)
