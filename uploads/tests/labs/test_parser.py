"""Lab results read from extracted text: each layout, range, flag and date form, and what is never read as a result."""

import datetime

import pytest

from uploads.labs.parser import ParsedResult, parse_lab_text


def only(text: str) -> ParsedResult:
    (result,) = parse_lab_text(text)
    return result


def rows(text: str) -> list[tuple[str, str, str, str | None]]:
    return [(r.analyte, r.value, r.unit, r.flag) for r in parse_lab_text(text)]


# --- layouts ----------------------------------------------------------------------------------


def test_a_result_on_one_line_gives_name_value_unit_and_range_as_printed():
    result = only("Haemoglobin 13.2 g/dL 12.0-16.0")
    assert result == ParsedResult(
        page=None,
        name_as_printed="Haemoglobin",
        analyte="haemoglobin",
        value="13.2",
        unit="g/dL",
        reference_low="12.0",
        reference_high="16.0",
        reference_text="12.0-16.0",
        flag=None,
        sample_date=None,
    )


def test_a_table_whose_cells_come_one_per_line_is_read_row_by_row_with_empty_cells_left_out():
    header = ["Test", "Result", "Flag", "Units", "Reference range"]
    cells = [*header, "Haemoglobin", "118", "L", "g/L", "120 - 150", "Platelets", "388", "x10^9/L", "150 - 400"]
    text = "\n".join(cells)
    assert rows(text) == [("haemoglobin", "118", "g/L", "low"), ("platelets", "388", "x10^9/L", None)]


def test_a_fixed_width_table_with_the_range_before_the_result_is_read_in_its_headers_order():
    text = (
        "TEST                  REF. RANGE    RESULT   UNITS          FLAG\n"
        "POTASSIUM             3.5-5.3       5.8      mmol/L         H\n"
        "INR                   0.8-1.2       1.0\n"
    )
    assert rows(text) == [("potassium", "5.8", "mmol/L", "high"), ("inr", "1.0", "", None)]


def test_a_header_stays_in_force_on_a_later_page_that_only_continues_the_rows():
    text = "[Page 1]\nTest Reference range Result Units\nSodium 135 - 145 140 mmol/L\n\n[Page 2]\nCRP < 5 12 mg/L"
    assert rows(text) == [("sodium", "140", "mmol/L", None), ("crp", "12", "mg/L", "high")]


def test_units_after_the_reference_range_are_read_without_a_header():
    assert rows("Glucose, Fasting 104 HIGH 65-99 mg/dL") == [("glucose", "104", "mg/dL", "high")]


def test_name_colon_value_unit_and_bracketed_range_is_read_even_two_to_a_line():
    text = "Total cholesterol: 6.1 mmol/L (< 5.0) *    Vitamin D (25-OH): 41 nmol/L (ref 50 - 175) *"
    first, second = parse_lab_text(text)
    assert (first.analyte, first.value, first.reference_text) == ("total-cholesterol", "6.1", "< 5.0")
    assert first.flag == "abnormal"
    assert (second.name_as_printed, second.analyte, second.reference_low) == ("Vitamin D (25-OH)", "vitamin-d", "50")


def test_a_long_name_wrapped_onto_the_next_line_of_its_cell_is_joined():
    result = only("Alanine\naminotransferase (ALT)\n52\nH\nU/L\n0 - 33")
    assert (result.name_as_printed, result.analyte, result.flag) == ("Alanine aminotransferase (ALT)", "alt", "high")


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("White cell count 7.1 x10^9/L 4.0-11.0", "x10^9/L"),
        ("White cell count 7.1 x 10^9/L 4.0-11.0", "x 10^9/L"),
        ("White cell count 7.1 10*9/L 4.0-11.0", "10*9/L"),
        ("eGFR 74 mL/min/1.73m2 > 60", "mL/min/1.73m2"),
        ("eGFR 74 mL/min/1.73 m2 > 60", "mL/min/1.73 m2"),
        ("MCV 89 fL 80-100", "fL"),
        ("HbA1c 6.1 % 4.0-5.6", "%"),
        ("HbA1c 6.1% 4.0-5.6", "%"),
        ("Creatinine 88 µmol/L 45-84", "µmol/L"),
        ("INR 1.1 0.8-1.2", ""),
    ],
)
def test_units_are_kept_as_printed_with_spacing_made_single(line, unit):
    assert only(line).unit == unit


