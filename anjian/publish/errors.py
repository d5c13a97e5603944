"""Domain errors of the publish app."""

from __future__ import annotations

from anjian.errors import DomainError, NotFound, WrongState


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


class DraftHasPlaceholders(WrongState):
    """草稿中仍有待起草人补充的内容，不能签发"""

    code = "document_placeholders"


class NotADraft(WrongState):
    """该公文已签发，内容不可再修改"""

    code = "document_issued"


class DraftOutdated(WrongState):
    """该草稿按起草当日统计，须当日签发；请重新起草"""

    code = "document_outdated"


class DocumentNotReady(NotFound):
    """该公文尚未签发，没有可下载的正式文件"""

    code = "document_not_issued"


class IssuingBodyInvalid(DomainError):
    """发文机关设置不完整"""

    code = "document_issuer_invalid"
