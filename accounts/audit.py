"""The audit trail: recording what happened to an account, and reading one person's trail.

Callers capture where a request came from with audit_context(request) and hand it to the
services that write, so services never see a request. Nothing here stores content: the
target is an id, and a failed login is recorded against the account it names, never with
the email that was typed.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import AuditEvent, User
from healthassistant.client_ip import client_ip

Action = AuditEvent.Action
AUDIT_EVENTS_PER_PAGE = 50
USER_AGENT_LENGTH = AuditEvent._meta.get_field("user_agent").max_length


@dataclass(frozen=True)
class AuditContext:
    ip: str | None = None
    user_agent: str = ""


NO_CONTEXT = AuditContext()


def audit_context(request) -> AuditContext:
    if request is None:
        return NO_CONTEXT
    meta = getattr(request, "META", {})
    user_agent = meta.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    return AuditContext(ip=client_ip(meta), user_agent=user_agent)


def audit_record(*, actor: User | None, action: str, target: object = "", context: AuditContext = NO_CONTEXT) -> None:
    AuditEvent.objects.create(
        actor=actor, action=action, target=str(target)[:80], ip=context.ip, user_agent=context.user_agent
    )


def audit_events_for_user(*, user: User) -> QuerySet[AuditEvent]:
    """The user's own trail, newest first."""
    return AuditEvent.objects.filter(actor_id=user.pk)


def audit_prune(*, days: int | None = None) -> int:
    """Deletes the events older than AUDIT_RETENTION_DAYS (or days); returns how many went."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    deleted, _ = AuditEvent.objects.filter(at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted


class AuditedAdminViews:
    """A ModelAdmin mixin: every list or detail view of people's records goes into the admin's own trail."""

    def changelist_view(self, request, extra_context=None):
        target = f"{self.model._meta.model_name} list"
        audit_record(actor=request.user, action=Action.ADMIN_VIEW, target=target, context=audit_context(request))
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        target = f"{self.model._meta.model_name} {object_id}"
        audit_record(actor=request.user, action=Action.ADMIN_VIEW, target=target, context=audit_context(request))
        return super().change_view(request, object_id, form_url, extra_context)