# --- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "low", "high", "text"),
    [
        ("12.0-16.0", "12.0", "16.0", "12.0-16.0"),
        ("12.0 – 16.0", "12.0", "16.0", "12.0 – 16.0"),
        ("12 to 16", "12", "16", "12 to 16"),
        ("(12.0 - 16.0)", "12.0", "16.0", "12.0 - 16.0"),
        ("[12.0 - 16.0]", "12.0", "16.0", "12.0 - 16.0"),
        ("Ref: 12.0-16.0", "12.0", "16.0", "12.0-16.0"),
        ("< 5.7", None, "5.7", "< 5.7"),
        ("<=5.7", None, "5.7", "<=5.7"),
        ("≤ 5.7", None, "5.7", "≤ 5.7"),
        (">= 60", "60", None, ">= 60"),
        ("> 60", "60", None, "> 60"),
        ("> OR = 60", "60", None, "> OR = 60"),
        ("up to 40", None, "40", "up to 40"),
    ],
)
def test_every_range_form_gives_its_bounds_and_keeps_its_printed_text(printed, low, high, text):
    result = only(f"Sodium 50 mmol/L {printed}")
    assert (result.reference_low, result.reference_high, result.reference_text) == (low, high, text)


def test_a_row_without_a_range_has_no_bounds_and_no_flag():
    result = only("Serum cholesterol level 5.8 mmol/L")
    assert (result.reference_low, result.reference_high, result.reference_text, result.flag) == (None, None, "", None)


# --- values and flags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "value"),
    [("<0.5", "<0.5"), ("< 0.5", "<0.5"), (">90", ">90"), ("> OR = 90", ">=90"), ("0.5", "0.5")],
)
def test_a_value_keeps_its_comparator(printed, value):
    assert only(f"CRP {printed} mg/L 0-5").value == value


@pytest.mark.parametrize(
    ("printed", "flag"),
    [
        ("H", "high"),
        ("L", "low"),
        ("HH", "high"),
        ("LL", "low"),
        ("*", "abnormal"),
        ("A", "abnormal"),
        ("HIGH", "high"),
        ("Low", "low"),
        ("abnormal", "abnormal"),
        ("↑", "high"),
        ("↓", "low"),
        ("(H)", "high"),
        ("Above high reference limit", "high"),
        ("Below low reference limit", "low"),
    ],
)
def test_a_printed_flag_after_the_row_is_read(printed, flag):
    assert only(f"Potassium 4.4 mmol/L 3.5 - 5.3 {printed}").flag == flag


@pytest.mark.parametrize(
    "line",
    [
        "Potassium 5.9 H mmol/L 3.5-5.3",
        "Potassium 5.9H mmol/L 3.5-5.3",
        "Potassium 5.9 mmol/L H 3.5-5.3",
        "Potassium * 5.9 mmol/L",
    ],
)
def test_a_flag_may_stand_beside_the_value_the_unit_or_the_range(line):
    assert only(line).flag in ("high", "abnormal")


def test_a_printed_flag_wins_over_the_range_and_normal_means_none():
    assert only("Potassium 5.9 mmol/L 3.5-5.3 Normal").flag is None
    assert only("Potassium 4.4 mmol/L 3.5-5.3 *").flag == "abnormal"


@pytest.mark.parametrize(
    ("value", "reference", "flag"),
    [
        ("3.1", "3.5-5.3", "low"),
        ("5.4", "3.5-5.3", "high"),
        ("5.3", "3.5-5.3", None),
        ("5.7", "< 5.7", "high"),
        ("5.7", "<=5.7", None),
        ("58", "> 90", "low"),
        ("41", "up to 40", "high"),
        ("<0.5", "0-5", None),
        ("<3", "5-10", "low"),
        (">90", "> 60", None),
        (">200", "0-150", "high"),
    ],
)
def test_without_a_printed_flag_the_value_against_the_range_gives_it(value, reference, flag):
    assert only(f"Sodium {value} mmol/L {reference}").flag == flag


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Collected: 2026-03-01 08:42", datetime.date(2026, 3, 1)),
        ("Sample date: 01/03/2026", datetime.date(2026, 3, 1)),
        ("Date collected 03/14/2026", datetime.date(2026, 3, 14)),
        ("Specimen collected: 1 Mar 2026", datetime.date(2026, 3, 1)),
        ("Collection date: 01-Mar-2026", datetime.date(2026, 3, 1)),
        ("Collected March 1, 2026", datetime.date(2026, 3, 1)),
        ("Date of sample: 1st March 2026", datetime.date(2026, 3, 1)),
        ("Collected\n12-Mar-26 08:42", datetime.date(2026, 3, 12)),
    ],
)
def test_the_collection_date_is_read_in_every_format_day_first_unless_impossible(line, date):
    assert only(f"{line}\nSodium 140 mmol/L 135-145").sample_date == date


