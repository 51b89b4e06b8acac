import torch
from transformers import Gemma3ForConditionalGeneration

from chat.inference.loading import tiny_model
from chat.inference.loading.tiny_model import MEDGEMMA_4B_SHAPE, build_tiny_model


def test_the_same_seed_builds_the_same_model(tmp_path):
    first = build_tiny_model(tmp_path / "first", seed=7)
    second = build_tiny_model(tmp_path / "second", seed=7)

    for name in ("model.safetensors", "tokenizer.json", "config.json", "chat_template.jinja"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_tiny_model_has_medgemmas_classes_and_small_images(tiny_model):
    config = tiny_model.model.config

    assert isinstance(tiny_model.model, Gemma3ForConditionalGeneration)
    assert config.mm_tokens_per_image == tiny_model.processor.image_seq_length == 16
    assert config.vision_config.image_size == 64
    assert tiny_model.model.num_parameters() < 1_000_000


def test_its_tokenizer_round_trips_text_in_any_language(processor):
    text = "Fièvre, 頭痛, Kopfschmerzen 🤒"

    ids = processor.tokenizer(text, add_special_tokens=False)["input_ids"]

    assert processor.tokenizer.decode(ids) == text


def test_the_full_size_architecture_is_medgemma_4b():
    config = tiny_model.gemma3_config(MEDGEMMA_4B_SHAPE, tiny_model.train_tokenizer())
    with torch.device("meta"):
        model = Gemma3ForConditionalGeneration(config)

    text, vision = config.text_config, config.vision_config
    assert (text.hidden_size, text.num_hidden_layers, text.vocab_size, text.sliding_window) == (2560, 34, 262_208, 1024)
    assert (vision.image_size, vision.patch_size, vision.num_hidden_layers) == (896, 14, 27)
    assert config.mm_tokens_per_image == 256
    # MedGemma-4b has 4.3 billion parameters.
    assert 4.2e9 < model.num_parameters() < 4.4e9
