"""UWV distinguishes four intensities of jobcoaching (report §2.3.1). Names are configuration."""

from django.db import migrations

INTENSITIES = ["Zeer licht", "Licht", "Gemiddeld", "Intensief"]


def seed(apps, schema_editor):
    JobcoachIntensity = apps.get_model("guidance", "JobcoachIntensity")
    for order, name in enumerate(INTENSITIES, start=1):
        JobcoachIntensity.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
