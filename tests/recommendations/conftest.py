from tests.proposals.conftest import adopted, official  # noqa: F401 (fixtures shared with proposals)
