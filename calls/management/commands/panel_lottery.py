"""Offline panel lottery: pool and quota CSVs in, LEXIMIN lottery and optional draw out (JSON).

No database access: everything comes from the two files. See docs/lottery.md.
"""

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sortition import (
    DEFAULT_PANELS,
    LotteryError,
    apply_replacements,
    check_feasibility,
    compute_leximin,
    draw_panel,
    load_problem,
    round_lottery,
    serialize_panels,
)

EXIT_INFEASIBLE = 1
EXIT_INPUT = 2
EXIT_SOLVER = 3


class Command(BaseCommand):
    help = (
        "Compute the LEXIMIN lottery over quota-respecting panels from a pool CSV and a "
        "quota CSV, print its hash and probabilities as JSON and, with --random, draw."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pool", required=True, help="pool CSV: id,<feature>,...")
        parser.add_argument("--quotas", required=True, help="quota CSV: feature,value,min,max")
        parser.add_argument("--seats", required=True, type=int, help="panel size")
        parser.add_argument(
            "--panels", type=int, default=DEFAULT_PANELS, help="number of lines N of the list"
        )
        parser.add_argument("--random", help="the public random value (exact string)")
        parser.add_argument(
            "--expect-hash", help="the published list hash; stop if the list differs"
        )
        parser.add_argument(
            "--dropout",
            action="append",
            default=[],
            help="with --random: a selected volunteer who declined (repeat, in order)",
        )
        parser.add_argument("--write-panels", help="write the canonical panel list here")

    def handle(self, *args, **options):
        if options["panels"] < 1:
            raise CommandError("--panels must be positive", returncode=EXIT_INPUT)
        if options["dropout"] and options["random"] is None:
            raise CommandError("--dropout needs --random", returncode=EXIT_INPUT)
        try:
            problem = load_problem(options["pool"], options["quotas"], options["seats"])
            report = check_feasibility(problem)
        except LotteryError as exc:
            raise CommandError(str(exc), returncode=EXIT_INPUT) from exc
        if not report.feasible:
            raise CommandError(report.explain(), returncode=EXIT_INFEASIBLE)

        try:
            result = compute_leximin(problem)
            lottery = round_lottery(result.panels, result.probabilities, options["panels"])
        except LotteryError as exc:
            raise CommandError(
                f"the lottery could not be computed: {exc}", returncode=EXIT_SOLVER
            ) from exc
        data = serialize_panels(lottery.panels)
        digest = hashlib.sha256(data).hexdigest()
        if options["expect_hash"] and options["expect_hash"].lower() != digest:
            raise CommandError(
                f"the recomputed list hash {digest} differs from the published "
                f"{options['expect_hash']}; draw from the published file with "
                "scripts/verify_panel_draw.py instead"
            )
        if options["write_panels"]:
            Path(options["write_panels"]).write_bytes(data)

        lottery_probabilities = {i: lottery.marginals.get(i, 0.0) for i in problem.ids}
        out = {
            "seats": problem.seats,
            "pool_size": len(problem.pool),
            "panels": lottery.size,
            "list_hash": digest,
            "probabilities": result.marginals,
            "lottery_probabilities": lottery_probabilities,
            "min_probability": result.min_probability,
            "lottery_min_probability": min(lottery_probabilities.values()),
            "rounding_bound": lottery.bound,
            "support_size": len(result.panels),
            "never_selectable": list(result.never_selectable),
        }
        if options["random"] is not None:
            try:
                draw = draw_panel(lottery.panels, options["random"])
                out.update(random_value=draw.random_value, index=draw.index, panel=list(draw.panel))
                final, swaps = apply_replacements(
                    problem, draw.panel, options["dropout"], digest, draw.random_value
                )
            except LotteryError as exc:
                raise CommandError(str(exc), returncode=EXIT_INPUT) from exc
            if options["dropout"]:
                out.update(
                    replacements=[{"dropout": d, "replacement": r} for d, r in swaps],
                    final_panel=list(final),
                )
        self.stdout.write(json.dumps(out, indent=2, ensure_ascii=False))
