import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publish', '0002_publication_highlights'),
    ]

    operations = [
        migrations.AlterField(
            model_name='publication',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='jaar'),
        ),
        migrations.AddField(
            model_name='publication',
            name='version',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='versie'),
        ),
        migrations.AddField(
            model_name='publication',
            name='correction_note',
            field=models.TextField(blank=True, default='', help_text='From version 2 on: what changed against the previous version and why (published).', verbose_name='correctie'),
        ),
        migrations.AddField(
            model_name='publication',
            name='library_versions',
            field=models.JSONField(blank=True, default=dict, help_text='Versions of Zicht and the numerical libraries behind the figures (reproducibility).', verbose_name='softwareversies'),
        ),
        migrations.AlterModelOptions(
            name='publication',
            options={'ordering': ['-year', '-version'], 'verbose_name': 'publicatie', 'verbose_name_plural': 'publicaties'},
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.UniqueConstraint(fields=('year', 'version'), name='publication_year_version'),
        ),
        migrations.CreateModel(
            name='Artefact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Path inside the version folder.', max_length=200, verbose_name='naam')),
                ('sha256', models.CharField(max_length=64)),
                ('size', models.PositiveIntegerField()),
                ('content_type', models.CharField(max_length=100)),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='artefacts', to='publish.publication')),
            ],
            options={
                'verbose_name': 'publicatiebestand',
                'verbose_name_plural': 'publicatiebestanden',
                'ordering': ['publication', 'name'],
                'constraints': [models.UniqueConstraint(fields=('publication', 'name'), name='artefact_publication_name')],
            },
        ),
    ]
