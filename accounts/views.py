"""The account pages that allauth doesn't provide: "About me", security activity, and deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import AUDIT_EVENTS_PER_PAGE, audit_context, audit_events_for_user
from accounts.forms import HealthProfileForm
from accounts.health_profile import health_profile_for_user, health_profile_update
from accounts.services import user_delete
from healthassistant.errors import ApplicationError


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Asks for the password, then deletes the account and says what went."""
    if request.method == "GET":
        return render(request, "accounts/delete_account.html")
    try:
        deleted = user_delete(
            user=request.user, password=request.POST.get("password", ""), audit=audit_context(request)
        )
    except ApplicationError as error:
        return render(request, "accounts/delete_account.html", {"error": error.message}, status=error.http_status)
    logout(request)
    return render(request, "accounts/account_deleted.html", {"deleted": deleted})


@login_required
@require_GET
def security_activity(request):
    """The person's own audit trail, newest first, a page at a time."""
    page = Paginator(audit_events_for_user(user=request.user), AUDIT_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/security_activity.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def health_profile(request):
    """The person's own "About me": shown, and saved through the service."""
    form = HealthProfileForm(request.POST or None, instance=health_profile_for_user(user=request.user))
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/health_profile.html", {"form": form}, status=400)
        health_profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/health_profile.html", {"form": form})
