from django.contrib import admin

from accord.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "member_number", "language")
    search_fields = ("name", "email", "member_number")
