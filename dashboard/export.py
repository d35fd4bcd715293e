"""Exports: PNG on the server (kaleido + Debian chromium), ZIP of charts, CSV / Excel / Parquet bytes. No streamlit.

PNG rendering starts kaleido's chromium lazily, on the first request, once per process; calls are serialised with a
lock (the kaleido server is a singleton that is not safe for concurrent callers). The render page gets no MathJax (it
would come from a CDN) and gets the world base map preloaded as ``window.PlotlyGeoAssets`` (so geo charts never fetch).
Chromium is launched through ``bin/chromium-offline`` (background networking off) unless ``BROWSER_PATH`` says
otherwise.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import threading
import time
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from . import xlsx
from .spreadsheet import csv_safe

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = Path(__file__).resolve().parent / "static"
TOPOJSON_FILE = STATIC_DIR / "world_110m.json"
TOPOJSON_URL = "app/static/"  # relative to the page: Streamlit serves dashboard/static/ there
WRAPPER = ROOT / "bin" / "chromium-offline"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_WIDTH = 1200
ENABLE_HINT = ("Server-side PNG export needs Chromium: `apt-get install -y chromium fonts-noto-core` (Debian), or "
               "point `BROWSER_PATH` at a Chrome/Chromium binary, then restart the app. The camera icon in each "
               "chart's toolbar downloads a PNG without it.")


class PngUnavailable(RuntimeError):
    """Server-side PNG export cannot run here; ``str(e)`` says how to enable it."""


def browser_path() -> str | None:
    """The browser kaleido will launch: ``BROWSER_PATH``, else bin/chromium-offline, else chromium on PATH."""
    env = os.environ.get("BROWSER_PATH", "").strip()
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    if WRAPPER.exists() and os.access(WRAPPER, os.X_OK) and os.path.exists("/usr/bin/chromium"):
        return str(WRAPPER)
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def png_status() -> tuple[bool, str]:
    """(available, reason). Cheap: checks files only, never starts a browser."""
    if _failed and time.monotonic() - _failed[0] < 60:
        return False, _failed[1]
    if browser_path() is None:
        env = os.environ.get("BROWSER_PATH")
        return False, (f"No browser at BROWSER_PATH={env!r}. " if env else "No Chromium found. ") + ENABLE_HINT
    return True, ""


# ---------------------------------------------------------------------------------------------------------------------
# kaleido server

_lock = threading.Lock()
_started = False
_failed: list = []  # [monotonic time, message] of the last failed start
_tmpdir: tempfile.TemporaryDirectory | None = None


def _geo_assets_script() -> Path:
    """A JS file that preloads the base map into plotly.js's asset cache (written once per process)."""
    global _tmpdir
    if _tmpdir is None:
        _tmpdir = tempfile.TemporaryDirectory(prefix="dashboard-kaleido-")
    path = Path(_tmpdir.name) / "geo_assets.js"
    if not path.exists():
        topo = TOPOJSON_FILE.read_text(encoding="utf-8") if TOPOJSON_FILE.exists() else "null"
        path.write_text("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
                        f"window.PlotlyGeoAssets.topojson['world_110m'] = {topo};\n", encoding="utf-8")
    return path


def _ensure_server() -> None:
    """Start kaleido's persistent chromium once (caller holds ``_lock``)."""
    global _started
    if _started:
        return
    ok, why = png_status()
    if not ok:
        raise PngUnavailable(why)
    import kaleido
    from kaleido import PageGenerator

    try:
        page = PageGenerator(mathjax=False, others=[_geo_assets_script()])
        kaleido.start_sync_server(page_generator=page, path=browser_path(), timeout=60, silence_warnings=True)
    except Exception as e:  # ChromeNotFoundError, BrowserFailedError, ...
        msg = f"Could not start Chromium for PNG export ({type(e).__name__}: {e}). {ENABLE_HINT}"
        _failed[:] = [time.monotonic(), msg]
        raise PngUnavailable(msg) from e
    _started = True
    _failed.clear()


