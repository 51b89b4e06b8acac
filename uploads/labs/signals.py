"""Sent once an upload's passages and printed lab values are stored, for whoever reads more from it.

uploads never imports chat: the chat app listens here to have the model read the lab values
on a report's scanned pages (chat.generation.lab_reading).
"""

from django.dispatch import Signal

# Sent with upload_id (a str) by the background indexer, after its transaction has committed.
upload_indexed = Signal()
