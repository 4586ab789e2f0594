"""python manage.py recount FILE — count a published vote again, from its ballots file.

The file is the "Download the anonymised ballots" of a closed vote (format in the
README). Needs no database: anyone can check a result with this command alone.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from counting import CountingError, recount, render_explanation


class Command(BaseCommand):
    help = "Recount a closed vote from its anonymised ballots file (JSON)."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print the full result as JSON")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8") as handle:
                data = json.load(handle)
            result = recount(data)
        except (OSError, json.JSONDecodeError, CountingError) as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
            return
        self.stdout.write(f"method: {result.method}")
        self.stdout.write(f"valid (quorum reached): {result.valid}")
        if result.passed is not None:
            self.stdout.write(f"passed: {result.passed}")
        if result.winners:
            self.stdout.write(f"{'tied' if result.tied else 'winner'}: {', '.join(result.winners)}")
        for line in render_explanation(result.explanation):
            self.stdout.write(f"- {line}")
