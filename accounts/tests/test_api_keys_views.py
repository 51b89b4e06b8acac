"""The API keys page (/account/keys/): make a key and see it once, list them, revoke one after confirming."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.api_keys import InvalidApiKey, api_key_authenticate, api_key_create
from accounts.models import ApiKey

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:api-keys")
HTMX = {"HTTP_HX_REQUEST": "true"}
A_KEY = re.compile(r"ha-[A-Za-z0-9_-]{43}")


def revoke_url(key: ApiKey) -> str:
    return reverse("accounts:api-key-revoke", args=[key.pk])


def test_the_account_page_leads_to_it(alice_client):
    html = alice_client.get(reverse("account_change_password")).content.decode()

    assert f'href="{PAGE}"' in html


def test_it_says_what_keys_are_for_with_this_sites_base_url(alice_client):
    html = alice_client.get(PAGE).content.decode()

    assert "http://testserver/v1" in html
    assert "OpenAI API" in html
    assert "can't change your account" in html
    assert "You have no API keys." in html


def test_making_a_key_shows_it_this_once(alice_client, alice):
    response = alice_client.post(PAGE, {"name": "Open WebUI", "keep_history": "on"})

    html = response.content.decode()
    assert response.status_code == 200
    (raw,) = set(A_KEY.findall(html))
    assert "won't be shown again" in html
    assert api_key_authenticate(raw).owner == alice
    again = alice_client.get(PAGE).content.decode()
    assert "Open WebUI" in again and raw[:10] in again
    assert raw not in again and not A_KEY.search(again)


def test_keeping_the_chats_is_on_unless_unticked(alice_client):
    form = alice_client.get(PAGE).content.decode()
    assert re.search(r'<input type="checkbox" name="keep_history"[^>]*checked', form)

    alice_client.post(PAGE, {"name": "Kept", "keep_history": "on"})
    alice_client.post(PAGE, {"name": "Not kept"})

    assert dict(ApiKey.objects.values_list("name", "keep_history")) == {"Kept": True, "Not kept": False}


def test_an_expiry_day_means_the_end_of_that_day(alice_client):
    day = timezone.localdate() + timedelta(days=30)

    alice_client.post(PAGE, {"name": "Trial", "expires_on": day.isoformat()})

    expected = datetime.combine(day, time.max, tzinfo=timezone.get_current_timezone())
    assert ApiKey.objects.get().expires_at == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"name": "two\nlines"}, "one line of plain text"),
        ({"name": "Trial", "expires_on": "2001-01-01"}, "That day has passed"),
        ({"name": "Trial", "expires_on": "31/02/2030"}, "Enter a valid date."),
        ({"name": "Trial", "expires_on": "9999-12-31"}, "Choose an earlier day."),
    ],
)
def test_a_refused_form_says_why_and_makes_no_key(alice_client, settings, data, message):
    settings.TIME_ZONE = "America/New_York"  # west of Greenwich: the last day a date takes is past UTC's range

    response = alice_client.post(PAGE, data, **HTMX)

    assert response.status_code == 400
    assert 'id="api-keys"' in response.content.decode()
    assert message in response.content.decode()
    assert not ApiKey.objects.exists()


def test_the_limit_is_said_on_the_form(alice_client, alice, monkeypatch):
    monkeypatch.setattr("accounts.api_keys.API_KEYS_PER_USER", 1)
    api_key_create(owner=alice, name="The one")

    response = alice_client.post(PAGE, {"name": "Another"})

    assert response.status_code == 400
    assert "Revoke one you no longer use first." in response.content.decode()


def test_htmx_gets_the_fragment_not_the_page(alice_client):
    response = alice_client.post(PAGE, {"name": "Open WebUI"}, **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="api-keys"')
    assert "<html" not in html
    assert A_KEY.search(html)


def test_the_list_shows_each_keys_facts_but_never_a_key(alice_client, alice, django_assert_max_num_queries):
    for number in range(5):
        api_key_create(owner=alice, name=f"Key {number}", keep_history=number != 0)
    expired, _ = api_key_create(owner=alice, name="Old", expires_at=timezone.now() + timedelta(days=1))
    ApiKey.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))

    with django_assert_max_num_queries(8):
        html = alice_client.get(PAGE).content.decode()

    assert all(f"Key {number}" in html for number in range(5))
    assert html.count('class="api-key"') == 6
    assert "Expired" in html and "Not saved" in html and "Never" in html
    assert not A_KEY.search(html)
    assert all(key.digest not in html for key in ApiKey.objects.all())


def test_revoking_asks_first_then_the_key_stops_working(alice_client, alice):
    key, raw = api_key_create(owner=alice, name="Open WebUI")

    confirm = alice_client.get(revoke_url(key))
    assert confirm.status_code == 200
    assert "Revoke “Open WebUI”" in confirm.content.decode()
    assert api_key_authenticate(raw) == key

    response = alice_client.post(revoke_url(key), follow=True)

    assert "Revoked “Open WebUI”" in response.content.decode()
    assert "You have no API keys." in response.content.decode()
    with pytest.raises(InvalidApiKey):
        api_key_authenticate(raw)


def test_revoking_in_place_with_htmx(alice_client, alice):
    key, _ = api_key_create(owner=alice, name="Open WebUI")

    confirm = alice_client.get(revoke_url(key), **HTMX).content.decode()
    assert confirm.lstrip().startswith(f'<li id="api-key-{key.pk}"')
    assert f'hx-post="{revoke_url(key)}"' in confirm

    revoked = alice_client.post(revoke_url(key), **HTMX).content.decode()
    assert revoked.lstrip().startswith('<section id="api-keys"')
    assert "Revoked “Open WebUI”" in revoked
    assert not ApiKey.objects.exists()


def test_the_confirm_page_posts_plainly(alice_client, alice):
    key, _ = api_key_create(owner=alice, name="Open WebUI")

    html = alice_client.get(revoke_url(key)).content.decode()

    # Without HTMX there is no list to swap: the form must post as a form.
    assert "hx-post" not in html
    assert f'action="{revoke_url(key)}"' in html


def test_bob_can_neither_see_nor_revoke_alices_key(bob_client, alice):
    key, raw = api_key_create(owner=alice, name="Alice's laptop")

    assert "Alice&#x27;s laptop" not in bob_client.get(PAGE).content.decode()
    assert bob_client.get(revoke_url(key)).status_code == 404
    assert bob_client.post(revoke_url(key)).status_code == 404
    assert api_key_authenticate(raw) == key


def test_a_key_does_not_sign_in_to_the_website(client, alice):
    _, raw = api_key_create(owner=alice, name="Open WebUI")

    response = client.get(PAGE, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_pages_need_a_login(client, alice):
    key, _ = api_key_create(owner=alice, name="Open WebUI")

    for response in (client.get(PAGE), client.post(PAGE, {"name": "x"}), client.get(revoke_url(key))):
        assert response.status_code == 302
    assert ApiKey.objects.count() == 1


def test_the_page_is_never_stored_and_runs_no_inline_script(alice_client):
    response = alice_client.get(PAGE)

    assert "no-store" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert '<script src="/static/js/api-keys.js" defer></script>' in response.content.decode()
