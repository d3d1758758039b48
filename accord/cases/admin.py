"""Configuration only: categories and departments. Cases are never edited through the admin."""

from django.contrib import admin

from accord.cases.models import Category, Department


@admin.register(Category, Department)
class TranslatedNameAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_nl", "name_en", "active", "position")
    list_editable = ("active", "position")
    search_fields = ("code", "name_fr", "name_nl", "name_en")
