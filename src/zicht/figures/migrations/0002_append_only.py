"""Every stored figure (observation) refuses UPDATE and DELETE: database triggers (see zicht.audit.appendonly)."""

from django.db import migrations

from zicht.audit.appendonly import installer


class Migration(migrations.Migration):

    dependencies = [("figures", "0001_initial"), ("audit", "0003_append_only")]

    operations = [migrations.RunPython(*installer("figures_observation"))]
