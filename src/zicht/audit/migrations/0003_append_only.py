"""The chain cannot fork (unique prev_hash) and the audit log refuses UPDATE and DELETE (triggers)."""

from django.db import migrations, models

from zicht.audit.appendonly import installer


class Migration(migrations.Migration):

    dependencies = [("audit", "0002_hash_chain")]

    operations = [
        migrations.AlterField(
            model_name="auditevent", name="prev_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="vorige hash",
                                   help_text="The hash of the event before this one (unique: the chain cannot fork)."),
        ),
        migrations.AlterField(
            model_name="auditevent", name="hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="hash",
                                   help_text="SHA-256 over prev_hash and this event's canonical content."),
        ),
        migrations.RunPython(*installer("audit_auditevent")),
    ]
