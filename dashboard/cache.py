"""The loader's cache on disk: data only (Arrow tables, JSON metadata, JSON lines), nothing that can run code.

Two caches per corpus folder, both under ``<cache dir>/``:

``corpus-<tag>/``  the finished tables of the whole corpus (one Arrow IPC file per table, read without its
    pandas metadata) and ``meta.json``: the code version, the corpus folder, a fingerprint of every input
    file, and each table file's name, size and Arrow column types. Used only when the fingerprint still matches (see
    ``Inputs``) and every table file has its recorded size, passes Arrow's validation and has those columns and types.
``articles-<tag>/``  each article's extracted rows, one JSON line per article keyed by a hash of the code version,
    the article's id, date and text (``seg-*.jsonl``). Lines are appended as articles are parsed, so a run that is
    killed keeps what it parsed; a torn last line is skipped when read.

Every file is written under a temporary name (``<name>.<pid>-<ns>.tmp``) and renamed into place; temporary files
left by a killed run are removed by the next run (when their process is gone, or after an hour). A cache file that
cannot be read, does not parse or does not match is ignored and the corpus is parsed again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc

from .schema import TABLES, Corpus
from .sources import MANIFEST_NAME, MAX_BYTES, source_files

FORMAT = 2  # the layout of these files; a cache of another format is ignored
RACY_NS = 2_000_000_000  # a file changed less than this before it was fingerprinted is hashed again next time
STALE_AFTER_S = 3600  # a temporary file of a process still running is removed after this long
HEAD_BYTES = 4096  # files over MAX_BYTES are never read by the loader: only their head is hashed

ArticleResult = dict[str, list[dict[str, Any]]]

_TMP = re.compile(r"\.(\d+)-(\d+)\.tmp$")
_SEGMENT = re.compile(r"^seg-(\d+)-(\d+)\.jsonl$")
_LEGACY = ("corpus-{tag}.pickle", "articles-{tag}.pickle")  # format 1 (pickle): never read, removed


# ---------------------------------------------------------------------------------------------------------------------
# files


def _token() -> str:
    return f"{os.getpid()}-{time.time_ns()}"


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # someone else's process (or an impossible pid)
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` to ``path`` under a temporary name first, so a reader never sees half a file."""
    tmp = path.with_name(f"{path.name}.{_token()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def clean_stale(folder: Path) -> int:
    """Remove temporary files of killed runs from ``folder``: their process is gone, or they are over an hour old."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for e in entries:
        m = _TMP.search(e.name)
        if not m:
            continue
        with contextlib.suppress(OSError):
            if not pid_alive(int(m.group(1))) or now - e.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S:
                os.unlink(e.path)
                removed += 1
    return removed


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


# ---------------------------------------------------------------------------------------------------------------------
# the inputs of a corpus: which files, their size, times and contents


def input_files(root: Path) -> list[tuple[str, str]]:
    """Every file the loader reads under ``root``: the article files (``source_files``) and every file named
    manifest.csv (any case) in their folders, as (path relative to the corpus folder, path)."""
    root = Path(root)
    base = root.parent if root.is_file() else root
    out = source_files(root)
    b = str(base)
    for folder in sorted({os.path.dirname(p) for _, p in out} | {b}):
        exact = os.path.join(folder, MANIFEST_NAME)
        try:
            if os.path.isfile(exact):
                found = [exact]
            else:
                found = [e.path for e in os.scandir(folder) if e.name.lower() == MANIFEST_NAME]
        except OSError:
            found = []
        out.extend((Path(p).relative_to(base).as_posix(), p) for p in found)
    return out


StatKey = tuple[str, int, int, int, int]  # kind ('f' file, 'o' other, 'x' cannot stat), size, mtime_ns, ctime_ns, ino


def _stat_key(path: str) -> StatKey:
    try:
        st = os.stat(path)
    except OSError as e:
        return ("x", 0, 0, e.errno or 0, 0)
    kind = "f" if stat.S_ISREG(st.st_mode) else "o"
    return (kind, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _content_hash(path: str, size: int) -> str:
    """SHA-1 of what the loader would read (the whole file, or its head if it is too large to be read); never opens
    anything but a regular file (a FIFO swapped in would block)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        return f"error {e.errno}"
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "not a regular file"
        try:
            data = fh.read(MAX_BYTES + 1 if size <= MAX_BYTES else HEAD_BYTES)
        except OSError as e:
            return f"error {e.errno}"
    return _sha1(data)


@dataclass
class Inputs:
    """Every input file's stat key and content hash, taken at ``time_ns`` (before any file was looked at).

    A file is proven unchanged without reading it when its kind, size, mtime, ctime and inode are those recorded and
    both times were more than ``RACY_NS`` older than the recording (otherwise a write in the same clock tick could
    hide behind equal times); every other file is read and hashed again."""

    time_ns: int
    files: dict[str, tuple[StatKey, str]]
    hashed: int = 0  # files read by ``take`` (the others were proven unchanged by their stat key)

    @staticmethod
    def stats(root: Path) -> tuple[int, list[tuple[str, str, StatKey]]]:
        t0 = time.time_ns()
        return t0, [(rel, p, _stat_key(p)) for rel, p in input_files(root)]

    @classmethod
    def take(cls, t0: int, stats: list[tuple[str, str, StatKey]], previous: Inputs | None = None) -> Inputs:
        files: dict[str, tuple[StatKey, str]] = {}
        hashed = 0
        for rel, path, key in stats:
            old = previous.files.get(rel) if previous else None
            if old is not None and previous is not None and old[0] == key and previous.trusted(key):
                files[rel] = old
            elif key[0] == "f":
                files[rel] = (key, _content_hash(path, key[1]))
                hashed += 1
            else:
                files[rel] = (key, "")
        return cls(t0, files, hashed)

    def trusted(self, key: StatKey) -> bool:
        return key[0] != "f" or max(key[2], key[3]) < self.time_ns - RACY_NS

    @staticmethod
    def digest(stats: Iterable[tuple[str, str, StatKey]]) -> str:
        return hashlib.sha1(repr([(rel, key) for rel, _, key in stats]).encode("utf-8", "surrogatepass")).hexdigest()

    def all_trusted(self) -> bool:
        return all(self.trusted(k) for k, _ in self.files.values())

    def contents(self) -> dict[str, tuple[str, int, str]]:
        """What decides the result: each file's name, kind, size and hash (not its times). Worked out once (a load
        asks several times; ``files`` is not changed after ``take``)."""
        done = self.__dict__.get("_contents")
        if done is None:
            done = self.__dict__["_contents"] = {rel: (k[0], k[1] if k[0] == "f" else 0, h)
                                                 for rel, (k, h) in self.files.items()}
        return done

    def to_json(self) -> bytes:
        rels = list(self.files)
        data = {"time_ns": self.time_ns, "rel": rels, "key": [self.files[r][0] for r in rels],
                "hash": [self.files[r][1] for r in rels]}
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")

    @classmethod
    def from_json(cls, data: bytes) -> Inputs:
        d = json.loads(data.decode("utf-8", "surrogatepass"))
        files = {str(r): ((str(k[0]), int(k[1]), int(k[2]), int(k[3]), int(k[4])), str(h))
                 for r, k, h in zip(d["rel"], d["key"], d["hash"], strict=True)}
        return cls(int(d["time_ns"]), files)


# ---------------------------------------------------------------------------------------------------------------------
# the whole corpus: Arrow tables + meta.json


class CorpusCache:
    """The finished tables of one corpus folder."""

    def __init__(self, cache_dir: Path, tag: str) -> None:
        self.dir = Path(cache_dir) / f"corpus-{tag}"
        self.cache_dir = Path(cache_dir)
        self.tag = tag

    def clean(self) -> None:
        clean_stale(self.cache_dir)
        clean_stale(self.dir)
        for pattern in _LEGACY:
            with contextlib.suppress(OSError):
                (self.cache_dir / pattern.format(tag=self.tag)).unlink()

    def meta(self) -> dict[str, Any] | None:
        try:
            meta = json.loads((self.dir / "meta.json").read_bytes().decode("utf-8", "surrogatepass"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) and meta.get("format") == FORMAT else None

    def inputs(self, meta: Mapping[str, Any]) -> Inputs | None:
        try:
            data = (self.dir / _plain_name(meta["inputs"]["file"])).read_bytes()
            if _sha1(data) != meta["inputs"]["sha1"]:
                return None
            return Inputs.from_json(data)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def tables(self, meta: Mapping[str, Any]) -> Corpus | None:
        """The tables ``meta`` names, if each file is there with its size, valid, and with the recorded columns and
        Arrow types (which decide the pandas dtypes)."""
        out: dict[str, pd.DataFrame] = {}
        try:
            for name, cols in TABLES.items():
                entry = meta["tables"][name]
                data = (self.dir / _plain_name(entry["file"])).read_bytes()
                if len(data) != entry["size"]:
                    return None
                with ipc.open_file(pa.BufferReader(data)) as reader:
                    table = reader.read_all()
                table.validate()
                if table.column_names != list(cols) or [str(t) for t in table.schema.types] != entry["types"]:
                    return None
                out[name] = table.to_pandas(use_threads=False, ignore_metadata=True,
                                            types_mapper=_ARROW_TO_PANDAS.get)
        except Exception:  # any damage (missing, truncated, not Arrow, wrong types): parse again
            return None
        return Corpus(**out)

    def save(self, corpus: Corpus, meta: dict[str, Any], inputs: Inputs) -> None:
        """Tables and inputs under fresh names, then meta.json naming them (one rename: readers see the old set or
        the new one), then the files the old meta.json named."""
        self.dir.mkdir(parents=True, exist_ok=True)
        old = self.meta()
        token = _token()
        tables: dict[str, Any] = {}
        for name, df in corpus.tables().items():
            sink = pa.BufferOutputStream()
            table = pa.Table.from_pandas(df, preserve_index=False)
            with ipc.new_file(sink, table.schema) as writer:  # uncompressed: read back without decoding
                writer.write_table(table)
            data = sink.getvalue().to_pybytes()
            fname = f"{name}.{token}.arrow"
            write_atomic(self.dir / fname, data)
            tables[name] = {"file": fname, "size": len(data), "types": [str(t) for t in table.schema.types]}
        self._write_meta({**meta, "tables": tables}, inputs, old)

    def touch(self, meta: dict[str, Any], inputs: Inputs) -> None:
        """Record a newer fingerprint for the same tables (files re-hashed and found unchanged)."""
        self._write_meta(dict(meta), inputs, self.meta())

    def _write_meta(self, meta: dict[str, Any], inputs: Inputs, old: Mapping[str, Any] | None) -> None:
        data = inputs.to_json()
        fname = f"inputs.{_token()}.json"
        write_atomic(self.dir / fname, data)
        meta.update(format=FORMAT, inputs={"file": fname, "sha1": _sha1(data)})
        write_atomic(self.dir / "meta.json", json.dumps(meta, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        keep = {"meta.json", fname, *(t["file"] for t in meta["tables"].values())}
        self._remove_unlisted(keep, old)

    def _remove_unlisted(self, keep: set[str], old: Mapping[str, Any] | None) -> None:
        """Files of older sets (and sets whose meta.json was never written because the run was killed)."""
        for e in list(os.scandir(self.dir)):
            if e.name in keep or _TMP.search(e.name):
                continue
            m = re.search(r"\.(\d+)-(\d+)\.(arrow|json)$", e.name)
            if m and (int(m.group(1)) == os.getpid() or not pid_alive(int(m.group(1)))
                      or (old is not None and e.name in _named(old))):
                with contextlib.suppress(OSError):
                    os.unlink(e.path)


_ARROW_TO_PANDAS = {pa.large_string(): pd.StringDtype(), pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(),
                    pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype()}


def _named(meta: Mapping[str, Any]) -> set[str]:
    try:
        return {str(meta["inputs"]["file"]), *(str(t["file"]) for t in meta["tables"].values())}
    except (KeyError, TypeError, AttributeError):
        return set()


def _plain_name(name: Any) -> str:
    """A file name from meta.json, never a path (a tampered meta.json cannot point elsewhere)."""
    name = str(name)
    if "/" in name or "\\" in name or name in ("", ".", ".."):
        raise ValueError(name)
    return name


# ---------------------------------------------------------------------------------------------------------------------
# each article's rows: JSON lines, appended as they are parsed


def _json_default(obj: Any) -> Any:
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    if hasattr(obj, "item"):  # numpy scalars
        return obj.item()
    raise TypeError(type(obj).__name__)


_RESULT_KEYS = frozenset(TABLES) | {"error"}


def _valid_result(res: Any) -> bool:
    return isinstance(res, dict) and all(
        k in _RESULT_KEYS and isinstance(v, list) and all(isinstance(r, dict) for r in v) for k, v in res.items())


class ArticleStore:
    """Each article's rows by key, in JSON lines files; new results are appended at once (one write per article)."""

    COMPACT_SEGMENTS = 8

    def __init__(self, cache_dir: Path, tag: str) -> None:
        self.dir = Path(cache_dir) / f"articles-{tag}"
        self.results: dict[str, ArticleResult] = {}
        self._read: list[Path] = []  # segments read (and so merged into ``results``)
        self._entries = 0
        self._fh: io.FileIO | None = None
        self._path: Path | None = None
        self.added = 0

    def load(self) -> dict[str, ArticleResult]:
        clean_stale(self.dir)
        try:
            names = sorted(e.name for e in os.scandir(self.dir) if _SEGMENT.match(e.name))
        except OSError:
            return self.results
        for name in names:
            path = self.dir / name
            try:
                data = path.read_bytes()
            except OSError:
                continue
            self._read.append(path)
            for line in data.split(b"\n"):
                parts = line.split(b"\t", 2)
                if len(parts) != 3 or _sha1(parts[2]).encode() != parts[1]:
                    continue  # a torn last line (killed while writing) or damage: that article is parsed again
                try:
                    res = json.loads(parts[2].decode("utf-8", "surrogatepass"))
                except ValueError:
                    continue
                if _valid_result(res):
                    self.results[parts[0].decode("ascii", "replace")] = res
                    self._entries += 1
        return self.results

    def add(self, key: str, result: ArticleResult) -> None:
        self.results[key] = result
        try:
            if self._fh is None:
                self.dir.mkdir(parents=True, exist_ok=True)
                self._path = self.dir / f"seg-{_token()}.jsonl"
                self._fh = io.FileIO(self._path, "ab")  # unbuffered: each line is on disk when add() returns
            self._fh.write(_line(key, result))
            self.added += 1
        except OSError:
            self.close()  # a read-only cache only costs speed

    def close(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None

    def finish(self, keep: set[str]) -> None:
        """Close, and merge all segments into one holding only ``keep`` when they have grown (many segments, or a
        quarter of the entries no longer used)."""
        self.close()
        live = sum(1 for k in keep if k in self.results)
        segments = self._read + ([self._path] if self._path else [])
        if len(segments) <= self.COMPACT_SEGMENTS and (self._entries + self.added - live) * 4 <= max(live, 1):
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            write_atomic(self.dir / f"seg-{_token()}.jsonl",
                         b"".join(_line(k, self.results[k]) for k in sorted(keep) if k in self.results))
        except OSError:
            return
        for p in segments:
            m = _SEGMENT.match(p.name)
            if m and int(m.group(1)) != os.getpid() and pid_alive(int(m.group(1))):
                continue  # another loader is still appending to it
            with contextlib.suppress(OSError):
                p.unlink()


def _line(key: str, result: ArticleResult) -> bytes:
    """``key<TAB>sha1<TAB>json``: the checksum finds a torn or damaged line."""
    data = json.dumps(result, ensure_ascii=False, default=_json_default,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")
    return b"%s\t%s\t%s\n" % (key.encode("ascii"), _sha1(data).encode(), data)
