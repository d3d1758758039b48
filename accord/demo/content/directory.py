"""The demo's directory of professional mediators: twenty believable, fictional entries around the cooperative's
six offices, as rows of the directory's CSV (mediation/directory_csv.py), which `load_demo` imports.

Fictional on purpose: every accreditation number says DEMO, every address of e-mail is under example.org, the
phone numbers are ordinary-looking ones of the offices' areas that belong to nobody we know of. `until` is a
number of days from the day the demo is loaded (the CSV's `availability_until`)."""

# (body, number, court, types, last name, first name, languages, regions, offices, e-mail, phone, address,
#  rate, VAT, quoted with VAT, accepting, until (days), note, cooperative member, active)
# fmt: off
MEDIATORS = [
    # Gent
    ("be_fmc", "CFM-DEMO-0101", "", "family|civil_commercial", "Verhoeven", "Annelies", "nl|fr|en", "be-vov",
     "gent", "a.verhoeven@bemiddeling-gent.example.org", "+32 9 255 01 01", "Kouter 14\n9000 Gent",
     "95", "21", "no", "yes", None, "", "yes", "yes"),
    ("be_fmc", "CFM-DEMO-0102", "", "social|civil_commercial", "De Smet", "Koen", "nl", "be-vov|be-vwv",
     "gent", "koen.desmet@arbeidsbemiddeling.example.org", "+32 9 255 01 02", "Nederkouter 71\n9000 Gent",
     "110", "21", "no", "no", 60, "Volzet tot na de zomer", "no", "yes"),
    ("be_fmc", "CFM-DEMO-0103", "", "family", "Van Acker", "Sofie", "nl|en", "be-vov|be-bru", "gent|brussels",
     "sofie@vanacker-bemiddeling.example.org", "+32 475 55 01 03", "Sint-Pietersnieuwstraat 30\n9000 Gent",
     "85", "21", "yes", "yes", None, "", "no", "yes"),
    # Liège
    ("be_fmc", "CFM-DEMO-0201", "", "civil_commercial|social", "Delvaux", "Marc", "fr", "be-wlg",
     "liege", "marc.delvaux@mediation-liege.example.org", "+32 4 220 01 01", "Boulevard d’Avroy 112\n4000 Liège",
     "120", "21", "no", "yes", None, "", "yes", "yes"),
    ("be_fmc", "CFM-DEMO-0202", "", "family", "Lejeune", "Nathalie", "fr|nl", "be-wlg|be-wlx", "liege",
     "n.lejeune@mediationfamiliale.example.org", "+32 4 220 01 02", "Rue Féronstrée 41\n4000 Liège",
     "80", "0", "no", "yes", None, "Exemptée de TVA (petite entreprise)", "no", "yes"),
    ("be_fmc", "CFM-DEMO-0203", "", "social", "Renard", "Olivier", "fr|en", "be-wlg|be-wna", "liege",
     "olivier.renard@mediation-sociale.example.org", "+32 4 220 01 03", "Quai de Rome 8\n4000 Liège",
     "100", "21", "no", "yes", 120, "Disponible jusqu’à son départ à la retraite", "no", "yes"),
    ("be_fmc", "CFM-DEMO-0204", "", "family", "Goffin", "Carine", "fr", "be-wlg", "liege",
     "carine.goffin@mediation.example.org", "+32 4 220 01 04", "Rue du Laveu 19\n4000 Liège",
     "75", "0", "no", "no", None, "A cessé son activité", "no", "no"),
    # Brussels
    ("be_fmc", "CFM-DEMO-0301", "", "civil_commercial|social|family", "Mathy", "Hélène", "fr|nl|en", "be-bru",
     "brussels", "helene.mathy@mediation-bruxelles.example.org", "+32 2 555 01 01",
     "Avenue Louise 231\n1050 Ixelles", "130", "21", "no", "yes", None, "", "yes", "yes"),
    ("be_fmc", "CFM-DEMO-0302", "", "social", "Janssens", "Pieter", "nl|fr", "be-bru|be-vbr", "brussels",
     "pieter.janssens@sociale-bemiddeling.example.org", "+32 2 555 01 02", "Vlaamsesteenweg 62\n1000 Brussel",
     "105", "21", "no", "yes", None, "", "no", "yes"),
    ("be_fmc", "CFM-DEMO-0303", "", "family|civil_commercial", "Benali", "Inès", "fr|en", "be-bru", "brussels",
     "ines.benali@mediation.example.org", "+32 2 555 01 03", "Chaussée de Waterloo 455\n1060 Saint-Gilles",
     "90", "21", "yes", "yes", None, "", "yes", "yes"),
    ("be_fmc", "CFM-DEMO-0304", "", "civil_commercial", "Wouters", "Thomas", "nl|en", "be-bru|be-vbr",
     "brussels", "t.wouters@handelsbemiddeling.example.org", "+32 475 55 03 04",
     "Kunstlaan 44\n1040 Brussel", "140", "21", "no", "no", None, "Geen nieuwe dossiers tot nader bericht", "no",
     "yes"),
    # Paris
    ("fr_court_of_appeal", "CA-PARIS-DEMO-0112", "paris", "civil_commercial|family", "Fabre", "Claire", "fr|en",
     "fr-idf", "paris", "claire.fabre@mediation-paris.example.org", "01 45 55 01 01",
     "18 rue Oberkampf\n75011 Paris", "120", "20", "yes", "yes", None, "", "yes", "yes"),
    ("fr_consumer", "CECMC-DEMO-0007", "", "", "Marchand", "Julien", "fr", "fr-idf", "paris",
     "julien.marchand@mediateur-conso.example.org", "01 45 55 01 02", "5 boulevard Voltaire\n75011 Paris",
     "150", "20", "no", "yes", None, "Gratuit pour le sociétaire consommateur : honoraires à la charge du professionnel",
     "no", "yes"),
    ("fr_court_of_appeal", "CA-PARIS-DEMO-0245", "paris", "social", "Roussel", "Amélie", "fr", "fr-idf", "paris",
     "amelie.roussel@mediation-travail.example.org", "01 45 55 01 03", "42 rue de la Roquette\n75011 Paris",
     "110", "20", "no", "yes", None, "", "no", "yes"),
    # Lyon
    ("fr_court_of_appeal", "CA-LYON-DEMO-0031", "lyon", "civil_commercial", "Morel", "Bastien", "fr|en", "fr-ara",
     "lyon", "bastien.morel@mediation-lyon.example.org", "04 78 55 01 01", "9 quai Saint-Vincent\n69001 Lyon",
     "100", "20", "no", "yes", None, "", "yes", "yes"),
    ("fr_court_of_appeal", "CA-LYON-DEMO-0058", "lyon", "family", "Marchal", "Élodie", "fr", "fr-ara", "lyon",
     "elodie.marchal@mediation-familiale-lyon.example.org", "04 78 55 01 02",
     "27 rue de la République\n69002 Lyon", "90", "20", "yes", "no", 45, "De retour de congé en septembre", "no",
     "yes"),
    ("fr_consumer", "CECMC-DEMO-0019", "", "", "Haddad", "Karim", "fr|en", "fr-ara|fr-bfc", "lyon",
     "karim.haddad@mediateur-conso.example.org", "04 78 55 01 03", "3 place des Terreaux\n69001 Lyon",
     "140", "20", "no", "yes", None, "", "no", "yes"),
    # Metz
    ("fr_court_of_appeal", "CA-METZ-DEMO-0014", "metz", "civil_commercial|social", "Schmitt", "Laurent", "fr",
     "fr-ges", "metz", "laurent.schmitt@mediation-moselle.example.org", "03 87 55 01 01",
     "12 rue Serpenoise\n57000 Metz", "95", "20", "no", "yes", None, "", "yes", "yes"),
    ("fr_court_of_appeal", "CA-METZ-DEMO-0027", "metz", "family", "Muller", "Sylvie", "fr|en", "fr-ges", "metz",
     "sylvie.muller@mediation.example.org", "03 87 55 01 02", "4 place Saint-Louis\n57000 Metz",
     "85", "20", "yes", "yes", None, "", "no", "yes"),
    ("fr_court_of_appeal", "CA-METZ-DEMO-0033", "metz", "family|civil_commercial", "Weber", "Marie-Claire",
     "fr|nl", "fr-ges|be-wlx", "metz", "mc.weber@mediation-transfrontaliere.example.org", "03 87 55 01 03",
     "20 rue des Jardins\n57000 Metz", "100", "20", "no", "yes", None, "Médiations transfrontalières (Belgique, Luxembourg)",
     "yes", "yes"),
]
# fmt: on

COLUMNS = (
    "accreditation_body", "accreditation_number", "court_of_appeal", "types", "last_name", "first_name",
    "languages", "regions", "offices", "email", "phone", "address", "hourly_rate", "vat_rate",
    "fees_include_vat", "accepting_new_cases", "availability_until", "availability_note", "cooperative_member",
    "active",
)  # fmt: skip
