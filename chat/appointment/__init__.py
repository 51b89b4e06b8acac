"""A one-page summary to take to an appointment: the person's profile, lab results with flags and
trends, the reports they came from, and the questions the person has been asking.

All of it is read from the person's own records, deterministically: it is right whatever the
model would say. A draft by the assistant, when there is one, is shown apart and marked as such.
"""
