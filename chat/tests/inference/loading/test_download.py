import httpx
import pytest
from django.core.management import CommandError, call_command
from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

from chat.inference.loading import download
from chat.inference.loading.download import DownloadError, download_model

MEDGEMMA = "google/medgemma-4b-it"


def response(status: int) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("GET", f"https://huggingface.co/api/models/{MEDGEMMA}"))


def snapshot_download_raising(error: Exception):
    def fake_snapshot_download(repo_id: str, **kwargs):
        raise error

    return fake_snapshot_download


def test_a_gated_model_says_to_accept_the_licence_and_set_the_token(monkeypatch):
    gated = GatedRepoError("403 Client Error: restricted", response=response(403))
    monkeypatch.setattr(download, "snapshot_download", snapshot_download_raising(gated))

    with pytest.raises(DownloadError) as failure:
        download_model(MEDGEMMA, token="hf_without_access")

    message = str(failure.value)
    assert f"Accept the model's licence at https://huggingface.co/{MEDGEMMA}" in message
    assert "HF_TOKEN" in message


@pytest.mark.parametrize("status", [401, 403])
def test_an_unauthorised_token_gets_the_same_advice(monkeypatch, status):
    refused = HfHubHTTPError(f"{status} Client Error", response=response(status))
    monkeypatch.setattr(download, "snapshot_download", snapshot_download_raising(refused))

    with pytest.raises(DownloadError, match="licence"):
        download_model(MEDGEMMA)


def test_a_hidden_repository_without_a_token_asks_for_one(monkeypatch):
    hidden = RepositoryNotFoundError("401 Client Error: Repository Not Found", response=response(401))
    monkeypatch.setattr(download, "snapshot_download", snapshot_download_raising(hidden))

    with pytest.raises(DownloadError, match="it needs an HF_TOKEN"):
        download_model(MEDGEMMA)


def test_the_command_passes_the_token_and_reports_the_folder(monkeypatch, settings, tmp_path, capsys):
    calls = []

    def fake_snapshot_download(repo_id: str, **kwargs):
        calls.append((repo_id, kwargs["token"]))
        return str(tmp_path)

    monkeypatch.setattr(download, "snapshot_download", fake_snapshot_download)
    settings.HEALTH_MODEL = MEDGEMMA
    settings.HF_TOKEN = "hf_secret"

    call_command("download_model")

    assert calls == [(MEDGEMMA, "hf_secret")]
    assert str(tmp_path) in capsys.readouterr().out


def test_the_command_fails_plainly_on_a_gated_model(monkeypatch, settings):
    gated = GatedRepoError("403 Client Error: restricted", response=response(403))
    monkeypatch.setattr(download, "snapshot_download", snapshot_download_raising(gated))
    settings.HEALTH_MODEL = MEDGEMMA
    settings.HF_TOKEN = ""

    with pytest.raises(CommandError, match="it is gated and no HF_TOKEN is set"):
        call_command("download_model")


def test_the_command_builds_the_tiny_model_instead_of_downloading(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(download, "snapshot_download", snapshot_download_raising(AssertionError("no download")))
    settings.DATA_DIR = tmp_path

    call_command("download_model", model="tiny")

    assert (tmp_path / "tiny-model" / "config.json").is_file()
