from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publish', '0003_publication_versions_and_artefacts'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='recodings',
            field=models.JSONField(blank=True, default=list, help_text='Categories the analyst chose to merge instead of suppressing (applied in later years too).', verbose_name='hercoderingen'),
        ),
    ]
