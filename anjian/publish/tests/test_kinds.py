"""The report kinds are declared once (anjian.publish.kinds) and their labels follow the reader's language
(issue 22: the CLI repeated the kinds; `str(_(…))` at import time froze the labels in Chinese)."""

from __future__ import annotations

import argparse
import importlib
import io
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import translation
from docx import Document

from anjian.fixtures import PASSWORD, World
from anjian.publish.kinds import REPORTS
from anjian.publish.tests.plan import build_plan


def _report_parser() -> argparse.ArgumentParser:
    from anjian.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    report: argparse.ArgumentParser = sub.choices["report"]
    return report


def test_the_cli_offers_exactly_the_registered_kinds() -> None:
    kind = next(a for a in _report_parser()._actions if a.dest == "kind")
    assert list(kind.choices or []) == list(REPORTS)


def test_every_registered_kind_has_a_builder() -> None:
    for kind in REPORTS.values():
        module = importlib.import_module(f"anjian.publish.reports.{kind.builder}")
        assert callable(module.build), kind.name


def test_labels_follow_the_language_documents_stay_chinese() -> None:
    circular = REPORTS["circular"]
    with translation.override("en"):
        assert str(circular.label) == "Situation circular"
        assert circular.document_name == "情况通报"
    with translation.override("zh-hans"):
        assert str(circular.label) == "情况通报"


@pytest.mark.django_db
def test_the_documents_page_in_english_names_the_kinds_in_english(world: World, settings: Any,
                                                                  tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path
    build_plan(world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=world.clerk.username, password=PASSWORD)
    page = client.get("/documents/").content.decode()
    assert "Situation circular" in page and "Reminder letter" in page
    # the document itself is Chinese: its file name and the ladder step it names
    try:
        drafted = client.post("/documents/", {"region": "410202", "date_from": "2024-12-01",
                                              "date_to": "2024-12-31", "kind": "supervision"})
        response = client.get(drafted["Location"] + "docx/")
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the locale middleware leaves the thread in English
    assert response.status_code == 200
    assert quote("督办函") in response["Content-Disposition"] or "督办函" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Notice letter" not in text and "督办措施：" in text
