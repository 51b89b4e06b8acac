"""The trained classifier: what it says of a question, from its weights alone (numpy, no torch).

A linear model over the question's features (features.py) with two heads: one score for "is this an
emergency now" (a logistic: a question with no telling features is no emergency), and one per
Category, a softmax that says which kind. The weights file holds only the rows training touched.
"""

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from chat.safety.categories import Category
from chat.safety.classifier.features import feature_buckets
from chat.safety.text import plain, tokens

WEIGHTS = Path(__file__).with_name("weights.npz")
FEWEST_WORDS = 4
NONE = "none"
# Column 0: the emergency score; then one column per category.
COLUMNS = ("emergency", *(str(category) for category in Category))


@dataclass(frozen=True)
class Reading:
    # The probability that the question describes an emergency now.
    emergency: float
    # The most likely kind of emergency, whatever `emergency` is.
    category: Category


@dataclass(frozen=True)
class SafetyClassifier:
    buckets: np.ndarray  # int64, sorted: the feature rows that have weights
    weights: np.ndarray  # float32, one row per bucket, one column per COLUMNS
    bias: np.ndarray  # float32, one per COLUMNS
    # The `emergency` probability at and above which a question is flagged (chosen by cross-validation).
    threshold: float

    def read(self, text: str) -> Reading:
        ids = np.asarray(feature_buckets(text), dtype=np.int64)
        logits = self.bias.astype(np.float64)
        if ids.size:
            known = _rows_of(self.buckets, ids)
            # Summed and scaled by the square root of the count: a long message neither drowns a red flag
            # (as a mean would) nor shouts one (as a plain sum would).
            logits = logits + self.weights[known].sum(axis=0) / math.sqrt(ids.size)
        emergency = 1 / (1 + math.exp(-logits[0]))
        category = COLUMNS[1 + int(np.argmax(logits[1:]))]
        return Reading(emergency=emergency, category=Category(category))

    def flags(self, text: str) -> Category | None:
        """The likeliest kind of emergency, if the text is one."""
        # A few words say too little to be read as a whole ("und jetzt?" after an answer is no emergency);
        # a short red flag has the patterns ("can't breathe", "help my baby is blue").
        if not long_enough(text):
            return None
        reading = self.read(text)
        return reading.category if reading.emergency >= self.threshold else None

    def save(self, path: Path = WEIGHTS) -> None:
        np.savez_compressed(
            path,
            buckets=self.buckets.astype(np.int32),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            threshold=np.float64(self.threshold),
            columns=np.array(COLUMNS),
        )


def long_enough(text: str) -> bool:
    return len(tokens(plain(text))) >= FEWEST_WORDS


def _rows_of(buckets: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The weight rows of the features training saw; the others weigh nothing."""
    rows = np.searchsorted(buckets, ids)
    inside = rows < len(buckets)
    rows, ids = rows[inside], ids[inside]
    return rows[buckets[rows] == ids]


def classifier_load(path: Path = WEIGHTS) -> SafetyClassifier:
    with np.load(path) as saved:
        if tuple(saved["columns"]) != COLUMNS:
            raise ValueError(f"{path} was trained for other categories; run manage.py train_safety_classifier")
        return SafetyClassifier(
            buckets=saved["buckets"].astype(np.int64),
            weights=saved["weights"].astype(np.float32),
            bias=saved["bias"].astype(np.float32),
            threshold=float(saved["threshold"]),
        )


@cache
def classifier() -> SafetyClassifier:
    """The shipped model, loaded once per process."""
    return classifier_load()
