"""Meldroutekaart pages: thin views over ``services``; answers travel as GET parameters only."""

from django.shortcuts import render

from zicht.signalling import services


def overview(request):
    rm = services.current_route_map()
    return render(
        request,
        "signalling/overview.html",
        {"rm": rm, "rows": services.route_rows(rm)},
    )


def where_to_report(request):
    rm = services.current_route_map()
    raw = {name: request.GET.get(name, "") for name in services.QUESTION_ORDER}
    advice = services.advise(rm, raw)
    context = {
        "rm": rm,
        "questions": services.questions(rm, raw, advice.errors),
        "advice": advice,
        "summary": advice.summary(rm),
    }
    return render(request, "signalling/where_to_report.html", context)
