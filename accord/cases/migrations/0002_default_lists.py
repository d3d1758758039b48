"""A default set of categories and departments for a worker cooperative.

Idempotent: entries are looked up by code, so an administrator's later edits of the names
are kept and running the migration on a database that already has them changes nothing.
Codes avoid `billing` and `finance`, which the test personas create themselves.
"""

from django.db import migrations

CATEGORIES = [
    # code, French, Dutch, English
    ("invoicing", "Facturation et paiement des factures", "Facturatie en betaling van facturen",
     "Invoicing and payment of invoices"),
    ("expenses", "Frais et notes de frais refusées", "Onkosten en geweigerde onkostennota's",
     "Expenses and refused expense claims"),
    ("salary", "Salaire et fiches de paie", "Loon en loonfiches", "Salary and payslips"),
    ("contracts", "Contrats", "Contracten", "Contracts"),
    ("shares", "Parts sociales", "Coöperatieve aandelen", "Membership shares"),
    ("platform", "Plateforme membres et outils en ligne", "Ledenplatform en online tools",
     "Member platform and online tools"),
    ("counsellor", "Suivi par le conseiller ou la conseillère", "Opvolging door de adviseur",
     "Counsellor follow-up"),
    ("insurance", "Assurances", "Verzekeringen", "Insurance"),
    ("other", "Autre", "Andere", "Other"),
]

DEPARTMENTS = [
    ("counselling", "Conseil et accompagnement", "Advies en begeleiding", "Counselling and advice"),
    ("billing-service", "Service facturation", "Facturatiedienst", "Billing service"),
    ("finance-department", "Direction financière", "Financiële directie", "Finance department"),
    ("hr-payroll", "RH et paie", "HR en loonadministratie", "HR and payroll"),
    ("it-platform", "Informatique et plateforme membres", "IT en ledenplatform", "IT and member platform"),
    ("communication", "Communication", "Communicatie", "Communication"),
    ("cooperative-life", "Vie coopérative", "Coöperatief leven", "Cooperative life"),
    ("legal", "Service juridique", "Juridische dienst", "Legal department"),
]


def create_lists(apps, schema_editor):
    for model_name, rows in (("Category", CATEGORIES), ("Department", DEPARTMENTS)):
        model = apps.get_model("cases", model_name)
        for position, (code, name_fr, name_nl, name_en) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code,
                defaults={"name_fr": name_fr, "name_nl": name_nl, "name_en": name_en, "position": position * 10},
            )


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0001_initial"),
    ]

    # Going back leaves the entries: cases may already point to them.
    operations = [migrations.RunPython(create_lists, migrations.RunPython.noop)]