def test_the_report_received_and_printed_dates_are_never_the_sample_date():
    text = "Reported: 05/03/2026 Received: 04/03/2026 Printed: 06/03/2026\nSodium 140 mmol/L 135-145"
    assert only(text).sample_date is None
    text = "Reported: 05/03/2026 Collected: 02/03/2026\nSodium 140 mmol/L 135-145"
    assert only(text).sample_date == datetime.date(2026, 3, 2)


def test_each_page_has_its_own_date_and_a_page_without_one_continues_the_last():
    text = (
        "[Page 1]\nCollected: 12/01/2026\nSodium 136 mmol/L\n\n"
        "[Page 2]\nCollected: 09/02/2026\nSodium 131 mmol/L\n\n"
        "[Page 3]\nContinued\nPotassium 4.1 mmol/L"
    )
    assert [(r.page, r.sample_date) for r in parse_lab_text(text)] == [
        (1, datetime.date(2026, 1, 12)),
        (2, datetime.date(2026, 2, 9)),
        (3, datetime.date(2026, 2, 9)),
    ]


def test_a_documents_only_date_applies_to_pages_before_it_but_one_of_several_is_not_guessed():
    one = "[Page 1]\nSodium 136 mmol/L\n\n[Page 2]\nCollected: 12/01/2026\nPotassium 4.1 mmol/L"
    assert [r.sample_date for r in parse_lab_text(one)] == [datetime.date(2026, 1, 12)] * 2
    several = one + "\n\n[Page 3]\nCollected: 09/02/2026\nUrea 5.0 mmol/L"
    assert [r.sample_date for r in parse_lab_text(several)] == [
        None,
        datetime.date(2026, 1, 12),
        datetime.date(2026, 2, 9),
    ]


# --- what is not a result ---------------------------------------------------------------------


def test_a_test_the_table_does_not_know_is_skipped_not_guessed():
    text = (
        "Lipase 45 U/L 13-60\nMean platelet volume 10.2 fL 7.4-10.4\nDirect bilirubin 4 umol/L 0-5\nSodium 140 mmol/L"
    )
    assert rows(text) == [("sodium", "140", "mmol/L", None)]


@pytest.mark.parametrize(
    "line",
    [
        "Potassium 5.9 was repeated on a fresh sample",
        "Ferritin 8 ug/L low, iron deficiency likely",
        "Vitamin D 41 nmol/L means insufficient",
        "Comment: potassium 5.4 mmol/L - please repeat",
        "Haemoglobin estimation to follow",
        "Date of birth: 02/06/1979    NHS number: 485 777 3456",
        "Sodium 140 mmol/L 135-145 138",
    ],
)
def test_prose_that_mentions_a_test_and_rows_with_more_than_a_result_are_not_read(line):
    assert parse_lab_text(line) == []


def test_pages_are_numbered_from_their_labels_and_a_scanned_page_gives_nothing():
    text = "[Page 1: little or no text; the page is attached as an image]\n\n[Page 2]\nUrea 5.0 mmol/L 2.5-7.8"
    assert [(r.page, r.analyte) for r in parse_lab_text(text)] == [(2, "urea")]
    assert parse_lab_text("") == []


def test_a_line_of_hundreds_of_rows_side_by_side_is_left_unread_rather_than_recursed_through():
    assert parse_lab_text(" ".join(["Sodium 140 mmol/L"] * 2000)) == []
    assert len(parse_lab_text("Hb: 13.2 g/dL (12-16)   Na: 140 mmol/L (135-145)   K: 4.1 mmol/L")) == 3
