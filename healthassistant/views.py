import dataclasses

from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from chat.generation.model_status import model_status_read


def home(request):
    if request.user.is_authenticated:
        return redirect("chat:index")
    return redirect("account_login")


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
