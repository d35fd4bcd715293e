"""Start the dashboard server with the corpus already loading:

    python -m dashboard.serve [streamlit options] [-- --corpus DIR]

the same as ``streamlit run dashboard/app.py [options] [-- --corpus DIR]``, except that the libraries are imported
and the corpus starts loading (from the loader's cache when it is unchanged) while the server starts, not when the
first visitor arrives. ``make app`` uses it. Run from the repository root, so that ``.streamlit/config.toml`` applies.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    cut = args.index("--") if "--" in args else len(args)
    server_args, app_args = args[:cut], args[cut + 1:]
    from dashboard.views import common  # imports pandas, plotly and the dashboard while the server starts

    common.preload(common.corpus_path(app_args))
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *server_args, "--", *app_args]
    cli.main()  # serves until stopped, then exits
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
