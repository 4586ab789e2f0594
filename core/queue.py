"""Background work, queued from a service once its transaction commits, by the task's name.

A service never imports its app's `tasks` module: the tasks import the services, and the
other way round would be a circle. The service names the task instead:

    enqueue_on_commit("booklets.tasks.edition_pdf_build", edition.pk, language)

Every app whose services queue work imports its `tasks` module in its AppConfig.ready(), so
the name resolves in the web process as in the worker, and a misspelt name fails at once,
inside the service's transaction, not later in a worker. In the local default (eager
Celery) the task runs inline after the commit; in production it goes to Redis.
"""

from celery import current_app
from django.db import transaction


def enqueue_on_commit(name: str, *args, robust: bool = False) -> None:
    """Queue the registered task `name` with `args` after the current transaction commits
    (at once outside a transaction). `robust`: a failure to queue is logged, not raised."""
    task = current_app.tasks[name]
    transaction.on_commit(lambda: task.delay(*args), robust=robust)
