"""Machine uploads through the API: partners with their own systems deliver figures
(``/api/v1/leveringen/``) and encoded case records (``/api/v1/casusbestanden/``) with an API token.

Partners deliver from a script: ``Authorization: Token <token>`` (an API token of a machine account,
``zicht api_token``), never a browser session. The token acts with its user's role and partner;
everything here is unpublished data, so every view of it is audited like the /beheer/ pages.
Messages are machine-facing Dutch text (like the CLI's), not translated. See ADR 0103.
"""

from __future__ import annotations

import hashlib

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from zicht.accounts.authentication import ApiTokenAuthentication
from zicht.accounts.models import Profile
from zicht.accounts.permissions import may_deliver_for, partner_of, role_of
from zicht.audit import events
from zicht.catalog.models import Partner
from zicht.catalog.services import ensure_catalog_loaded
from zicht.intake.cells import Problem, ValidationResult
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, oversized, submit_bytes
from zicht.records.models import EncodedDelivery
from zicht.records.services import EncodedDeliveryRefused, submit_encoded

ANALYST, PARTNER = Profile.Role.ANALYST, Profile.Role.PARTNER


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "zicht.accounts.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "API-token van een machine-account, als `Token <token>` "
                           "(aan te maken door de beheerder met `zicht api_token`).",
        }


class DeliversData(BasePermission):
    """Analysts and partner contacts; a municipality reader or a user without a role gets 403."""

    message = "Dit account mag geen leveringen doen of inzien (alleen analisten en contactpersonen van partners)."

    def has_permission(self, request, view):
        return role_of(request.user) in (ANALYST, PARTNER)


def allowed_partners(user) -> list[str] | None:
    """The partner codes ``user`` may see and deliver for; None for all (an analyst)."""
    if role_of(user) == ANALYST:
        return None
    partner = partner_of(user)
    return [partner.code] if partner else []


class ProblemSerializer(serializers.Serializer):
    sheet = serializers.CharField(allow_null=True, help_text="Werkblad (alleen bij Excel-werkmappen).")
    row = serializers.IntegerField(allow_null=True, help_text="Rijnummer in het bestand (in een CSV is rij 1 de kopregel).")
    column = serializers.CharField(allow_null=True, help_text="Kolomnaam (CSV) of kolomletter (Excel).")
    value = serializers.CharField(allow_null=True, help_text="De gevonden waarde.")
    code = serializers.CharField(help_text="Vaste code van het probleem, bijvoorbeeld `invalid-number`.")
    message = serializers.CharField(help_text="Wat er mis is en wat werd verwacht, in het Nederlands.")
    severity = serializers.ChoiceField(["error", "warning"], help_text="`error` (weigert de levering) of `warning`.")


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Samenvatting in het Nederlands.")
    errors = ProblemSerializer(many=True, help_text="Elke fout met haar plaats in het bestand.")
    warnings = ProblemSerializer(many=True, help_text="Waarschuwingen (weigeren de levering niet).")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Wat er mis is, in het Nederlands.")


class FieldErrorsSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Samenvatting in het Nederlands.")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Per veld wat er ontbreekt of niet klopt.")


class DeliveryUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="Het bestand: het ingevulde Excel-sjabloon (.xlsx) of een CSV in lang formaat.",
        error_messages={"required": "Verplicht veld: file (het bestand).",
                        "invalid": "Geen bestand ontvangen; stuur het als multipart/form-data.",
                        "empty": "Het bestand is leeg."},
        allow_empty_file=True,  # an empty file gets the intake's own refusal (422, code empty-file)
    )
    partner = serializers.CharField(
        max_length=50,
        help_text="Code van de partner, bijvoorbeeld `police_tmm` (zie `zicht partners`).",
        error_messages={"required": "Verplicht veld: partner (de code van de partner).",
                        "blank": "Verplicht veld: partner (de code van de partner).",
                        "max_length": "Onbekende partnercode (te lang)."},
    )
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, help_text="Verslagjaar, bijvoorbeeld 2022.",
        error_messages={"required": "Verplicht veld: year (het verslagjaar).",
                        "invalid": "Het verslagjaar moet een heel getal zijn, bijvoorbeeld 2022.",
                        "min_value": "Het verslagjaar moet tussen 2000 en 2100 liggen.",
                        "max_value": "Het verslagjaar moet tussen 2000 en 2100 liggen."},
    )


