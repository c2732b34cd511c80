"""URLs of the cockpit's content pages (narrative editor, audit log, users, awareness
register, reporting routes); included from web/urls.py."""

from django.urls import include, path

from zicht.web import cockpit_awareness_views as awareness
from zicht.web import cockpit_content_views as views
from zicht.web import cockpit_users_views as users

urlpatterns = [
    path("tekst/", views.narrative_years, name="narrative-years"),
    path("tekst/<int:year>/", views.narrative_index, name="narrative-index"),
    path("tekst/<int:year>/<slug:section>/", views.narrative_edit, name="narrative-edit"),
    path("tekst/<int:year>/<slug:section>/voorbeeld/", views.narrative_preview, name="narrative-preview"),
    path("tekst/<int:year>/<slug:section>/v<int:version>/", views.narrative_version, name="narrative-version"),
    path("auditlog/", views.audit_log, name="audit-log"),
    path("auditlog.csv", views.audit_log_csv, name="audit-log-csv"),
    path("gebruikers/", users.users, name="users"),
    path("gebruikers/<int:pk>/", users.user_detail, name="user-detail"),
    path("uitnodiging/<str:token>/", users.invitation_accept, name="invitation-accept"),
    path("bewustwording/", awareness.awareness, name="awareness"),
    path("bewustwording/<int:pk>/controle/", awareness.awareness_check, name="awareness-check"),
    path("meldroutes/", include("zicht.signalling.cockpit_urls")),  # views in signalling (its own layer)
]
