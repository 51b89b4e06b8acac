"""A chat to take to a doctor: as Markdown, and as a PDF drawn by WeasyPrint from an HTML template.

Both carry the chat's questions and answers in order, each answer's sources, the files by name,
and the disclaimer. Nothing else of the person's is in them.
"""
