"""The demo's Dutch words: members, clients, months, complaints, refusals and phrases.

Re-exported by `accord.demo.content`, which keys each of these by language ("nl").
"""

from accord.demo.content.common import T

PEOPLE = [
    "Jan Peeters",
    "Lotte Janssens",
    "Pieter Maes",
    "Sofie Willems",
    "Tom Claes",
    "Els Goossens",
    "Bram Wouters",
    "An De Smet",
    "Wout Vermeulen",
    "Hanne Jacobs",
    "Koen Mertens",
    "Fien Van den Broeck",
    "Stijn Dubois",
    "Nele Hermans",
    "Arne Lemmens",
    "Ines Verhoeven",
    "Jeroen De Backer",
    "Marthe Aerts",
    "Ruben Van Damme",
    "Eva Michiels",
    "Dries Martens",
]

CLIENTS = [
    "Cultuurcentrum De Warande",
    "Stad Gent",
    "Festival Dranouter",
    "vzw Kunstwerk",
    "Ontwerpbureau Lijn",
    "Gemeente Leuven",
    "Theater Malpertuis",
    "Muziekcentrum Trix",
]

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

COMPLAINTS = [
    T(
        cat="invoicing",
        dept="billing-service",
        subject="Factuur {invoice} na {days} dagen nog altijd niet uitbetaald",
        desc="Goedendag,\n\nMijn factuur {invoice} aan {client} voor een opdracht in {month} is door de klant al "
        "lang betaald, maar ik heb nog niets ontvangen. Ik wacht nu al {days} dagen. De facturatiedienst "
        "geeft geen duidelijk antwoord.\n\nAlvast bedankt.",
        question="Kunt u ons het rekeninguittreksel van de klant bezorgen waarop de betaaldatum staat? "
        "Zo vinden we de betaling sneller terug.",
        reply="In bijlage het uittreksel dat de klant me stuurde. De overschrijving is van de 5de.",
        note="Betaling ontvangen maar op de verkeerde factuur geboekt (zelfde naam). Facturatie corrigeert.",
        answer="Goedendag,\n\nDe betaling van uw klant was ontvangen, maar per vergissing aan een andere factuur "
        "gekoppeld. De facturatiedienst heeft dit rechtgezet en {amount} op uw rekening gestort. We hebben "
        "gevraagd om niet-geïdentificeerde betalingen voortaan wekelijks na te kijken.\n\nMet vriendelijke "
        "groeten,",
    ),
    T(
        cat="invoicing",
        dept="billing-service",
        subject="Creditnota niet verwerkt",
        desc="Goedendag,\n\nIn {month} heb ik een creditnota gevraagd voor factuur {invoice} omdat de opdracht "
        "voor {client} korter was. De creditnota is nooit gemaakt en de klant krijgt nu aanmaningen.",
        question="Hebt u de aanvraag voor de creditnota via het platform of per e-mail gedaan?",
        reply="Via het platform, ik heb nog de bevestiging.",
        note="Aanvraag blijven hangen in de wachtrij van de facturatiedienst sinds de migratie.",
        answer="Goedendag,\n\nUw aanvraag was in een oude wachtrij blijven hangen. De creditnota is gemaakt, de "
        "aanmaningen zijn stopgezet en de klant heeft een verontschuldiging gekregen.\n\nMet vriendelijke "
        "groeten,",
    ),
    T(
        cat="expenses",
        dept="billing-service",
        subject="Onkostennota geweigerd zonder uitleg",
        desc="Goedendag,\n\nMijn onkostennota van {month} ({amount}, materiaal en verplaatsingen voor {client}) "
        "werd geweigerd met als enige opmerking 'niet conform'. Alle bonnetjes zaten erbij. Ik weet niet wat "
        "ik moet aanpassen.",
        question="Hebt u de verplaatsingen met uw eigen wagen gedaan? Zo ja, hebt u een kilometerstaat?",
        reply="Ja, met mijn eigen auto. In bijlage de kilometerstaat per rit.",
        note="Geweigerd omdat de kilometerstaat ontbrak. 'Niet conform' helpt niemand: vraag duidelijkere "
        "weigeringsberichten.",
        answer="Goedendag,\n\nUw onkostennota was geweigerd omdat de kilometerstaat ontbrak. Met het document dat "
        "u ons bezorgde, is ze goedgekeurd en wordt ze met de volgende loonbetaling terugbetaald. We hebben "
        "gevraagd dat elke weigering voortaan vermeldt welk stuk ontbreekt.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="expenses",
        dept="finance-department",
        subject="Terugbetaling onkosten al {days} dagen geblokkeerd",
        desc="Goedendag,\n\nMijn onkosten van {month} zijn goedgekeurd, maar de terugbetaling van {amount} is na "
        "{days} dagen nog altijd niet op mijn rekening. Mijn adviseur zegt dat hij niets kan doen.",
        question="Kunt u bevestigen op welk rekeningnummer u de terugbetaling verwacht?",
        reply="Mijn rekening eindigt op 2290. Ik heb ze dit jaar veranderd, misschien ligt het daaraan?",
        note="Oud rekeningnummer nog actief in het betaalsysteem. Overschrijving teruggekomen.",
        answer="Goedendag,\n\nDe overschrijving was naar uw oude rekening vertrokken en teruggekomen. De financiële "
        "directie heeft uw gegevens aangepast en {amount} vandaag opnieuw overgeschreven.\n\nMet "
        "vriendelijke groeten,",
    ),
    T(
        cat="salary",
        dept="hr-payroll",
        subject="Fout op mijn loonfiche van {month}",
        desc="Goedendag,\n\nOp mijn loonfiche van {month} staan 5 gewerkte dagen in plaats van 8. Ik mis ongeveer "
        "{amount} netto. Ik heb de loonadministratie twee keer gemaild zonder antwoord.",
        question="Kunt u ons de data van de ontbrekende dagen bezorgen?",
        reply="Het gaat om de 10de, 11de en 12de, voor {client}. De contracten staan op het platform.",
        note="Drie contracten ingevoerd na de afsluiting van de loonberekening. Regularisatie volgende maand.",
        answer="Goedendag,\n\nDe drie ontbrekende dagen waren ingevoerd na de afsluiting van de loonberekening. Ze "
        "worden volgende maand geregulariseerd; u krijgt een verbeterde loonfiche.\n\nMet vriendelijke "
        "groeten,",
    ),
    T(
        cat="salary",
        dept="hr-payroll",
        subject="Vakantiegeld niet ontvangen",
        desc="Goedendag,\n\nIk heb mijn vakantiegeld nog altijd niet gekregen, terwijl collega's het in {month} al "
        "ontvingen. Niemand kan me zeggen waarom.",
        question="Hebt u vorig jaar ook bij een andere werkgever gewerkt?",
        reply="Ja, tot maart bij een interimkantoor.",
        note="Vakantiegeld voor bedienden met gemengde loopbaan: berekening manueel, dossier vergeten.",
        answer="Goedendag,\n\nOmdat u vorig jaar ook elders werkte, moest uw vakantiegeld manueel berekend worden en "
        "dat was blijven liggen. Het bedrag ({amount}) wordt deze week gestort.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="contracts",
        dept="legal",
        subject="Vraag over mijn contract met {client}",
        desc="Goedendag,\n\nIk moet een contract tekenen met {client} met een exclusiviteitsclausule van twee jaar. "
        "Mijn adviseur zegt dat de coöperatie het niet kan nalezen. Ik wil niet tekenen zonder advies.",
        question="Wanneer zou het contract ingaan, en kunt u ons het ontwerp bezorgen?",
        reply="Over tien dagen. In bijlage het ontwerp van de klant.",
        note="Juridische dienst kan dringend nalezen. Adviseurs herinneren aan deze mogelijkheid.",
        answer="Goedendag,\n\nDe juridische dienst heeft het contract nagelezen: de exclusiviteitsclausule is te "
        "ruim. Er is een voorstel tot wijziging naar uw klant gestuurd. U kunt de aangepaste versie "
        "tekenen.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="contracts",
        dept="counselling",
        subject="Contract met verkeerd uurtarief ingevoerd",
        desc="Goedendag,\n\nMijn contract voor {client} is ingevoerd met een lager uurtarief dan afgesproken. Ik "
        "heb het meteen gemeld, maar het contract is toch zo vertrokken. Ik verlies {amount}.",
        question="Hebt u de door de klant aanvaarde offerte met het afgesproken tarief nog?",
        reply="Ja, in bijlage, door de klant ondertekend in {month}.",
        note="Invoerfout bevestigd door de adviseur. Bijlage bij het contract in opmaak.",
        answer="Goedendag,\n\nDe invoerfout is bevestigd. Er is een aanhangsel met het juiste tarief naar uw klant "
        "gestuurd; het verschil wordt met de volgende factuur betaald.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="shares",
        dept="finance-department",
        subject="Terugbetaling van mijn aandelen",
        desc="Goedendag,\n\nIk heb meer dan een half jaar geleden de terugbetaling van mijn coöperatieve aandelen "
        "gevraagd toen ik de coöperatie verliet. Sindsdien hoor ik niets meer.",
        question="Kunt u de datum van uw uittreding en het aantal aandelen bevestigen?",
        reply="Ik ben uitgetreden in {month} vorig jaar, met één aandeel.",
        note="Aandelen worden pas na goedkeuring van de jaarrekening terugbetaald: niet uitgelegd aan het lid.",
        answer="Goedendag,\n\nVolgens de statuten worden aandelen terugbetaald na de goedkeuring van de jaarrekening "
        "van het jaar van uittreding. U wordt in juni terugbetaald. Het spijt ons dat u dat niet eerder "
        "werd uitgelegd; de bevestiging van uittreding wordt aangepast.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="shares",
        dept="cooperative-life",
        subject="Geen uitnodiging voor de algemene vergadering",
        desc="Goedendag,\n\nIk ben al drie jaar vennoot en heb nooit een uitnodiging voor de algemene vergadering "
        "gekregen. Ik wil graag mee beslissen.",
        question="Kunt u het e-mailadres in uw profiel op het platform nakijken?",
        reply="Het adres klopt, maar ik had 'geen nieuwsbrief' aangevinkt. Kan dat de oorzaak zijn?",
        note="AV-uitnodigingen volgen de nieuwsbriefoptie. Niet correct: de AV is statutair.",
        answer="Goedendag,\n\nDe uitnodigingen voor de algemene vergadering gingen alleen naar leden die op de "
        "nieuwsbrief geabonneerd waren. Dat is rechtgezet: alle vennoten krijgen voortaan de uitnodiging."
        "\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="platform",
        dept="it-platform",
        subject="Kan geen factuur maken op het platform",
        desc="Goedendag,\n\nSinds enkele dagen geeft de knop 'Factuur aanmaken' op het ledenplatform een foutmelding. "
        "Ik moet {client} voor het einde van de maand factureren. De helpdesk antwoordt niet.",
        question="Welke browser gebruikt u, en kunt u ons een schermafdruk van de fout sturen?",
        reply="Chrome, laatste versie. In bijlage de schermafdruk.",
        note="Gekende bug sinds de update: accounts met twee activiteiten. Fix gepland.",
        answer="Goedendag,\n\nDe fout trof leden met twee activiteiten. De IT-dienst heeft ze verholpen en uw "
        "factuur voor {client} kon worden aangemaakt. Bedankt voor uw geduld.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="platform",
        dept="it-platform",
        subject="Twee-factorauthenticatie werkt niet meer",
        desc="Goedendag,\n\nSinds ik een nieuwe telefoon heb, kan ik niet meer inloggen op het ledenplatform. De "
        "code komt niet aan. Ik kan mijn facturen niet opvolgen.",
        question="Hebt u nog toegang tot het e-mailadres van uw account?",
        reply="Ja, dat werkt nog.",
        note="Geen procedure voor verlies van toestel. IT reset manueel.",
        answer="Goedendag,\n\nDe IT-dienst heeft uw tweede factor gereset; u kunt opnieuw inloggen en een nieuw "
        "toestel koppelen. Er komt een procedure voor leden die van toestel veranderen.\n\nMet "
        "vriendelijke groeten,",
    ),
    T(
        cat="counsellor",
        dept="counselling",
        subject="Mijn adviseur antwoordt al twee weken niet",
        desc="Goedendag,\n\nIk heb mijn adviseur al drie keer gemaild en twee keer gebeld in de voorbije twee weken. "
        "Ik moet een offerte naar {client} sturen en heb zijn advies nodig. Er werd een antwoord binnen drie "
        "werkdagen beloofd.",
        question="Wilt u dat een andere adviseur uw opvolging tijdelijk overneemt?",
        reply="Ja graag, zeker voor deze offerte.",
        note="Adviseur met ziekteverlof, zonder afwezigheidsbericht. Portefeuille niet verdeeld.",
        answer="Goedendag,\n\nUw adviseur is voor onbepaalde tijd afwezig en dat was niet gemeld. Een collega neemt "
        "uw opvolging vandaag over en neemt contact met u op voor uw offerte. We hebben aanbevolen dat er "
        "altijd een afwezigheidsbericht en een vervanger is.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="counsellor",
        dept="counselling",
        subject="Afspraak met adviseur drie keer verzet",
        desc="Goedendag,\n\nMijn afspraak om mijn activiteit op te starten is drie keer door het kantoor verzet, "
        "telkens op de dag zelf. Ik verlies zo opdrachten.",
        question="Welke data waren de verzette afspraken?",
        reply="Telkens op een maandag in {month}.",
        note="Planning van het kantoor Gent onderbezet. Doorgestuurd naar de teamverantwoordelijke.",
        answer="Goedendag,\n\nHet kantoor had te weinig adviseurs ingepland. U hebt deze week een afspraak met een "
        "vaste adviseur, en het kantoor heeft zijn planning aangepast.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="insurance",
        dept="legal",
        subject="Schadegeval geweigerd door de verzekering",
        desc="Goedendag,\n\nMijn materiaal werd gestolen tijdens een opdracht voor {client}. De verzekering van de "
        "coöperatie weigert tussen te komen omdat het materiaal 'niet aangegeven' was. Niemand had me dat "
        "gezegd.",
        question="Kunt u ons de weigeringsbrief van de verzekeraar en het proces-verbaal bezorgen?",
        reply="In bijlage beide documenten.",
        note="De aangifteplicht staat nergens in de ledengids.",
        answer="Goedendag,\n\nDe verzekeraar blijft bij zijn weigering, maar de aangifteplicht was u niet "
        "meegedeeld. De coöperatie neemt een deel van de vervangingswaarde ten laste en de ledengids is "
        "aangevuld.\n\nMet vriendelijke groeten,",
    ),
    T(
        cat="other",
        dept="communication",
        subject="Nieuwsbrief in het Frans ontvangen",
        desc="Goedendag,\n\nIk krijg de nieuwsbrief en zelfs officiële berichten van de coöperatie alleen in het "
        "Frans, terwijl mijn taal Nederlands is. Dat is niet de eerste keer.",
        question="Kunt u nakijken welke taal in uw profiel staat?",
        reply="Er staat Nederlands in mijn profiel.",
        note="Taalveld niet overgenomen bij de laatste export naar het mailingprogramma.",
        answer="Goedendag,\n\nBij de laatste export naar het mailingprogramma werd de taalkeuze niet overgenomen. "
        "Dat is rechtgezet voor alle leden; u ontvangt voortaan alles in het Nederlands.\n\nMet "
        "vriendelijke groeten,",
    ),
]

