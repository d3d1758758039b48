"""The cooperative's offices, and every existing case given one: BE → Brussels, FR → Paris.

Idempotent like 0002_default_lists: offices are looked up by code, so an administrator's later
edits are kept. Cases keep `office_country` (the office's country) beside the new `office`.
Metz keeps the Alsace-Moselle holidays (subdivision "57": Good Friday, 26 December).
"""

from django.db import migrations

WEEKDAYS = {
    "fr": "Du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h ; sur rendez-vous le mercredi après-midi.",
    "nl": "Maandag tot vrijdag, van 9 tot 12.30 uur en van 13.30 tot 17 uur; woensdagnamiddag op afspraak.",
    "en": "Monday to Friday, 9 am to 12.30 pm and 1.30 to 5 pm; Wednesday afternoons by appointment.",
}

OFFICES = [
    # code, French, Dutch, English, country, subdivision, address, phone, e-mail
    ("brussels", "Bruxelles", "Brussel", "Brussels", "BE", "",
     "Rue Coenraets 72\n1060 Saint-Gilles (Bruxelles)", "+32 2 542 10 80", "bruxelles@accord.example"),
    ("liege", "Liège", "Luik", "Liège", "BE", "",
     "Rue Saint-Gilles 34\n4000 Liège", "+32 4 223 41 50", "liege@accord.example"),
    ("gent", "Gand", "Gent", "Ghent", "BE", "",
     "Kortrijksesteenweg 85\n9000 Gent", "+32 9 233 65 20", "gent@accord.example"),
    ("paris", "Paris", "Parijs", "Paris", "FR", "",
     "12 rue de la Fontaine-au-Roi\n75011 Paris", "+33 1 43 55 21 80", "paris@accord.example"),
    ("lyon", "Lyon", "Lyon", "Lyon", "FR", "",
     "24 rue Sainte-Catherine\n69001 Lyon", "+33 4 78 27 39 60", "lyon@accord.example"),
    ("metz", "Metz", "Metz", "Metz", "FR", "57",
     "8 rue des Clercs\n57000 Metz", "+33 3 87 36 14 70", "metz@accord.example"),
]

BY_COUNTRY = {"BE": "brussels", "FR": "paris"}


def create_offices(apps, schema_editor):
    Office = apps.get_model("cases", "Office")
    Case = apps.get_model("cases", "Case")
    for position, (code, name_fr, name_nl, name_en, country, subdivision, address, phone, email) in enumerate(
        OFFICES, start=1
    ):
        Office.objects.get_or_create(
            code=code,
            defaults={
                "name_fr": name_fr,
                "name_nl": name_nl,
                "name_en": name_en,
                "position": position * 10,
                "country": country,
                "subdivision": subdivision,
                "address": address,
                "phone": phone,
                "email": email,
                "hours_fr": WEEKDAYS["fr"],
                "hours_nl": WEEKDAYS["nl"],
                "hours_en": WEEKDAYS["en"],
            },
        )
    for country, code in BY_COUNTRY.items():
        office = Office.objects.get(code=code)
        Case.objects.filter(office__isnull=True, office_country=country).update(office=office)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0008_offices"),
    ]

    # Going back leaves the offices: cases point to them.
    operations = [migrations.RunPython(create_offices, migrations.RunPython.noop)]
