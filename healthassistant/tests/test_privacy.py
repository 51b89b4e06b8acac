import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_privacy_page(client, settings):
    settings.AUDIT_RETENTION_DAYS = 90
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    for fact in ("What is stored", "encrypted", "For how long", "kept for 90 days", "Who can see it", "never what"):
        assert fact in html
    assert "delete your account" in html


def test_it_says_when_files_expire_only_when_they_do(client, settings):
    settings.UPLOAD_RETENTION_DAYS = 0
    assert "Files are deleted after" not in client.get("/privacy/").content.decode()
    settings.UPLOAD_RETENTION_DAYS = 30
    assert "Files are deleted after 30 days." in client.get("/privacy/").content.decode()


@pytest.mark.parametrize("name", ["account_login", "account_signup", "chat:index", "uploads:file-list", "privacy"])
def test_every_page_links_to_it_from_the_footer(client, alice, name):
    if name.startswith(("chat:", "uploads:")):
        client.force_login(alice)
    html = client.get(reverse(name)).content.decode()
    footer = html[html.index('<footer class="disclaimer">') :]
    assert f'href="{reverse("privacy")}"' in footer[: footer.index("</footer>")]
