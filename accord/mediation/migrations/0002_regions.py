"""The regions mediators work in: Belgium's Brussels-Capital Region and ten provinces, France's thirteen
metropolitan regions. Codes from ISO 3166-2, lower-case. Idempotent (looked up by code: an administrator's
later edits are kept)."""

from django.db import migrations

REGIONS = [
    # code, French, Dutch, English, country
    ("be-bru", "Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest", "Brussels-Capital Region", "BE"),
    ("be-van", "Anvers", "Antwerpen", "Antwerp", "BE"),
    ("be-vbr", "Brabant flamand", "Vlaams-Brabant", "Flemish Brabant", "BE"),
    ("be-vli", "Limbourg", "Limburg", "Limburg", "BE"),
    ("be-vov", "Flandre-Orientale", "Oost-Vlaanderen", "East Flanders", "BE"),
    ("be-vwv", "Flandre-Occidentale", "West-Vlaanderen", "West Flanders", "BE"),
    ("be-wbr", "Brabant wallon", "Waals-Brabant", "Walloon Brabant", "BE"),
    ("be-wht", "Hainaut", "Henegouwen", "Hainaut", "BE"),
    ("be-wlg", "Liège", "Luik", "Liège", "BE"),
    ("be-wlx", "Luxembourg", "Luxemburg", "Luxembourg", "BE"),
    ("be-wna", "Namur", "Namen", "Namur", "BE"),
    ("fr-ara", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "FR"),
    ("fr-bfc", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "FR"),
    ("fr-bre", "Bretagne", "Bretagne", "Brittany", "FR"),
    ("fr-cvl", "Centre-Val de Loire", "Centre-Val de Loire", "Centre-Val de Loire", "FR"),
    ("fr-20r", "Corse", "Corsica", "Corsica", "FR"),
    ("fr-ges", "Grand Est", "Grand Est", "Grand Est", "FR"),
    ("fr-hdf", "Hauts-de-France", "Hauts-de-France", "Hauts-de-France", "FR"),
    ("fr-idf", "Île-de-France", "Île-de-France", "Île-de-France", "FR"),
    ("fr-nor", "Normandie", "Normandië", "Normandy", "FR"),
    ("fr-naq", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "FR"),
    ("fr-occ", "Occitanie", "Occitanie", "Occitania", "FR"),
    ("fr-pdl", "Pays de la Loire", "Pays de la Loire", "Pays de la Loire", "FR"),
    ("fr-pac", "Provence-Alpes-Côte d’Azur", "Provence-Alpes-Côte d’Azur", "Provence-Alpes-Côte d’Azur", "FR"),
]


def create_regions(apps, schema_editor):
    Region = apps.get_model("mediation", "Region")
    for position, (code, name_fr, name_nl, name_en, country) in enumerate(REGIONS, start=1):
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name_fr": name_fr,
                "name_nl": name_nl,
                "name_en": name_en,
                "country": country,
                "position": position * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial")]

    operations = [migrations.RunPython(create_regions, migrations.RunPython.noop)]
