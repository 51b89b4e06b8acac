"""Two short lab reports of one person, three months apart, as text for text_pdf()."""

MARCH = """Collected: 2026-03-01
Haemoglobin 11.2 g/dL 12.0-16.0 L
HbA1c 6.1 % 4.0-5.6 H
TSH 2.1 mIU/L 0.4-4.0"""

JUNE = """Sample date: 2026-06-10
Haemoglobin 12.6 g/dL 12.0-16.0
HbA1c 5.9 % 4.0-5.6 H"""