class SubmissionSerializer(serializers.ModelSerializer):
    partner = serializers.CharField(source="partner.code", help_text="Code van de partner.")
    created = serializers.DateTimeField(source="submitted_at", help_text="Tijdstip van opslaan.")
    current = serializers.SerializerMethodField(help_text="Of dit de geldende versie is (niet vervangen door een nieuwere).")
    warnings = serializers.SerializerMethodField(help_text="Waarschuwingen van de controle (de levering is wel opgeslagen).")

    class Meta:
        model = Submission
        fields = ["id", "partner", "year", "version", "checksum", "filename", "file_format", "size",
                  "created", "submitted_by_label", "current", "warnings"]
        extra_kwargs = {
            "id": {"help_text": "Nummer van de levering (voor /api/v1/leveringen/{id}/)."},
            "version": {"help_text": "Versie voor deze partner en dit jaar: 1, 2, ..."},
            "checksum": {"help_text": "SHA-256 van het bestand."},
            "submitted_by_label": {"help_text": "Het account dat leverde."},
        }

    @extend_schema_field(serializers.BooleanField())
    def get_current(self, obj) -> bool:
        return obj.is_current

    @extend_schema_field(ProblemSerializer(many=True))
    def get_warnings(self, obj) -> list[dict]:
        return [p for p in obj.validation_report if p.get("severity") == "warning"]


class StoredSubmissionSerializer(SubmissionSerializer):
    message = serializers.SerializerMethodField(help_text="Wat er is gebeurd, in het Nederlands.")

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "message"]

    def get_message(self, obj) -> str:
        if self.context.get("created"):
            return f"Opgeslagen als versie {obj.version}."
        return f"Dit bestand was al opgeslagen als versie {obj.version}; niets gewijzigd."


class SubmissionDetailSerializer(SubmissionSerializer):
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True, help_text="De versie die deze vervangt (id), of null.")
    validation_report = ProblemSerializer(many=True, help_text="Alles wat de controle vond (fouten en waarschuwingen).")
    observations = serializers.SerializerMethodField(help_text="Aantal opgeslagen cijfers.")

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "supersedes", "observations", "validation_report"]

    def get_observations(self, obj) -> int:
        return obj.observations.count()


def _field_errors(errors: dict) -> Response:
    fields = {name: [str(m) for m in messages] for name, messages in errors.items()}
    summary = " ".join(m for messages in fields.values() for m in messages)
    return Response({"detail": f"Onvolledig verzoek: {summary}", "fields": fields}, status=400)


def _refusal(result, status: int, detail: str) -> Response:
    return Response(
        {"detail": detail,
         "errors": [p.as_dict() for p in result.errors],
         "warnings": [p.as_dict() for p in result.warnings]},
        status=status,
    )


def _forbidden(request, partner: str, year: int, upload, channel: str) -> Response:
    events.delivery_forbidden(partner, year, upload.name, request.user, channel)
    return Response({"detail": f"Geen toegang: dit account mag niet leveren voor partner '{partner}'. "
                               "Niets opgeslagen."}, status=403)


class DeliveryPagination(LimitOffsetPagination):
    """``?limit=`` (standaard 100, hoogstens 1000) en ``?offset=``."""

    default_limit = 100
    max_limit = 1000


