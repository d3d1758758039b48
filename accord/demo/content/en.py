"""The demo's English words: members, clients, months, complaints, refusals and phrases.

Re-exported by `accord.demo.content`, which keys each of these by language ("en").
"""

from accord.demo.content.common import T

PEOPLE = [
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
]

CLIENTS = [
    "Brussels Jazz Weekend",
    "the European Film Academy",
    "Kanal Centre Pompidou",
    "Bozar",
    "a Dutch design studio",
    "the Flagey foundation",
]

MONTHS = [
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
]

COMPLAINTS = [
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
]

# Cases refused at admissibility: one per ground, with the reason told to the member.
REFUSALS = {
    "not_raised_first": T(
        cat="platform",
        dept="it-platform",
        subject="Password reset email not arriving",
        desc="Hello,\n\nThe password reset email of the platform does not arrive. Can you help?",
        reason="Your request has not yet been raised with the IT helpdesk, which can solve it directly. We "
        "forwarded it to them; if their answer does not satisfy you, you can come back to us with "
        "this case's reference.",
    ),
    "frivolous": T(
        cat="other",
        dept="communication",
        subject="Complaint",
        desc="I send this complaint every week until you change the colour of the website.",
        reason="Your message repeats a request about the website's design, without any harm or specific "
        "request we could act on. We have passed it on to the communication team.",
    ),
    "other_body": T(
        cat="salary",
        dept="hr-payroll",
        subject="Dispute about unpaid overtime",
        desc="Hello,\n\nMy union has already taken my overtime claim to the labour inspectorate. I would "
        "like you to look at it too.",
        reason="Your claim is already before the labour inspectorate. Accord cannot examine it at the same time.",
    ),
    "too_late": T(
        cat="expenses",
        dept="finance-department",
        subject="Old expense claim",
        desc="Hello,\n\nI never filed my expenses from four years ago. Can I still be refunded?",
        reason="The time limit for filing these expenses has long passed; we cannot examine this complaint.",
    ),
    "outside_remit": T(
        cat="insurance",
        dept="legal",
        subject="My health insurance refuses a refund",
        desc="Hello,\n\nMy private health insurer refuses to refund a treatment. Can you help?",
        reason="Your private health insurance is not a service of the cooperative, so it is outside "
        "Accord's remit. The insurer's own ombudsman can examine your complaint.",
    ),
}

# Sentences that do not depend on the complaint.
PHRASES = {
    "no_response": "We asked you a question on {asked} and have had no answer despite our reminder, "
    "so we are closing your complaint.",
    "progress": "Hello,\n\nI confirm that I am handling your case. I have asked the department concerned for an "
    "explanation and will come back to you as soon as I have it.\n\nKind regards,",
    "thanks": "Thank you very much for your answer and the follow-up.",
    "chase": "Hello, is there any news? I still have not received anything.",
    "redirect": "Your request should first go to the '{dept}', which can settle it directly. We forwarded it "
    "and are following it: without a satisfactory answer within 15 days, we take the case up "
    "again.",
    "withdraw_member": "Hello, the problem has been solved directly with the department. I withdraw my "
    "complaint. Thank you.",
    "contest": "Hello, I do not agree with your answer: the correction was announced but my last two payslips "
    "still show the old amount. Could you look at it again?",
    "discontinue_court": "You told us that you have brought the matter before the labour court. A complaint cannot "
    "be examined by Accord and a court at the same time, so we are ending our examination.",
    "reopen_member": 'The member asked on the phone to take up their withdrawn complaint again: "the department '
    'promised to settle it but nothing has happened".',
    "withdraw_note": "Settled with the department on the phone.",
    "reopen": "The member reports that the announced correction was not made.",
    "extend": "The case needs the opinion of two departments and an outside provider.",
    "partly": "Hello,\n\nAfter looking into it with the {dept}, part of your request could be met: the "
    "correction applies from now on. The compensation you asked for the past period cannot be "
    "granted under the cooperative's rules. If you are not satisfied, you may turn to an accredited "
    "mediator.\n\nKind regards,",
    "not_resolved": "Hello,\n\nWe examined your request with the {dept}. We understand your disappointment, but "
    "the decision followed the cooperative's rules and we cannot change it. If you are not "
    "satisfied, you may turn to an accredited mediator.\n\nKind regards,",
    "ask_department": "The member says the same invoice was charged twice in March. Can you confirm both "
    "charges and tell me whether a refund was started?",
    "department_answer": "Confirmed: a technical error charged the March invoice twice. The second charge was "
    "refunded on the 12th; the member will see it on their next statement.",
    "ask_department_open": "Could you send me the history of the member's payslips for the last three months "
    "and explain the deduction on the last one?",
    "ask_department_link": "The member asked for their membership shares to be refunded two months ago. Can you "
    "tell me whether the request was approved and when the amount will be paid?",
    "department_link_answer": "The request was approved by the board meeting of the 14th. The refund goes out with "
    "the end-of-month payments; the confirmation is attached.",
    "department_email_answer": "Hello,\n\nHere is the history of the last three payslips. The deduction on the "
    "last one settles an advance paid twice in October; the calculation is in the attached document.\n\n"
    "Kind regards,\nHélène Roux\nHR and payroll",
    "conflict": "The member is a close friend of mine.",
    "third_party": {"role": "The member's accountant", "name": "Helen Carter", "email": "helen.carter@example.com"},
    "member_request": "I do not feel heard; I would rather someone else took over my case.",
    "systemic": "The same delay in paying client invoices: to report to the oversight committee.",
    "duplicate": "The same complaint, sent a second time by e-mail.",
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
}

