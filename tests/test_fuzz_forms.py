"""Every form of the site, fuzzed: no input may produce a 5xx, and a refused post changes
nothing.

The world is the demo (``seed_demo``) plus what it lacks (a debated proposal, minutes of a
past meeting, a pending invitation). The URL conf is walked to list every pattern whose
view handles POST; the site is then crawled as each kind of visitor (anonymous, a member,
a partner of the lab, a facilitator, an official, a superuser in the admin) and every
``<form method="post">`` found on a page becomes a target, with its real fields and their
real values (hidden ``action`` values, select options, checkboxes). A pattern whose form
no page shows is fuzzed from its view's source (form classes and the POST keys it reads).

Hypothesis then posts, for each target, values drawn from the real ones and from nasty
ones: empty, huge, NUL bytes, non-integer and huge ids, lists, unicode, RTL marks, HTML,
junk files. Each post runs in a savepoint rolled back afterwards, so every example starts
from the same state. A post is *refused* when it answers 4xx, redisplays a form with
errors, or redirects with an error message; a refused post must leave every table as it
was (row counts and a hash of every row; sessions are left out). ``FUZZ_EXAMPLES`` sets
the number of examples per target (default below).
"""

import inspect
import logging
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.models import User

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "9"))
ANONYMOUS_EXAMPLES = 3  # every target again, as an anonymous visitor
PAGES_PER_NAME = 5  # crawled pages per URL name and visitor
VARIANTS_PER_NAME = 6  # targets per URL name and visitor (one per distinct "action")

ROLES = {
    "anonymous": None,
    "member": "amina",  # a newcomer holding an Agora seat
    "partner": "paul",  # a partner in the lab, not in the Agora
    "facilitator": "claire",
    "official": "odile",
    "admin": "root",  # a superuser, in /admin/
}

# Never crawled (GET): binary downloads, language switches, static files.
SKIPPED = re.compile(r"^/(static|media)/|/pdf/$|\.(ics|csv|txt|json|pdf|png|jpg|webp)$|/images/")
# Never posted: the admin's own log-out from the admin pages (the session is restored
# anyway, but the admin login form is fuzzed through account_login).
TABLES_LEFT_OUT = {"django_session"}


# The world ----------------------------------------------------------------------------------
def _minutes_of_a_past_meeting():
    from datetime import timedelta

    from django.utils import timezone

    from meetings.models import Meeting
    from meetings.services import minutes_comment_add, minutes_save

    claire = User.objects.get(username="claire")
    amina = User.objects.get(username="amina")
    meeting = Meeting.objects.filter(space__slug="agora").order_by("starts_at").first()
    start = timezone.now() - timedelta(days=20)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    minutes_save(actor=claire, meeting=meeting, text="Présents : 12. Décisions : …", base_number=0)
    revision = meeting.minutes_revisions.order_by("-number").first()
    minutes_comment_add(actor=amina, revision=revision, text="Il manque le point 3.")


@pytest.fixture
def world(settings, tmp_path):
    from tests.test_public_crawl import _debated_proposal

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    call_command("seed_demo", stdout=StringIO())
    _debated_proposal()
    _minutes_of_a_past_meeting()
    User.objects.create_superuser(username="root", email="root@example.org", password="x")
    from accounts.services import invitation_create
    from core.models import Membership
    from core.services import membership_end

    claire = User.objects.get(username="claire")
    leaving = Membership.objects.get(space__slug="agora", user__username="abdi", ended_at=None)
    membership_end(actor=claire, membership=leaving)
    _invitation, token = invitation_create(actor=claire, seat=leaving.seat)
    _what_the_demo_lacks(claire)
    # Logging the fuzzing clients back in (after a post that logged them out) must not write
    # last_login outside the rolled-back savepoints: it would show as a change.
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    yield {"invitation": f"/invite/{token}/", "account_links": _account_links()}
    user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")


