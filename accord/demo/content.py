"""The demo's words: members, complaints and the exchanges around them, in each language.

Each complaint template has its category and the department concerned, the member's
subject and description, the mediator's question, the member's reply, an internal note and
a written answer. `{amount}`, `{month}`, `{client}`, `{invoice}` and `{days}` are filled
per case so that two cases from one template do not read the same.
"""

PEOPLE = {
    "fr": [
        "Marie Lambert",
        "Julien Moreau",
        "Sophie Dubois",
        "Thomas Leroy",
        "Camille Renard",
        "Nicolas Lefèvre",
        "Aurélie Martin",
        "Hugo Lemaire",
        "Claire Fontaine",
        "Mehdi Benali",
        "Élise Laurent",
        "Antoine Gérard",
        "Nathalie Simon",
        "Karim Haddad",
        "Lucie Bernard",
        "François Petit",
        "Inès Mercier",
        "Olivier Dupont",
        "Pauline Girard",
        "Samuel Collin",
        "Chloé Marchal",
        "David Rousseau",
        "Fatou Diallo",
        "Yannick Jacquet",
        "Manon Delvaux",
        "Romain Hubert",
        "Léa Masson",
        "Benoît Denis",
    ],
    "nl": [
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
    ],
    "en": [
        "Sarah Smith",
        "James O'Connor",
        "Ana Costa",
        "Oliver Brown",
        "Priya Nair",
        "Lukas Becker",
        "Emma Walsh",
        "Marco Rossi",
        "Hannah Müller",
        "Daniel Novak",
    ],
}

CLIENTS = {
    "fr": [
        "Théâtre de la Balsamine",
        "Festival Couleur Café",
        "la commune de Schaerbeek",
        "l'asbl Lire et Écrire",
        "Studio Lumière SPRL",
        "la Ville de Lille",
        "le centre culturel de Namur",
        "Agence Pixel & Co",
    ],
    "nl": [
        "Cultuurcentrum De Warande",
        "Stad Gent",
        "Festival Dranouter",
        "vzw Kunstwerk",
        "Ontwerpbureau Lijn",
        "Gemeente Leuven",
        "Theater Malpertuis",
        "Muziekcentrum Trix",
    ],
    "en": [
        "Brussels Jazz Weekend",
        "the European Film Academy",
        "Kanal Centre Pompidou",
        "Bozar",
        "a Dutch design studio",
        "the Flagey foundation",
    ],
}

MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "nl": [
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
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def money(amount: int, language: str) -> str:
    whole = f"{amount:,}"
    if language == "en":
        return f"€{whole}"
    if language == "nl":
        return f"€ {whole.replace(',', '.')}"
    return f"{whole.replace(',', ' ')} €"


T = dict  # one complaint template

COMPLAINTS = {
    "fr": [
        T(
            cat="invoicing",
            dept="billing-service",
            subject="Facture {invoice} toujours pas versée après {days} jours",
            desc="Bonjour,\n\nMa facture {invoice} adressée à {client} pour une prestation de {month} a été payée par "
            "le client depuis longtemps, mais je n'ai toujours rien reçu sur mon compte. Cela fait {days} jours "
            "que j'attends et je dois payer mon loyer. Personne au service facturation ne me répond clairement.\n\n"
            "Merci de faire le nécessaire.",
            question="Pourriez-vous nous envoyer l'extrait de compte du client qui montre la date de son paiement ? "
            "Cela nous permettra de retrouver le versement plus vite.",
            reply="Voici l'extrait que le client m'a transmis : le virement date du 3 du mois. Merci pour votre aide.",
            note="Le paiement du client a été reçu mais imputé sur la mauvaise facture (homonyme). "
            "Le service facturation corrige et verse cette semaine.",
            answer="Bonjour,\n\nLe paiement de votre client avait été reçu, mais il avait été rattaché par erreur à "
            "une autre facture. Le service facturation a corrigé l'imputation et le montant de {amount} a été "
            "versé sur votre compte. Nous avons demandé que les paiements non identifiés soient vérifiés "
            "chaque semaine pour que cela ne se reproduise pas.\n\nBien cordialement,",
        ),
        T(
            cat="invoicing",
            dept="billing-service",
            subject="Relances de paiement envoyées à mon client sans me prévenir",
            desc="Bonjour,\n\n{client} m'a appelé, très mécontent, parce qu'il a reçu une troisième relance pour la "
            "facture {invoice} alors qu'il avait convenu avec moi d'un paiement en deux fois. Je n'ai jamais été "
            "informé de ces relances. Ma relation avec ce client est abîmée.",
            question="Aviez-vous signalé au service facturation l'accord de paiement en deux fois ? Si oui, "
            "pourriez-vous nous transférer l'e-mail ?",
            reply="Oui, je l'avais signalé par le formulaire de la plateforme en {month}. Je vous transfère la copie.",
            note="Le plan de paiement avait bien été encodé mais les relances automatiques ne le prennent pas en compte. "
            "Problème déjà vu deux fois : à signaler comme problème systémique.",
            answer="Bonjour,\n\nVotre accord de paiement avait bien été enregistré, mais les relances automatiques ne "
            "le prenaient pas en compte. Les relances sont suspendues pour votre client, le service facturation "
            "lui a écrit pour s'excuser, et nous avons recommandé que les plans de paiement bloquent désormais "
            "les relances.\n\nBien cordialement,",
        ),
        T(
            cat="expenses",
            dept="billing-service",
            subject="Note de frais refusée sans explication",
            desc="Bonjour,\n\nMa note de frais de {month} ({amount}, déplacements et matériel pour le projet avec "
            "{client}) a été refusée avec pour seul commentaire « non conforme ». J'ai joint tous les tickets. "
            "Je ne comprends pas ce qui ne va pas et je ne sais pas quoi corriger.",
            question="Pourriez-vous nous préciser si les frais de déplacement ont été faits avec votre véhicule "
            "personnel ? Le cas échéant, avez-vous le relevé des kilomètres ?",
            reply="Oui, avec ma voiture. Je joins le relevé des kilomètres, trajet par trajet.",
            note="Refus dû à l'absence de relevé kilométrique. Le motif « non conforme » n'aide personne : "
            "demander au service des messages de refus explicites.",
            answer="Bonjour,\n\nVotre note de frais avait été refusée parce que le relevé des kilomètres manquait. "
            "Avec celui que vous nous avez transmis, elle a été acceptée et sera remboursée avec la prochaine "
            "paie. Nous avons aussi demandé que chaque refus indique désormais précisément la pièce manquante."
            "\n\nBien cordialement,",
        ),
        T(
            cat="expenses",
            dept="finance-department",
            subject="Remboursement de frais bloqué depuis {days} jours",
            desc="Bonjour,\n\nMes frais de {month} ont été validés mais le remboursement de {amount} n'est toujours pas "
            "arrivé, {days} jours plus tard. Mon conseiller me dit qu'il ne peut rien faire. À qui dois-je "
            "m'adresser ?",
            question="Pouvez-vous nous confirmer le numéro de compte sur lequel vous attendez le remboursement ? "
            "Il se termine par quels chiffres ?",
            reply="Mon compte se termine par 4417. Je l'ai changé en début d'année, peut-être que c'est le problème ?",
            note="Ancien numéro de compte encore actif dans le système de paiement. Virement revenu en retour. "
            "La direction financière relance le paiement.",
            answer="Bonjour,\n\nLe virement était parti vers votre ancien compte et nous était revenu. La direction "
            "financière a mis à jour vos coordonnées et le remboursement de {amount} a été fait aujourd'hui. "
            "Vous devriez le voir d'ici deux jours ouvrables.\n\nBien cordialement,",
        ),
        T(
            cat="salary",
            dept="hr-payroll",
            subject="Erreur sur ma fiche de paie de {month}",
            desc="Bonjour,\n\nSur ma fiche de paie de {month}, le nombre de jours prestés est faux : 6 jours au lieu "
            "de 9. Il me manque environ {amount} net. J'ai écrit deux fois à la paie sans réponse.",
            question="Pourriez-vous nous envoyer les contrats des trois jours manquants, ou leurs dates ?",
            reply="Il s'agit des 14, 15 et 16, pour {client}. Les contrats sont sur la plateforme.",
            note="Trois contrats encodés après la clôture de la paie. Régularisation possible le mois suivant.",
            answer="Bonjour,\n\nLes trois jours manquants avaient été encodés après la clôture de la paie du mois. "
            "Ils sont régularisés sur la paie du mois prochain ; une fiche de paie rectificative vous sera "
            "envoyée. Nous avons demandé à la paie de répondre aux demandes sous trois jours ouvrables."
            "\n\nBien cordialement,",
        ),
        T(
            cat="salary",
            dept="hr-payroll",
            subject="Salaire versé en retard pour la deuxième fois",
            desc="Bonjour,\n\nPour la deuxième fois en trois mois, mon salaire est arrivé avec plusieurs jours de "
            "retard. J'ai eu des frais bancaires à cause d'un prélèvement refusé. Je voudrais savoir pourquoi et "
            "être dédommagé des frais.",
            question="Pourriez-vous nous transmettre le document de votre banque qui mentionne les frais ?",
            reply="Voici le courrier de ma banque : 25 € de frais pour le prélèvement refusé.",
            note="Retard lié au changement de prestataire de paie en {month}. Frais bancaires remboursables "
            "selon la direction.",
            answer="Bonjour,\n\nLes deux retards sont dus au changement de prestataire de paie. La coopérative vous "
            "rembourse les frais bancaires sur présentation du document, ce qui est fait. Les dates de "
            "versement sont à nouveau garanties.\n\nBien cordialement,",
        ),
        T(
            cat="contracts",
            dept="legal",
            subject="Question sur mon contrat avec {client}",
            desc="Bonjour,\n\nJe dois signer un contrat de cession de droits d'auteur avec {client}. Mon conseiller "
            "m'a dit que la coopérative ne pouvait pas le relire avant la date de début. Je ne veux pas signer "
            "quelque chose que je ne comprends pas.",
            question="Quelle est la date de début prévue, et pouvez-vous nous envoyer le projet de contrat ?",
            reply="Le début est prévu dans deux semaines. Je vous envoie le projet reçu du client.",
            note="Le service juridique accepte une relecture en urgence. Prévoir un rappel au conseiller "
            "sur le délai de relecture.",
            answer="Bonjour,\n\nLe service juridique a relu le contrat : deux clauses sur la durée de la cession "
            "étaient déséquilibrées et une proposition de modification a été envoyée à votre client. Vous "
            "pouvez signer la version modifiée.\n\nBien cordialement,",
        ),
        T(
            cat="contracts",
            dept="counselling",
            subject="Contrat encodé avec un mauvais taux horaire",
            desc="Bonjour,\n\nMon contrat pour {client} a été encodé à un taux horaire inférieur à celui convenu. "
            "Je l'ai signalé le jour même mais le contrat est parti ainsi. Je perds {amount} sur la mission.",
            question="Avez-vous encore le devis accepté par le client avec le taux convenu ?",
            reply="Oui, le voici, signé par le client en {month}.",
            note="Erreur d'encodage confirmée par le conseiller. Avenant au contrat préparé.",
            answer="Bonjour,\n\nL'erreur d'encodage est confirmée. Un avenant avec le bon taux a été établi et "
            "envoyé à votre client ; la différence vous sera payée avec la facture suivante.\n\nBien "
            "cordialement,",
        ),
        T(
            cat="shares",
            dept="finance-department",
            subject="Remboursement de mes parts sociales",
            desc="Bonjour,\n\nJ'ai demandé le remboursement de mes parts sociales il y a plus de six mois, après "
            "avoir quitté la coopérative. On m'a répondu que c'était en cours, puis plus rien.",
            question="Pourriez-vous nous confirmer la date de votre demande de démission et le nombre de parts ?",
            reply="J'ai envoyé ma démission en {month} de l'an dernier. J'ai deux parts.",
            note="Les parts sont remboursées après l'approbation des comptes annuels : le délai n'a pas été "
            "expliqué au membre. Communication à améliorer.",
            answer="Bonjour,\n\nSelon les statuts, les parts sociales sont remboursées après l'approbation des comptes "
            "de l'exercice au cours duquel la démission a eu lieu. Vos parts seront remboursées en juin. Nous "
            "regrettons que ce délai ne vous ait pas été expliqué et avons demandé qu'il le soit dans la "
            "confirmation de démission.\n\nBien cordialement,",
        ),
        T(
            cat="shares",
            dept="cooperative-life",
            subject="Je n'ai pas reçu d'invitation à l'assemblée générale",
            desc="Bonjour,\n\nJe suis sociétaire depuis trois ans et je n'ai jamais reçu d'invitation à l'assemblée "
            "générale. J'aimerais participer aux décisions de la coopérative.",
            question="Pouvez-vous vérifier l'adresse e-mail de votre profil sur la plateforme ?",
            reply="Mon adresse est correcte, mais j'avais coché « pas de newsletter ». C'est peut-être lié ?",
            note="Les invitations à l'AG suivent l'option newsletter. Ce n'est pas normal : l'AG est statutaire.",
            answer="Bonjour,\n\nLes invitations à l'assemblée générale étaient envoyées uniquement aux membres "
            "inscrits à la newsletter. C'est corrigé : tous les sociétaires reçoivent désormais l'invitation, "
            "et vous recevrez celle de la prochaine assemblée.\n\nBien cordialement,",
        ),
        T(
            cat="platform",
            dept="it-platform",
            subject="Impossible de créer une facture sur la plateforme",
            desc="Bonjour,\n\nDepuis plusieurs jours, le bouton « Créer une facture » de la plateforme membres affiche "
            "une erreur. Je dois facturer {client} avant la fin du mois. Le support ne répond pas.",
            question="Quel navigateur utilisez-vous, et pourriez-vous nous envoyer une capture d'écran de l'erreur ?",
            reply="Firefox, à jour. Voici la capture d'écran.",
            note="Bug connu depuis la mise à jour : les comptes avec deux activités. Correctif prévu.",
            answer="Bonjour,\n\nL'erreur touchait les membres ayant deux activités. Le service informatique l'a "
            "corrigée et votre facture pour {client} a pu être créée. Merci pour votre patience."
            "\n\nBien cordialement,",
        ),
        T(
            cat="platform",
            dept="it-platform",
            subject="Mes documents ont disparu de mon espace membre",
            desc="Bonjour,\n\nLes attestations et fiches de paie des années précédentes ne sont plus visibles dans mon "
            "espace membre. J'en ai besoin pour ma déclaration fiscale.",
            question="De quelles années avez-vous besoin en priorité ?",
            reply="Surtout de l'année dernière, pour l'impôt.",
            note="Migration des archives incomplète pour une partie des membres. L'IT réimporte.",
            answer="Bonjour,\n\nUne partie des archives n'avait pas été reprise lors de la migration de la plateforme. "
            "Vos documents sont à nouveau visibles. Nous vous les avons aussi envoyés par e-mail."
            "\n\nBien cordialement,",
        ),
        T(
            cat="counsellor",
            dept="counselling",
            subject="Mon conseiller ne répond plus depuis deux semaines",
            desc="Bonjour,\n\nJ'ai écrit trois fois à mon conseiller et laissé deux messages sur son répondeur depuis "
            "deux semaines. J'ai un devis à envoyer à {client} et j'ai besoin de son avis. On m'avait promis une "
            "réponse en trois jours ouvrables.",
            question="Souhaitez-vous qu'un autre conseiller reprenne temporairement votre suivi ?",
            reply="Oui, si c'est possible, au moins pour ce devis.",
            note="Le conseiller est en congé maladie, sans message d'absence. Son portefeuille n'a pas été réparti.",
            answer="Bonjour,\n\nVotre conseiller est absent pour une durée indéterminée et son absence n'avait pas été "
            "signalée. Une collègue reprend votre suivi dès aujourd'hui et vous contactera pour votre devis. "
            "Nous avons recommandé qu'un message d'absence et un remplaçant soient prévus systématiquement."
            "\n\nBien cordialement,",
        ),
        T(
            cat="counsellor",
            dept="counselling",
            subject="Conseil erroné sur le statut à choisir",
            desc="Bonjour,\n\nSur le conseil de ma conseillère, j'ai facturé mes prestations de {month} comme des "
            "droits d'auteur. On me dit maintenant que ce n'était pas possible et qu'il faut tout refaire. "
            "Cela me fait perdre beaucoup de temps et peut-être {amount}.",
            question="Pourriez-vous nous transférer l'e-mail dans lequel ce conseil vous a été donné ?",
            reply="Le voici. C'est assez clair, elle me dit que c'est possible.",
            note="Conseil erroné confirmé. Voir avec le service conseil pour un rappel des règles et un geste.",
            answer="Bonjour,\n\nLe conseil reçu était erroné. Le service conseil reprend lui-même la correction de vos "
            "factures, sans frais pour vous, et la différence éventuelle sera prise en charge par la "
            "coopérative. Un rappel des règles a été fait à l'équipe.\n\nBien cordialement,",
        ),
        T(
            cat="insurance",
            dept="legal",
            subject="Sinistre refusé par l'assurance de la coopérative",
            desc="Bonjour,\n\nMon matériel (ordinateur et projecteur) a été volé pendant une prestation pour {client}. "
            "L'assurance de la coopérative refuse d'intervenir car le matériel n'était « pas déclaré ». "
            "Personne ne m'avait dit qu'il fallait le déclarer.",
            question="Pourriez-vous nous envoyer la lettre de refus de l'assureur et le procès-verbal de la police ?",
            reply="Je vous envoie les deux. Le PV date du lendemain du vol.",
            note="L'obligation de déclarer le matériel n'apparaît nulle part dans le guide du membre.",
            answer="Bonjour,\n\nL'assureur maintient son refus, mais l'obligation de déclarer le matériel ne vous "
            "avait pas été communiquée. La coopérative prend en charge une partie de la valeur de "
            "remplacement, et le guide du membre a été complété.\n\nBien cordialement,",
        ),
        T(
            cat="other",
            dept="communication",
            subject="Message désagréable reçu en réponse à une question",
            desc="Bonjour,\n\nJ'ai posé une question sous une publication de la coopérative et j'ai reçu une réponse "
            "sèche et moqueuse. Je trouve cela inacceptable de la part de ma propre coopérative.",
            question="Pourriez-vous nous indiquer la date et la publication concernée ?",
            reply="C'était sous la publication sur l'assemblée générale, en {month}.",
            note="Réponse d'un community manager remplaçant. L'équipe communication présente ses excuses.",
            answer="Bonjour,\n\nL'équipe communication a reconnu que la réponse n'était pas appropriée et vous présente "
            "ses excuses. La réponse à votre question a été publiée, et un rappel de la charte de modération a "
            "été fait.\n\nBien cordialement,",
        ),
        T(
            cat="other",
            dept="cooperative-life",
            subject="Accueil désagréable au bureau",
            desc="Bonjour,\n\nJe suis passé au bureau sans rendez-vous pour déposer des documents et on m'a renvoyé "
            "sans explication, alors que la permanence était annoncée sur le site.",
            question="Pouvez-vous nous dire quel jour et à quelle heure vous êtes passé ?",
            reply="Le mardi vers 14 h.",
            note="Les horaires de permanence du site n'étaient plus à jour.",
            answer="Bonjour,\n\nLes horaires de permanence annoncés sur le site n'étaient plus à jour. Ils ont été "
            "corrigés, et l'équipe d'accueil reçoit désormais les documents même hors permanence. Nous "
            "sommes désolés pour ce déplacement inutile.\n\nBien cordialement,",
        ),
    ],
    "nl": [
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
    ],
    "en": [
        T(
            cat="invoicing",
            dept="billing-service",
            subject="Invoice {invoice} still unpaid after {days} days",
            desc="Hello,\n\nMy invoice {invoice} to {client} for work done in {month} was paid by the client weeks "
            "ago, but I still have not received anything. I have been waiting {days} days and the billing "
            "service keeps telling me it is 'in progress'.",
            question="Could you send us the client's bank statement showing the date of their payment?",
            reply="Here is the statement the client sent me. The transfer was made on the 2nd.",
            note="Payment received but matched to the wrong invoice. Billing corrects and pays this week.",
            answer="Hello,\n\nYour client's payment had arrived but was matched to another invoice by mistake. The "
            "billing service has corrected it and {amount} has been paid into your account. Unidentified "
            "payments will now be checked every week.\n\nKind regards,",
        ),
        T(
            cat="expenses",
            dept="billing-service",
            subject="Expense claim refused without explanation",
            desc="Hello,\n\nMy expense claim for {month} ({amount}, travel and equipment for {client}) was refused "
            "with the only comment 'not compliant'. I attached every receipt. I do not know what to fix.",
            question="Did you travel with your own car? If so, do you have a mileage log?",
            reply="Yes, my own car. I attach the mileage log, trip by trip.",
            note="Refused because the mileage log was missing. Ask billing for clearer refusal messages.",
            answer="Hello,\n\nYour claim was refused because the mileage log was missing. With the log you sent, it "
            "has been accepted and will be paid with your next salary. Every refusal will now say which "
            "document is missing.\n\nKind regards,",
        ),
        T(
            cat="salary",
            dept="hr-payroll",
            subject="Wrong number of days on my {month} payslip",
            desc="Hello,\n\nMy {month} payslip shows 4 days worked instead of 7. I am missing about {amount} net. "
            "I wrote to payroll twice and got no answer.",
            question="Could you give us the dates of the missing days?",
            reply="The 20th, 21st and 22nd, for {client}.",
            note="Three contracts entered after the payroll cut-off. Will be corrected next month.",
            answer="Hello,\n\nThe three missing days were entered after the payroll cut-off. They will be paid with "
            "next month's salary and you will receive a corrected payslip.\n\nKind regards,",
        ),
        T(
            cat="contracts",
            dept="legal",
            subject="Question about my contract with {client}",
            desc="Hello,\n\nI have been asked to sign a contract with {client} that includes a very broad "
            "non-compete clause. My counsellor said the cooperative cannot review it in time. I do not want to "
            "sign something I do not understand.",
            question="When does the contract start, and could you send us the draft?",
            reply="It starts in two weeks. The draft is attached.",
            note="Legal can review urgently. Remind counsellors that urgent reviews are possible.",
            answer="Hello,\n\nThe legal department reviewed the contract: the non-compete clause was too broad and a "
            "change has been proposed to your client. You can sign the amended version.\n\nKind regards,",
        ),
        T(
            cat="shares",
            dept="finance-department",
            subject="Refund of my membership share",
            desc="Hello,\n\nI left the cooperative more than six months ago and asked for my share to be refunded. "
            "I was told it was being processed and have heard nothing since.",
            question="Could you confirm the date you left and how many shares you hold?",
            reply="I left in {month} last year. I have one share.",
            note="Shares are refunded after the annual accounts are approved; nobody told the member.",
            answer="Hello,\n\nUnder the articles of association, shares are refunded once the accounts of the year "
            "you left are approved. Your share will be refunded in June. We are sorry this was not explained "
            "and the confirmation of departure will now say so.\n\nKind regards,",
        ),
        T(
            cat="platform",
            dept="it-platform",
            subject="The member platform is only partly in English",
            desc="Hello,\n\nI chose English on the member platform but the invoice screens and all error messages are "
            "in French. I made a mistake on an invoice to {client} because I did not understand a warning.",
            question="Could you tell us which screen showed the warning?",
            reply="The screen where you add VAT details to an invoice.",
            note="Invoice module not translated. IT has a translation ticket open since last year.",
            answer="Hello,\n\nThe invoice screens had not been translated. They now are, and the billing service has "
            "corrected your invoice to {client}.\n\nKind regards,",
        ),
        T(
            cat="counsellor",
            dept="counselling",
            subject="No answer from my counsellor for two weeks",
            desc="Hello,\n\nI have emailed my counsellor three times and left two voicemails over the last two weeks. "
            "I need advice on a quote for {client}. I was promised an answer within three working days.",
            question="Would you like another counsellor to take over for the time being?",
            reply="Yes please, at least for this quote.",
            note="Counsellor on sick leave with no out-of-office message; portfolio not reassigned.",
            answer="Hello,\n\nYour counsellor is away for an unknown period and this had not been announced. A colleague "
            "takes over today and will contact you about your quote. We recommended that an out-of-office "
            "message and a replacement always be arranged.\n\nKind regards,",
        ),
        T(
            cat="insurance",
            dept="legal",
            subject="Insurance claim refused",
            desc="Hello,\n\nMy camera was stolen during a shoot for {client}. The cooperative's insurer refuses to pay "
            "because the equipment was 'not declared'. Nobody ever told me I had to declare it.",
            question="Could you send us the insurer's letter and the police report?",
            reply="Both are attached.",
            note="The duty to declare equipment is not in the members' guide.",
            answer="Hello,\n\nThe insurer keeps its refusal, but you had not been told about the duty to declare. The "
            "cooperative covers part of the replacement value and the members' guide has been completed."
            "\n\nKind regards,",
        ),
        T(
            cat="other",
            dept="cooperative-life",
            subject="Office hours on the website are wrong",
            desc="Hello,\n\nI came to the office during the opening hours shown on the website to drop off documents "
            "and found it closed. It is the second time.",
            question="Which day and time did you come?",
            reply="Last Thursday around 3 pm.",
            note="Office hours on the website not updated since the summer.",
            answer="Hello,\n\nThe office hours on the website were out of date. They have been corrected and the "
            "reception now accepts documents outside office hours too. Sorry for the wasted trip."
            "\n\nKind regards,",
        ),
        T(
            cat="expenses",
            dept="finance-department",
            subject="Expense refund sent to my old bank account",
            desc="Hello,\n\nMy approved expenses for {month} ({amount}) have not arrived after {days} days. I changed "
            "bank accounts this year, maybe that is the reason?",
            question="Could you confirm the last four digits of the account you expect the refund on?",
            reply="It ends in 8812.",
            note="Old account still active in the payment system; transfer bounced.",
            answer="Hello,\n\nThe transfer had gone to your old account and bounced. The finance department updated "
            "your details and paid the {amount} again today.\n\nKind regards,",
        ),
    ],
}

# Cases refused at admissibility: one per ground and language, with the reason told to the member.
REFUSALS = {
    "not_raised_first": {
        "fr": T(
            cat="invoicing",
            dept="billing-service",
            subject="Ma facture n'est pas encore partie",
            desc="Bonjour,\n\nJ'ai encodé hier une facture pour {client} et elle n'est pas encore envoyée. "
            "Pouvez-vous accélérer ?",
            reason="Votre demande n'a pas encore été adressée au service facturation, qui est le mieux placé "
            "pour y répondre. Nous la lui avons transmise ; si sa réponse ne vous satisfait pas, vous "
            "pourrez revenir vers nous avec la référence de ce dossier.",
        ),
        "nl": T(
            cat="salary",
            dept="hr-payroll",
            subject="Vraag over mijn loonfiche",
            desc="Goedendag,\n\nIk begrijp een lijn op mijn loonfiche van {month} niet. Wat betekent die?",
            reason="Uw vraag werd nog niet aan de loonadministratie gesteld, die ze het best kan beantwoorden. "
            "We hebben ze doorgestuurd; bent u niet tevreden met het antwoord, dan kunt u bij ons "
            "terugkomen met de referentie van dit dossier.",
        ),
        "en": T(
            cat="platform",
            dept="it-platform",
            subject="Password reset email not arriving",
            desc="Hello,\n\nThe password reset email of the platform does not arrive. Can you help?",
            reason="Your request has not yet been raised with the IT helpdesk, which can solve it directly. We "
            "forwarded it to them; if their answer does not satisfy you, you can come back to us with "
            "this case's reference.",
        ),
    },
    "frivolous": {
        "fr": T(
            cat="other",
            dept="communication",
            subject="Le logo de la coopérative est laid",
            desc="Le nouveau logo est affreux, je porte plainte.",
            reason="Votre message exprime un avis sur l'identité visuelle, sans préjudice ni demande précise. "
            "Il ne relève pas d'une réclamation ; nous l'avons transmis à l'équipe communication.",
        ),
        "nl": T(
            cat="other",
            dept="cooperative-life",
            subject="Klacht over het weer op het ledenfeest",
            desc="Het regende op het ledenfeest. Ik wil een klacht indienen.",
            reason="Uw bericht bevat geen klacht over een dienst van de coöperatie waarvoor een oplossing "
            "mogelijk is. We hebben uw opmerking wel aan het team Coöperatief leven bezorgd.",
        ),
        "en": T(
            cat="other",
            dept="communication",
            subject="Complaint",
            desc="I send this complaint every week until you change the colour of the website.",
            reason="Your message repeats a request about the website's design, without any harm or specific "
            "request we could act on. We have passed it on to the communication team.",
        ),
    },
    "other_body": {
        "fr": T(
            cat="salary",
            dept="hr-payroll",
            subject="Licenciement contesté",
            desc="Bonjour,\n\nJe conteste la fin de mon contrat. Mon avocat a saisi le tribunal du travail, mais "
            "je voudrais aussi que vous examiniez mon dossier.",
            reason="Le litige est déjà porté devant le tribunal du travail. Pour ne pas interférer avec cette "
            "procédure, Accord ne peut pas l'examiner en parallèle.",
        ),
        "nl": T(
            cat="contracts",
            dept="legal",
            subject="Geschil over auteursrechten",
            desc="Goedendag,\n\nIk heb een geschil met {client} over mijn auteursrechten. De zaak ligt al bij "
            "de rechtbank, maar ik wil ook een klacht indienen.",
            reason="Het geschil ligt al voor bij de rechtbank. Accord kan het daarom niet tegelijk behandelen.",
        ),
        "en": T(
            cat="salary",
            dept="hr-payroll",
            subject="Dispute about unpaid overtime",
            desc="Hello,\n\nMy union has already taken my overtime claim to the labour inspectorate. I would "
            "like you to look at it too.",
            reason="Your claim is already before the labour inspectorate. Accord cannot examine it at the same time.",
        ),
    },
    "too_late": {
        "fr": T(
            cat="invoicing",
            dept="billing-service",
            subject="Facture de 2019 jamais payée",
            desc="Bonjour,\n\nJe m'aperçois en faisant du rangement qu'une facture de 2019 n'a jamais été payée.",
            reason="La facture date de plus de cinq ans : le délai pour introduire une réclamation est dépassé "
            "et le client ne peut plus être poursuivi. Nous regrettons de ne pouvoir l'examiner.",
        ),
        "nl": T(
            cat="expenses",
            dept="finance-department",
            subject="Onkosten van drie jaar geleden",
            desc="Goedendag,\n\nIk heb onkosten van drie jaar geleden nooit ingediend. Kan dat nog?",
            reason="De termijn om deze onkosten in te dienen is verstreken. We kunnen deze klacht daarom niet "
            "behandelen.",
        ),
        "en": T(
            cat="expenses",
            dept="finance-department",
            subject="Old expense claim",
            desc="Hello,\n\nI never filed my expenses from four years ago. Can I still be refunded?",
            reason="The time limit for filing these expenses has long passed; we cannot examine this complaint.",
        ),
    },
    "outside_remit": {
        "fr": T(
            cat="other",
            dept="legal",
            subject="Mon client ne me paie pas",
            desc="Bonjour,\n\nMon voisin, pour qui j'ai fait des travaux à titre privé, refuse de me payer. "
            "Pouvez-vous intervenir ?",
            reason="Ce litige concerne une relation privée, en dehors de la coopérative et de ses services. "
            "Accord ne traite que les réclamations sur les services de la coopérative. Un service de "
            "médiation de dettes ou le juge de paix peuvent vous aider.",
        ),
        "nl": T(
            cat="other",
            dept="legal",
            subject="Probleem met mijn huisbaas",
            desc="Goedendag,\n\nMijn huisbaas wil de huur verhogen. Kunnen jullie bemiddelen?",
            reason="Dit geschil valt buiten de diensten van de coöperatie. Accord behandelt alleen klachten "
            "over de coöperatie. Een huurdersbond of de vrederechter kan u helpen.",
        ),
        "en": T(
            cat="insurance",
            dept="legal",
            subject="My health insurance refuses a refund",
            desc="Hello,\n\nMy private health insurer refuses to refund a treatment. Can you help?",
            reason="Your private health insurance is not a service of the cooperative, so it is outside "
            "Accord's remit. The insurer's own ombudsman can examine your complaint.",
        ),
    },
}

# Sentences that do not depend on the complaint.
PHRASES = {
    "fr": {
        "progress": "Bonjour,\n\nJe vous confirme que j'ai pris votre dossier en charge. J'ai interrogé le service "
        "concerné et je reviens vers vous dès que j'ai sa réponse.\n\nBien cordialement,",
        "thanks": "Merci beaucoup pour votre réponse et pour le suivi.",
        "chase": "Bonjour, avez-vous du nouveau ? Je n'ai toujours rien reçu.",
        "redirect": "Votre demande relève d'abord du service « {dept} », qui peut la régler directement. Nous la "
        "lui avons transmise et nous suivons le dossier : sans réponse satisfaisante dans les 15 jours, "
        "nous reprenons l'examen.",
        "withdraw_member": "Bonjour, le problème a été réglé directement avec le service. Je retire ma réclamation. "
        "Merci.",
        "reopen": "Le membre signale que la correction annoncée n'a pas été faite.",
        "extend": "Le dossier nécessite l'avis de deux services et d'un prestataire externe.",
        "partly": "Bonjour,\n\nAprès examen avec le service « {dept} », une partie de votre demande a pu être "
        "rencontrée : la correction a été faite pour l'avenir. En revanche, la compensation demandée pour "
        "la période passée ne peut pas être accordée, les règles de la coopérative ne le permettant pas. "
        "Si cette réponse ne vous satisfait pas, vous pouvez vous adresser à un médiateur agréé."
        "\n\nBien cordialement,",
        "not_resolved": "Bonjour,\n\nNous avons examiné votre demande avec le service « {dept} ». Nous comprenons "
        "votre déception, mais la décision prise était conforme aux règles de la coopérative et nous "
        "ne pouvons pas la modifier. Si cette réponse ne "
        "vous satisfait pas, vous pouvez vous adresser à un médiateur agréé.\n\nBien cordialement,",
        "conflict": "Le membre est un ancien collègue proche.",
        "received_by": {
            "counsellor": "Conseillère – bureau de Bruxelles",
            "billing": "Bruno Facq – service facturation",
            "communication": "Équipe communication",
            "ethics": "Comité d'éthique",
            "social": "Page Facebook de la coopérative",
            "letter": "Courrier postal",
            "office": "Permanence du bureau",
            "phone": "Ligne membres",
        },
    },
    "nl": {
        "progress": "Goedendag,\n\nIk bevestig dat ik uw dossier behandel. Ik heb de betrokken dienst om uitleg "
        "gevraagd en kom bij u terug zodra ik antwoord heb.\n\nMet vriendelijke groeten,",
        "thanks": "Hartelijk dank voor uw antwoord en de opvolging.",
        "chase": "Goedendag, is er al nieuws? Ik heb nog steeds niets ontvangen.",
        "redirect": "Uw vraag hoort eerst thuis bij de dienst '{dept}', die ze rechtstreeks kan oplossen. We hebben "
        "ze doorgestuurd en volgen het dossier op: zonder bevredigend antwoord binnen 15 dagen nemen "
        "we het onderzoek weer op.",
        "withdraw_member": "Goedendag, het probleem is rechtstreeks met de dienst opgelost. Ik trek mijn klacht in. "
        "Bedankt.",
        "reopen": "Het lid meldt dat de aangekondigde correctie niet is uitgevoerd.",
        "extend": "Het dossier vraagt het advies van twee diensten en een externe dienstverlener.",
        "partly": "Goedendag,\n\nNa onderzoek met de dienst '{dept}' kon een deel van uw vraag worden ingewilligd: "
        "de correctie geldt voor de toekomst. De gevraagde compensatie voor het verleden kan echter niet "
        "worden toegekend volgens de regels van de coöperatie. Bent u niet tevreden, dan kunt u zich tot "
        "een erkend bemiddelaar wenden.\n\nMet vriendelijke groeten,",
        "not_resolved": "Goedendag,\n\nWe hebben uw vraag onderzocht met de dienst '{dept}'. We begrijpen uw "
        "teleurstelling, maar de beslissing was in overeenstemming met de regels van de coöperatie "
        "en we kunnen ze niet wijzigen. Bent u niet tevreden, dan kunt u zich tot een erkend "
        "bemiddelaar wenden.\n\nMet vriendelijke groeten,",
        "conflict": "Het lid is een goede vriend van mij.",
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
    },
    "en": {
        "progress": "Hello,\n\nI confirm that I am handling your case. I have asked the department concerned for an "
        "explanation and will come back to you as soon as I have it.\n\nKind regards,",
        "thanks": "Thank you very much for your answer and the follow-up.",
        "chase": "Hello, is there any news? I still have not received anything.",
        "redirect": "Your request should first go to the '{dept}', which can settle it directly. We forwarded it "
        "and are following it: without a satisfactory answer within 15 days, we take the case up "
        "again.",
        "withdraw_member": "Hello, the problem has been solved directly with the department. I withdraw my "
        "complaint. Thank you.",
        "reopen": "The member reports that the announced correction was not made.",
        "extend": "The case needs the opinion of two departments and an outside provider.",
        "partly": "Hello,\n\nAfter looking into it with the {dept}, part of your request could be met: the "
        "correction applies from now on. The compensation you asked for the past period cannot be "
        "granted under the cooperative's rules. If you are not satisfied, you may turn to an accredited "
        "mediator.\n\nKind regards,",
        "not_resolved": "Hello,\n\nWe examined your request with the {dept}. We understand your disappointment, but "
        "the decision followed the cooperative's rules and we cannot change it. If you are not "
        "satisfied, you may turn to an accredited mediator.\n\nKind regards,",
        "conflict": "The member is a close friend of mine.",
        "received_by": {
            "counsellor": "Counsellor – Brussels office",
            "billing": "Bruno Facq – billing service",
            "communication": "Communication team",
            "ethics": "Ethics committee",
            "social": "Cooperative's Facebook page",
            "letter": "Postal letter",
            "office": "Brussels office reception",
            "phone": "Members' line",
        },
    },
}
