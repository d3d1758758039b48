"""The demo's French words: members, clients, months, complaints, refusals and phrases.

Re-exported by `accord.demo.content`, which keys each of these by language ("fr").
"""

from accord.demo.content.common import T

PEOPLE = [
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
]

CLIENTS = [
    "Théâtre de la Balsamine",
    "Festival Couleur Café",
    "la commune de Schaerbeek",
    "l'asbl Lire et Écrire",
    "Studio Lumière SPRL",
    "la Ville de Lille",
    "le centre culturel de Namur",
    "Agence Pixel & Co",
]

MONTHS = [
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
]

COMPLAINTS = [
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
]

# Cases refused at admissibility: one per ground, with the reason told to the member.
REFUSALS = {
    "not_raised_first": T(
        cat="invoicing",
        dept="billing-service",
        subject="Ma facture n'est pas encore partie",
        desc="Bonjour,\n\nJ'ai encodé hier une facture pour {client} et elle n'est pas encore envoyée. "
        "Pouvez-vous accélérer ?",
        reason="Votre demande n'a pas encore été adressée au service facturation, qui est le mieux placé "
        "pour y répondre. Nous la lui avons transmise ; si sa réponse ne vous satisfait pas, vous "
        "pourrez revenir vers nous avec la référence de ce dossier.",
    ),
    "frivolous": T(
        cat="other",
        dept="communication",
        subject="Le logo de la coopérative est laid",
        desc="Le nouveau logo est affreux, je porte plainte.",
        reason="Votre message exprime un avis sur l'identité visuelle, sans préjudice ni demande précise. "
        "Il ne relève pas d'une réclamation ; nous l'avons transmis à l'équipe communication.",
    ),
    "other_body": T(
        cat="salary",
        dept="hr-payroll",
        subject="Licenciement contesté",
        desc="Bonjour,\n\nJe conteste la fin de mon contrat. Mon avocat a saisi le tribunal du travail, mais "
        "je voudrais aussi que vous examiniez mon dossier.",
        reason="Le litige est déjà porté devant le tribunal du travail. Pour ne pas interférer avec cette "
        "procédure, Accord ne peut pas l'examiner en parallèle.",
    ),
    "too_late": T(
        cat="invoicing",
        dept="billing-service",
        subject="Facture de 2019 jamais payée",
        desc="Bonjour,\n\nJe m'aperçois en faisant du rangement qu'une facture de 2019 n'a jamais été payée.",
        reason="La facture date de plus de cinq ans : le délai pour introduire une réclamation est dépassé "
        "et le client ne peut plus être poursuivi. Nous regrettons de ne pouvoir l'examiner.",
    ),
    "outside_remit": T(
        cat="other",
        dept="legal",
        subject="Mon client ne me paie pas",
        desc="Bonjour,\n\nMon voisin, pour qui j'ai fait des travaux à titre privé, refuse de me payer. "
        "Pouvez-vous intervenir ?",
        reason="Ce litige concerne une relation privée, en dehors de la coopérative et de ses services. "
        "Accord ne traite que les réclamations sur les services de la coopérative. Un service de "
        "médiation de dettes ou le juge de paix peuvent vous aider.",
    ),
}

# Sentences that do not depend on the complaint.
PHRASES = {
    "no_response": "Nous vous avions posé une question le {asked} et n'avons pas reçu de réponse malgré notre rappel. "
    "Nous clôturons donc votre réclamation.",
    "progress": "Bonjour,\n\nJe vous confirme que j'ai pris votre dossier en charge. J'ai interrogé le service "
    "concerné et je reviens vers vous dès que j'ai sa réponse.\n\nBien cordialement,",
    "thanks": "Merci beaucoup pour votre réponse et pour le suivi.",
    "chase": "Bonjour, avez-vous du nouveau ? Je n'ai toujours rien reçu.",
    "redirect": "Votre demande relève d'abord du service « {dept} », qui peut la régler directement. Nous la "
    "lui avons transmise et nous suivons le dossier : sans réponse satisfaisante dans les 15 jours, "
    "nous reprenons l'examen.",
    "withdraw_member": "Bonjour, le problème a été réglé directement avec le service. Je retire ma réclamation. Merci.",
    "contest": "Bonjour, je ne suis pas d’accord avec votre réponse\u202f: la correction était annoncée mais mes "
    "deux dernières fiches de paie montrent toujours l’ancien montant. Pouvez-vous réexaminer\u202f?",
    "discontinue_court": "Vous nous avez indiqué avoir saisi le tribunal du travail. Une réclamation ne peut pas être "
    "examinée en même temps par Accord et par un tribunal\u202f: nous mettons fin à notre examen.",
    "reopen_member": "Le sociétaire a demandé par téléphone de reprendre sa réclamation retirée\u202f: « le service "
    "avait promis de régler le problème mais rien n’a bougé ».",
    "withdraw_note": "Réglé au téléphone avec le service.",
    "reopen": "Le sociétaire signale que la correction annoncée n'a pas été faite.",
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
    "ask_department": "Le sociétaire indique que la même facture a été prélevée deux fois en mars. Pouvez-vous "
    "confirmer les deux prélèvements et me dire si un remboursement a été lancé\u202f?",
    "department_answer": "Confirmé\u202f: une erreur technique a prélevé deux fois la facture de mars. Le second "
    "prélèvement a été remboursé le 12\u202f; le sociétaire le verra sur son prochain relevé.",
    "ask_department_open": "Pouvez-vous m’envoyer l’historique des fiches de paie du sociétaire sur les trois "
    "derniers mois et m’expliquer la retenue sur la dernière\u202f?",
    "ask_department_link": "Le sociétaire a demandé le remboursement de ses parts sociales il y a deux mois. "
    "Pouvez-vous me dire si la demande a été approuvée et à quelle date le montant sera versé ?",
    "department_link_answer": "La demande a été approuvée par le conseil d’administration du 14. Le remboursement "
    "part avec les paiements de fin de mois ; la confirmation est en pièce jointe.",
    "department_email_answer": "Bonjour,\n\nVoici l’historique des trois dernières fiches de paie. La retenue de la "
    "dernière régularise un acompte versé deux fois en octobre ; le détail du calcul est dans le document "
    "joint.\n\nBien cordialement,\nHélène Roux\nRH et paie",
    "conflict": "Le sociétaire est un ancien collègue proche.",
    "third_party": {
        "role": "Expert-comptable du sociétaire",
        "name": "Claire Dumont",
        "email": "claire.dumont@example.org",
    },
    "member_request": "Je ne me sens pas entendu par mon médiateur\u202f; je préférerais que quelqu’un d’autre reprenne mon dossier.",
    "systemic": "Même retard de paiement des factures clients\u202f: à signaler au comité d’accompagnement.",
    "duplicate": "La même réclamation, envoyée une seconde fois par e-mail.",
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
}

