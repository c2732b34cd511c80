"""The cockpit's page for the reporting routes: the analyst keeps phone number, address and hours current
and marks a route verified; every change goes through ``services.update_route`` (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role
from zicht.signalling import services

ANALYSTS = (Profile.Role.ANALYST, "admin")


@require_role(*ANALYSTS)
def routes(request):
    today = timezone.localdate()
    rm = services.current_route_map()
    rows = [{"route": r, "stale": r.check_due(today, services.STALE_AFTER_DAYS)} for r in rm.routes]
    return render(request, "web/cockpit/routes.html", {"rows": rows, "stale": [r for r in rows if r["stale"]],
                                                       "days": services.STALE_AFTER_DAYS})


@require_role(*ANALYSTS)
def route_edit(request, code: str):
    route = next((r for r in services.current_route_map().routes if r.code == code), None)
    if route is None:
        raise Http404("Onbekende meldroute.")
    values = {"phone": route.contact or "", "address": route.address, "hours": route.hours, "verified": False}
    status = 200
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("phone", "address", "hours")}
        values["verified"] = request.POST.get("verified") == "on"
        try:
            services.update_route(code, actor=request.user, **values)
        except services.RouteUpdateError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(request, _("Meldroute bijgewerkt."))
            return redirect("cockpit-routes")
    return render(request, "web/cockpit/route_edit.html", {"route": route, "values": values}, status=status)
