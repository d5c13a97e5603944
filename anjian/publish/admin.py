"""Admin pages of the publish app: the 文号 counters and the register of generated documents (read-only)."""

from django.contrib import admin

from anjian.publish import models


@admin.register(models.DocumentNumber)
class DocumentNumberAdmin(admin.ModelAdmin[models.DocumentNumber]):
    list_display = ("committee", "year", "last_seq")
    readonly_fields = ("committee", "year", "last_seq")


@admin.register(models.IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin[models.IssuedDocument]):
    list_display = ("created_at", "kind", "doc_number", "title", "file_format", "created_by")
    list_filter = ("kind", "file_format")
    readonly_fields = [f.name for f in models.IssuedDocument._meta.fields]