# Cases refused at admissibility: one per ground, with the reason told to the member.
REFUSALS = {
    "not_raised_first": T(
        cat="salary",
        dept="hr-payroll",
        subject="Vraag over mijn loonfiche",
        desc="Goedendag,\n\nIk begrijp een lijn op mijn loonfiche van {month} niet. Wat betekent die?",
        reason="Uw vraag werd nog niet aan de loonadministratie gesteld, die ze het best kan beantwoorden. "
        "We hebben ze doorgestuurd; bent u niet tevreden met het antwoord, dan kunt u bij ons "
        "terugkomen met de referentie van dit dossier.",
    ),
    "frivolous": T(
        cat="other",
        dept="cooperative-life",
        subject="Klacht over het weer op het ledenfeest",
        desc="Het regende op het ledenfeest. Ik wil een klacht indienen.",
        reason="Uw bericht bevat geen klacht over een dienst van de coöperatie waarvoor een oplossing "
        "mogelijk is. We hebben uw opmerking wel aan het team Coöperatief leven bezorgd.",
    ),
    "other_body": T(
        cat="contracts",
        dept="legal",
        subject="Geschil over auteursrechten",
        desc="Goedendag,\n\nIk heb een geschil met {client} over mijn auteursrechten. De zaak ligt al bij "
        "de rechtbank, maar ik wil ook een klacht indienen.",
        reason="Het geschil ligt al voor bij de rechtbank. Accord kan het daarom niet tegelijk behandelen.",
    ),
    "too_late": T(
        cat="expenses",
        dept="finance-department",
        subject="Onkosten van drie jaar geleden",
        desc="Goedendag,\n\nIk heb onkosten van drie jaar geleden nooit ingediend. Kan dat nog?",
        reason="De termijn om deze onkosten in te dienen is verstreken. We kunnen deze klacht daarom niet behandelen.",
    ),
    "outside_remit": T(
        cat="other",
        dept="legal",
        subject="Probleem met mijn huisbaas",
        desc="Goedendag,\n\nMijn huisbaas wil de huur verhogen. Kunnen jullie bemiddelen?",
        reason="Dit geschil valt buiten de diensten van de coöperatie. Accord behandelt alleen klachten "
        "over de coöperatie. Een huurdersbond of de vrederechter kan u helpen.",
    ),
}

