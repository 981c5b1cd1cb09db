"""Reading raw/: .txt, .jsonl and saved .html articles, with every problem recorded, never raised.

``read_inputs([Path("raw")])`` gives every article found under raw/ (``doc`` = "a.txt", or the
url of a .jsonl record) and every problem, e.g. ``InputProblem("b.txt", None, "empty", True)``.

Given the records of the last read (``previous``, by ``source_path``), a file whose size and
mtime are as recorded is not opened, and a file whose content hashes as recorded is not parsed:
``read_inputs([raw], base=raw, previous=records).files`` tells which (``InputFile.status``).
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import io
import json
import os
import re
import stat as stat_mode
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from ikm_facts.extract import MAX_EXTRACT_CHARS


@dataclass(frozen=True)
class RawArticle:
    article_id: str  # sha256 of the normalized text, first 16 hex chars
    doc: str  # FACTS.md `doc`: file name for .txt/.html, url for a .jsonl record (else file:line)
    source_path: str  # relative to the folder that was read
    source_format: str  # txt | jsonl | html
    source_line: int | None
    url: str | None
    title: str | None
    outlet: str | None
    published_metadata: str | None
    text: str


@dataclass(frozen=True)
class InputProblem:
    source_path: str
    source_line: int | None
    reason: str
    rejected: bool  # True: nothing was read; False: read, with a warning (e.g. cp1252)


@dataclass(frozen=True)
class FileRecord:
    """One article file as it was when last read: enough to see, without reading it, that it
    has not changed since."""

    source_path: str
    size: int
    mtime_ns: int
    sha256: str  # of the file's bytes
    read_at: datetime  # naive UTC: when it was opened
    articles: int  # articles found in it, duplicates of other files' articles included
    rejected: bool  # the file as a whole was rejected (binary, empty, not Indonesian, ...)


# read: parsed now; unchanged: size and mtime as recorded, not opened; same content: opened
# and hashed (its size or mtime changed), but its bytes are as recorded, so not parsed.
FileStatus = Literal["read", "unchanged", "same content"]


@dataclass(frozen=True)
class InputFile:
    record: FileRecord  # as the file is now (for a file not parsed: its articles as last read)
    status: FileStatus


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[RawArticle, ...]
    problems: tuple[InputProblem, ...]
    # Every article file found (other files only give problems), whether it was parsed or not:
    # write_ingest forgets the recorded files that are not here.
    files: tuple[InputFile, ...]


FORMATS = {".txt": "txt", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
# Files that live beside articles by convention and are not articles.
SILENTLY_IGNORED = {"readme.md", ".gitkeep"}
# Far beyond any news article; a bigger text is a dump or a mistake, and would slow everything.
MAX_TEXT_BYTES = 5_000_000
# A gzip file is read decompressed up to this; more is a dump, or a bomb, and is rejected.
MAX_DECOMPRESSED_BYTES = 100_000_000
GZIP_MAGIC = b"\x1f\x8b"
# Byte order marks of the encodings read besides UTF-8; UTF-32's before UTF-16's, which they
# begin with. Without a mark, UTF-16 or UTF-32 is rejected as binary (its NUL bytes).
BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
# Fewer words than this from a page is a menu or a caption that trafilatura fell back on.
MIN_HTML_WORDS = 10
# A file modified this shortly before it was read can change again within the same mtime tick
# (2 s on FAT, a few ms on ext4); its size and mtime prove nothing, so it is hashed instead.
MTIME_GRANULARITY = timedelta(seconds=2)

# Function words that are frequent in any running text of the language and rare in the other.
# fmt: off
INDONESIAN_WORDS = frozenset({
    "yang", "dan", "di", "untuk", "dengan", "dari", "ini", "itu", "pada", "akan", "tidak",
    "dalam", "ke", "juga", "oleh", "sebagai", "adalah", "telah", "atau", "bahwa", "karena",
    "sudah", "dapat", "para", "kami", "mereka", "tersebut", "saat", "masih", "lebih", "hingga",
    "serta", "agar", "bagi", "kata", "ada", "sebanyak",
})
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "as", "was", "are", "by",
    "this", "from", "be", "it", "at", "which", "have", "has", "were", "an", "will", "their",
    "its", "or", "not", "but", "been",
})
# fmt: on
_WORD = re.compile(r"[^\W\d_]+")


def read_inputs(
    paths: list[Path],
    base: Path | None = None,
    previous: Mapping[str, FileRecord] | None = None,
) -> IngestResult:
    """Read files and folders (recursively); ``source_path`` is relative to ``base``.

    Without ``base``, paths are relative to each folder given (a file given alone: its name).
    A file unchanged since its record in ``previous`` is not parsed: it gives no articles and
    no problems here (the read that made the record gave them). Without ``previous`` every
    file is read.
    """
    articles: list[RawArticle] = []
    problems: list[InputProblem] = []
    files: list[InputFile] = []
    seen: dict[str, str] = {}  # article_id -> where it was first read
    records = previous or {}
    folders: dict[Path, Path] = {}  # each folder resolved once, not once per file
    for given in paths:
        root = base if base is not None else (given if given.is_dir() else given.parent)
        if not given.exists() and not given.is_symlink():
            problems.append(
                InputProblem(_relative(given, root, folders), None, "no such file or folder", True)
            )
            continue
        for file in _files(given):
            if isinstance(file, _Unlisted):
                rel = _relative(file.path, root, folders, follow=False)
                problems.append(InputProblem(rel, None, file.reason, True))
                continue
            rel = _relative(file, root, folders)
            input_file, items = _read_file(file, rel, records.get(rel))
            if input_file is not None:
                files.append(input_file)
            for item in items:
                if isinstance(item, InputProblem):
                    problems.append(item)
                elif item.article_id in seen:
                    reason = f"duplicate of {seen[item.article_id]}"
                    problems.append(InputProblem(rel, item.source_line, reason, False))
                else:
                    seen[item.article_id] = location(item.source_path, item.source_line)
                    articles.append(item)
    return IngestResult(articles=tuple(articles), problems=tuple(problems), files=tuple(files))


def article_id(text: str) -> str:
    """The id of an article: the same text, however spaced or cased, gives the same id."""
    normalized = " ".join(unicodedata.normalize("NFKC", text).split()).lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class _Unlisted:
    """An entry of a folder that is not read as a file: a folder that cannot be listed, or a
    link to a folder (not followed)."""

    path: Path
    reason: str


def _files(given: Path) -> Iterator[Path | _Unlisted]:
    if not given.is_dir():
        yield given  # a file, or a link that leads nowhere: _read_file says which
        return
    found: list[Path | _Unlisted] = []

    def unlisted(error: OSError) -> None:
        path = Path(error.filename) if error.filename else given
        found.append(_Unlisted(path, f"cannot list folder: {_os_reason(error)}"))

    # os.walk does not follow symlinked folders, so a link loop cannot hang the run; they are
    # reported, not silently left out.
    for folder, subfolders, names in os.walk(given, onerror=unlisted):
        subfolders[:] = [s for s in subfolders if not s.startswith(".")]
        links = {s for s in subfolders if (Path(folder) / s).is_symlink()}
        found.extend(_Unlisted(Path(folder) / s, "link to a folder: not followed") for s in links)
        subfolders[:] = [s for s in subfolders if s not in links]
        found.extend(Path(folder) / name for name in names)

    def key(entry: Path | _Unlisted) -> str:
        return (entry.path if isinstance(entry, _Unlisted) else entry).relative_to(given).as_posix()

    yield from sorted(found, key=key)


def _relative(path: Path, root: Path, folders: dict[Path, Path], *, follow: bool = True) -> str:
    """``path`` relative to ``root``, both with their links resolved (``folders`` caches them).

    A link that leads nowhere (dangling, a loop), or any link without ``follow``, is named for
    itself, not for its target.
    """

    def resolved(folder: Path) -> Path:
        if folder not in folders:
            folders[folder] = folder.resolve()
        return folders[folder]

    try:
        real = resolved(path.parent) / path.name
        if follow and path.is_symlink():
            # RuntimeError: a link loop (Python < 3.13)
            with contextlib.suppress(OSError, RuntimeError):
                real = path.resolve(strict=True)
        return real.relative_to(resolved(root)).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def location(source_path: str, line: int | None) -> str:
    """Where an input is, as problems name it: ``a.txt``, or ``umpan.jsonl:3``."""
    return source_path if line is None else f"{source_path}:{line}"


def _read_file(
    file: Path, rel: str, record: FileRecord | None
) -> tuple[InputFile | None, list[RawArticle | InputProblem]]:
    """The file as it is now (None: not an article file, or unreadable), and what it gave."""
    name = file.name.lower()
    suffix = file.suffix.lower()
    # "umpan.jsonl.gz" is a .jsonl file, compressed; whether its bytes are gzip decides the read.
    kind = FORMATS.get(Path(name[:-3]).suffix if suffix == ".gz" else suffix)
    if kind is None:
        if suffix == ".gz":
            reason = "unsupported file type (compressed: gzip of neither .txt, .jsonl nor .html)"
            return None, [InputProblem(rel, None, reason, False)]
        if name not in SILENTLY_IGNORED and not name.startswith("."):
            return None, [InputProblem(rel, None, "unsupported file type", False)]
        return None, []
    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        # The stat before the bytes: a change in between makes the next run look again.
        stat = file.stat()
        if not stat_mode.S_ISREG(stat.st_mode):
            # Never opened: a named pipe would block the run, a device never end.
            return None, [InputProblem(rel, None, _not_a_file(stat.st_mode), True)]
        if record is not None and _unchanged(record, stat.st_size, stat.st_mtime_ns):
            return InputFile(record, "unchanged"), []
        data = file.read_bytes()
    except OSError as error:
        # No record either, so the next run tries again.
        return None, [InputProblem(rel, None, _unreadable(file, error), True)]
    sha256 = hashlib.sha256(data).hexdigest()
    if record is not None and record.sha256 == sha256:
        moved = replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns, read_at=now)
        return InputFile(moved, "same content"), []
    items = list(_parse(data, kind, rel, file.name, named_gzip=suffix == ".gz"))
    fresh = FileRecord(
        source_path=rel,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        sha256=sha256,
        read_at=now,
        articles=sum(isinstance(item, RawArticle) for item in items),
        rejected=any(
            isinstance(item, InputProblem) and item.rejected and item.source_line is None
            for item in items
        ),
    )
    return InputFile(fresh, "read"), items


def _unreadable(file: Path, error: OSError) -> str:
    """Why an entry could not be opened, in words: "symlink loop", "dangling symlink (...)"."""
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno == errno.ENOENT and file.is_symlink():
        return f"dangling symlink (no {file.readlink()})"
    if error.errno == errno.EISDIR:
        return "a folder, not a file"
    return f"cannot read: {_os_reason(error)}"


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def _not_a_file(mode: int) -> str:
    if stat_mode.S_ISDIR(mode):
        return "a folder, not a file"
    kinds = {stat_mode.S_ISFIFO: "a named pipe", stat_mode.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a device")
    return f"not a regular file ({kind})"


def _unchanged(record: FileRecord, size: int, mtime_ns: int) -> bool:
    """Size and mtime as recorded, and the mtime old enough at the read to be trusted."""
    modified = _EPOCH + timedelta(microseconds=record.mtime_ns // 1000)
    settled = modified < record.read_at - MTIME_GRANULARITY
    return settled and (record.size, record.mtime_ns) == (size, mtime_ns)


_EPOCH = datetime(1970, 1, 1)  # naive UTC, as read_at


def _parse(
    data: bytes, kind: str, rel: str, file_name: str, *, named_gzip: bool = False
) -> Iterator[RawArticle | InputProblem]:
    if data.startswith(GZIP_MAGIC):
        unpacked = _gunzip(data, rel)
        if isinstance(unpacked, InputProblem):
            yield unpacked
            return
        data = unpacked
        if not named_gzip:
            yield InputProblem(
                rel, None, "compressed (gzip) but not named .gz; read decompressed", False
            )
    decoded = _decode(data, rel)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    text, warning = decoded
    if warning:
        yield warning
    if not text.strip():
        yield InputProblem(rel, None, "empty", True)
        return
    if kind == "txt":
        yield from _article(text, rel, file_name, "txt", None, {})
    elif kind == "jsonl":
        yield from _read_jsonl(text, rel, file_name)
    else:
        yield from _read_html(text, rel, file_name)


def _gunzip(data: bytes, rel: str) -> bytes | InputProblem:
    """The bytes of a gzip file, decompressed up to ``MAX_DECOMPRESSED_BYTES``."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
            unpacked = unzipped.read(MAX_DECOMPRESSED_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        return InputProblem(
            rel, None, "compressed (gzip) and damaged: cannot be decompressed", True
        )
    if len(unpacked) > MAX_DECOMPRESSED_BYTES:
        limit = MAX_DECOMPRESSED_BYTES // 1_000_000
        return InputProblem(rel, None, f"compressed (gzip): over {limit} MB decompressed", True)
    return unpacked


def _decode(data: bytes, rel: str) -> tuple[str, InputProblem | None] | InputProblem:
    """UTF-8 (BOM dropped), UTF-16 or UTF-32 with a BOM, else cp1252, the last three with a
    warning; binary data is rejected."""
    warning = None
    marked = next(
        ((codec, name) for bom, codec, name in BYTE_ORDER_MARKS if data.startswith(bom)), None
    )
    if marked is not None:
        codec, name = marked
        try:
            text = data.decode(codec)  # the codec reads the mark for the byte order and drops it
        except UnicodeDecodeError:
            return InputProblem(
                rel, None, f"binary file (a {name} byte order mark, then not {name})", True
            )
        return _checked(
            text,
            rel,
            InputProblem(rel, None, f"not UTF-8; read as {name} (byte order mark)", False),
        )
    if b"\x00" in data[:8192]:
        return InputProblem(rel, None, "binary file (NUL bytes)", True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return InputProblem(rel, None, "binary file (neither UTF-8 nor cp1252)", True)
        warning = InputProblem(rel, None, "not UTF-8; read as cp1252", False)
    return _checked(text, rel, warning)


def _checked(
    text: str, rel: str, warning: InputProblem | None
) -> tuple[str, InputProblem | None] | InputProblem:
    """The text with its line ends made ``\\n``, unless it is mostly control characters."""
    sample = text[:8192]
    control = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"))
    control -= sum(sample.count(c) for c in "\t\n\r\f")
    if sample and control > 0.1 * len(sample):
        return InputProblem(rel, None, "binary file (non-printable characters)", True)
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def _article(
    text: str,
    rel: str,
    doc: str,
    source_format: str,
    line: int | None,
    meta: dict[str, str | None],
) -> Iterator[RawArticle | InputProblem]:
    """Checks shared by every format, then the article itself."""
    if not text.strip():
        yield InputProblem(rel, line, "empty", True)
        return
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_TEXT_BYTES:
        text = encoded[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore")
        yield InputProblem(rel, line, f"cut at {MAX_TEXT_BYTES // 1_000_000} MB", False)
    language = language_problem(text)
    if language:
        yield InputProblem(rel, line, language, True)
        return
    if len(text) > MAX_EXTRACT_CHARS:
        # Said here, by the file, so that it lives and goes with the file's other problems.
        yield InputProblem(
            rel, line, f"text cut at {MAX_EXTRACT_CHARS:,} characters for extraction", False
        )
    url = meta.get("url")
    yield RawArticle(
        article_id=article_id(text),
        doc=doc,
        source_path=rel,
        source_format=source_format,
        source_line=line,
        url=url,
        title=meta.get("title"),
        outlet=meta.get("outlet") or (urlsplit(url).hostname if url else None),
        published_metadata=meta.get("published"),
        text=text,
    )


def language_problem(text: str) -> str | None:
    """A cheap check on function words; enough to keep English pages out of an Indonesian corpus."""
    words = _WORD.findall(text[:20_000].lower())
    indonesian = sum(1 for w in words if w in INDONESIAN_WORDS)
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    if english > indonesian and english >= 3:
        return "not Indonesian (looks like English)"
    if indonesian == 0 and len(words) >= 30:
        return "not Indonesian (no common Indonesian words)"
    return None


def _read_jsonl(text: str, rel: str, file_name: str) -> Iterator[RawArticle | InputProblem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputProblem(rel, number, f"not JSON ({error.msg})", True)
            continue
        if not isinstance(record, dict):
            yield InputProblem(rel, number, "not a JSON object", True)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(rel, number, "no text", True)
            continue
        meta = {key: _metadata(record.get(key)) for key in ("url", "title", "published")}
        meta["outlet"] = _metadata(record.get("source"))
        doc = meta["url"] or f"{file_name}:{number}"
        yield from _article(body.replace("\r\n", "\n"), rel, doc, "jsonl", number, meta)


def _metadata(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _read_html(page: str, rel: str, file_name: str) -> Iterator[RawArticle | InputProblem]:
    import trafilatura  # here, so that reading .txt and .jsonl never pays for it

    try:
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            favor_precision=False,
            include_comments=False,
            include_tables=True,
            # Dates from the page's metadata only: a guess from free text (a copyright year)
            # would override the dateline that ikm_facts reads far more reliably.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # a third-party parser: whatever breaks it, the run goes on
        yield InputProblem(rel, None, f"HTML could not be parsed ({type(error).__name__})", True)
        return
    if document is None or isinstance(document, dict):
        yield InputProblem(rel, None, "no article text found", True)
        return
    body = (document.text or "").strip()
    if len(body.split()) < MIN_HTML_WORDS:
        yield InputProblem(rel, None, "no article text found", True)
        return
    title = _metadata(document.title)
    if title and not _starts_with_title(body, title):
        body = f"{title}\n{body}"
    meta = {
        "url": _metadata(document.url),
        "title": title,
        "published": _metadata(document.date),
        "outlet": _metadata(document.sitename) or _metadata(document.hostname),
    }
    yield from _article(body, rel, file_name, "html", None, meta)


def _starts_with_title(body: str, title: str) -> bool:
    def squash(s: str) -> str:
        return " ".join(s.split()).casefold()

    head = squash("\n".join(body.split("\n", 2)[:2]))
    return squash(title) in head
