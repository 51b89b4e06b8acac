"""A small linear classifier that reads a question as a whole, beside the hand-written patterns.

The patterns find what they were written for; new phrasings slipped past them on every blind set.
This model learned from ten thousand labelled questions in five languages, from words, word
pairs and pieces of words, so it also knows a red flag in words it was never shown.

- features.py: a question as hashed features (words, word pairs, pieces of words).
- model.py: the trained weights and what they say of a question (deterministic, numpy only).
- training.py: how the weights are learned (`manage.py train_safety_classifier`, torch).
"""
