from tests.labs.conftest import (  # noqa: F401 (fixtures shared with labs)
    _fresh_rate_limits,
    client,
    english_messages,
)