class MachineUploadMixin:
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated, DeliversData]
    parser_classes = [MultiPartParser, FormParser]
    renderer_classes = [JSONRenderer]
    pagination_class = DeliveryPagination
    lookup_value_regex = r"\d+"

    def visible(self, queryset):
        allowed = allowed_partners(self.request.user)
        return queryset if allowed is None else queryset.filter(partner__code__in=allowed)

    def filtered(self, queryset):
        partner = self.request.query_params.get("partner")
        year = self.request.query_params.get("year")
        if partner:
            queryset = queryset.filter(partner__code=partner)
        if year and year.isdigit():
            queryset = queryset.filter(year=int(year))
        return queryset

    def visible_object(self, pk, queryset):
        """The object, if this account may see it; another partner's object is "not found", exactly like
        an id that does not exist, so guessing ids tells nothing."""
        obj = get_object_or_404(queryset, pk=pk)
        if not may_deliver_for(self.request.user, obj.partner.code):
            raise Http404("Niet gevonden.")
        return obj

    # Set by each view: its serializers and how its views are named in the audit log.
    list_serializer: type
    detail_serializer: type
    upload_serializer: type
    audit_list: str
    audit_item: str
    audit_key: str
    channel: str

    def list(self, request, format=None):  # noqa: A002 (DRF's format-suffix argument)
        allowed = allowed_partners(request.user)
        queryset = self.filtered(self.visible(self.get_queryset())).order_by("-submitted_at", "-id")
        events.unpublished_data_viewed(request.user, self.audit_list, partners=allowed or "alle")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.list_serializer(page, many=True).data)

    def retrieve(self, request, pk=None, format=None):  # noqa: A002
        obj = self.visible_object(pk, self.get_queryset())
        events.unpublished_data_viewed(request.user, self.audit_item, **{self.audit_key: obj.pk})
        return Response(self.detail_serializer(obj).data)

    def checked_upload(self, request, format=None):  # noqa: A002
        """(file, partner, year) of an upload this account may make, or the Response refusing it
        (missing field, another partner's data, too large): then nothing is read or stored."""
        upload = self.upload_serializer(data=request.data)
        if not upload.is_valid():
            return None, _field_errors(upload.errors)
        data = upload.validated_data
        file, partner, year = data["file"], data["partner"], data["year"]
        if not may_deliver_for(request.user, partner):
            return None, _forbidden(request, partner, year, file, self.channel)
        too_large = oversized(file.size)
        if too_large is not None:
            return None, _refusal(too_large, 413, "Het bestand is te groot; het is niet gelezen en niet opgeslagen.")
        return (file, partner, year), None


COMMON_ERRORS = {
    401: OpenApiResponse(DetailSerializer, description="Geen, een onbekende of een ingetrokken token."),
    403: OpenApiResponse(DetailSerializer, description="Dit account mag dit niet (rol of partner)."),
}
LIST_PARAMETERS = [
    OpenApiParameter("partner", str, description="Alleen leveringen van deze partner (code)."),
    OpenApiParameter("year", int, description="Alleen leveringen voor dit verslagjaar."),
]


@extend_schema(tags=["leveringen"])
@extend_schema_view(
    list=extend_schema(
        summary="Leveringen die dit account mag zien",
        description="Alle versies, nieuwste eerst. Een contactpersoon van een partner ziet alleen de leveringen "
                    "van de eigen partner, een analist alle. Elke opvraging wordt gelogd (ongepubliceerde gegevens).",
        parameters=LIST_PARAMETERS,
        responses={200: SubmissionSerializer(many=True), **COMMON_ERRORS},
    ),
    retrieve=extend_schema(
        summary="Eén levering met haar controlerapport",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Nummer van de levering.")],
        description="Gegevens van de levering, de versie die zij vervangt en alles wat de controle vond. "
                    "De opvraging wordt gelogd (ongepubliceerde gegevens).",
        responses={200: SubmissionDetailSerializer, 404: OpenApiResponse(DetailSerializer, description="Onbekende levering."),
                   **COMMON_ERRORS},
    ),
    create=extend_schema(
        summary="Een levering aanleveren (cijfers, Excel-sjabloon of CSV)",
        description=(
            "Controleert het bestand zoals bij `zicht submit` en bewaart het als nieuwe versie, geheel of niet. "
            "Hetzelfde bestand nog eens aanbieden verandert niets (200); een ander bestand voor dezelfde partner en "
            "hetzelfde jaar wordt een nieuwe versie die de vorige vervangt (201). Een bestand met fouten wordt "
            "geweigerd (422) met elke fout en haar plaats in het bestand; er wordt dan niets opgeslagen. "
            "Regels: docs/partners/delivery-spec.md."
        ),
        request={"multipart/form-data": DeliveryUploadSerializer},
        responses={
            201: OpenApiResponse(StoredSubmissionSerializer, description="Opgeslagen als nieuwe versie."),
            200: OpenApiResponse(StoredSubmissionSerializer, description="Dit bestand was al opgeslagen; niets gewijzigd."),
            400: OpenApiResponse(FieldErrorsSerializer, description="Een veld ontbreekt of klopt niet."),
            **COMMON_ERRORS,
            413: OpenApiResponse(RefusalSerializer, description="Het bestand is te groot; niet gelezen en niet opgeslagen."),
            422: OpenApiResponse(RefusalSerializer, description="Geweigerd: de fouten per cel; niets opgeslagen."),
        },
    ),
)
class SubmissionViewSet(MachineUploadMixin, viewsets.GenericViewSet):
    """Leveringen van cijfers door partners (machine-accounts met een API-token)."""

    queryset = Submission.objects.select_related("partner", "superseded_by").defer("content")
    serializer_class = SubmissionSerializer
    list_serializer, detail_serializer = SubmissionSerializer, SubmissionDetailSerializer
    upload_serializer = DeliveryUploadSerializer
    audit_list, audit_item, audit_key, channel = "leveringen (API)", "levering (API)", "submission", "api"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return SubmissionDetailSerializer
        if self.action == "create":
            return DeliveryUploadSerializer
        return SubmissionSerializer

    def create(self, request, format=None):  # noqa: A002
        checked, refusal = self.checked_upload(request)
        if refusal is not None:
            return refusal
        file, partner, year = checked
        try:
            outcome = submit_bytes(file.read(), file.name, partner, year, user=request.user)
        except SubmissionRefused as refused:
            errors = len(refused.result.errors)
            return _refusal(refused.result, 422, f"Levering geweigerd: {errors} fout(en). Niets opgeslagen.")
        submission = Submission.objects.select_related("partner").defer("content").get(pk=outcome.submission.pk)
        body = StoredSubmissionSerializer(submission, context={"created": outcome.created}).data
        if not outcome.created:
            return Response(body, status=200)
        location = reverse("submission-api-detail", args=[submission.pk], request=request)
        return Response(body, status=201, headers={"Location": location})


