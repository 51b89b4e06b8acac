"""The red-flag check measured on a labelled set of questions (questions.jsonl).

Each line is {"language": "en", "red_flag": true, "text": "..."}: about half describe an
emergency now, in varied words and with typos; the other half look alike but are not one
(denied, long past, asked in general, or everyday). Written as people type, not from the patterns.
"""
