from collections.abc import Iterable

from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_deactivate(*, users: Iterable[User]) -> int:
    """Deactivate accounts without deleting their history; returns how many changed."""
    ids = [user.pk for user in users]
    return User.objects.filter(pk__in=ids, is_active=True).update(is_active=False)
