"""The words of the demo school: names, working days, what a student writes, what a trainer answers.

Plain data, kept apart from the planning in app/demo.py; invented, Dutch, at the level a
student and a trainer would write.
"""

SD, VIG = 0, 1  # the two demo programmes: software developer, verzorgende-IG

FIRST_NAMES = [
    "Daan",
    "Sem",
    "Lucas",
    "Milan",
    "Levi",
    "Noah",
    "Finn",
    "Luuk",
    "Bram",
    "Thijs",
    "Jesse",
    "Ruben",
    "Sanne",
    "Emma",
    "Julia",
    "Mila",
    "Tess",
    "Sophie",
    "Zoë",
    "Noor",
    "Fleur",
    "Anouk",
    "Isa",
    "Eva",
    "Femke",
    "Yara",
    "Amira",
    "Youssef",
    "Ayoub",
    "Ilse",
    "Joris",
    "Koen",
    "Maud",
    "Roos",
    "Lieke",
    "Sven",
    "Niels",
    "Esmee",
    "Daphne",
    "Mehmet",
    "Priya",
    "Dewi",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Yılmaz",
    "El Amrani",
    "Kaya",
    "Pranoto",
    "Postma",
    "Koster",
]

# Working days: (start, end) of a normal day per programme.
SD_DAYS = [
    ("08:30", "17:00"),
    ("08:30", "17:00"),
    ("08:30", "17:00"),
    ("08:00", "16:30"),
    ("09:00", "17:30"),
]
VIG_SHIFTS = [("07:00", "15:30"), ("07:00", "15:30"), ("08:30", "17:00"), ("14:45", "23:00")]
SD_TASKS = [
    "Stand-up met het team, daarna bugs opgelost in het klantportaal",
    "Unit tests geschreven voor de facturatiemodule (pytest)",
    "Samen met mijn werkbegeleider een REST-endpoint voor afspraken gebouwd",
    "Code review van een collega gedaan en mijn eigen pull request verbeterd",
    "Sprintplanning en refinement: taken voor de komende twee weken ingeschat",
    "Exportfunctie naar CSV gemaakt voor de administratie",
    "Databasemigratie voorbereid en getest op de testomgeving",
    "Formulier voor klantgegevens gebouwd in React, met validatie",
    "De app getest op verschillende telefoons en bevindingen in Jira gezet",
    "Documentatie van de API bijgewerkt",
    "Demo voorbereid en gegeven aan de klant; feedback genoteerd",
    "Uitgezocht hoe caching de zoekpagina sneller kan maken",
    "Retrospective; daarna een lastige bug in de inlogflow gevonden en opgelost",
    "Dockerfile opgezet zodat de testomgeving lokaal draait",
    "Toegankelijkheid van de webshop gecontroleerd en contrasten aangepast",
    "Logging toegevoegd en een fout in de nachtelijke import opgespoord",
]
VIG_TASKS = [
    "Ochtendzorg bij vier bewoners: wassen, aankleden en ontbijt",
    "Medicatie gedeeld onder toezicht van mijn werkbegeleider",
    "Wondzorg gedaan en gerapporteerd in het ECD",
    "Activiteitenmiddag met bewoners georganiseerd (bingo en koffie)",
    "Overdracht gegeven aan de volgende dienst",
    "Bloeddruk en bloedsuiker gemeten, afwijkingen gemeld aan de EVV'er",
    "Zorgplan van mevrouw J. geëvalueerd met mijn werkbegeleider",
    "Maaltijdbegeleiding en extra aandacht voor valpreventie",
    "Cliëntbespreking bijgewoond en zelf een cliënt besproken",
    "Steunkousen aangetrokken en huidobservatie gedaan",
    "Transfers met de tillift gedaan onder begeleiding",
    "Familiegesprek bijgewoond samen met de EVV'er",
    "Thuiszorgroute gereden met mijn begeleider: zes cliënten bezocht",
    "Insuline toegediend onder toezicht en geregistreerd",
]
OVERTIME = {
    SD: ["Release afgerond met het team en daarna nog getest", "Meegeholpen met een storing"],
    VIG: [
        "Langer gebleven voor de overdracht na een onrustige dienst",
        "Dienst verlengd omdat een collega ziek werd",
    ],
}
DAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]
VAGUE = "gewerkt"
REJECT_VAGUE = (
    "Op {day} staat alleen '{vague}'. Beschrijf wat je die dag gedaan hebt en lever de week "
    "opnieuw in."
)
REJECT_MISSING_FRIDAY = (
    "Vrijdag ontbreekt. Je had je ziek gemeld: zet dat erin als 'ziek' en lever de week opnieuw in."
)
APPROVE_COMMENTS = [
    "",
    "",
    "",
    "Goed gewerkt deze week!",
    "Netjes bijgehouden.",
    "Top, ga zo door.",
]
