"""The hostile corpus: every file is made here by code, none is kept in git.

Each case names the file, how to make it and what must happen to it: `OK` (read, nothing refused)
or the stable IngestError code it is refused with. The same files go through `anjian extract`, the
web import upload and evidence upload (see the tests next to this module).
"""

from __future__ import annotations

import codecs
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from anjian.ingest.readers import guard
from anjian.ingest.tests.documents import (
    docx_from_text,
    encrypted_ooxml,
    xlsx_from_text,
    xxe_docx,
    zip_bomb_by_entries,
    zip_bomb_by_ratio,
)

OK = "ok"
TEXT = "一、加强燃气安全\n1. 开展燃气管道排查整治 2024年12月底前 区城市管理局\n2. 落实“五包一”责任 长期坚持 区消防救援大队\n"
RARE = "𠀀䶮𪚥"  # CJK Ext-B and rare name characters: four bytes each in GB18030
Maker = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile (or awkward but legitimate) file and the outcome it must have."""

    filename: str
    make: Maker
    expect: str
    # Text that must survive a successful read (round trip of encodings).
    keep: str = ""


def _bytes(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


def _sparse(size: int) -> Maker:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.7\n" if path.suffix == ".pdf" else b"PK\x03\x04" if path.suffix == ".docx" else b"a")
            fh.truncate(size)

    return make


def _docx(path: Path) -> None:
    docx_from_text(TEXT, path)


def _xlsx(path: Path) -> None:
    xlsx_from_text(TEXT, path)


def _parts(make: Maker, path: Path) -> dict[str, bytes]:
    make(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(make: Maker, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Maker:
    def build(path: Path) -> None:
        parts = change(_parts(make, path))
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    return build


def _with(name: str, data: bytes) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda parts: {**parts, name: data}


def _body(xml: bytes) -> bytes:
    """The XML without its declaration (openpyxl writes some parts without one)."""
    return xml.split(b"?>", 1)[1] if xml.lstrip().startswith(b"<?xml") else xml


def _prolog(parts: dict[str, bytes], name: str, doctype: bytes) -> dict[str, bytes]:
    body = _body(parts[name])
    return {**parts, name: b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + body}


LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b"]>"
)
XXE = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _entity(make: Maker, part: str, doctype: bytes) -> Maker:
    return _rewrite(make, lambda parts: _prolog(parts, part, doctype))


def _late_doctype(make: Maker, part: str) -> Maker:
    # A long comment pushes the DOCTYPE past the first 8 KB a naive scan reads.
    return _entity(make, part, b"<!--" + b" " * 20000 + b"-->" + XXE)


def _utf16_entity(make: Maker, part: str) -> Maker:
    def change(parts: dict[str, bytes]) -> dict[str, bytes]:
        body = _body(parts[part]).decode("utf-8")
        text = '<?xml version="1.0" encoding="UTF-16"?>' + XXE.decode() + body
        return {**parts, part: codecs.BOM_UTF16_LE + text.encode("utf-16-le")}

    return _rewrite(make, change)


def _truncated(make: Maker, fraction: float) -> Maker:
    def build(path: Path) -> None:
        make(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return build


def _crc_broken(make: Maker, part: str) -> Maker:
    def build(path: Path) -> None:
        make(path)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(part)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    return build


def _stored_zip(entries: dict[str, bytes], deflate: bool = True) -> Maker:
    def build(path: Path) -> None:
        method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        with zipfile.ZipFile(path, "w", compression=method) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)

    return build


def _ratio_bomb_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b" " * (120 * 1024 * 1024) + b"</sheetData>")


def _many_parts_under_ratio(path: Path) -> None:
    # 300 parts of 1 MB of incompressible-looking text: each under the ratio, 300 MB in total.
    import random

    rnd = random.Random(7)  # noqa: S311 - test data, not cryptography
    chunk = bytes(rnd.getrandbits(8) for _ in range(4096)).hex().encode()[:8192]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(300):
            archive.writestr(f"word/media/p{i}.xml", chunk * 128)


def _lying_size(path: Path) -> None:
    # The directory claims a small part; the stored data inflates to 50 MB.
    _stored_zip({"word/document.xml": b"<w:document/>", "word/styles.xml": b"\0" * (50 * 1024 * 1024)})(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/styles.xml")
    real = struct.pack("<I", info.file_size)
    fake = struct.pack("<I", 1000)
    data = bytearray(bytes(data).replace(real, fake))
    path.write_bytes(bytes(data))


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def _gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00" + b",\x00\x00\x00\x00" + b"\x3b"


def _jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof + b"\xff\xd9"


def _pdf(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\n%%EOF\n"


def _deep_pdf() -> bytes:
    return _pdf(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + b"[" * 50000 + b"]" * 50000 + b" >>\nendobj\n"
                b"trailer << /Root 1 0 R >>")


def _broken_xref() -> bytes:
    return _pdf(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>"
                b" endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\nxref\n0 4\nGARBAGE\ntrailer << /Root 1 0 R"
                b" /Size 4 >>\nstartxref\n999999")


def _huge_stream() -> bytes:
    return _pdf(b"1 0 obj << /Length 99999999999 /Filter /FlateDecode >>\nstream\n" + zlib.compress(b"\0" * 1000)
                + b"\nendstream endobj\ntrailer << /Root 1 0 R >>")


def _js_pdf() -> bytes:
    return _pdf(b"1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n"
                b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                b"4 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R >>")


def _copy_of(make: Maker, suffix: str) -> Maker:
    def build(path: Path) -> None:
        source = path.with_name(path.stem + ".src" + suffix)
        make(source)
        path.write_bytes(source.read_bytes())
        source.unlink()

    return build


def _text(encoding: str, bom: bytes = b"", text: str = TEXT) -> Maker:
    return _bytes(bom + text.encode(encoding))


CASES: list[Case] = [
    # Size: one byte over the limit, refused from the size alone (sparse files cost no disk).
    Case("oversize.txt", _sparse(guard.MAX_BYTES + 1), "too_large"),
    Case("oversize.docx", _sparse(guard.MAX_BYTES + 1), "too_large"),
    Case("oversize.pdf", _sparse(guard.MAX_BYTES + 1), "too_large"),
    # Zip bombs: ratio, entry count, total size, nesting, a directory that lies about sizes.
    Case("bomb-ratio.docx", zip_bomb_by_ratio, "zip_bomb"),
    Case("bomb-ratio.xlsx", _ratio_bomb_xlsx, "zip_bomb"),
    Case("bomb-entries.docx", zip_bomb_by_entries, "zip_bomb"),
    Case("bomb-entries.xlsx", _stored_zip({"xl/workbook.xml": b"<workbook/>",
                                           **{f"xl/media/{i}.xml": b"" for i in range(3000)}}), "zip_bomb"),
    Case("bomb-total.docx", _many_parts_under_ratio, "zip_bomb"),
    Case("bomb-nested-zip.docx", _rewrite(_docx, _with("word/embeddings/inner.zip", b"PK\x03\x04")), "zip_bomb"),
    Case("bomb-nested-7z.xlsx", _rewrite(_xlsx, _with("xl/embeddings/x.7z", b"7z\xbc\xaf")), "zip_bomb"),
    Case("bomb-nested-gz.docx", _rewrite(_docx, _with("word/a.tar.gz", b"\x1f\x8b")), "zip_bomb"),
    Case("lying-size.docx", _lying_size, "corrupt"),
    # XML entities: XXE and billion laughs, in every kind of part, early, late and in UTF-16.
    Case("xxe.docx", xxe_docx, "unsafe_xml"),
    Case("xxe-sheet.xlsx", _entity(_xlsx, "xl/worksheets/sheet1.xml", XXE), "unsafe_xml"),
    Case("xxe-workbook.xlsx", _entity(_xlsx, "xl/workbook.xml", XXE), "unsafe_xml"),
    Case("xxe-content-types.docx", _entity(_docx, "[Content_Types].xml", XXE), "unsafe_xml"),
    Case("xxe-rels.docx", _entity(_docx, "_rels/.rels", XXE), "unsafe_xml"),
    Case("laughs.docx", _entity(_docx, "word/document.xml", LAUGHS), "unsafe_xml"),
    Case("laughs-sheet.xlsx", _entity(_xlsx, "xl/worksheets/sheet1.xml", LAUGHS), "unsafe_xml"),
    Case("laughs-styles.xlsx", _entity(_xlsx, "xl/styles.xml", LAUGHS), "unsafe_xml"),
    Case("xxe-late.docx", _late_doctype(_docx, "word/document.xml"), "unsafe_xml"),
    Case("xxe-late.xlsx", _late_doctype(_xlsx, "xl/worksheets/sheet1.xml"), "unsafe_xml"),
    Case("xxe-utf16.docx", _utf16_entity(_docx, "word/document.xml"), "unsafe_xml"),
    # Truncated and corrupt archives.
    Case("truncated-50.docx", _truncated(_docx, 0.5), "corrupt"),
    Case("truncated-50.xlsx", _truncated(_xlsx, 0.5), "corrupt"),
    Case("truncated-10.docx", _truncated(_docx, 0.1), "corrupt"),
    Case("truncated-95.xlsx", _truncated(_xlsx, 0.95), "corrupt"),
    Case("crc.docx", _crc_broken(_docx, "word/document.xml"), "corrupt"),
    Case("crc.xlsx", _crc_broken(_xlsx, "xl/worksheets/sheet1.xml"), "corrupt"),
    Case("empty.docx", _bytes(b""), "bad_magic"),
    Case("empty.pdf", _bytes(b""), "bad_magic"),
    Case("zip-not-office.docx", _stored_zip({"hello.txt": b"hi"}), "unsupported"),
    Case("zip-garbage.xlsx", _bytes(b"PK\x03\x04" + bytes(range(256)) * 8), "corrupt"),
    Case("zip-slip.docx", _rewrite(_docx, _with("../../../../tmp/evil.xml", b"<x/>")), "corrupt"),
    Case("zip-absolute.xlsx", _rewrite(_xlsx, _with("/etc/cron.d/evil.xml", b"<x/>")), "corrupt"),
    # Encrypted files.
    Case("encrypted.docx", encrypted_ooxml, "encrypted"),
    Case("encrypted.xlsx", encrypted_ooxml, "encrypted"),
    Case("encrypted.pdf", _bytes(_pdf(b"1 0 obj<<>>endobj\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>")), "encrypted"),
    Case("encrypted-inline.pdf", _bytes(_pdf(b"trailer << /Root 1 0 R /Encrypt << /Filter /Standard /V 2 >> >>")),
         "encrypted"),
    # Wrong magic bytes.
    Case("exe.pdf", _bytes(b"MZ\x90\x00" + b"\0" * 512), "bad_magic"),
    Case("exe.docx", _bytes(b"MZ\x90\x00" + b"\0" * 512), "bad_magic"),
    Case("elf.xlsx", _bytes(b"\x7fELF" + b"\0" * 512), "bad_magic"),
    Case("png.xlsx", _bytes(_png(10, 10)), "bad_magic"),
    Case("pdf-named.docx", _bytes(_pdf(b"trailer << >>")), "bad_magic"),
    Case("docx-named.pdf", _copy_of(_docx, ".docx"), "bad_magic"),
    Case("xlsx-named.docx", _copy_of(_xlsx, ".xlsx"), "bad_magic"),
    Case("html-named.xlsx", _bytes(b"<html><body>x</body></html>"), "bad_magic"),
    Case("zip-named.txt", _copy_of(_docx, ".docx"), "bad_magic"),
    Case("pdf-named.txt", _bytes(_pdf(b"trailer << >>")), "bad_magic"),
    Case("binary.txt", _bytes(bytes(range(256)) * 16), "undecodable"),
    Case("script.exe", _bytes(b"MZ"), "unsupported"),
    # Broken PDFs.
    Case("header-only.pdf", _bytes(b"%PDF-1.7\n"), "corrupt"),
    Case("broken-xref.pdf", _bytes(_broken_xref()), "corrupt"),
    Case("garbage.pdf", _bytes(b"%PDF-1.4\n" + bytes(range(256)) * 64), "corrupt"),
    Case("deep-nesting.pdf", _bytes(_deep_pdf()), "corrupt"),
    Case("huge-stream.pdf", _bytes(_huge_stream()), OK),
    Case("javascript.pdf", _bytes(_js_pdf()), OK),
    # Pixel floods: images are not import documents; as evidence they are refused by dimension.
    Case("flood.png", _bytes(_png(100_000, 100_000)), "unsupported"),
    Case("flood.jpg", _bytes(_jpeg(65_000, 65_000)), "unsupported"),
    Case("flood.gif", _bytes(_gif(65_535, 65_535)), "unsupported"),
    # Text encodings: decoded exactly, or refused; never mojibake.
    Case("utf8.txt", _text("utf-8"), OK, keep="燃气管道"),
    Case("utf8-bom.txt", _text("utf-8", codecs.BOM_UTF8), OK, keep="燃气管道"),
    Case("gbk.txt", _text("gbk"), OK, keep="燃气管道"),
    Case("gb18030-4byte.txt", _text("gb18030", text=TEXT + f"3. 核查{RARE}反映的问题 立行立改 区应急管理局\n"),
         OK, keep=RARE),
    Case("utf8-4byte.txt", _text("utf-8", text=TEXT + f"3. 核查{RARE}反映的问题\n"), OK, keep=RARE),
    Case("utf16le-bom.txt", _text("utf-16-le", codecs.BOM_UTF16_LE), OK, keep="燃气管道"),
    Case("utf16be-bom.txt", _text("utf-16-be", codecs.BOM_UTF16_BE), OK, keep="燃气管道"),
    Case("utf16le-nobom.txt", _text("utf-16-le"), OK, keep="燃气管道"),
    Case("big5.txt", _text("big5", text="一、加強燃氣安全\n1. 開展燃氣管道排查整治 2024年12月底前 區城市管理局\n"),
         OK, keep="燃氣管道"),
    Case("invalid-utf8.txt", _bytes(TEXT.encode() + b"\xff\xfe\xfd\x80\x80" + TEXT.encode()), "undecodable"),
    Case("bom-then-gbk.txt", _bytes(codecs.BOM_UTF8 + TEXT.encode("gbk")), "undecodable"),
    Case("utf16-odd.txt", _bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:-1]), "undecodable"),
    Case("gbk.csv", _text("gbk", text="序号,任务,时限\n1,燃气管道排查,2024年12月底前\n"), OK, keep="燃气管道排查"),
    Case("long-cell.txt", _text("utf-8", text="1. " + "隐" * 32767 + "\n"), OK, keep="隐隐隐"),
    Case("empty.txt", _bytes(b""), OK),
]

# Upload names that try to reach outside the storage folder or use reserved device names.
HOSTILE_NAMES = [
    "../../etc/passwd.txt",
    "..\\..\\windows\\win.ini.txt",
    "/etc/shadow.txt",
    "C:\\Windows\\System32\\evil.txt",
    "a.txt%00.exe",
    "a.txt\x00.exe",
    "．．／．．／fullwidth.txt",
    "CON.txt",
    "NUL",
    "com1.txt",
    "LPT9.txt",
    ("很" * 86) + ".txt",
    "<script>alert(1)</script>.txt",
    ".htaccess.txt",
    "name\r\nX-Injected: 1.txt",
]


def build(folder: Path) -> list[tuple[Case, Path]]:
    """Write every case into `folder` and return each with its path."""
    folder.mkdir(parents=True, exist_ok=True)
    built = []
    for case in CASES:
        path = folder / case.filename
        case.make(path)
        built.append((case, path))
    return built


__all__ = ["CASES", "HOSTILE_NAMES", "OK", "Case", "build"]
