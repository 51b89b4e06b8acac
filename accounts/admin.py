from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.audit import Action, AuditedAdminViews, audit_context, audit_record
from accounts.models import ApiKey, AuditEvent, User
from accounts.services import user_deactivate


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    form = UserEditForm
    list_display = ("email", "full_name", "is_active", "is_staff", "date_joined", "last_login")
    list_filter = ("is_active", "is_staff", "date_joined")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("date_joined", "last_login")
    actions = ["deactivate"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.action(description="Deactivate selected users", permissions=["change"])
    def deactivate(self, request, queryset):
        users = list(queryset)
        changed = user_deactivate(users=users)
        _audit_changes(request, users)
        self.message_user(request, f"Deactivated {changed} user(s).", messages.SUCCESS)

    # Every admin change to a user goes into the admin's audit trail, beside Django's own admin log.
    def log_addition(self, request, obj, message):
        _audit_changes(request, [obj])
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        _audit_changes(request, [obj])
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        _audit_changes(request, queryset)
        return super().log_deletions(request, queryset)


def _audit_changes(request, users) -> None:
    context = audit_context(request)
    for user in users:
        audit_record(actor=request.user, action=Action.ADMIN_CHANGE, target=user.pk, context=context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Seen in the admin, never made, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Everyone's trail, read-only: no content is in it to hide."""

    list_display = ("at", "action", "actor", "target", "ip")
    list_filter = ("action", "at")
    search_fields = ("actor__email", "target", "ip")
    list_select_related = ("actor",)
    date_hierarchy = "at"
    readonly_fields = ("actor", "action", "target", "at", "ip", "user_agent")
    fields = readonly_fields


@admin.register(ApiKey)
class ApiKeyAdmin(AuditedAdminViews, ReadOnlyAdmin):
    """Whose keys, and when made, used and due to expire; read-only, and never the digest.

    Only the owner revokes a key. To stop every key of an account at once, deactivate it: a
    deactivated account's keys are refused (accounts.api_keys).
    """

    list_display = ("name", "prefix", "owner", "created_at", "last_used_at", "expires_at", "keep_history")
    list_filter = ("keep_history", "created_at", "last_used_at")
    search_fields = ("owner__email", "prefix")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    fields = ("name", "prefix", "owner", "created_at", "last_used_at", "expires_at", "keep_history")
    readonly_fields = fields
