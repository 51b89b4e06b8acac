"""Encryption at rest: health content in the database and on disk, under keys from ENCRYPTION_KEYS.

keys.py reads and checks the keys; cipher.py seals and opens values with them; fields.py
stores text columns sealed; rewrap.py re-seals stored values under the first key
(rotation and the migration of existing data).
"""
