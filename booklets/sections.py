"""The sections a facilitator starts a booklet from, in order: ``(key, French title, English
title)``. The sections of Grenoble's welcome booklets; a booklet may add or drop sections."""

SECTION_TEMPLATE = (
    ("first_steps", "Premiers pas", "First steps"),
    ("rights", "Droits et démarches", "Rights and procedures"),
    ("legal_aid", "Aide juridique", "Legal aid"),
    ("housing", "Logement et hébergement d'urgence", "Housing and emergency shelter"),
    ("health", "Santé", "Health"),
    ("money", "Argent et aides", "Money and benefits"),
    ("french", "Apprendre le français", "Learning French"),
    ("work", "Travail et formation", "Work and training"),
    ("school", "Enfants et école", "Children and school"),
    ("transport", "Transports", "Transport"),
    ("daily_life", "Vie quotidienne", "Daily life"),
    ("taking_part", "Participer", "Taking part"),
    ("emergency", "Numéros d'urgence", "Emergency numbers"),
    ("addresses", "Adresses utiles", "Useful addresses"),
    ("glossary", "Glossaire", "Glossary"),
)
