"""Chats in admin: who, when, how many and in what state; never what was said.

Admins manage accounts and storage, they don't read health records: no title (it is the
first question), message text or error shows in any list, detail, search or filter. A
person who needs help shares their own export.
"""

from django.contrib import admin
from django.db.models import Count

from accounts.audit import AuditedAdminViews
from chat.models import ChatSession, Message


class ReadOnlyAdminMixin:
    """A record of what was said: admins may delete it, never add or rewrite it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Message
    fields = ("role", "status", "created_at", "answer_tokens")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(ChatSession)
class ChatSessionAdmin(AuditedAdminViews, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("chat", "owner", "message_count", "pinned", "archived", "created_at", "updated_at")
    list_display_links = ("chat",)
    list_filter = ("pinned", "archived", "created_at", "updated_at")
    search_fields = ("owner__email",)
    list_select_related = ("owner",)
    fields = ("chat", "owner", "message_count", "pinned", "archived", "created_at", "updated_at")
    readonly_fields = fields
    inlines = [MessageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(message_count=Count("messages"))

    @admin.display(description="chat")
    def chat(self, obj):
        return str(obj)

    @admin.display(ordering="message_count", description="messages")
    def message_count(self, obj):
        return obj.message_count


@admin.register(Message)
class MessageAdmin(AuditedAdminViews, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "session", "owner", "role", "status", "answer_tokens", "created_at")
    list_filter = ("role", "status", "created_at")
    search_fields = ("session__owner__email",)
    list_select_related = ("session__owner",)
    fields = (
        "session",
        "owner",
        "role",
        "status",
        "prompt_tokens",
        "answer_tokens",
        "model_name",
        "time_to_first_token",
        "duration",
        "tokens_per_second",
        "attachment_count",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attachment_count=Count("attachments"))

    @admin.display(ordering="session__owner__email")
    def owner(self, obj):
        return obj.session.owner

    @admin.display(description="attachments")
    def attachment_count(self, obj):
        return obj.attachment_count