def _account_links() -> list[str]:
    """The links allauth e-mails: confirm an address, reset a password."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    hawa = User.objects.get(username="hawa")
    address = EmailAddress.objects.create(user=hawa, email="hawa@example.org", primary=True)
    key = EmailConfirmationHMAC(address).key
    reset = f"{user_pk_to_url_str(hawa)}-{default_token_generator.make_token(hawa)}"
    return [f"/accounts/confirm-email/{key}/", f"/accounts/password/reset/key/{reset}/"]


def _what_the_demo_lacks(claire):
    """Objects in the states whose forms the demo does not show: a draft, an amendment
    awaiting its authors, a call for volunteers open on the Agora's free seat, a reader's
    feedback awaiting moderation."""
    from datetime import timedelta

    from django.utils import timezone

    from booklets.models import EditionPage
    from booklets.services import feedback_add
    from calls.services import call_apply, call_open
    from core.models import Space
    from proposals import services
    from proposals.models import Proposal

    agora = Space.objects.get(slug="agora")
    amina = User.objects.get(username="amina")
    services.proposal_create(actor=amina, space=agora, title="Brouillon", text="À finir.")
    debated = Proposal.objects.get(title="Des horaires de bus traduits")
    services.amendment_propose(actor=amina, proposal=debated, text="Aussi en ukrainien.")
    call = call_open(
        actor=claire,
        space=agora,
        college="",
        title="Un siège libre",
        seats=1,
        deadline=timezone.now() + timedelta(days=7),
        replacement_rule="lottery",
        retention_days=30,
        questions=[("Quartier", ["nord", "sud"])],
    )
    key = call.questions.get().key
    for i, answer in enumerate(["nord", "sud", "nord"]):
        call_apply(call=call, contact=f"+33 6 11 22 33 4{i}", answers={key: answer}, consent=True)
    page = EditionPage.objects.order_by("pk").first()
    feedback_add(page=page, helpful=False, comment="Le numéro de téléphone a changé.")


# Which URL patterns handle POST --------------------------------------------------------------
ADMIN_POST = re.compile(r"^admin:(.*_(add|change|delete|changelist|password_change)|login|logout)$")


def _handles_post(name: str, callback) -> bool:
    if name.startswith("admin:"):
        return bool(ADMIN_POST.match(name))
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    function = callback
    while function is not None:
        if not inspect.isfunction(function):
            return False  # a callable object (a feed): GET only
        for cell in function.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if isinstance(value, list | tuple | set) and "POST" in value:
                return True  # require_POST / require_http_methods
        inner = getattr(function, "__wrapped__", None)
        if inner is None:
            try:
                source = inspect.getsource(function)
            except (OSError, TypeError):
                return False
            return bool(re.search(r"request\.(POST|FILES|method)", source))
        function = inner
    return False


def post_patterns() -> dict[str, object]:
    """URL name → view, for every pattern whose view handles POST (admin included)."""
    found = {}

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) or None
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                if _handles_post(name, p.callback):
                    found[name] = p.callback

    walk(get_resolver().url_patterns, None)
    return found


# Harvesting forms from pages -----------------------------------------------------------------
@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → values seen
    files: set[str] = field(default_factory=set)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def _add(self, name, value):
        if self._form is not None and name:
            self._form.fields.setdefault(name, [])
            if value not in self._form.fields[name]:
                self._form.fields[name].append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = (
                Form(action=a.get("action") or "")
                if a.get("method", "").lower() == "post"
                else None
            )
            if self._form is not None:
                self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            name = a.get("name")
            if kind == "file" and name:
                self._form.files.add(name)
            elif kind in ("submit", "image", "button", "reset"):
                if name:
                    self._form.buttons.append((name, a.get("value") or ""))
            elif kind in ("checkbox", "radio"):
                self._add(name, a.get("value") or "on")
            else:
                self._add(name, a.get("value") or "")
        elif tag == "button" and (a.get("type") or "submit") == "submit" and a.get("name"):
            self._form.buttons.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a.get("name")
            if self._select:
                self._form.fields.setdefault(self._select, [])
        elif tag == "option" and self._select:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea and self._form is not None and data.strip():
            self._form.fields[self._textarea][0] = data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Target:
    role: str
    name: str
    path: str
    form: Form
    source: str = "page"  # "page" or "view source"

    @property
    def label(self):
        action = (
            dict(self.form.buttons).get("action") or (self.form.fields.get("action") or [""])[0]
        )
        return f"{self.role} {self.name} {self.path}" + (f" [{action}]" if action else "")


def _signature(form: Form) -> tuple:
    """Forms of one URL that do different things: their hidden/button dispatch values."""
    hidden = {k: tuple(v) for k, v in form.fields.items() if k in ("action", "form", "decision")}
    return tuple(sorted(hidden.items())) + tuple(sorted(form.buttons))


def harvest(client: Client, role: str, user, start: list[str]) -> list[Target]:
    seen: set[str] = set()
    per_name: Counter = Counter()
    queue = [p for p in start if p]
    targets: dict[tuple, Target] = {}
    variants: Counter = Counter()
    while queue:
        path = queue.pop(0)
        if path in seen or SKIPPED.search(urlsplit(path).path):
            continue
        seen.add(path)
        name = _url_name(path)
        if name is None or per_name[name] >= PAGES_PER_NAME:
            continue
        if role == "admin" and not name.startswith("admin:"):
            continue
        per_name[name] += 1
        response = client.get(path)
        if user is not None and "_auth_user_id" not in client.session:
            client.force_login(user)  # a page logged the visitor out (someone's reset link)
        if response.status_code in (301, 302) and not urlsplit(response.url).netloc:
            queue.insert(0, response.url)  # a key link moves its key into the session
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode("utf-8", "replace"))
        for form in page.forms:
            action = urljoin(path, form.action) if form.action else path
            action = urldefrag(action)[0]
            parts = urlsplit(action)
            if parts.netloc and parts.netloc not in ("testserver",):
                continue
            form_name = _url_name(parts.path)
            if form_name is None:
                continue
            key = (form_name, _signature(form))
            if key not in targets and variants[form_name] < VARIANTS_PER_NAME:
                variants[form_name] += 1
                targets[key] = Target(role, form_name, parts.path, form)
        for link in page.links:
            link = urldefrag(link.strip())[0]
            parts = urlsplit(urljoin(path, link))
            if parts.netloc and parts.netloc not in ("testserver",):
                continue
            if parts.scheme and parts.scheme not in ("http", "https"):
                continue
            if "logout" in parts.path:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return list(targets.values())


def _fields_from_source(callback) -> Form:
    """The fields a view reads, for a form no page shows: its form classes' fields and the
    keys it reads from request.POST."""
    function = inspect.unwrap(callback)
    form = Form(action="")
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return form
    module = inspect.getmodule(function)
    for name in set(re.findall(r"\b([A-Z]\w*Form)\(", source)):
        form_class = getattr(module, name, None)
        for field_name in getattr(form_class, "base_fields", {}):
            form.fields[field_name] = [""]
    for key in re.findall(r"POST\.get(?:list)?\(\s*[\"']([^\"']+)", source):
        form.fields.setdefault(key, [""])
    return form


# What is posted ----------------------------------------------------------------------------
NASTY_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "abc",
    "1e9",
    "0x1F",
    "١٢",  # Arabic-Indic digits
    str(2**31),
    str(2**63),
    "9" * 40,
    "\x00",
    "1\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u202etxt.exe",
    "\u200f\u200e\u061c",
    "null",
    "[]",
    "{}",
    "true",
    "../../../etc/passwd",
    "%00",
    "\r\n",
    "line\nbreak",
    "2026-02-30",
    "25:61",
    "NaN",
    "inf",
    "-0",
    "😀" * 3,
    "Ω" * 300,
]
HUGE = ["x" * 20_000, "9" * 5_000, "\u202e" * 2_000]

nasty = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(HUGE),
)


def junk_file(data: bytes, name: str):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


files = st.builds(
    junk_file,
    st.one_of(st.binary(max_size=200), st.just(b"%PDF-1.4\n" + b"\x00" * 50), st.just(b"")),
    st.sampled_from(["a.pdf", "a.png", "../x.txt", "\x00.pdf", "x" * 300 + ".jpg", "noext"]),
)


@st.composite
def post_data(draw, form: Form):
    """The form as a browser would send it, with some fields replaced by nasty values,
    lists or left out."""
    names = sorted(form.fields) + sorted(form.files)
    data: dict[str, object] = {}
    for name, values in form.fields.items():
        data[name] = draw(st.sampled_from(values)) if values else ""
    if form.buttons:
        button, value = draw(st.sampled_from(form.buttons))
        data[button] = value
    if not names:
        return data
    corrupted = draw(st.sets(st.sampled_from(names), min_size=1, max_size=min(3, len(names))))
    for name in corrupted:
        how = draw(st.sampled_from(["value", "value", "value", "list", "missing"]))
        if how == "missing":
            data.pop(name, None)
        elif name in form.files:
            data[name] = draw(st.one_of(files, nasty))
        elif how == "list":
            data[name] = draw(st.lists(nasty, min_size=2, max_size=3))
        else:
            data[name] = draw(nasty)
    return data


# The database's state -----------------------------------------------------------------------
def _tables() -> list[str]:
    return sorted(set(connection.introspection.table_names()) - TABLES_LEFT_OUT)


def snapshot(tables) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of every table, in one query."""
    parts = [
        f"SELECT '{t}', count(*), md5(coalesce(string_agg(md5(x::text), '' "
        f"ORDER BY md5(x::text)), '')) FROM \"{t}\" x"
        for t in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {t: (n, h) for t, n, h in cursor.fetchall()}


# Outcomes -----------------------------------------------------------------------------------
def _refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    storage = getattr(response.wsgi_request, "_messages", None)
    if storage is not None and any(m.level >= 40 for m in storage._queued_messages):
        return True
    if response.status_code == 200 and response.context is not None:
        for context in response.context:
            for value in context.flatten().values():
                errors = getattr(value, "errors", None)
                if getattr(value, "is_bound", False) and errors:
                    return True
    return False


@dataclass
class Report:
    forms: set = field(default_factory=set)
    posts: int = 0
    statuses: Counter = field(default_factory=Counter)
    refused: int = 0
    refused_unchanged: int = 0
    errors: list = field(default_factory=list)  # (label, data, status, exception)
    changed: list = field(default_factory=list)  # (label, data, tables)
    errors_by_name: Counter = field(default_factory=Counter)


def _short(data) -> dict:
    def cut(v):
        if isinstance(v, list):
            return [cut(x) for x in v]
        if isinstance(v, SimpleUploadedFile):
            return f"<file {v.name[:30]!r}>"
        v = str(v)
        return v if len(v) < 60 else f"{v[:40]!r}…({len(v)} chars)"

    return {k: cut(v) for k, v in data.items()}


def fuzz_target(target: Target, client: Client, user, tables, report: Report, examples: int):
    baseline = snapshot(tables)
    exceptions: list = []

    def remember(sender, request, **kwargs):
        import sys

        exceptions.append(repr(sys.exc_info()[1])[:300])

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(post_data(target.form))
    def one(data):
        exceptions.clear()
        report.posts += 1
        with transaction.atomic():
            response = client.post(target.path, data)
            status = response.status_code
            report.statuses[status // 100 * 100] += 1
            if status >= 500:
                report.errors.append((target.label, _short(data), status, list(exceptions)))
                report.errors_by_name[target.name] += 1
            elif _refused(response):
                report.refused += 1
                try:
                    after = snapshot(tables)
                except DatabaseError as exc:
                    report.changed.append((target.label, _short(data), f"database error {exc}"))
                else:
                    diff = sorted(t for t in tables if after.get(t) != baseline.get(t))
                    if diff:
                        report.changed.append((target.label, _short(data), diff))
                    else:
                        report.refused_unchanged += 1
            transaction.set_rollback(True)
        client.cookies.pop("messages", None)
        if user is not None and "_auth_user_id" not in client.session:
            client.force_login(user)  # the post logged the client out (log-out, deletion)

    got_request_exception.connect(remember)
    try:
        one()
    finally:
        got_request_exception.disconnect(remember)


def _start_pages(world) -> list[str]:
    from tests.test_public_crawl import _entry_points

    pages = [
        "/",
        "/me/",
        "/me/delete/",
        "/me/data/",
        "/calendar/",
        "/notices/",
        "/meetings/",
        "/recommendations/inbox/",
        "/agora/new/",
        "/labs/new/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/logout/",
        "/accounts/2fa/",
    ]
    return [*pages, world["invitation"], *_entry_points()]


def _fallback_targets(missing: set[str], patterns, targets: list[Target], roles) -> list[Target]:
    """A POST pattern no page shows a form for: build its path from the arguments of a
    crawled path sharing its URL arguments, fields from its view's source; post as every
    visitor."""
    from django.urls import NoReverseMatch, reverse

    paths = [t.path for t in targets]
    found = []
    for name in sorted(missing):
        path = None
        for candidate in paths:
            match = resolve(candidate)
            try:
                path = reverse(name, kwargs=match.kwargs)
                break
            except NoReverseMatch:
                continue
        if path is None:
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue
        form = _fields_from_source(patterns[name])
        for role in ["admin"] if name.startswith("admin:") else roles:
            found.append(Target(role, name, path, form, source="view source"))
    return found


def test_no_form_answers_5xx_and_refusals_change_nothing(world, capsys, caplog):
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    logging.getLogger("django.security").setLevel(logging.CRITICAL)
    patterns = post_patterns()
    users = {
        role: User.objects.filter(username=u).first() if u else None for role, u in ROLES.items()
    }
    clients = {}
    targets: list[Target] = []
    start = _start_pages(world)
    began = time.monotonic()
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
        pages = {"admin": ["/admin/"], "anonymous": world["account_links"] + start}
        targets += harvest(client, role, user, pages.get(role, start))
    covered = {t.name for t in targets}
    missing = set(patterns) - covered
    targets += _fallback_targets(
        missing, patterns, targets, ["facilitator", "member", "partner", "official"]
    )
    unreached = sorted(set(patterns) - {t.name for t in targets})
    with capsys.disabled():
        print("\nfallback:", sorted(missing))
        print("targets per role:", Counter(t.role for t in targets))

    crawled = time.monotonic()
    tables = _tables()
    report = Report()
    for target in targets:
        report.forms.add((target.name, target.path, _signature(target.form)))
        user = users[target.role]
        fuzz_target(target, clients[target.role], user, tables, report, EXAMPLES)
        if target.role != "anonymous":
            anonymous = Target("anonymous", target.name, target.path, target.form, target.source)
            fuzz_target(anonymous, clients["anonymous"], None, tables, report, ANONYMOUS_EXAMPLES)

    with capsys.disabled():
        print(
            f"\nform fuzz: {len(patterns)} POST URL patterns, {len(covered & set(patterns))} "
            f"found on pages, {len(targets)} targets ({len(report.forms)} distinct forms), "
            f"{report.posts} posts, statuses {dict(sorted(report.statuses.items()))}, "
            f"{len(report.errors)} 5xx, {report.refused} refused "
            f"({report.refused_unchanged} with the database unchanged), "
            f"{len(report.changed)} refused posts that changed rows; "
            f"crawl {crawled - began:.0f} s, posts {time.monotonic() - crawled:.0f} s"
        )
        if report.errors_by_name:
            print("5xx by URL name:", dict(report.errors_by_name.most_common()))
        seen = set()
        for label, data, status, exc in report.errors:
            key = (label, tuple(exc))
            if key in seen:
                continue
            seen.add(key)
            print(f"  {status} {label} {data} {exc}")
        for label, data, tables_changed in report.changed[:30]:
            print(f"  CHANGED {label} {data} {tables_changed}")
        if unreached:
            print("POST patterns not reached:", unreached)
    assert not report.errors, f"{len(report.errors)} posts answered 5xx (listed above)"
    assert not report.changed, f"{len(report.changed)} refused posts changed rows (above)"
    assert unreached == [], f"POST patterns never fuzzed: {unreached}"
    assert report.refused_unchanged > 0
