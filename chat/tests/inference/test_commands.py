import json

from django.core.management import call_command
from transformers import AutoModelForImageTextToText, AutoProcessor, Gemma3ForConditionalGeneration


def test_build_tiny_model_writes_a_model_that_loads_with_medgemmas_auto_classes(tmp_path):
    call_command("build_tiny_model", str(tmp_path / "tiny"))

    model = AutoModelForImageTextToText.from_pretrained(tmp_path / "tiny")
    processor = AutoProcessor.from_pretrained(tmp_path / "tiny")
    assert isinstance(model, Gemma3ForConditionalGeneration)
    assert processor.image_seq_length == model.config.mm_tokens_per_image == 16


def test_bench_inference_reports_every_figure(tmp_path, tiny_model_path, capsys):
    figures_file = tmp_path / "bench.json"

    call_command(
        "bench_inference",
        model=tiny_model_path,
        json_path=figures_file,
        new_tokens=4,
        concurrency=3,
        repeats=1,
        warmups=0,
        device="cpu",
        long_tokens=12,
        long_streams=2,
        poisson_seconds=0.5,
        poisson_lengths=(4, 8),
        fairness_flood=4,
        fairness_flood_tokens=8,
    )

    figures = json.loads(figures_file.read_text())
    for name in (
        "raw_tps",
        "engine_tps_1",
        "efficiency",
        "engine_tps_16",
        "scaling_16",
        "ttft_p50_1",
        "ttft_p95_1",
        "ttft_p50_16",
        "ttft_p95_16",
        "tokens_after_cancel",
        "idle_ttft",
        "join_ratio",
        "join_stall",
    ):
        assert figures[name] >= 0, name
    assert figures["counters"]["largest_batch"] == 3
    poisson = figures["poisson"]
    assert poisson["requests"] >= 0
    for side in ("engine", "baseline"):
        assert poisson[side]["ttft_p95"] >= poisson[side]["ttft_p50"] > 0
        assert poisson[side]["tokens_per_second"] > 0
    assert poisson["ttft_p95_vs_baseline"] > 0
    assert len(figures["fairness"]["others_ttft"]) == 4
    table = capsys.readouterr().out
    assert "efficiency" in table and "join_ratio" in table and "fairness" in table
