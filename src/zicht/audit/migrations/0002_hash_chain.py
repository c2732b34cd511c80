"""Seal every audit event into a hash chain; events written before this migration get theirs here."""

import django.utils.timezone
from django.db import migrations, models

from zicht.audit import chain


def seal_existing(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev = chain.GENESIS
    for event in AuditEvent.objects.using(schema_editor.connection.alias).order_by("id").iterator():
        event.prev_hash = prev
        event.hash = chain.event_hash(event, prev)
        AuditEvent.objects.using(schema_editor.connection.alias).filter(pk=event.pk).update(
            prev_hash=event.prev_hash, hash=event.hash
        )
        prev = event.hash


class Migration(migrations.Migration):

    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="timestamp",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False,
                                       verbose_name="tijdstip"),
        ),
        migrations.AddField(
            model_name="auditevent", name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="vorige hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent", name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
