import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_with_the_database_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["status"] == "ok"
    assert "state" in body["model"]


def test_it_needs_no_login(client):
    assert client.get("/healthz").status_code == 200