class EncodedUploadSerializer(DeliveryUploadSerializer):
    file = serializers.FileField(
        help_text="Het versleutelde casusbestand (CSV), gemaakt met `zicht encode`. Leesbare namen of "
                  "geboortedata worden geweigerd.",
        error_messages={"required": "Verplicht veld: file (het bestand).",
                        "invalid": "Geen bestand ontvangen; stuur het als multipart/form-data.",
                        "empty": "Het bestand is leeg."},
        allow_empty_file=True,
    )


class EncodedDeliverySerializer(serializers.ModelSerializer):
    partner = serializers.CharField(source="partner.code", help_text="Code van de partner.")
    created = serializers.DateTimeField(source="submitted_at", help_text="Tijdstip van opslaan.")
    current = serializers.SerializerMethodField(help_text="Of dit de geldende versie is (niet vervangen door een nieuwere).")

    class Meta:
        model = EncodedDelivery
        fields = ["id", "partner", "year", "version", "checksum", "filename", "records", "encoding_version",
                  "key_check", "synthetic", "created", "current", "supersedes"]
        extra_kwargs = {
            "id": {"help_text": "Nummer van de levering (voor /api/v1/casusbestanden/{id}/)."},
            "version": {"help_text": "Versie voor deze partner en dit jaar: 1, 2, ..."},
            "checksum": {"help_text": "SHA-256 van het bestand."},
            "records": {"help_text": "Aantal casusrecords."},
            "encoding_version": {"help_text": "Het versleutelingsschema van `zicht encode`."},
            "key_check": {"help_text": "Controlewaarde van het gedeelde geheim (niet het geheim zelf)."},
            "synthetic": {"help_text": "Synthetische demogegevens (via de API altijd false)."},
            "supersedes": {"help_text": "De versie die deze vervangt (id), of null."},
        }

    @extend_schema_field(serializers.BooleanField())
    def get_current(self, obj) -> bool:
        return not hasattr(obj, "superseded_by") or obj.superseded_by is None


class StoredEncodedDeliverySerializer(EncodedDeliverySerializer):
    message = serializers.SerializerMethodField(help_text="Wat er is gebeurd, in het Nederlands.")

    class Meta(EncodedDeliverySerializer.Meta):
        fields = [*EncodedDeliverySerializer.Meta.fields, "message"]

    def get_message(self, obj) -> str:
        if self.context.get("created"):
            return f"Opgeslagen als versie {obj.version} ({obj.records} records)."
        return f"Dit bestand was al opgeslagen als versie {obj.version}; niets gewijzigd."


