"""Reading the project's data files: CSV with a provenance header of ``#`` lines."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``dashboard/data/<name>`` as dicts; ``#`` lines (the provenance header) and blank lines skipped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    rows = csv.DictReader(io.StringIO(body))
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k is not None} for row in rows)


def split_variants(cell: str) -> list[str]:
    """A cell of ``;``-separated spellings."""
    return [v.strip() for v in cell.split(";") if v.strip()]
