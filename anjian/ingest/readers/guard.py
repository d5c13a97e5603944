"""Checks before any parser touches a file: size, type by content, archive bombs, encryption, XML entities."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from anjian.ingest.errors import IngestError

MAX_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # per entry, for entries over RATIO_FLOOR: XML compresses 10–30×, a bomb 1000×
RATIO_FLOOR = 1024 * 1024
XML_HEAD = 8192
# The prolog (declaration, comments, DOCTYPE) may be padded past XML_HEAD; read on up to this much.
PROLOG_MAX = 1024 * 1024
PDF_MAX_NESTING = 256
# Table cells with text that one document may hold for extraction. Reading and parsing cost about 50 µs a
# cell (openpyxl's cell objects, then each row's columns read by meaning); 50,000 cells stay well inside
# the parse limits (10 s CPU, 256 MB). A larger sheet is a ledger for the hazard-table import, which
# streams rows; a document is refused here at once, naming the limit, rather than after 10 s of work.
MAX_TABLE_CELLS = 50_000
# Paragraphs (lines of a text file) one document may hold for extraction. The parsers cost about 50-80 µs a
# paragraph on this project's slowest machine; 50,000 paragraphs (some 1,500 pages; the longest real plan in the
# corpora has under 3,000) stay well inside the parse limits. A longer file is refused at once, naming the limit.
MAX_PARAGRAPHS = 50_000
# Word allows 63 columns; a declared gridSpan beyond that is not a table but an allocation.
MAX_GRID_SPAN = 64

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
TEXT_EXTENSIONS = {".txt", ".text", ".md", ".csv", ""}
_EXTENSION_KIND = {
    ".docx": "docx",
    ".docm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".pdf": "pdf",
    ".doc": "doc",
    ".wps": "wps",
    ".xls": "xls",
    ".et": "et",
}
_NESTED = re.compile(r"\.(?:zip|rar|7z|gz|tgz|tar|bz2|xz|cab)$", re.IGNORECASE)
_ENTITY = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C\x00|E\x00N\x00T\x00)", re.IGNORECASE)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_MB = 1024 * 1024
_WORD_LOOKALIKE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:\{\\rtf|<html|<!doctype html|mime-version:)", re.IGNORECASE
)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(64)


def check_file(path: Path) -> str:
    """The file's kind (text, docx, xlsx, pdf, doc, xls, wps, et) once it has passed every check."""
    if not path.is_file():
        raise IngestError("not_found", str(path), str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError("too_large", f"上限 {MAX_BYTES // _MB} MB", f"limit {MAX_BYTES // _MB} MB")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    claimed = _EXTENSION_KIND.get(suffix)
    if head.startswith(ZIP_MAGIC):
        kind = check_ooxml(path)
        if claimed not in (kind, None) or suffix in TEXT_EXTENSIONS - {""}:
            raise IngestError("bad_magic", f"{suffix} 实为 {kind}", f"{suffix} is really {kind}")
        return kind
    if head.startswith(CFB_MAGIC):
        return _check_cfb(path, suffix, claimed)
    if head.startswith(PDF_MAGIC):
        if claimed not in ("pdf", None) or suffix in TEXT_EXTENSIONS - {""}:
            raise IngestError("bad_magic", f"{suffix} 实为 PDF", f"{suffix} is really a PDF")
        _check_pdf(path)
        return "pdf"
    if claimed in ("doc", "wps") and _WORD_LOOKALIKE.match(_head(path)):
        # Many published .doc files are really RTF or Word-saved HTML; LibreOffice reads both.
        return claimed
    if claimed is not None:
        raise IngestError("bad_magic", f"不是有效的 {suffix} 文件", f"not a valid {suffix} file")
    if suffix in TEXT_EXTENSIONS:
        return "text"
    raise IngestError("unsupported", suffix, suffix)


def check_ooxml(path: Path) -> str:
    """docx or xlsx, after checking the archive's directory (never decompressing first) and its XML."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_archive(infos)
            names = {info.filename for info in infos}
            kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else ""
            if not kind:
                raise IngestError("unsupported", "未知的压缩包内容", "zip is not a Word or Excel file")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        if _unsafe_prolog(part):
                            raise IngestError("unsafe_xml", info.filename, info.filename)
            # Every part's CRC, inflating in bounded chunks: the sizes were checked above.
            damaged = archive.testzip()
            if damaged is not None:
                raise IngestError("corrupt", f"校验失败：{damaged}", f"CRC mismatch: {damaged}")
            return kind
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise IngestError("corrupt", "压缩包损坏", "damaged zip") from exc


def _unsafe_prolog(part: IO[bytes]) -> bool:
    """Whether the part declares a DOCTYPE or entity, looking past padding comments up to the root element."""
    data = part.read(XML_HEAD)
    if _ENTITY.search(data):
        return True
    # A DOCTYPE can only come before the root element; read on while still inside the prolog.
    while len(data) < PROLOG_MAX and not _past_prolog(data):
        more = part.read(XML_HEAD)
        if not more:
            return False
        data += more
        if _ENTITY.search(data):
            return True
    return not _past_prolog(data)


def _past_prolog(data: bytes) -> bool:
    text = data.replace(b"\x00", b"")  # UTF-16 text read as bytes
    text = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", text, flags=re.DOTALL)
    text = re.split(rb"<!--|<\?", text, maxsplit=1)[0]  # an unfinished comment hides what follows
    return re.search(rb"<[A-Za-z_]", text) is not None


def _check_archive(infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        # Entries are never written to disk, but a path leaving the archive is a crafted file (zip slip).
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or re.match(r"[A-Za-z]:", name) or ".." in name.split("/"):
            raise IngestError("corrupt", f"压缩包内路径越界：{info.filename}", f"entry path escapes: {info.filename}")
    if len(infos) > MAX_ENTRIES:
        raise IngestError("zip_bomb", f"{len(infos)} 个条目", f"{len(infos)} entries")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError("zip_bomb", f"解压后 {total // _MB} MB", f"{total // _MB} MB uncompressed")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError(
                "zip_bomb", f"压缩比过高：{info.filename}", f"compression ratio: {info.filename}"
            )
        if _NESTED.search(info.filename):
            raise IngestError("zip_bomb", f"嵌套压缩包：{info.filename}", f"nested archive: {info.filename}")


def _check_cfb(path: Path, suffix: str, claimed: str | None) -> str:
    # An OLE2 container is either a legacy Office file or a password-protected OOXML file.
    data = path.read_bytes()
    if _ENCRYPTED_PACKAGE in data:
        raise IngestError("encrypted")
    if claimed in ("doc", "wps", "xls", "et"):
        return claimed
    raise IngestError("bad_magic", f"{suffix or '无扩展名'} 实为旧版 Office 文件", "legacy Office file")


def _check_pdf(path: Path) -> None:
    data = path.read_bytes()
    # The trailer names an /Encrypt dictionary when the PDF is protected.
    if re.search(rb"/Encrypt\s*\d+\s+\d+\s+R|/Encrypt\s*<<", data):
        raise IngestError("encrypted")
    # Deeply nested arrays or dictionaries make the PDF parser crawl (or recurse) for minutes.
    # Substring search on the whitespace-free bytes: linear, unlike a regex over crafted runs.
    compact = data.translate(None, b" \t\r\n\x00\x0c")
    if b"[" * PDF_MAX_NESTING in compact or b"<<" * PDF_MAX_NESTING in compact:
        raise IngestError("corrupt", "PDF 对象嵌套过深", "PDF objects nested too deeply")


def too_many_cells(count: int) -> IngestError:
    """The refusal of a document whose tables hold more than MAX_TABLE_CELLS cells with text."""
    return IngestError(
        "too_large",
        f"表格单元格超过上限 {MAX_TABLE_CELLS} 个（约 {count} 个）；大型台账请用隐患台账导入",
        f"more than the limit of {MAX_TABLE_CELLS} table cells (about {count}); import large ledgers as a hazard table",
    )


def too_many_paragraphs(count: int) -> IngestError:
    """The refusal of a document of more than MAX_PARAGRAPHS paragraphs."""
    return IngestError(
        "too_large",
        f"段落超过上限 {MAX_PARAGRAPHS} 个（至少 {count} 个）；请拆分文件后分别导入",
        f"more than the limit of {MAX_PARAGRAPHS} paragraphs (at least {count}); split the file and import the parts",
    )


_VALUE_TAG = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]")


def count_sheet_values(path: Path) -> int:
    """The value elements (<v>, inline <is>) in a workbook's sheets, counted chunk by chunk while the parts
    inflate, without building anything: an upper bound of the cells with text."""
    count = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            tail = b""
            with archive.open(info) as part:
                while chunk := part.read(1 << 20):
                    data = tail + chunk
                    count += len(_VALUE_TAG.findall(data[: len(data) - 8]))
                    tail = data[len(data) - 8 :]
                count += len(_VALUE_TAG.findall(tail))
    return count
