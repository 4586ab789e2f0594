"""The house's one rule: imports go one way (docs/architecture.md, "Layers").

Reads the imports of every module of the project with `ast` (no extra tool) and fails on:
- an import of an app that sits above the importing one in LAYERS;
- a circle between modules (inside an app too), module-level imports only;
- a project import placed inside a function (the usual way to hide a circle), except in an
  AppConfig's ready() — where registries are filled — and under `if TYPE_CHECKING:`;
- a pure core that imports Django or an app (checked by importing it in a fresh interpreter).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. An app may import apps at its rank or below, never above. The pure cores
# come first: top-level packages that import nothing of the project (nor Django).
LAYERS = [
    ("counting", "sortition"),
    ("core",),
    ("accounts",),
    ("votes",),
    ("meetings",),
    ("proposals",),
    ("recommendations",),
    ("booklets",),
    ("calls",),
    ("labs",),
    ("agora",),
    ("portal",),
    ("config",),
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
# Pure cores: they import nothing of Django or of the project but themselves (counting of
# votes, the panel lottery, recurrence rules, quorum arithmetic).
PURE_PACKAGES = ("counting", "sortition", "meetings.recurrence", "meetings.quorum")
SKIPPED_PARTS = {"migrations", "__pycache__"}


def project_modules():
    """{dotted module name: path} for every module of every layer's package."""
    found = {}
    for app in RANK:
        base = ROOT / app
        if not base.is_dir():
            continue
        for path in base.rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            if SKIPPED_PARTS & set(rel.parts):
                continue
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_type_checking(node):
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module, node, is_package):
    """The absolute names a node imports (a module, or module.name for `from m import name`)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def read_imports(module, path):
    """(module-level imports, imports inside functions) as (line, name) lists."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    top, nested = [], []

    def walk(node, in_function, in_ready):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                names = _resolve(module, child, is_package)
                if in_function and not in_ready:
                    nested.extend((child.lineno, name) for name in names)
                elif not in_function:
                    top.extend((child.lineno, name) for name in names)
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(child, True, in_ready or (child.name == "ready" and path.name == "apps.py"))
            else:
                walk(child, in_function, in_ready)

    walk(tree, False, False)
    return top, nested


def _target(name, modules):
    """The project module a dotted name refers to (longest known prefix), or None."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph():
    modules = project_modules()
    edges, nested = {}, []
    for module, path in modules.items():
        top, inner = read_imports(module, path)
        edges[module] = {}
        for line, name in top:
            target = _target(name, modules)
            if target and target != module:
                edges[module].setdefault(target, line)
        for line, name in inner:
            if _target(name, modules):
                nested.append(f"{module}:{line} imports {name} inside a function")
    return modules, edges, sorted(set(nested))


def _app(module):
    return module.split(".")[0]


def upward_imports(edges):
    found = []
    for module, targets in edges.items():
        for target, line in targets.items():
            if RANK[_app(target)] > RANK[_app(module)]:
                found.append(f"{module}:{line} imports {target} (a layer above)")
        pure = _pure_package(module)
        if pure:
            found.extend(
                f"{module}:{line} (a pure core) imports {t}"
                for t, line in targets.items()
                if _pure_package(t) != pure
            )
    return sorted(found)


def _pure_package(module):
    return next((p for p in PURE_PACKAGES if module == p or module.startswith(p + ".")), None)


def circles(edges):
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(" ⇄ ".join(sorted(component)))
    return sorted(result)


def test_every_app_has_its_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps - set(RANK) == set(), "add the new app to LAYERS and docs/architecture.md"


def test_no_upward_import():
    _, edges, _ = import_graph()
    assert upward_imports(edges) == []


def test_no_circle_between_modules():
    _, edges, _ = import_graph()
    assert circles(edges) == []


def test_no_project_import_hidden_in_a_function():
    _, _, nested = import_graph()
    assert nested == []


# Foreign keys from a model to an app above its own, named by string (no import). Each one is
# a decision, written here with its reason; any other is a failure. A new kind of vote
# subject points to its vote from its own side (booklets.Edition.vote) instead.
UPWARD_RELATIONS = {
    # Kept from before votes had their own app, so the data keep their shape (issue 11):
    # what the vote decides (registered subjects read them) and where it is held.
    "votes.Vote.proposal": "proposals",
    "votes.Vote.minutes_revision": "meetings",
    "votes.Vote.meeting": "meetings",  # a live vote in a meeting: its room and its proxies
    "votes.Proxy.meeting": "meetings",  # a proxy is given for one meeting
}


def upward_relations():
    from django.apps import apps

    found = {}
    for model in apps.get_models():
        own = model._meta.app_label
        if own not in RANK:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if getattr(field, "swappable_setting", None):  # settings.AUTH_USER_MODEL: the
                continue  # user is named through the setting, Django's way, from any app
            target = field.related_model._meta.app_label
            if target in RANK and RANK[target] > RANK[own]:
                found[f"{model._meta.label}.{field.name}"] = target
    return found


def test_model_relations_point_down_or_are_declared():
    assert upward_relations() == UPWARD_RELATIONS


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_cores_import_without_django(package):
    code = (
        "import sys; import {p}; "
        "own = {p!r}.split('.'); mine = {{'.'.join(own[:i]) for i in range(1, len(own) + 1)}}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r} "
        "and m not in mine and not m.startswith({p!r} + '.'))\n"
        "print(','.join(bad))"
    ).format(p=package, forbidden=sorted({"django", "rules", "celery", "channels"} | set(RANK)))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"{package} pulls in {out.stdout.strip()}"


def test_the_checker_sees_what_it_must(tmp_path):
    """The reader itself, on made-up code: an upward import, a circle, a hidden import."""
    edges = {
        "core.a": {"labs.b": 3},
        "labs.b": {"labs.c": 1},
        "labs.c": {"labs.b": 2},
        "sortition.x": {"sortition.y": 4, "core.a": 5},
    }
    assert upward_imports(edges) == [
        "core.a:3 imports labs.b (a layer above)",
        "sortition.x:5 (a pure core) imports core.a",
        "sortition.x:5 imports core.a (a layer above)",
    ]
    assert circles(edges) == ["labs.b ⇄ labs.c"]
    source = tmp_path / "services.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from core.models import Space\n"
        "if TYPE_CHECKING:\n"
        "    from labs.models import Lab\n"
        "def close():\n"
        "    from booklets.services import edition_vote_closed\n"
        "    from . import tasks\n"
    )
    top, nested = read_imports("proposals.services", source)
    assert ("core.models.Space" in [n for _, n in top]) and "labs.models" not in str(top)
    assert (6, "booklets.services") in nested and (7, "proposals.tasks") in nested
