"""core.queue: services queue their app's tasks by name; every name must resolve."""

import ast
from pathlib import Path

import pytest
from celery import current_app
from django.db import transaction

from core.queue import enqueue_on_commit

ROOT = Path(__file__).resolve().parents[2]


def _queued_names():
    names = set()
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "enqueue_on_commit"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def test_every_queued_task_name_is_registered_in_the_web_process():
    names = _queued_names()
    assert "booklets.tasks.edition_pdf_build" in names  # the scan finds the calls
    assert names <= set(current_app.tasks), names - set(current_app.tasks)


@pytest.mark.django_db
def test_a_misspelt_name_fails_inside_the_transaction():
    with pytest.raises(KeyError), transaction.atomic():
        enqueue_on_commit("booklets.tasks.no_such_task", 1)
