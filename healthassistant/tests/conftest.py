import pytest

from healthassistant.live_server import LiveServer


@pytest.fixture(scope="session")
def daphne_server(tiny_model_path, tmp_path_factory):
    """The app served by daphne on the tiny model, as `make run HEALTH_MODEL=tiny` serves it."""
    # Answers long enough (a few seconds) to reload and stop in.
    with LiveServer(tiny_model_path, tmp_path_factory.mktemp("daphne-data"), HEALTH_MAX_NEW_TOKENS="4096") as live:
        yield live
