"""Domain errors of the publish app."""

from __future__ import annotations

from anjian.errors import DomainError


class UnknownReportKind(DomainError):
    """未知的文书类型"""

    code = "report_unknown_kind"


class FormatNotSupported(DomainError):
    """该文书不支持此格式"""

    code = "report_format"


class NoCommittee(DomainError):
    """该区域及其上级均未设立安委会，无法编发文字号"""

    code = "report_no_committee"


class NothingToReport(DomainError):
    """没有可写入文书的事项"""

    code = "report_empty"


class PdfNotAvailable(DomainError):
    """未安装 LibreOffice，无法生成 PDF"""

    code = "pdf_unavailable"
    http_status = 503