# Sentences that do not depend on the complaint.
PHRASES = {
    "no_response": "We stelden u op {asked} een vraag en kregen ondanks onze herinnering geen antwoord. "
    "We sluiten uw klacht daarom af.",
    "progress": "Goedendag,\n\nIk bevestig dat ik uw dossier behandel. Ik heb de betrokken dienst om uitleg "
    "gevraagd en kom bij u terug zodra ik antwoord heb.\n\nMet vriendelijke groeten,",
    "thanks": "Hartelijk dank voor uw antwoord en de opvolging.",
    "chase": "Goedendag, is er al nieuws? Ik heb nog steeds niets ontvangen.",
    "redirect": "Uw vraag hoort eerst thuis bij de dienst '{dept}', die ze rechtstreeks kan oplossen. We hebben "
    "ze doorgestuurd en volgen het dossier op: zonder bevredigend antwoord binnen 15 dagen nemen "
    "we het onderzoek weer op.",
    "withdraw_member": "Goedendag, het probleem is rechtstreeks met de dienst opgelost. Ik trek mijn klacht in. "
    "Bedankt.",
    "contest": "Goedendag, ik ben het niet eens met uw antwoord: de correctie was aangekondigd, maar mijn laatste "
    "twee loonbrieven tonen nog altijd het oude bedrag. Kunt u het opnieuw bekijken?",
    "discontinue_court": "U liet ons weten dat u de zaak bij de arbeidsrechtbank hebt aangebracht. Een klacht kan niet "
    "tegelijk door Accord en door een rechtbank worden onderzocht: we beëindigen ons onderzoek.",
    "reopen_member": "De vennoot vroeg telefonisch om de ingetrokken klacht opnieuw te behandelen: “de dienst beloofde "
    "het op te lossen, maar er is niets gebeurd”.",
    "withdraw_note": "Telefonisch met de dienst geregeld.",
    "reopen": "De vennoot meldt dat de aangekondigde correctie niet is uitgevoerd.",
    "extend": "Het dossier vraagt het advies van twee diensten en een externe dienstverlener.",
    "partly": "Goedendag,\n\nNa onderzoek met de dienst '{dept}' kon een deel van uw vraag worden ingewilligd: "
    "de correctie geldt voor de toekomst. De gevraagde compensatie voor het verleden kan echter niet "
    "worden toegekend volgens de regels van de coöperatie. Bent u niet tevreden, dan kunt u zich tot "
    "een erkend bemiddelaar wenden.\n\nMet vriendelijke groeten,",
    "not_resolved": "Goedendag,\n\nWe hebben uw vraag onderzocht met de dienst '{dept}'. We begrijpen uw "
    "teleurstelling, maar de beslissing was in overeenstemming met de regels van de coöperatie "
    "en we kunnen ze niet wijzigen. Bent u niet tevreden, dan kunt u zich tot een erkend "
    "bemiddelaar wenden.\n\nMet vriendelijke groeten,",
    "ask_department": "De vennoot zegt dat dezelfde factuur in maart twee keer werd aangerekend. Kunt u beide "
    "aanrekeningen bevestigen en zeggen of er een terugbetaling is gestart?",
    "department_answer": "Bevestigd: door een technische fout werd de factuur van maart twee keer aangerekend. De "
    "tweede aanrekening is op de 12de teruggestort; de vennoot ziet het op het volgende uittreksel.",
    "ask_department_open": "Kunt u mij het overzicht van de loonbrieven van de vennoot over de laatste drie "
    "maanden sturen en de inhouding op de laatste uitleggen?",
    "ask_department_link": "De vennoot vroeg twee maanden geleden de terugbetaling van zijn coöperatieve aandelen. "
    "Kunt u mij zeggen of de aanvraag is goedgekeurd en wanneer het bedrag wordt gestort?",
    "department_link_answer": "De aanvraag werd goedgekeurd door de raad van bestuur van de 14de. De terugbetaling "
    "vertrekt met de betalingen van het einde van de maand; de bevestiging zit in bijlage.",
    "department_email_answer": "Goedendag,\n\nHierbij het overzicht van de laatste drie loonbrieven. De inhouding "
    "op de laatste regulariseert een voorschot dat in oktober twee keer werd betaald; de berekening staat in "
    "het bijgevoegde document.\n\nMet vriendelijke groeten,\nHélène Roux\nHR en loonadministratie",
    "conflict": "De vennoot is een goede vriend van mij.",
    "third_party": {"role": "Boekhouder van de vennoot", "name": "Koen Wouters", "email": "koen.wouters@example.net"},
    "member_request": "Ik voel me niet gehoord; ik zou graag hebben dat iemand anders mijn dossier overneemt.",
    "systemic": "Zelfde vertraging bij de betaling van klantfacturen: te melden aan het begeleidingscomité.",
    "duplicate": "Dezelfde klacht, een tweede keer per e-mail verstuurd.",
    "received_by": {
        "counsellor": "Adviseur – kantoor Gent",
        "billing": "Bruno Facq – facturatiedienst",
        "communication": "Communicatieteam",
        "ethics": "Ethisch comité",
        "social": "Facebookpagina van de coöperatie",
        "letter": "Brief per post",
        "office": "Onthaal kantoor Antwerpen",
        "phone": "Ledenlijn",
    },
}

