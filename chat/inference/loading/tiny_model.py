"""Builds a randomly initialised model with MedGemma's classes, for tests and benchmarks.

The tiny one (about 120k parameters, 64px images, 16 tokens per image) loads in a
blink and exercises the same code paths as MedGemma: Gemma3ForConditionalGeneration,
Gemma3Processor, the chat template, images. The full-size one has MedGemma-4b's
shapes for speed figures on a GPU; its answers are noise, as are the tiny one's.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    Gemma3Config,
    Gemma3ForConditionalGeneration,
    Gemma3ImageProcessorPil,
    Gemma3Processor,
    Gemma3TextConfig,
    GenerationConfig,
    PreTrainedTokenizerFast,
    SiglipVisionConfig,
)

from chat.inference.loading.chat_template import GEMMA_CHAT_TEMPLATE

logger = logging.getLogger(__name__)

PAD, EOS, BOS, UNK = "<pad>", "<eos>", "<bos>", "<unk>"
START_OF_TURN, END_OF_TURN = "<start_of_turn>", "<end_of_turn>"
BOI, EOI, IMAGE_SOFT_TOKEN = "<start_of_image>", "<end_of_image>", "<image_soft_token>"
SPECIAL_TOKENS = [PAD, EOS, BOS, UNK, START_OF_TURN, END_OF_TURN, BOI, EOI, IMAGE_SOFT_TOKEN]

TOKENIZER_VOCAB_SIZE = 512
MEDGEMMA_VOCAB_SIZE = 262_208

# A little text in the languages people write in, so that the merges are plausible.
TRAINING_TEXT = [
    "I have had a headache and a mild fever for two days. Should I see a doctor?",
    "What does a high blood pressure reading of 150 over 95 mean?",
    "The rash on my arm is red, itchy and has spread since yesterday.",
    "Chest pain, shortness of breath or sudden weakness need emergency care right away.",
    "Please explain my blood test results: haemoglobin, white cells, platelets, glucose.",
    "I am not a doctor and cannot give a diagnosis, but here is some general information.",
    "J'ai mal à la gorge depuis trois jours et je tousse la nuit.",
    "Tengo dolor de estómago después de comer. ¿Qué puedo hacer?",
    "Ich habe seit gestern Rückenschmerzen und kann schlecht schlafen.",
    "Drink water, rest, and watch for warning signs such as confusion or a stiff neck.",
    "The X-ray shows the chest; the report mentions no fracture and clear lungs.",
]


@dataclass(frozen=True)
class ModelShape:
    text: dict
    vision: dict
    tokens_per_image: int
    vocab_size: int


TINY_SHAPE = ModelShape(
    text={
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 1,
        "head_dim": 32,
        "sliding_window": 64,
        "query_pre_attn_scalar": 32,
    },
    vision={
        "image_size": 64,
        "patch_size": 8,
        "hidden_size": 32,
        "intermediate_size": 64,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
    },
    tokens_per_image=16,
    vocab_size=len(SPECIAL_TOKENS) + TOKENIZER_VOCAB_SIZE,
)

# The shipped tiny model has no full-attention layer: Gemma 3 places one every sixth layer. This
# variant has one between two sliding layers, with a window short enough to slide in a short
# test, so that tests of the running batch's cache cover both kinds of layer.
TINY_WITH_FULL_ATTENTION_SHAPE = ModelShape(
    text={
        **TINY_SHAPE.text,
        "num_hidden_layers": 3,
        "sliding_window": 16,
        "layer_types": ["sliding_attention", "full_attention", "sliding_attention"],
    },
    vision=TINY_SHAPE.vision,
    tokens_per_image=TINY_SHAPE.tokens_per_image,
    vocab_size=TINY_SHAPE.vocab_size,
)

MEDGEMMA_4B_SHAPE = ModelShape(
    text={
        "hidden_size": 2560,
        "intermediate_size": 10240,
        "num_hidden_layers": 34,
        "num_attention_heads": 8,
        "num_key_value_heads": 4,
        "head_dim": 256,
        "sliding_window": 1024,
        "query_pre_attn_scalar": 256,
        "rope_scaling": {"rope_type": "linear", "factor": 8.0},
    },
    vision={
        "image_size": 896,
        "patch_size": 14,
        "hidden_size": 1152,
        "intermediate_size": 4304,
        "num_hidden_layers": 27,
        "num_attention_heads": 16,
    },
    tokens_per_image=256,
    vocab_size=MEDGEMMA_VOCAB_SIZE,
)


def build_tiny_model(path: Path, *, seed: int = 0, full_size: bool = False, full_attention: bool = False) -> Path:
    """Writes a random model and its processor to path; the same seed gives the same files.

    full_attention builds the tiny variant with a full-attention layer and a sliding window of 16.
    """
    shape = MEDGEMMA_4B_SHAPE if full_size else TINY_WITH_FULL_ATTENTION_SHAPE if full_attention else TINY_SHAPE
    path.mkdir(parents=True, exist_ok=True)
    tokenizer = train_tokenizer()
    image_size = shape.vision["image_size"]
    processor = Gemma3Processor(
        # The PIL flavour: the default one needs torchvision, which we do not install.
        image_processor=Gemma3ImageProcessorPil(size={"height": image_size, "width": image_size}),
        tokenizer=tokenizer,
        chat_template=GEMMA_CHAT_TEMPLATE,
        image_seq_length=shape.tokens_per_image,
    )
    torch.manual_seed(seed)
    # The full-size model is for speed figures on a GPU, in bfloat16 as MedGemma runs there.
    dtype = torch.bfloat16 if full_size else torch.float32
    model = Gemma3ForConditionalGeneration._from_config(gemma3_config(shape, tokenizer), dtype=dtype)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=[tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids(END_OF_TURN)],
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(path)
    processor.save_pretrained(path)
    logger.info("Built a random Gemma 3 model of %d parameters in %s", model.num_parameters(), path)
    return path


def train_tokenizer() -> PreTrainedTokenizerFast:
    bpe = Tokenizer(models.BPE(unk_token=UNK))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=len(SPECIAL_TOKENS) + TOKENIZER_VOCAB_SIZE,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(TRAINING_TEXT, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        unk_token=UNK,
        additional_special_tokens=[START_OF_TURN, END_OF_TURN],
        extra_special_tokens={"boi_token": BOI, "eoi_token": EOI, "image_token": IMAGE_SOFT_TOKEN},
        padding_side="left",
    )


def gemma3_config(shape: ModelShape, tokenizer: PreTrainedTokenizerFast) -> Gemma3Config:
    token_id = tokenizer.convert_tokens_to_ids
    return Gemma3Config(
        text_config=Gemma3TextConfig(
            vocab_size=shape.vocab_size,
            pad_token_id=tokenizer.pad_token_id,
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
            **shape.text,
        ),
        vision_config=SiglipVisionConfig(vision_use_head=False, **shape.vision),
        mm_tokens_per_image=shape.tokens_per_image,
        image_token_index=token_id(IMAGE_SOFT_TOKEN),
        boi_token_index=token_id(BOI),
        eoi_token_index=token_id(EOI),
    )
