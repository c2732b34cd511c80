"""Every delivered file (submission) refuses UPDATE and DELETE: database triggers (see zicht.audit.appendonly)."""

from django.db import migrations

from zicht.audit.appendonly import installer


class Migration(migrations.Migration):

    dependencies = [("intake", "0001_initial"), ("audit", "0003_append_only")]

    operations = [migrations.RunPython(*installer("intake_submission"))]