# A dysfunction in each state (load_demo's `dysfunctions`), in the case's language: what the mediator recorded,
# addressed to the department concerned, and what the department answered.
DYSFUNCTIONS = [
    T(
        state="recorded",
        dept="hr-payroll",
        cat="salary",
        title="Fiches de paie envoyées à une adresse périmée",
        description="Le sociétaire a signalé son déménagement sur la plateforme il y a trois mois, mais ses fiches "
        "de paie arrivent toujours à son ancienne adresse. Le changement encodé sur la plateforme n’est pas "
        "transmis au logiciel de paie.",
    ),
    T(
        state="acknowledged",
        dept="billing-service",
        cat="invoicing",
        title="Paiements de clients imputés sur la mauvaise facture",
        description="Le paiement d’un client a été rattaché à la facture d’un autre sociétaire au nom proche : "
        "le sociétaire a attendu son versement plus de six semaines. Les paiements sans communication "
        "structurée sont imputés à la main, sans second contrôle.",
        acknowledge="Reconnu. Nous avons retrouvé quatre autres cas ce trimestre et revenons vers vous avec une "
        "mesure d’ici la fin du mois.",
    ),
    T(
        state="disputed",
        dept="hr-payroll",
        cat="salary",
        title="Retenue sur la fiche de paie sans explication",
        description="Une retenue de précompte plus élevée que d’habitude apparaît sur la fiche de paie du "
        "sociétaire, sans aucune explication. Il a dû appeler trois fois pour la comprendre.",
        dispute="Nous contestons : la retenue suit le barème légal, qui a changé en janvier, et chaque fiche "
        "de paie renvoie à la page qui explique ce barème. Nous ne pouvons pas détailler le calcul sur chaque "
        "fiche.",
    ),
    T(
        state="action_planned",
        dept="billing-service",
        cat="invoicing",
        title="Relances automatiques malgré un plan de paiement",
        description="Le client du sociétaire a reçu trois relances alors qu’un paiement en deux fois avait été "
        "convenu et encodé. Les relances automatiques ignorent les plans de paiement ; déjà vu dans deux "
        "autres dossiers.",
        plan="Le logiciel de facturation suspendra les relances de toute facture liée à un plan de paiement. "
        "Mise en production prévue après les tests du prestataire.",
    ),
    T(
        state="done",
        dept="billing-service",
        cat="expenses",
        title="Notes de frais refusées avec le seul motif « non conforme »",
        description="La note de frais du sociétaire a été refusée avec pour seul commentaire « non conforme », "
        "alors qu’il ne manquait que le relevé des kilomètres. Le sociétaire ne pouvait pas savoir quoi "
        "corriger.",
        plan="Nous remplaçons « non conforme » par une liste de motifs précis (pièce manquante, montant, date), "
        "avec la pièce à ajouter.",
        done="En place depuis lundi : chaque refus nomme la pièce manquante et le sociétaire reçoit le lien "
        "pour la déposer.",
    ),
    T(
        state="closed",
        dept="hr-payroll",
        cat="salary",
        title="Salaires de décembre versés avec une semaine de retard",
        description="Les salaires de décembre ont été versés le 31 au lieu du 24, sans prévenir les sociétaires. "
        "Plusieurs d’entre eux, dont celui-ci, ont payé des frais bancaires.",
        acknowledge="Reconnu : la clôture de fin d’année a retardé la paie et personne n’a prévenu les sociétaires.",
        done="Le calendrier de paie de décembre est désormais fixé en octobre et un message part à tous les "
        "sociétaires si une date de versement change. Les frais bancaires sont remboursés sur présentation de "
        "l’extrait.",
        close="Mesure vérifiée sur le calendrier de cette année ; remboursement des frais confirmé au sociétaire.",
    ),
]
