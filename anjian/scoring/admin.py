"""Admin pages for assessment schemes: an administrator edits items, thresholds and materials here."""

from django.contrib import admin

from anjian.scoring import models


class SectionInline(admin.TabularInline[models.Section, models.AssessmentScheme]):
    model = models.Section
    extra = 0


class ItemInline(admin.TabularInline[models.AssessmentItem, models.AssessmentScheme]):
    model = models.AssessmentItem
    extra = 0
    fields = ("order", "seq", "kind", "section", "title", "points", "evaluation", "per_occurrence")
    show_change_link = True


@admin.register(models.AssessmentScheme)
class SchemeAdmin(admin.ModelAdmin[models.AssessmentScheme]):
    list_display = ("name", "year", "source", "is_current")
    inlines = [SectionInline, ItemInline]


class RuleInline(admin.TabularInline[models.IndicatorRule, models.AssessmentItem]):
    model = models.IndicatorRule
    extra = 0


class MaterialInline(admin.TabularInline[models.RequiredMaterial, models.AssessmentItem]):
    model = models.RequiredMaterial
    extra = 0


@admin.register(models.AssessmentItem)
class ItemAdmin(admin.ModelAdmin[models.AssessmentItem]):
    list_display = ("scheme", "seq", "title", "kind", "points", "evaluation")
    list_filter = ("scheme", "kind", "evaluation")
    inlines = [RuleInline, MaterialInline]
