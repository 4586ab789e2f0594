"""Secrets in URLs are kept out of every log line.

Some links are secrets in themselves: an invitation (``/invite/<token>/``), a personal
calendar feed (``/calendar/<token>.ics``), allauth's password reset and e-mail confirmation
keys. A 404, a refused CSRF check or a 500 logs the request path, and Daphne's access log
writes it for every request. ``redact`` replaces the secret path segment with
``[redacted]``; ``install_record_factory`` applies it to every log record the process
creates, whatever its logger and handler (console, files, pytest's caplog), and
``core.serve`` applies it to Daphne's access log.

The prefixes are fixed strings (a log record may be created before the URLconf can be
imported); a test checks them against the routes.
"""

import logging
import re

REDACTED = "[redacted]"
SECRET_PATH_PREFIXES = (
    "/invite/",
    "/calendar/",
    "/accounts/password/reset/key/",
    "/accounts/confirm-email/",
)
# The prefix, then the whole secret segment: up to the next slash, query string, space or
# quote (a calendar feed's ".ics" goes with it).
_SECRET_SEGMENT = re.compile(
    "(" + "|".join(re.escape(prefix) for prefix in SECRET_PATH_PREFIXES) + r")[^/\s?#\"'<>]+"
)


def redact(text: str) -> str:
    return _SECRET_SEGMENT.sub(r"\1" + REDACTED, text)


def install_record_factory() -> None:
    """Wrap the log record factory once: a record whose message names a secret path is
    rewritten with the message already formatted and redacted."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts_secret_paths", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business
            return record
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return record

    factory.redacts_secret_paths = True
    logging.setLogRecordFactory(factory)
