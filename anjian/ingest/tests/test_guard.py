"""Hostile and mislabelled files are refused before parsing, each with its stable error code."""

from __future__ import annotations

from pathlib import Path

import pytest

from anjian.ingest.errors import IngestError
from anjian.ingest.readers import guard, read_document
from anjian.ingest.tests.documents import (
    encrypted_ooxml,
    xxe_docx,
    zip_bomb_by_entries,
    zip_bomb_by_ratio,
)


def refused(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path)
    return caught.value.code


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    assert refused(zip_bomb_by_ratio(tmp_path / "bomb.docx")) == "zip_bomb"


def test_zip_bomb_by_entry_count_is_refused(tmp_path: Path) -> None:
    assert refused(zip_bomb_by_entries(tmp_path / "many.docx")) == "zip_bomb"


def test_nested_archive_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "nested.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/inner.zip", b"PK\x03\x04")
    assert refused(path) == "zip_bomb"


def test_external_entity_in_docx_is_refused(tmp_path: Path) -> None:
    assert refused(xxe_docx(tmp_path / "xxe.docx")) == "unsafe_xml"


def test_password_protected_docx_is_refused(tmp_path: Path) -> None:
    assert refused(encrypted_ooxml(tmp_path / "secret.docx")) == "encrypted"


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF\n")
    assert refused(path) == "encrypted"


def test_extension_that_lies_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("这不是 PDF", encoding="utf-8")
    assert refused(path) == "bad_magic"


def test_pdf_named_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert refused(path) == "bad_magic"


def test_unknown_type_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert refused(path) == "unsupported"


def test_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("安全生产" * 10, encoding="utf-8")
    assert refused(path) == "too_large"


def test_error_message_is_one_bilingual_line() -> None:
    message = str(IngestError("too_large", "上限 50 MB", "limit 50 MB"))
    assert message == "文件过大（上限 50 MB） / file too large (limit 50 MB)"
