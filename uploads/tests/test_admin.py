import pytest
from django.urls import reverse

from uploads.tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Lorem ipsum dolor sit amet"  # minimal-document.pdf's first words


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def test_staff_list_uploads_with_owner_kind_and_size_but_not_their_names(staff, make_upload):
    upload = make_upload(name="lipids.pdf", content=pdf_bytes("minimal-document.pdf"))
    html = staff.get(reverse("admin:uploads_upload_changelist")).content.decode()
    assert "alice@example.com" in html
    assert str(upload) in html
    assert "PDF document" in html
    assert "KB" in html
    assert "lipids" not in html
    assert SECRET_TEXT not in html


def test_staff_search_by_owner_email_never_by_name(staff, make_upload, bob):
    alices = make_upload(name="alices-scan.png")
    bobs = make_upload(owner=bob, name="bobs-scan.png")
    by_email = staff.get(reverse("admin:uploads_upload_changelist"), {"q": "bob@"}).content.decode()
    assert str(bobs) in by_email and str(alices) not in by_email
    by_name = staff.get(reverse("admin:uploads_upload_changelist"), {"q": "alices"}).content.decode()
    assert str(alices) not in by_name and str(bobs) not in by_name


def test_staff_filter_by_kind(staff, make_upload):
    scan = make_upload(name="scan.png")
    report = make_upload(name="report.pdf", content=pdf_bytes("minimal-document.pdf"))
    html = staff.get(reverse("admin:uploads_upload_changelist"), {"kind__exact": "pdf"}).content.decode()
    assert str(report) in html and str(scan) not in html


def test_the_admin_is_read_only_and_never_shows_the_text(staff, make_upload):
    upload = make_upload(name="lipids.pdf", content=pdf_bytes("minimal-document.pdf"))
    assert staff.get(reverse("admin:uploads_upload_add")).status_code == 403
    page = staff.get(reverse("admin:uploads_upload_change", args=[upload.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert SECRET_TEXT not in html
    assert "characters (not shown)" in html
    assert 'name="original_name"' not in html  # no editable field


def test_a_normal_user_is_refused(alice_client):
    response = alice_client.get(reverse("admin:uploads_upload_changelist"))
    assert response.status_code == 302
