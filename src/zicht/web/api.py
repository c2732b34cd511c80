"""Public API: published, disclosure-controlled tables only (read-only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from zicht.publish.models import Publication


class PublicationListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ["year", "published_at", "suppressed_cells"]


class PublicationSerializer(serializers.ModelSerializer):
    tables = serializers.JSONField(help_text="Gepubliceerde tabellen; onderdrukte cellen hebben value null.")

    class Meta:
        model = Publication
        fields = ["year", "published_at", "suppressed_cells", "tables"]


@extend_schema(tags=["publicaties"])
class PublicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Gepubliceerde monitors per jaar, met alle tabellen na onthullingscontrole."""

    queryset = Publication.objects.all()
    lookup_field = "year"
    permission_classes = [AllowAny]

    def get_serializer_class(self):
        return PublicationListSerializer if self.action == "list" else PublicationSerializer
