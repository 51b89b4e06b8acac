"""Sent once an upload's passages and printed lab values are stored, for whoever reads more from it.

uploads never imports chat: the chat app listens here to have the model read the lab values
on a report's scanned pages (chat.generation.lab_reading).
"""

from django.dispatch import Signal

# Sent with upload_id (a str) by whichever indexer indexed it (uploads.retrieval.indexing), once committed.
upload_indexed = Signal()