# A dysfunction in each state (load_demo's `dysfunctions`), in the case's language: what the mediator recorded,
# addressed to the department concerned, and what the department answered.
DYSFUNCTIONS = [
    T(
        state="recorded",
        dept="hr-payroll",
        cat="salary",
        title="Payslips sent to an old address",
        description="The member reported their move on the platform three months ago, but their payslips still "
        "go to their old address. The change made on the platform does not reach the payroll software.",
    ),
    T(
        state="acknowledged",
        dept="billing-service",
        cat="invoicing",
        title="Client payments booked against the wrong invoice",
        description="A client's payment was matched to the invoice of another member with a similar name: the "
        "member waited over six weeks to be paid. Payments without a structured reference are booked by hand, "
        "with no second check.",
        acknowledge="Acknowledged. We found four more cases this quarter and will come back to you with a measure "
        "by the end of the month.",
    ),
    T(
        state="disputed",
        dept="hr-payroll",
        cat="salary",
        title="Deduction on the payslip with no explanation",
        description="The member's payslip shows a higher tax deduction than usual, with no explanation at all. "
        "They had to call three times to understand it.",
        dispute="We dispute this: the deduction follows the statutory scale, which changed in January, and every "
        "payslip links to the page that explains it. We cannot set out the calculation on each payslip.",
    ),
    T(
        state="action_planned",
        dept="billing-service",
        cat="invoicing",
        title="Automatic reminders despite a payment plan",
        description="The member's client received three reminders although payment in two instalments had been "
        "agreed and recorded. The automatic reminders ignore payment plans; seen in two other cases already.",
        plan="The billing software will hold the reminders of any invoice with a payment plan. Going live after "
        "the supplier's tests.",
    ),
    T(
        state="done",
        dept="billing-service",
        cat="expenses",
        title="Expense claims refused as “not compliant” only",
        description="The member's expense claim was refused with the single comment “not compliant”, when only the "
        "mileage log was missing. The member could not know what to correct.",
        plan="We are replacing “not compliant” with a list of precise reasons (missing document, amount, date), "
        "naming the document to add.",
        done="In place since Monday: every refusal names the missing document and the member gets the link to "
        "upload it.",
    ),
    T(
        state="closed",
        dept="hr-payroll",
        cat="salary",
        title="December salaries paid a week late",
        description="December salaries were paid on the 31st instead of the 24th, without telling the members. "
        "Several of them, this member included, paid bank charges.",
        acknowledge="Acknowledged: the year-end closing delayed the payroll and nobody told the members.",
        done="The December payroll calendar is now set in October, and every member is told if a payment date "
        "changes. Bank charges are refunded on sight of the statement.",
        close="Measure checked against this year's calendar; refund of the charges confirmed to the member.",
    ),
]
