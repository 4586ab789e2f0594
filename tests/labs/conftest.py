import pytest


@pytest.fixture
def eager_celery():
    """Run queued tasks in-process (under make test the broker is Redis and nobody works it
    here)."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
