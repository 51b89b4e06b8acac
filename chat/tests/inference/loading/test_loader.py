import asyncio
import threading
from types import SimpleNamespace

import httpx
import pytest
import torch
from huggingface_hub.errors import GatedRepoError, LocalEntryNotFoundError
from transformers import Gemma3ForConditionalGeneration, Gemma3Processor

from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.errors import EngineUnavailable, ModelLoadError
from chat.inference.loading import hub_access, loader
from chat.inference.loading.loader import choose_device, load_model
from chat.inference.types import FinishReason, ModelState
from chat.tests.inference.helpers import question

MEDGEMMA = "google/medgemma-4b-it"


def hub_refusal(status: int) -> GatedRepoError:
    request = httpx.Request("GET", f"https://huggingface.co/api/models/{MEDGEMMA}")
    response = httpx.Response(status, request=request)
    return GatedRepoError(f"{status} Client Error: access to {MEDGEMMA} is restricted", response=response)


def refuse_with(monkeypatch, error: Exception) -> None:
    """The Hub answers the pre-flight look-up but refuses the files themselves."""
    monkeypatch.setattr(loader, "hub_access_problem", lambda repo_id, *, token: None)

    def from_pretrained(*args, **kwargs):
        # As transformers does: its own OSError, caused by the Hub's error.
        raise OSError("You are trying to access a gated repo.") from error

    monkeypatch.setattr(loader.AutoProcessor, "from_pretrained", from_pretrained)


def test_a_model_folder_that_does_not_exist_fails_with_the_path(tmp_path):
    missing = tmp_path / "no-model-here"

    with pytest.raises(ModelLoadError, match=r"no model folder at .*no-model-here") as failure:
        load_model(EngineConfig(model=str(missing), device="cpu"))
    assert "HEALTH_MODEL=tiny" in str(failure.value)


def test_a_folder_without_a_model_fails_plainly(tmp_path):
    with pytest.raises(ModelLoadError, match="Can't load"):
        load_model(EngineConfig(model=str(tmp_path), device="cpu"))


def test_gated_weights_without_a_token_say_how_to_get_them(monkeypatch):
    refuse_with(monkeypatch, hub_refusal(401))

    with pytest.raises(ModelLoadError) as failure:
        load_model(EngineConfig(model=MEDGEMMA, device="cpu"))

    reason = str(failure.value)
    assert "no HF_TOKEN is set" in reason
    assert f"https://huggingface.co/{MEDGEMMA}" in reason
    assert "HEALTH_MODEL=tiny" in reason


def test_gated_weights_with_a_token_that_lacks_access_say_so(monkeypatch):
    refuse_with(monkeypatch, hub_refusal(403))

    with pytest.raises(ModelLoadError, match="this HF_TOKEN has no access") as failure:
        load_model(EngineConfig(model=MEDGEMMA, hf_token="hf_not_allowed", device="cpu"))
    assert "licence" in str(failure.value)


def test_weights_neither_cached_nor_reachable_say_so(monkeypatch):
    refuse_with(monkeypatch, LocalEntryNotFoundError("outgoing traffic has been disabled"))

    with pytest.raises(ModelLoadError, match=r"not in the local cache and huggingface\.co can't be reached") as fail:
        load_model(EngineConfig(model=MEDGEMMA, device="cpu"))
    assert "download_model" in str(fail.value)


def test_the_tiny_model_is_built_in_the_data_directory_on_first_use(tmp_path):
    loaded = load_model(EngineConfig(model="tiny", device="cpu", data_dir=tmp_path))

    assert (tmp_path / "tiny-model" / "config.json").is_file()
    assert isinstance(loaded.model, Gemma3ForConditionalGeneration)
    assert isinstance(loaded.processor, Gemma3Processor)
    built_at = (tmp_path / "tiny-model" / "model.safetensors").stat().st_mtime_ns

    load_model(EngineConfig(model="tiny", device="cpu", data_dir=tmp_path))
    assert (tmp_path / "tiny-model" / "model.safetensors").stat().st_mtime_ns == built_at