@extend_schema(tags=["casusbestanden"])
@extend_schema_view(
    list=extend_schema(
        summary="Versleutelde casusbestanden die dit account mag zien",
        description="Alle versies, nieuwste eerst, zonder de inhoud. Een contactpersoon van een partner ziet alleen "
                    "de eigen partner, een analist alle. Elke opvraging wordt gelogd.",
        parameters=LIST_PARAMETERS,
        responses={200: EncodedDeliverySerializer(many=True), **COMMON_ERRORS},
    ),
    retrieve=extend_schema(
        summary="Eén versleuteld casusbestand (zonder inhoud)",
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Nummer van de levering.")],
        responses={200: EncodedDeliverySerializer,
                   404: OpenApiResponse(DetailSerializer, description="Onbekende levering."), **COMMON_ERRORS},
    ),
    create=extend_schema(
        summary="Een versleuteld casusbestand aanleveren",
        description=(
            "Controleert het bestand zoals bij `zicht records_submit` en bewaart het als nieuwe versie, geheel of niet. "
            "Een bestand met leesbare namen of geboortedata, een ander versleutelingsschema of een ander geheim dan "
            "de andere leveringen van het jaar wordt geweigerd (422) en niet opgeslagen. Hetzelfde bestand nog eens: "
            "200, niets gewijzigd. Zie docs/partners/case-records.md."
        ),
        request={"multipart/form-data": EncodedUploadSerializer},
        responses={
            201: OpenApiResponse(StoredEncodedDeliverySerializer, description="Opgeslagen als nieuwe versie."),
            200: OpenApiResponse(StoredEncodedDeliverySerializer, description="Dit bestand was al opgeslagen; niets gewijzigd."),
            400: OpenApiResponse(FieldErrorsSerializer, description="Een veld ontbreekt of klopt niet."),
            **COMMON_ERRORS,
            413: OpenApiResponse(RefusalSerializer, description="Het bestand is te groot; niet gelezen en niet opgeslagen."),
            422: OpenApiResponse(RefusalSerializer, description="Geweigerd; niets opgeslagen."),
        },
    ),
)
class EncodedDeliveryViewSet(MachineUploadMixin, viewsets.GenericViewSet):
    """Versleutelde casusbestanden van partners (machine-accounts met een API-token)."""

    queryset = EncodedDelivery.objects.select_related("partner", "superseded_by").defer("content")
    serializer_class = EncodedDeliverySerializer
    list_serializer = detail_serializer = EncodedDeliverySerializer
    upload_serializer = EncodedUploadSerializer
    audit_list, audit_item = "versleutelde casusbestanden (API)", "versleuteld casusbestand (API)"
    audit_key, channel = "encoded_delivery", "api-casusbestanden"

    def get_serializer_class(self):
        return EncodedUploadSerializer if self.action == "create" else EncodedDeliverySerializer

    def create(self, request, format=None):  # noqa: A002
        checked, refusal = self.checked_upload(request)
        if refusal is not None:
            return refusal
        file, partner, year = checked
        content = file.read()
        ensure_catalog_loaded()
        if not Partner.objects.filter(code=partner).exists():
            unknown = Problem("unknown-partner", f"Onbekende partner '{partner}' (zie `zicht partners`).", value=partner)
            return _refusal(ValidationResult("csv", [unknown]), 422, "Casusbestand geweigerd: 1 fout(en). Niets opgeslagen.")
        checksum = hashlib.sha256(content).hexdigest()
        existed = EncodedDelivery.objects.filter(partner__code=partner, year=year, checksum=checksum).exists()
        try:
            delivery = submit_encoded(content, file.name, partner, year, user=request.user)
        except EncodedDeliveryRefused as refused:
            errors = len(refused.result.errors)
            return _refusal(refused.result, 422, f"Casusbestand geweigerd: {errors} fout(en). Niets opgeslagen.")
        delivery = self.get_queryset().get(pk=delivery.pk)
        body = StoredEncodedDeliverySerializer(delivery, context={"created": not existed}).data
        if existed:
            return Response(body, status=200)
        location = reverse("encoded-delivery-api-detail", args=[delivery.pk], request=request)
        return Response(body, status=201, headers={"Location": location})
