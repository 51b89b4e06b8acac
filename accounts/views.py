"""The account pages that allauth doesn't provide: "About me", where you are, API keys, security activity, and
deleting the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.api_keys import api_key_create, api_key_get_for_user, api_key_revoke, api_keys_for_user
from accounts.audit import AUDIT_EVENTS_PER_PAGE, audit_context, audit_events_for_user
from accounts.forms import ApiKeyForm, CountryForm, HealthProfileForm
from accounts.health_profile import health_profile_for_user, health_profile_update
from accounts.services import user_country_set, user_delete
from chat.safety import contacts_for_request
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


@login_required
@require_http_methods(["GET", "POST"])
def location(request):
    """Where the person is, for the emergency panel's numbers; the page says which numbers apply now."""
    form = CountryForm(request.POST or None, initial={"country": request.user.country})
    if request.method == "POST":
        if not form.is_valid():
            context = {"form": form, "contacts": contacts_for_request(request)}
            return render(request, "accounts/location.html", context, status=400)
        user_country_set(user=request.user, country=form.cleaned_data["country"])
        messages.success(request, "Saved.")
        return redirect("accounts:location")
    return render(request, "accounts/location.html", {"form": form, "contacts": contacts_for_request(request)})


@login_required
@require_http_methods(["GET", "POST"])
def keys(request):
    """The person's API keys, and a form to make one. A new key is in the answer that made it, and never again."""
    if request.method == "GET":
        return _keys_section(request, form=ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _keys_section(request, form=form, status=400)
    try:
        key, raw = api_key_create(owner=request.user, audit=audit_context(request), **form.cleaned_data)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _keys_section(request, form=form, status=error.http_status)
    # Rendered, not redirected: the key must not wait in the session for the next page.
    return _keys_section(request, form=ApiKeyForm(), new_key=key, raw_key=raw)


@login_required
@require_http_methods(["GET", "POST"])
def key_revoke(request, key_id):
    """GET asks to confirm (in place of the key's row, or as a page); POST revokes the key, at once."""
    key = api_key_get_for_user(user=request.user, key_id=key_id)
    if request.method == "GET":
        template_name = "accounts/partials/api_key_revoke.html" if request.htmx else "accounts/api_key_revoke.html"
        return render(request, template_name, {"key": key})
    api_key_revoke(api_key=key, audit=audit_context(request))
    if request.htmx:
        return _keys_section(request, form=ApiKeyForm(), revoked=key)
    messages.success(request, f"Revoked “{key.name}”: it no longer works.")
    return redirect("accounts:api-keys")


def _keys_section(request, *, form: ApiKeyForm, status: int = 200, **context):
    template_name = "accounts/partials/api_keys.html" if request.htmx else "accounts/api_keys.html"
    context |= {
        "form": form,
        "keys": list(api_keys_for_user(user=request.user)),
        "base_url": request.build_absolute_uri("/v1"),
    }
    return render(request, template_name, context, status=status)