def test_the_cpu_runs_in_float32():
    assert choose_device("cpu") == (torch.device("cpu"), torch.float32)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_without_a_gpu_auto_means_the_cpu_and_cuda_is_refused():
    assert choose_device("auto") == (torch.device("cpu"), torch.float32)
    with pytest.raises(ModelLoadError, match="no CUDA GPU"):
        choose_device("cuda")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_a_gpu_runs_in_bfloat16_never_float16():
    assert choose_device("auto") == (torch.device("cuda"), torch.bfloat16)


async def test_an_engine_whose_model_failed_reports_why_and_refuses_requests(tmp_path):
    engine = Engine(EngineConfig(model=str(tmp_path / "missing"), device="cpu"))
    engine.start()

    status = await asyncio.to_thread(engine.wait_until_loaded, 30)

    assert status.state is ModelState.FAILED
    assert "missing" in status.reason
    with pytest.raises(EngineUnavailable, match="missing"):
        await engine.submit(question())
    engine.stop()


async def test_requests_wait_while_the_model_loads_then_are_answered(tiny_model, engine_config):
    release = threading.Event()

    def slow_loader(config):
        release.wait(30)
        return tiny_model

    engine = Engine(engine_config, loader=slow_loader)
    engine.start()
    assert engine.status.state is ModelState.LOADING
    stream = await engine.submit(question(max_new_tokens=4))
    assert stream.queue_position == 1

    release.set()
    result = await stream.result()

    assert engine.status.state is ModelState.READY
    assert result.finish_reason is FinishReason.LENGTH
    assert result.answer_tokens == 4
    engine.stop()


async def test_requests_waiting_for_a_model_that_then_fails_get_the_reason(engine_config):
    release = threading.Event()

    def failing_loader(config):
        release.wait(30)
        raise ModelLoadError("Can't download the model: no HF_TOKEN is set.")

    engine = Engine(engine_config, loader=failing_loader)
    engine.start()
    stream = await engine.submit(question())

    release.set()
    result = await stream.result()

    assert result.finish_reason is FinishReason.ERROR
    assert result.error == "Can't download the model: no HF_TOKEN is set."
    assert engine.status.state is ModelState.FAILED
    engine.stop()


def must_not_download(*args, **kwargs):
    raise AssertionError("the pre-flight check should have refused before any download")


def test_gated_weights_without_a_token_fail_at_once_without_downloading(monkeypatch):
    monkeypatch.setattr(hub_access.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_access, "model_info", lambda repo_id, **kwargs: SimpleNamespace(gated="manual"))
    monkeypatch.setattr(loader.AutoProcessor, "from_pretrained", must_not_download)

    with pytest.raises(ModelLoadError, match="it is gated and no HF_TOKEN is set"):
        load_model(EngineConfig(model=MEDGEMMA, device="cpu"))


def test_an_unreachable_hub_fails_at_once_with_what_to_do(monkeypatch):
    def unreachable(repo_id, **kwargs):
        raise httpx.ConnectError("[Errno -2] Name or service not known")

    monkeypatch.setattr(hub_access.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub_access, "model_info", unreachable)
    monkeypatch.setattr(loader.AutoProcessor, "from_pretrained", must_not_download)

    with pytest.raises(ModelLoadError, match="can't be reached") as failure:
        load_model(EngineConfig(model=MEDGEMMA, device="cpu"))
    assert "manage.py download_model" in str(failure.value)


def test_offline_mode_without_cached_weights_fails_at_once(monkeypatch):
    monkeypatch.setattr(hub_access.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(loader.AutoProcessor, "from_pretrained", must_not_download)

    with pytest.raises(ModelLoadError, match="not in the local cache"):
        load_model(EngineConfig(model=MEDGEMMA, device="cpu"))
