"""Errors raised while reading a document, each with a stable code and a bilingual message."""

from __future__ import annotations

from anjian.errors import DomainError

# The codes are stable: the importer and the API map them to user messages and HTTP statuses.
MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": ("文件过大", "file too large"),
    "zip_bomb": ("压缩包异常（疑似压缩炸弹）", "suspicious archive (possible zip bomb)"),
    "encrypted": ("文件已加密，请先解除密码", "file is encrypted; remove the password first"),
    "bad_magic": ("文件内容与扩展名不符", "file content does not match its extension"),
    "unsupported": ("不支持的文件类型", "unsupported file type"),
    "undecodable": ("无法识别文本编码", "text encoding could not be recognised"),
    "libreoffice_missing": ("未安装 LibreOffice，无法读取旧格式文件", "LibreOffice is not installed"),
    "conversion_failed": ("旧格式文件转换失败", "legacy file conversion failed"),
    "unsafe_xml": ("文件包含不安全的 XML 实体声明", "file contains unsafe XML entity declarations"),
    "corrupt": ("文件已损坏或无法解析", "file is damaged or cannot be parsed"),
    "not_found": ("文件不存在", "file not found"),
    "limit_exceeded": ("文件解析超出资源上限，已停止", "parsing stopped at its resource limit"),
}


class IngestError(DomainError):
    """A document that cannot be read, with a stable `code` and a one-line Chinese / English message."""

    def __init__(self, code: str, detail_zh: str = "", detail_en: str = "") -> None:
        zh, en = MESSAGES.get(code, ("无法读取文件", "cannot read file"))
        self.code = code
        self.details = (detail_zh, detail_en)
        self.message_zh = f"{zh}（{detail_zh}）" if detail_zh else zh
        self.message_en = f"{en} ({detail_en})" if detail_en else en
        super().__init__(f"{self.message_zh} / {self.message_en}")

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str, str]]:
        # Rebuilt from its code and details when a parsing child hands it to the parent (sandbox).
        return (IngestError, (self.code, *self.details))
