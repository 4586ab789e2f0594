"""Demo content is data: YAML files in each app's `demo_data/` folder, read by the seed.

Texts that people read (names, proposals, agendas, booklets, the lab's log) live in files a
translator or a territory can edit without reading Python; the seeds keep only the logic
(which service to call, in which order). `load(__file__, "people.yaml")` reads
`demo_data/people.yaml` next to the calling module.
"""

from pathlib import Path
from typing import Any

import yaml


def load(module_file: str, name: str) -> Any:
    """The parsed YAML file `demo_data/<name>` of the app that holds `module_file`."""
    base = Path(module_file).resolve().parent
    while not (base / "demo_data").is_dir():
        if base.parent == base:
            raise FileNotFoundError(f"no demo_data folder above {module_file}")
        base = base.parent
    return yaml.safe_load((base / "demo_data" / name).read_text(encoding="utf-8"))
