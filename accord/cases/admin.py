"""Configuration only: categories, departments and offices. Cases are never edited through the admin."""

from django.contrib import admin

from accord.cases.models import Category, Department, Office, OfficeClosure


@admin.register(Category, Department)
class TranslatedNameAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_nl", "name_en", "active", "position")
    list_editable = ("active", "position")
    search_fields = ("code", "name_fr", "name_nl", "name_en")


class OfficeClosureInline(admin.TabularInline):
    model = OfficeClosure
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "country", "subdivision", "phone", "active", "position")
    list_editable = ("active", "position")
    list_filter = ("country",)
    search_fields = ("code", "name_fr", "name_nl", "name_en")
    inlines = [OfficeClosureInline]
