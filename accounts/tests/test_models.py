import pytest
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_its_case(django_user_model):
    django_user_model.objects.create_user(email="dana@example.com", password="x")
    with pytest.raises(IntegrityError):
        django_user_model.objects.create_user(email="DANA@example.com", password="x")


def test_login_lookup_ignores_case(django_user_model, alice):
    assert django_user_model.objects.get_by_natural_key("ALICE@EXAMPLE.COM") == alice
