"""Publications and their artefacts refuse UPDATE and DELETE: database triggers (see zicht.audit.appendonly)."""

from django.db import migrations

from zicht.audit.appendonly import installer


class Migration(migrations.Migration):

    dependencies = [("publish", "0004_publication_recodings"), ("audit", "0003_append_only")]

    operations = [migrations.RunPython(*installer("publish_publication", "publish_artefact"))]
