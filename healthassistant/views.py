import dataclasses

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from chat.generation.model_status import model_status_read


def home(request):
    if request.user.is_authenticated:
        return redirect("chat:index")
    return redirect("account_login")


@require_GET
def privacy(request):
    """What is stored, where, for how long and who sees it: for everyone, signed in or not."""
    return render(
        request,
        "privacy.html",
        {
            "upload_retention_days": settings.UPLOAD_RETENTION_DAYS,
            "upload_orphan_hours": settings.UPLOAD_ORPHAN_HOURS,
            "audit_retention_days": settings.AUDIT_RETENTION_DAYS,
        },
    )


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers and Docker: 200 while the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    model = dataclasses.asdict(model_status_read())
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "degraded", "database": database, "model": model}, status=status
    )


@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the API's JSON, a file): send them to the icon."""
    return redirect(static("favicon.svg"), permanent=True)
