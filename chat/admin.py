from django.contrib import admin
from django.db.models import Count

from chat.models import ChatSession, Message


class ReadOnlyAdminMixin:
    """Messages are a record of what was said: admins may read and delete them, never rewrite them."""

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
class ChatSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "message_count", "pinned", "archived", "created_at", "updated_at")
    list_filter = ("pinned", "archived", "created_at", "updated_at")
    search_fields = ("title", "owner__email")
    list_select_related = ("owner",)
    readonly_fields = ("owner", "created_at", "updated_at")
    fields = ("title", "owner", "pinned", "archived", "created_at", "updated_at")
    inlines = [MessageInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(message_count=Count("messages"))

    @admin.display(ordering="message_count", description="messages")
    def message_count(self, obj):
        return obj.message_count


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "session", "owner", "role", "status", "answer_tokens", "created_at")
    list_filter = ("role", "status", "created_at")
    search_fields = ("session__title", "session__owner__email")
    list_select_related = ("session__owner",)
    readonly_fields = [field.name for field in Message._meta.fields] + ["attachments"]

    @admin.display(ordering="session__owner__email")
    def owner(self, obj):
        return obj.session.owner
