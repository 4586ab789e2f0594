"""Agreement with pref_voting, the independent reference, run in its own interpreter.

pref_voting imports ortools, and ortools and highspy (the lottery's solver) each carry their
own build of HiGHS: whichever loads first breaks the other in the same process. So the
agreement tests (tests/proposals/pref_voting_agreement.py, read it for what they compare)
run in a fresh Python process, and this test fails if any of them fails. That process runs
without Django (no pytest-django, no conftest): the counting core is pure, and loading the
apps would load the lottery, hence highspy.
"""

import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_counting_agrees_with_pref_voting_in_a_separate_process():
    module = Path(__file__).with_name("pref_voting_agreement.py")
    completed = subprocess.run(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "pytest",
            str(module),
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:django",
            "--noconftest",
            "-W",
            "ignore::pytest.PytestConfigWarning",  # the DJANGO_* options nobody reads here
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
    assert " passed" in output and "failed" not in output and "error" not in output.lower()