def for_image(fig: go.Figure) -> dict:
    """The figure as a plain dict without what only hovering shows (``customdata``, hover templates and texts): a
    chart of thousands of points sends a tenth of the data to the renderer and draws the same image."""
    spec = fig.to_dict()
    for trace in spec.get("data", []):
        if "customdata" in str(trace.get("texttemplate", "")):  # drawn text that reads customdata keeps it
            continue
        for key in ("customdata", "hovertemplate", "hovertext"):
            trace.pop(key, None)
    return spec


def figure_png(fig: go.Figure, width: int | None = None, height: int | None = None, scale: float = 2) -> bytes:
    """The figure as PNG bytes (``scale`` x the layout size), rendered by kaleido on this machine."""
    import kaleido

    w = int(width or fig.layout.width or PNG_WIDTH)
    h = int(height or fig.layout.height or 500)
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                data = kaleido.calc_fig_sync(for_image(fig), opts={"format": "png", "width": w, "height": h,
                                                                   "scale": scale})
            except Exception as e:
                raise PngUnavailable(f"PNG rendering failed ({type(e).__name__}: {e}).") from e
    if not isinstance(data, bytes) or not data.startswith(PNG_SIGNATURE):
        raise PngUnavailable("PNG rendering returned no image.")
    return data


def stop_server() -> None:
    """Stop kaleido's chromium (tests; it also stops by itself at exit)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


def figures_zip(items: Sequence[tuple[str, go.Figure]], render=figure_png) -> bytes:
    """A ZIP with one ``<name>.png`` per figure (names made unique; stored, as PNG is compressed already)."""
    buf = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, fig in items:
            stem, k = safe_name(name), 2
            while stem in seen:
                stem = f"{safe_name(name)}-{k}"
                k += 1
            seen.add(stem)
            zf.writestr(f"{stem}.png", render(fig))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------------------------
# names and browser-side export


def safe_name(s: str, limit: int = 120) -> str:
    """File-name-safe: letters, digits, ``-_.`` kept; everything else becomes ``-``."""
    out = re.sub(r"[^A-Za-z0-9_.-]+", "-", s).strip("-.") or "chart"
    return out[:limit]


def file_stem(page: str, chart: str, filter_slug: str) -> str:
    """``ramstein_<page>_<chart>_<filter>``: says what is in the file and which filter made it."""
    return safe_name(f"ramstein_{page}_{chart}_{filter_slug}", limit=150)


def modebar_config(stem: str) -> dict:
    """plotly.js config: the camera downloads a 2x PNG named ``stem``; base maps come from our static folder."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "topojsonURL": TOPOJSON_URL,
    }


# ---------------------------------------------------------------------------------------------------------------------
# tables

XLSX_CELL_LIMIT = xlsx.CELL_LIMIT


def for_download(df: pd.DataFrame) -> pd.DataFrame:
    """Plain dtypes for files: categories -> strings, day dates without a time part stay datetimes."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("string")
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Arabic correctly), dates as YYYY-MM-DD; text that a spreadsheet would run as a
    formula gets a leading single quote (``dashboard.spreadsheet``)."""
    return csv_safe(for_download(df)).to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def excel_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (cells cut at Excel's 32,767 characters; control characters removed). Every
    text cell is a string cell, never a formula; formula-like text carries Excel's quote prefix
    (``dashboard.xlsx``)."""
    return xlsx.workbook({name: for_download(df) for name, df in tables.items()})


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    for_download(df).reset_index(drop=True).to_parquet(buf, index=False)
    return buf.getvalue()


def parquet_zip(tables: Mapping[str, pd.DataFrame]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, df in tables.items():
            zf.writestr(f"{safe_name(name)}.parquet", parquet_bytes(df))
    return buf.getvalue()
