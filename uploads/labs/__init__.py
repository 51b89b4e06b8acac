"""Lab results read from a report's extracted text: analyte names, values, units, ranges, flags and sample dates.

Deterministic and pure Python: no database, no model. parser.parse_lab_text is the entry point;
analytes holds the table of names a report may print for each analyte.
"""
