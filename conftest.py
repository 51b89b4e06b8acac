"""Project-wide fixtures: the personas alice, bob and admin, a private MEDIA_ROOT, and stored uploads."""

import os

import pytest

# No test reaches a model hub: everything runs on the locally built tiny model.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory):
    """The tiny MedGemma-shaped model (same classes, random weights), built once per run with no download."""
    import torch

    from chat.inference.loading.tiny_model import build_tiny_model

    # The tiny model gains nothing from parallel kernels, and their spinning threads slow to a crawl
    # when other processes share the cores (as test runs and servers do on a small machine).
    torch.set_num_threads(1)
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model") / "model")


@pytest.fixture(scope="session")
def daphne_server(tiny_model_path, tmp_path_factory):
    """The app served by daphne on the tiny model, as `make run HEALTH_MODEL=tiny` serves it."""
    from healthassistant.live_server import LiveServer

    # Answers long enough (a few seconds) to reload and stop in.
    with LiveServer(tiny_model_path, tmp_path_factory.mktemp("daphne-data"), HEALTH_MAX_NEW_TOKENS="4096") as live:
        yield live


@pytest.fixture(scope="session")
def openai_server(tiny_model_path, tmp_path_factory):
    """A real OpenAI-compatible server, `transformers serve` on the tiny model, for the whole run; its URL with /v1.

    It serves only the model it was started with, under its path: send str(tiny_model_path) as the
    model (HEALTH_ENGINE_MODEL), as it answers any other name with 400. It streams like vLLM but ends
    without `data: [DONE]`, lists no models in GET /v1/models, and has no /metrics. Not starting is a
    failure, never a skip: it comes with the dev requirements (transformers[serving]).
    """
    from healthassistant.transformers_serve import TransformersServe

    server = TransformersServe(tiny_model_path, tmp_path_factory.mktemp("openai-server"))
    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(f"The OpenAI-compatible test server did not start: {error}", pytrace=False)
    yield server.url
    server.stop()


@pytest.fixture
def open_page(live_server, client, alice, monkeypatch):
    """Opens a page as alice on the live server: `with open_page(path, viewport) as page:` (browser tests)."""
    from healthassistant.tests.browser import DESKTOP, playwright_or_skip, signed_in_page

    playwright_api = playwright_or_skip()
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(alice)

    def open_page(path: str, viewport: dict = DESKTOP, **options):
        return signed_in_page(
            playwright_api,
            base_url=live_server.url,
            sessionid=client.cookies["sessionid"].value,
            path=path,
            viewport=viewport,
            **options,
        )

    return open_page


@pytest.fixture(scope="session")
def tiny_model(tiny_model_path):
    """The tiny model, loaded once for the whole run through the real loading code."""
    from chat.inference.config import EngineConfig
    from chat.inference.loading.loader import load_model

    return load_model(EngineConfig(model=str(tiny_model_path), device="cpu"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, as the app does, not Django's shared in-memory default.

    In shared-cache memory a second thread (the upload indexer, the answer worker) gets "table is
    locked" at once instead of waiting; a file in WAL mode with the busy timeout from settings
    waits its turn, exactly as in production. TEST_SQLITE_NAME still picks the file when set.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database["TEST"].get("NAME"):
        database["TEST"]["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters, login attempts and the published model status live in the cache: each test starts empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def no_appointment_draft(settings):
    """Most tests run no inference worker: the appointment summary must not wait for a draft that can't come.
    The draft's own tests (chat/tests/generation/test_appointment_draft.py) run a worker."""
    settings.APPOINTMENT_DRAFT_SECONDS = 0


@pytest.fixture(autouse=True)
def fresh_record_indexes():
    """No person's in-memory BM25 index from an earlier test: after a rollback a new person can get
    the same ids, and the same passage count and newest id, as an old one (uploads.retrieval.index)."""
    from uploads.retrieval import index

    with index._lock:
        index._indexes.clear()


def api_client_for(user):
    """A REST client holding a valid access token for user."""
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import AccessToken

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return client


@pytest.fixture
def alice_api(alice):
    return api_client_for(alice)


@pytest.fixture
def bob_api(bob):
    return api_client_for(bob)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own directory, so nothing is left behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def password() -> str:
    return PASSWORD


def person(email: str):
    """Someone who signed up and followed the verification link (verification is mandatory)."""
    from allauth.account.models import EmailAddress

    from accounts.models import User

    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def alice(db):
    return person("alice@example.com")


@pytest.fixture
def bob(db):
    return person("bob@example.com")


# The admin's authenticator app: tests log in with codes made from it (TOTP at a given time).
ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def admin_user(django_user_model):
    """A superuser with two-factor authentication set up, as staff must have to reach the admin."""
    from allauth.mfa.totp.internal.auth import TOTP

    admin = django_user_model.objects.create_superuser(email="admin@example.com", password=PASSWORD)
    TOTP.activate(admin, ADMIN_TOTP_SECRET)
    return admin


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def make_upload(alice):
    """Store a file through the real service (alice's PNG unless told otherwise)."""
    from uploads.services import upload_create
    from uploads.tests.helpers import image_bytes, uploaded

    def make(*, owner=None, name: str = "scan.png", content: bytes | None = None):
        return upload_create(owner=owner or alice, file=uploaded(name, content or image_bytes()))

    return make


@pytest.fixture
def attach():
    """Send uploads in a user message, in a new chat of their owner unless a session is given."""
    from chat.models import ChatSession, Message

    def attach(*uploads, session=None):
        session = session or ChatSession.objects.create(owner=uploads[0].owner, title="Lab results")
        message = Message.objects.create(session=session, role=Message.Role.USER, content="What does this show?")
        message.attachments.add(*uploads)
        return message

    return attach


@pytest.fixture
def lab_report():
    """A text PDF stored through the real service and indexed (passages, lab results) as the background would."""
    from uploads.benchmarks.text_pdf import text_pdf
    from uploads.retrieval.indexing import upload_index
    from uploads.services import upload_create
    from uploads.tests.helpers import uploaded

    def store(owner, name: str, *pages: str):
        upload = upload_create(owner=owner, file=uploaded(name, text_pdf(list(pages))))
        upload_index(upload=upload)
        return upload

    return store
