"""Forms of the intake pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zicht.catalog.definitions import get_catalog


def partner_choices(codes=None):
    catalog = get_catalog()
    return [(p.code, p.name) for p in catalog.partners.values() if codes is None or p.code in codes]


class DeliveryForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner"), choices=())
    year = forms.IntegerField(label=_("Verslagjaar"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("Bestand (Excel-sjabloon of CSV)"))
    store = forms.BooleanField(label=_("Opslaan als nieuwe versie als het bestand geldig is"), required=False,
                               initial=True)
    reason = forms.CharField(
        label=_("Reden van de correctie (als u een eerdere versie vervangt)"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partner_choices(partners)


class EncodedDeliveryForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner"), choices=())
    year = forms.IntegerField(label=_("Verslagjaar"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("Versleuteld casusbestand (CSV, gemaakt met zicht encode)"))

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = partner_choices(partners)
