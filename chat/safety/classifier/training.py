"""How the classifier's weights are learned: logistic and softmax regression over hashed features, with torch.

Deterministic on one machine: one seed, full-batch steps in a fixed order, on the CPU. The 10,077
training questions take about a minute and a half. `manage.py train_safety_classifier` runs it on
chat/safety/classifier/training.jsonl.
"""

import math
from dataclasses import dataclass

import numpy as np
import torch

from chat.safety.classifier.features import feature_buckets
from chat.safety.classifier.model import COLUMNS, NONE, SafetyClassifier


@dataclass(frozen=True)
class Example:
    text: str
    # A Category's value, or "none" for a question that is no emergency.
    label: str


@dataclass(frozen=True)
class Settings:
    steps: int = 300
    learning_rate: float = 0.05
    # L2 on the weights, so that no single word decides alone.
    weight_decay: float = 1e-5
    # The emergency score's bias is held at this prior's log-odds, not learned: a question whose words say
    # nothing the model knows ("hello", a new topic) stays far from an emergency, whatever the training mix.
    prior: float = 0.02
    # Chosen on the cross-validation's held-out questions (README: the figures at each threshold).
    threshold: float = 0.5


def train(examples: list[Example], settings: Settings | None = None) -> SafetyClassifier:
    settings = settings or Settings()
    torch.manual_seed(0)
    features = [feature_buckets(example.text) for example in examples]
    # Only the buckets these questions use get a row while training: the rest would stay zero anyway.
    used = np.unique(np.fromiter((bucket for row in features for bucket in row), dtype=np.int64))
    ids = torch.from_numpy(np.searchsorted(used, [bucket for row in features for bucket in row]))
    offsets = torch.tensor(np.cumsum([0, *(len(row) for row in features[:-1])]), dtype=torch.int64)
    scale = torch.tensor([1 / max(len(row), 1) ** 0.5 for row in features for _ in row], dtype=torch.float32)
    emergency = torch.tensor([example.label != NONE for example in examples], dtype=torch.float32)
    # The kind, for emergencies only: the kind a look-alike resembles teaches nothing about emergencies.
    kinds = torch.tensor([COLUMNS.index(example.label) - 1 if example.label != NONE else -100 for example in examples])
    bag = torch.nn.EmbeddingBag(len(used), len(COLUMNS), mode="sum")
    torch.nn.init.zeros_(bag.weight)
    kind_bias = torch.nn.Parameter(torch.zeros(len(COLUMNS) - 1))
    emergency_bias = torch.tensor([math.log(settings.prior / (1 - settings.prior))])
    emergency_loss = torch.nn.BCEWithLogitsLoss(reduction="sum")
    kind_loss = torch.nn.CrossEntropyLoss(reduction="sum", ignore_index=-100)
    optimizer = torch.optim.Adam([bag.weight, kind_bias], lr=settings.learning_rate)
    for _ in range(settings.steps):
        optimizer.zero_grad()
        logits = bag(ids, offsets, per_sample_weights=scale) + torch.cat([emergency_bias, kind_bias])
        loss = emergency_loss(logits[:, 0], emergency) + kind_loss(logits[:, 1:], kinds)
        loss = loss / len(examples) + settings.weight_decay * bag.weight.pow(2).sum()
        loss.backward()
        optimizer.step()
    return SafetyClassifier(
        buckets=used,
        weights=bag.weight.detach().numpy().astype(np.float32),
        bias=torch.cat([emergency_bias, kind_bias]).detach().numpy().astype(np.float32),
        threshold=settings.threshold,
    )
