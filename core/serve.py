"""``python -m core.serve``: Daphne's command line (same options), with the secret path
segments of invitation, calendar and password-reset links redacted from its access log
(see core.logging). Daphne writes that log itself, outside the logging module."""

from daphne.cli import CommandLineInterface
from daphne.server import Server

from core.logging import redact


def redacting(action_logger):
    def log_action(protocol, action, details):
        if isinstance(details.get("path"), str):
            details = {**details, "path": redact(details["path"])}
        action_logger(protocol, action, details)

    return log_action


class RedactingServer(Server):
    def __init__(self, *args, action_logger=None, **kwargs):
        if action_logger is not None:
            action_logger = redacting(action_logger)
        super().__init__(*args, action_logger=action_logger, **kwargs)


class RedactingCommandLineInterface(CommandLineInterface):
    server_class = RedactingServer


if __name__ == "__main__":
    RedactingCommandLineInterface.entrypoint()
