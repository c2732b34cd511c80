"""Public API: published, disclosure-controlled tables only (read-only), per year and version."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from zicht.publish.models import Artefact, Publication
from zicht.web.downloads import downloads_of


class ArtefactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Artefact
        fields = ["name", "sha256", "size", "content_type"]


class DownloadSerializer(serializers.Serializer):
    """One format of a publication, from the exporter registry (publish.exporters)."""

    key = serializers.CharField(help_text="Sleutel van de exporteur, bijv. tables-csv of datapackage.")
    label = serializers.CharField(help_text="Naam van het formaat (Nederlands).")
    media_type = serializers.CharField()
    audience = serializers.ChoiceField(choices=["report", "factsheet", "open-data"])
    name = serializers.CharField(help_text="Bestandsnaam in de versiemap.")
    url = serializers.URLField(help_text="Vast adres van de huidige versie.")
    version_url = serializers.URLField(help_text="De bevroren kopie van deze versie.")


class PublicationListSerializer(serializers.ModelSerializer):
    versions = serializers.SerializerMethodField(help_text="Alle versies van dit jaar, oudste eerst.")

    class Meta:
        model = Publication
        fields = ["year", "version", "published_at", "correction_note", "suppressed_cells", "versions"]

    def get_versions(self, obj) -> list[int]:
        return list(Publication.objects.filter(year=obj.year).order_by("version").values_list("version", flat=True))


class PublicationSerializer(PublicationListSerializer):
    tables = serializers.JSONField(help_text="Gepubliceerde tabellen; onderdrukte cellen hebben value null.")
    artefacts = ArtefactSerializer(many=True, read_only=True)
    headline = serializers.SerializerMethodField(
        help_text="Welke schatter de kopschatting gaf: method (log-linear/latent-class), rule (rule/override), "
                  "reason_code en default_method; null voor publicaties zonder schatting.")

    downloads = serializers.SerializerMethodField(
        help_text="De bestanden van deze versie per formaat (uit het register van exporteurs).")

    class Meta(PublicationListSerializer.Meta):
        fields = [*PublicationListSerializer.Meta.fields, "library_versions", "headline", "downloads", "artefacts",
                  "tables"]

    @extend_schema_field(DownloadSerializer(many=True))
    def get_downloads(self, obj) -> list[dict]:
        request = self.context.get("request")
        items = [d.as_dict() for d in downloads_of([obj])[obj.pk]]
        if request is not None:
            for item in items:
                item["url"] = request.build_absolute_uri(item["url"])
                item["version_url"] = request.build_absolute_uri(item["version_url"])
        return items

    def get_headline(self, obj) -> dict | None:
        # The analyst's free-text reason and name stay internal (the audit trail has them).
        if not obj.headline:
            return None
        return {k: obj.headline.get(k) for k in ("method", "rule", "reason_code", "default_method")}


@extend_schema(tags=["publicaties"])
class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Gepubliceerde monitors per jaar (de huidige versie), met alle tabellen na onthullingscontrole.
    Eerdere versies van een jaar blijven opvraagbaar onder ``versions/<versie>/``."""

    queryset = Publication.objects.latest_per_year().prefetch_related("artefacts")
    lookup_field = "year"
    permission_classes = [AllowAny]

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.listing() if self.action == "list" else queryset  # the list shows no tables

    def get_serializer_class(self):
        return PublicationListSerializer if self.action == "list" else PublicationSerializer

    @extend_schema(responses=PublicationSerializer)
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<version>\d+)")
    def version(self, request, year=None, version=None, format=None):  # noqa: A002 (DRF's suffix name)
        publication = Publication.objects.filter(year=year, version=version).first()
        if publication is None:
            raise Http404("Deze versie bestaat niet.")
        return Response(PublicationSerializer(publication, context=self.get_serializer_context()).data)
