"""The reason a partner gives for a correction (a new version of a delivered file).

On SQLite, Django adds a column with a default by rebuilding the table, which drops its append-only
triggers; they are put back in the same migration (and, when the migration is reversed, after the
column is removed), so the table is never without them, with or without ``migrate``'s post-migrate
repair (zicht.audit.appendonly)."""

from django.db import migrations, models

from zicht.audit.appendonly import installer

install_triggers, _ = installer("intake_submission")


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0002_append_only'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, install_triggers),
        migrations.AddField(
            model_name='submission',
            name='reason',
            field=models.CharField(blank=True, default='', help_text='Why this version replaces the previous one, as the partner gave it.', max_length=500, verbose_name='reden van de correctie'),
        ),
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
