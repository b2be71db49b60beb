"""Seed the reasons for job loss of docs/rules.md §7. The codes are part of the exchange format and
never change; labels and explanations can be edited by a functional administrator."""

from django.db import migrations

REASONS = [
    # (code, side, label, B1 explanation, requires_note)
    (
        "MATCH_TASKS",
        "match",
        "Takenpakket past niet",
        "De taken passen niet bij wat de werknemer kan.",
        False,
    ),
    (
        "MATCH_INTEREST",
        "match",
        "Werk anders of saai",
        "Het werk bleek anders of saaier dan gedacht.",
        False,
    ),
    (
        "UNDERCHALLENGED",
        "match",
        "Te weinig uitdaging",
        "Het takenpakket is te klein of te eenvoudig.",
        False,
    ),
    (
        "WORK_PRESSURE",
        "match",
        "Werkdruk of omgeving past niet",
        "Het tempo of de werkplek past niet (bijvoorbeeld te veel prikkels).",
        False,
    ),
    (
        "LOAD_OVERESTIMATED",
        "load",
        "Te veel uren",
        "De werknemer kon minder aan dan gedacht: te veel uren of te zwaar.",
        False,
    ),
    (
        "LOAD_VARIES",
        "load",
        "Wisselende belastbaarheid",
        "Wat de werknemer aankan, wisselt sterk, of de ziekte wordt erger.",
        False,
    ),
    (
        "HEALTH",
        "person",
        "Gezondheid",
        "De gezondheid werd slechter of de werknemer werd ziek.",
        False,
    ),
    (
        "PRIVATE",
        "person",
        "Privéproblemen",
        "Problemen thuis: schulden, scheiding, wonen of psychische problemen.",
        False,
    ),
    (
        "NOT_WORKFIT",
        "person",
        "Nog niet klaar voor werk",
        "De werknemer was nog niet klaar om te werken.",
        False,
    ),
    (
        "REFUSES_GUIDANCE",
        "person",
        "Wil geen begeleiding",
        "De werknemer accepteert geen begeleiding.",
        False,
    ),
    (
        "PAY_DOES_NOT_PAY",
        "person",
        "Werken loont niet",
        "Werken levert te weinig op vergeleken met de uitkering.",
        False,
    ),
    (
        "NO_PERMANENT_CONTRACT",
        "employer",
        "Geen vast contract",
        "De werkgever bood geen vast contract toen dat volgens de wet moest.",
        False,
    ),
    (
        "EXPECTATIONS",
        "employer",
        "Verwachtingen te hoog",
        "De werkgever verwachtte meer dan realistisch was.",
        False,
    ),
    (
        "GUIDANCE_BURDEN",
        "employer",
        "Begeleiding te zwaar",
        "De begeleiding kostte de werkgever meer dan het werk opleverde.",
        False,
    ),
    (
        "WAGE_VALUE",
        "employer",
        "Verschil over loonwaarde",
        "Onenigheid over de loonwaarde of de loonkosten.",
        False,
    ),
    (
        "NO_FORMATION",
        "employer",
        "Geen vaste plek in de formatie",
        "Er was geen structureel budget: de baan was boven de formatie.",
        False,
    ),
    (
        "REORGANISATION",
        "employer",
        "Reorganisatie of nieuwe leidinggevende",
        "Er was een reorganisatie of een nieuwe leidinggevende.",
        False,
    ),
    (
        "NO_CONTACT",
        "service",
        "Geen vaste contactpersoon",
        "Er was geen vaste contactpersoon bij gemeente of UWV.",
        False,
    ),
    (
        "NO_JOBCOACH",
        "service",
        "Geen jobcoach ingezet",
        "Jobcoaching was nodig, maar is niet ingezet.",
        False,
    ),
    (
        "SLOW_PROVISION",
        "service",
        "Voorziening te laat",
        "Een voorziening of aanpassing kwam te laat.",
        False,
    ),
    ("OTHER", "other", "Andere reden", "Een andere reden. Schrijf in de toelichting welke.", True),
]


def seed(apps, schema_editor):
    EndingReason = apps.get_model("placements", "EndingReason")
    for order, (code, side, label, explanation, requires_note) in enumerate(REASONS, start=1):
        EndingReason.objects.update_or_create(
            code=code,
            defaults={
                "side": side,
                "label": label,
                "explanation": explanation,
                "requires_note": requires_note,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