# A dysfunction in each state (load_demo's `dysfunctions`), in the case's language: what the mediator recorded,
# addressed to the department concerned, and what the department answered.
DYSFUNCTIONS = [
    T(
        state="recorded",
        dept="hr-payroll",
        cat="salary",
        title="Loonbrieven naar een oud adres gestuurd",
        description="De vennoot heeft zijn verhuizing drie maanden geleden op het platform gemeld, maar zijn "
        "loonbrieven komen nog altijd op zijn oude adres toe. De wijziging op het platform wordt niet "
        "doorgegeven aan het loonprogramma.",
    ),
    T(
        state="acknowledged",
        dept="billing-service",
        cat="invoicing",
        title="Betalingen van klanten op de verkeerde factuur geboekt",
        description="De betaling van een klant werd gekoppeld aan de factuur van een andere vennoot met een "
        "gelijkaardige naam: de vennoot wachtte meer dan zes weken op zijn uitbetaling. Betalingen zonder "
        "gestructureerde mededeling worden met de hand geboekt, zonder tweede controle.",
        acknowledge="Erkend. We vonden dit kwartaal nog vier gevallen en komen voor het einde van de maand bij u "
        "terug met een maatregel.",
    ),
    T(
        state="disputed",
        dept="hr-payroll",
        cat="salary",
        title="Inhouding op de loonbrief zonder uitleg",
        description="Op de loonbrief van de vennoot staat een hogere bedrijfsvoorheffing dan gewoonlijk, zonder "
        "enige uitleg. Hij moest drie keer bellen om ze te begrijpen.",
        dispute="Wij betwisten dit: de inhouding volgt de wettelijke schaal, die in januari veranderde, en elke "
        "loonbrief verwijst naar de pagina die die schaal uitlegt. We kunnen de berekening niet op elke "
        "loonbrief uitschrijven.",
    ),
    T(
        state="action_planned",
        dept="billing-service",
        cat="invoicing",
        title="Automatische herinneringen ondanks een afbetalingsplan",
        description="De klant van de vennoot kreeg drie herinneringen, hoewel een betaling in twee keer was "
        "afgesproken en ingevoerd. De automatische herinneringen negeren afbetalingsplannen; al gezien in twee "
        "andere dossiers.",
        plan="Het facturatieprogramma zal de herinneringen opschorten voor elke factuur met een afbetalingsplan. "
        "In productie na de tests van de leverancier.",
    ),
    T(
        state="done",
        dept="billing-service",
        cat="expenses",
        title="Onkostennota's geweigerd met enkel “niet conform”",
        description="De onkostennota van de vennoot werd geweigerd met als enige commentaar “niet conform”, "
        "terwijl alleen de kilometerstaat ontbrak. De vennoot kon niet weten wat hij moest verbeteren.",
        plan="We vervangen “niet conform” door een lijst van precieze redenen (ontbrekend stuk, bedrag, datum), "
        "met het stuk dat moet worden toegevoegd.",
        done="Sinds maandag in gebruik: elke weigering noemt het ontbrekende stuk en de vennoot krijgt de link om "
        "het op te laden.",
    ),
    T(
        state="closed",
        dept="hr-payroll",
        cat="salary",
        title="Lonen van december een week te laat betaald",
        description="De lonen van december werden op de 31ste betaald in plaats van de 24ste, zonder de vennoten "
        "te verwittigen. Verschillende vennoten, onder wie deze, betaalden bankkosten.",
        acknowledge="Erkend: de jaarafsluiting vertraagde de loonverwerking en niemand verwittigde de vennoten.",
        done="De loonkalender van december ligt voortaan in oktober vast en alle vennoten krijgen een bericht als "
        "een betaaldatum verandert. Bankkosten worden terugbetaald op vertoon van het uittreksel.",
        close="Maatregel nagekeken op de kalender van dit jaar; terugbetaling van de kosten aan de vennoot bevestigd.",
    ),
]
