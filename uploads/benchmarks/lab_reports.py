"""The lab-report evaluation set: PDFs in five layouts drawn with reportlab, with the results each should give.

Each layout is one that real reports use, drawn the way report software draws it, so the text is
what pypdf gets from such a file:
- hospital_table: a hospital's table with gridlines, section rows and a Flag column; long test
  names wrap inside their cell, and the collection date is a cell beside its label;
- gp_lines: a GP surgery's print-out, one result per line, ranges in square brackets and flags
  written out ("Above high reference limit");
- summary_two_column: a screening clinic's summary, "Name: value unit (range)" in two columns, "*"
  marking results outside the range;
- commercial_table: a US commercial lab's table without gridlines, columns Test | Result | Flag |
  Reference interval | Units, US units and spellings, month-first dates;
- multipage_monospace: a laboratory system's fixed-width print-out over three pages, the range
  before the result, a different collection date per specimen and a continuation page without one.
One more, scanned, is the hospital report's first page as a picture inside a PDF: it has no text,
so the text parser must find nothing in it (the vision model reads scans).

Every row is written out once, below, as printed; `analyte` and `flag` are what the row should
give, decided by reading it, not by running the parser (None as analyte: a test the analyte table
does not know, which the parser must skip). People, places and values are invented.
"""

import datetime
import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

HOSPITAL_TABLE = "hospital_table"
GP_LINES = "gp_lines"
SUMMARY_TWO_COLUMN = "summary_two_column"
COMMERCIAL_TABLE = "commercial_table"
MULTIPAGE_MONOSPACE = "multipage_monospace"
SCANNED = "scanned"


@dataclass(frozen=True)
class Row:
    """One printed result row and what it should give."""

    name: str
    value: str
    unit: str
    reference: str
    printed_flag: str
    analyte: str | None
    flag: str | None


@dataclass(frozen=True)
class Expected:
    analyte: str
    value: str
    unit: str
    flag: str | None
    sample_date: datetime.date | None

    def result(self) -> tuple[str, str, str, str | None]:
        return (self.analyte, self.value, self.unit, self.flag)


@dataclass(frozen=True)
class LabReport:
    name: str
    layout: str
    pdf: bytes
    expected: tuple[Expected, ...]
    # A scan has no text layer: the text parser is expected to find nothing in it.
    scanned: bool = False


def _expected(rows: list[Row], sample_date: datetime.date | None) -> list[Expected]:
    return [Expected(r.analyte, r.value, r.unit, r.flag, sample_date) for r in rows if r.analyte]


# --- hospital_table ---------------------------------------------------------------------------

_HOSPITAL_SECTIONS: list[tuple[str, list[Row]]] = [
    (
        "FULL BLOOD COUNT",
        [
            Row("Haemoglobin", "118", "g/L", "120 - 150", "L", "haemoglobin", "low"),
            Row("White cell count", "12.6", "x10^9/L", "4.0 - 11.0", "H", "white-cells", "high"),
            Row("Platelets", "388", "x10^9/L", "150 - 400", "", "platelets", None),
            Row("Mean cell volume (MCV)", "79", "fL", "83 - 101", "L", "mcv", "low"),
            Row("Mean platelet volume", "10.2", "fL", "7.4 - 10.4", "", None, None),
            Row("Neutrophils", "9.8", "x10^9/L", "2.0 - 7.5", "H", "neutrophils", "high"),
            Row("Lymphocytes", "1.9", "x10^9/L", "1.5 - 4.0", "", "lymphocytes", None),
        ],
    ),
    (
        "UREA AND ELECTROLYTES",
        [
            Row("Sodium", "131", "mmol/L", "133 - 146", "L", "sodium", "low"),
            Row("Potassium", "4.4", "mmol/L", "3.5 - 5.3", "", "potassium", None),
            Row("Urea", "8.9", "mmol/L", "2.5 - 7.8", "H", "urea", "high"),
            Row("Creatinine", "104", "umol/L", "45 - 84", "H", "creatinine", "high"),
            # No flag printed: 58 is under the range, so the flag comes from the range.
            Row("eGFR (CKD-EPI)", "58", "mL/min/1.73m2", "> 90", "", "egfr", "low"),
        ],
    ),
    (
        "LIVER FUNCTION TESTS",
        [
            Row("Bilirubin", "14", "umol/L", "0 - 21", "", "bilirubin", None),
            Row("Direct bilirubin", "4", "umol/L", "0 - 5", "", None, None),
            Row("Alanine aminotransferase (ALT)", "52", "U/L", "0 - 33", "H", "alt", "high"),
            Row("Alkaline phosphatase", "96", "U/L", "30 - 130", "", "alp", None),
            Row("Gamma-glutamyl transferase (GGT)", "61", "U/L", "0 - 40", "H", "ggt", "high"),
            Row("Albumin", "36", "g/L", "35 - 50", "", "albumin", None),
        ],
    ),
    (
        "INFLAMMATORY MARKERS",
        [Row("C-reactive protein (CRP)", "48", "mg/L", "0 - 5", "H", "crp", "high")],
    ),
]
_HOSPITAL_DATE = datetime.date(2026, 3, 12)


def _hospital_table() -> LabReport:
    small = ParagraphStyle("small", fontName="Helvetica", fontSize=8.5, leading=10)
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=13, leading=16)
    details = Table(
        [
            ["Patient", "MORGAN, Elin", "Hospital no.", "H4471029"],
            ["Date of birth", "02-Jun-1979", "Location", "Medical Assessment Unit"],
            ["Collected", "12-Mar-2026 08:42", "Received", "12-Mar-2026 09:30"],
            ["Reported", "12-Mar-2026 13:05", "Requested by", "Dr S. Achebe"],
        ],
        colWidths=[28 * mm, 50 * mm, 28 * mm, 60 * mm],
        style=[("FONT", (0, 0), (-1, -1), "Helvetica", 8.5), ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 8.5)],
    )
    data = [["Test", "Result", "Flag", "Units", "Reference range"]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for section, rows in _HOSPITAL_SECTIONS:
        row = len(data)
        style += [("SPAN", (0, row), (-1, row)), ("FONT", (0, row), (-1, row), "Helvetica-Bold")]
        data.append([section, "", "", "", ""])
        # The name column is narrow, as on the real thing: the longest names wrap inside their cell.
        data += [[Paragraph(r.name, small), r.value, r.printed_flag, r.unit, r.reference] for r in rows]
    results = Table(data, colWidths=[38 * mm, 18 * mm, 12 * mm, 30 * mm, 32 * mm], style=style, repeatRows=1)
    comment = Paragraph(
        "Comment: neutrophilia with a raised CRP; please correlate clinically. ALT 52 U/L - repeat liver "
        "function tests in 4 weeks. Validated by B. Osei, Biomedical Scientist.",
        small,
    )
    story = [
        Paragraph("St Aldhelm's Hospital - Department of Pathology", title),
        Spacer(1, 4 * mm),
        details,
        Spacer(1, 5 * mm),
        results,
        Spacer(1, 4 * mm),
        comment,
    ]
    rows = [row for _, section in _HOSPITAL_SECTIONS for row in section]
    return LabReport(
        name="hospital-table.pdf",
        layout=HOSPITAL_TABLE,
        pdf=_platypus(story, A4),
        expected=tuple(_expected(rows, _HOSPITAL_DATE)),
    )


# --- gp_lines ---------------------------------------------------------------------------------

_GP_ROWS: list[tuple[str, list[Row]]] = [
    (
        "Full blood count",
        [
            Row("Haemoglobin estimation", "151", "g/L", "[130 - 180]", "", "haemoglobin", None),
            Row("Total white cell count", "7.1", "10*9/L", "[4 - 11]", "", "white-cells", None),
            Row("Platelet count", "245", "10*9/L", "[150 - 400]", "", "platelets", None),
            Row("Red blood cell (RBC) count", "5.02", "10*12/L", "[4.5 - 6.5]", "", "red-cells", None),
            Row("Haematocrit", "0.45", "L/L", "[0.4 - 0.54]", "", "haematocrit", None),
            Row("Mean corpuscular volume (MCV)", "89.6", "fL", "[80 - 100]", "", "mcv", None),
        ],
    ),
    (
        "Kidney function",
        [
            Row("Serum sodium level", "139", "mmol/L", "[133 - 146]", "", "sodium", None),
            Row(
                "Serum potassium level",
                "5.4",
                "mmol/L",
                "[3.5 - 5.3]",
                "Above high reference limit",
                "potassium",
                "high",
            ),
            Row("Serum urea level", "6.2", "mmol/L", "[2.5 - 7.8]", "", "urea", None),
            Row("Serum creatinine level", "97", "umol/L", "[59 - 104]", "", "creatinine", None),
            # The practice system's own name for eGFR: not in the analyte table, so a known miss.
            Row(
                "GFR calculated CKD-EPI adjusted",
                "74",
                "mL/min/1.73m2",
                "[>90]",
                "Below low reference limit",
                "egfr",
                "low",
            ),
        ],
    ),
    (
        "Lipids and diabetes",
        [
            Row("Serum cholesterol level", "5.8", "mmol/L", "", "", "total-cholesterol", None),
            Row("Serum HDL cholesterol level", "1.1", "mmol/L", "[>1]", "", "hdl-cholesterol", None),
            Row("Serum LDL cholesterol level", "3.9", "mmol/L", "", "", "ldl-cholesterol", None),
            Row(
                "Serum triglycerides level",
                "1.9",
                "mmol/L",
                "[<1.7]",
                "Above high reference limit",
                "triglycerides",
                "high",
            ),
            Row("Serum cholesterol/HDL ratio", "5.3", "", "", "", None, None),
            Row(
                "Haemoglobin A1c level - IFCC standardised",
                "46",
                "mmol/mol",
                "[20 - 41]",
                "Above high reference limit",
                "hba1c",
                "high",
            ),
        ],
    ),
    (
        "Thyroid, liver and prostate",
        [
            Row("Serum TSH level", "3.1", "mU/L", "[0.27 - 4.2]", "", "tsh", None),
            Row("Serum free T4 level", "14.8", "pmol/L", "[12 - 22]", "", "free-t4", None),
            Row("Serum alanine aminotransferase level", "29", "U/L", "[0 - 40]", "", "alt", None),
            Row("Serum alkaline phosphatase", "71", "U/L", "[30 - 130]", "", "alp", None),
            Row("Serum bilirubin level", "9", "umol/L", "[0 - 21]", "", "bilirubin", None),
            Row("Serum albumin level", "44", "g/L", "[35 - 50]", "", "albumin", None),
            Row("Serum PSA level", "5.1", "ug/L", "[0 - 4.5]", "Above high reference limit", "psa", "high"),
        ],
    ),
]
_GP_DATE = datetime.date(2026, 2, 4)


def _gp_lines() -> LabReport:
    lines = [
        ("Helvetica-Bold", 12, "Hollybush Surgery - Test request results"),
        ("Helvetica", 9, "Patient: Tomasz NOWICKI    Date of birth: 23 Sep 1961    NHS number: 485 777 3456"),
        (
            "Helvetica",
            9,
            "Sample date: 04 Feb 2026    Date received by practice: 06 Feb 2026    Requested by: Dr Okafor",
        ),
        ("Helvetica", 9, "Filed: 08 Feb 2026 by Dr A. Okafor - reviewed, action below"),
        ("Helvetica", 9, ""),
    ]
    for section, rows in _GP_ROWS:
        lines.append(("Helvetica-Bold", 10, section))
        for r in rows:
            parts = [r.name, f"{r.value} {r.unit}".strip(), r.reference, r.printed_flag]
            lines.append(("Helvetica", 9, "    ".join(part for part in parts if part)))
        lines.append(("Helvetica", 9, ""))
    lines += [
        ("Helvetica", 9, "Comments: potassium 5.4 mmol/L - please repeat U&E within 2 weeks."),
        ("Helvetica", 9, "PSA raised for age: routine referral to urology discussed with the patient on 10 Feb 2026."),
    ]
    rows = [row for _, section in _GP_ROWS for row in section]
    return LabReport(
        name="gp-lines.pdf",
        layout=GP_LINES,
        pdf=_lines_pdf([lines], A4, top=800, leading=13),
        expected=tuple(_expected(rows, _GP_DATE)),
    )


# --- summary_two_column -----------------------------------------------------------------------

_SUMMARY_LEFT = [
    Row("Total cholesterol", "6.1", "mmol/L", "(< 5.0)", "*", "total-cholesterol", "abnormal"),
    Row("HDL cholesterol", "1.62", "mmol/L", "(> 1.2)", "", "hdl-cholesterol", None),
    Row("LDL cholesterol", "3.9", "mmol/L", "(< 3.0)", "*", "ldl-cholesterol", "abnormal"),
    Row("Non-HDL cholesterol", "4.5", "mmol/L", "(< 4.0)", "*", "non-hdl-cholesterol", "abnormal"),
    Row("Triglycerides", "1.3", "mmol/L", "(< 1.7)", "", "triglycerides", None),
    Row("Glucose (fasting)", "5.2", "mmol/L", "(3.6 - 6.0)", "", "glucose", None),
    Row("HbA1c", "38", "mmol/mol", "(20 - 41)", "", "hba1c", None),
    Row("Ferritin", "212", "ug/L", "(13 - 150)", "*", "ferritin", "abnormal"),
    Row("Iron", "21", "umol/L", "(6 - 26)", "", "iron", None),
]
_SUMMARY_RIGHT = [
    Row("Vitamin D (25-OH)", "41", "nmol/L", "(50 - 175)", "*", "vitamin-d", "abnormal"),
    Row("Vitamin B12", "389", "ng/L", "(197 - 771)", "", "vitamin-b12", None),
    Row("Folate", "2.9", "ug/L", "(> 3.9)", "*", "folate", "abnormal"),
    Row("TSH", "1.84", "mU/L", "(0.27 - 4.20)", "", "tsh", None),
    Row("Free T4", "16.0", "pmol/L", "(12 - 22)", "", "free-t4", None),
    Row("CRP", "<1", "mg/L", "(< 5)", "", "crp", None),
    Row("Uric acid", "0.41", "mmol/L", "(0.14 - 0.36)", "*", "uric-acid", "abnormal"),
    Row("Calcium (adjusted)", "2.38", "mmol/L", "(2.20 - 2.60)", "", "adjusted-calcium", None),
    Row("Magnesium", "0.84", "mmol/L", "(0.70 - 1.00)", "", "magnesium", None),
]
_SUMMARY_DATE = datetime.date(2026, 3, 1)


def _summary_two_column() -> LabReport:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    page.setFont("Helvetica-Bold", 14)
    page.drawString(56, 790, "Meridian Health Screening - Your blood test summary")
    page.setFont("Helvetica", 9.5)
    page.drawString(56, 770, "Client: Ms Priya RAMAN    Date of birth: 30/11/1984    Client ref: MHS-20418")
    page.drawString(56, 756, "Date of sample: 1 March 2026    Report date: 3 March 2026")
    page.drawString(56, 736, "Results marked * are outside the reference range shown in brackets.")
    y = 710
    for left, right in zip(_SUMMARY_LEFT, _SUMMARY_RIGHT, strict=True):
        page.drawString(56, y, _summary_item(left))
        page.drawString(310, y, _summary_item(right))
        y -= 16
    page.drawString(56, y - 12, "Your cholesterol is above the healthy level: our GP will discuss this with you.")
    page.drawString(56, y - 26, "Vitamin D 41 nmol/L means insufficient; a supplement of 1000 units a day is usual.")
    page.showPage()
    page.save()
    return LabReport(
        name="summary-two-column.pdf",
        layout=SUMMARY_TWO_COLUMN,
        pdf=buffer.getvalue(),
        expected=tuple(_expected(_SUMMARY_LEFT + _SUMMARY_RIGHT, _SUMMARY_DATE)),
    )


def _summary_item(r: Row) -> str:
    return f"{r.name}: {r.value} {r.unit} {r.reference} {r.printed_flag}".strip()


# --- commercial_table -------------------------------------------------------------------------

_COMMERCIAL_SECTIONS: list[tuple[str, list[Row]]] = [
    (
        "COMPREHENSIVE METABOLIC PANEL",
        [
            Row("Glucose, Fasting", "104", "mg/dL", "65-99", "High", "glucose", "high"),
            Row("BUN", "15", "mg/dL", "7-25", "", "urea-nitrogen", None),
            Row("Creatinine", "0.98", "mg/dL", "0.60-1.29", "", "creatinine", None),
            Row("eGFR", "94", "mL/min/1.73m2", "> OR = 60", "", "egfr", None),
            Row("Sodium", "141", "mmol/L", "135-146", "", "sodium", None),
            Row("Potassium", "3.3", "mmol/L", "3.5-5.3", "Low", "potassium", "low"),
            Row("Chloride", "104", "mmol/L", "98-110", "", "chloride", None),
            Row("Carbon Dioxide", "27", "mmol/L", "20-32", "", "bicarbonate", None),
            Row("Calcium", "9.6", "mg/dL", "8.6-10.3", "", "calcium", None),
            Row("Protein, Total", "7.1", "g/dL", "6.1-8.1", "", "total-protein", None),
            Row("Albumin", "4.4", "g/dL", "3.6-5.1", "", "albumin", None),
            Row("Bilirubin, Total", "1.4", "mg/dL", "0.2-1.2", "High", "bilirubin", "high"),
            Row("Alkaline Phosphatase", "58", "U/L", "36-130", "", "alp", None),
            Row("AST", "41", "U/L", "10-40", "High", "ast", "high"),
            Row("ALT", "44", "U/L", "9-46", "", "alt", None),
        ],
    ),
    (
        "LIPID PANEL",
        [
            Row("Cholesterol, Total", "212", "mg/dL", "<200", "High", "total-cholesterol", "high"),
            Row("HDL Cholesterol", "38", "mg/dL", "> OR = 40", "Low", "hdl-cholesterol", "low"),
            Row("Triglycerides", "189", "mg/dL", "<150", "High", "triglycerides", "high"),
            Row("LDL-Cholesterol", "136", "mg/dL", "<100", "High", "ldl-cholesterol", "high"),
            Row("Chol/HDLC Ratio", "5.6", "calc", "<5.0", "High", None, None),
        ],
    ),
    (
        "CBC (INCLUDES DIFF/PLT)",
        [
            Row("WBC", "5.8", "Thousand/uL", "3.8-10.8", "", "white-cells", None),
            Row("RBC", "4.61", "Million/uL", "4.20-5.80", "", "red-cells", None),
            Row("Hemoglobin", "14.2", "g/dL", "13.2-17.1", "", "haemoglobin", None),
            Row("Hematocrit", "42.5", "%", "38.5-50.0", "", "haematocrit", None),
            Row("MCV", "92.2", "fL", "80.0-100.0", "", "mcv", None),
            Row("MCH", "30.8", "pg", "27.0-33.0", "", "mch", None),
            Row("Platelet Count", "132", "Thousand/uL", "140-400", "Low", "platelets", "low"),
        ],
    ),
    (
        "OTHER TESTS",
        [
            Row("Hemoglobin A1c", "5.8", "%", "<5.7", "High", "hba1c", "high"),
            Row("PSA, Total", "0.8", "ng/mL", "< OR = 4.0", "", "psa", None),
            Row("Vitamin D, 25-Hydroxy, Total", "28", "ng/mL", "30-100", "Low", "vitamin-d", "low"),
            Row("C-Reactive Protein", "<3", "mg/L", "<8", "", "crp", None),
            Row("Ferritin", "18", "ng/mL", "38-380", "Low", "ferritin", "low"),
        ],
    ),
]
_COMMERCIAL_DATE = datetime.date(2026, 3, 14)


def _commercial_table() -> LabReport:
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=13, leading=16)
    header = Table(
        [
            ["Patient: HALVORSEN, MARK", "DOB: 07/22/1975", "Sex: M"],
            ["Collected: 03/14/2026 07:55 AM", "Received: 03/14/2026 11:20 AM", "Reported: 03/15/2026 06:02 AM"],
            ["Ordering physician: J. RIVERA, MD", "Account: 40917733", "Fasting: Yes"],
        ],
        colWidths=[70 * mm, 60 * mm, 55 * mm],
        style=[("FONT", (0, 0), (-1, -1), "Helvetica", 8.5)],
    )
    data = [["TEST", "RESULT", "FLAG", "REFERENCE INTERVAL", "UNITS"]]
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
    ]
    for section, rows in _COMMERCIAL_SECTIONS:
        style.append(("FONT", (0, len(data)), (0, len(data)), "Helvetica-Bold", 8.5))
        data.append([section, "", "", "", ""])
        for r in rows:
            if len(data) % 2 == 0:
                style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), colors.whitesmoke))
            data.append([r.name, r.value, r.printed_flag.upper(), r.reference, r.unit])
    story = [
        Paragraph("Lakeshore Clinical Laboratories", title),
        Spacer(1, 3 * mm),
        header,
        Spacer(1, 5 * mm),
        Table(data, colWidths=[62 * mm, 22 * mm, 16 * mm, 40 * mm, 30 * mm], style=style, repeatRows=1),
        Spacer(1, 4 * mm),
        Paragraph(
            "Fasting glucose 100-125 mg/dL is consistent with prediabetes. eGFR is calculated with the CKD-EPI "
            "2021 equation. Performing site: Lakeshore Clinical Laboratories, 18 Harbor Drive.",
            ParagraphStyle("small", fontName="Helvetica", fontSize=8, leading=10),
        ),
    ]
    rows = [row for _, section in _COMMERCIAL_SECTIONS for row in section]
    return LabReport(
        name="commercial-table.pdf",
        layout=COMMERCIAL_TABLE,
        pdf=_platypus(story, LETTER),
        expected=tuple(_expected(rows, _COMMERCIAL_DATE)),
    )


# --- multipage_monospace ----------------------------------------------------------------------

_MONOSPACE_PAGES: list[tuple[str | None, datetime.date, list[Row]]] = [
    (
        "12/01/2026 07:30",
        datetime.date(2026, 1, 12),
        [
            Row("SODIUM", "136", "mmol/L", "133-146", "", "sodium", None),
            Row("POTASSIUM", "5.8", "mmol/L", "3.5-5.3", "H", "potassium", "high"),
            Row("CHLORIDE", "102", "mmol/L", "95-108", "", "chloride", None),
            Row("BICARBONATE", "19", "mmol/L", "22-29", "L", "bicarbonate", "low"),
            Row("UREA", "14.2", "mmol/L", "2.5-7.8", "H", "urea", "high"),
            Row("CREATININE", "188", "umol/L", "45-84", "H", "creatinine", "high"),
            Row("EGFR", "26", "mL/min/1.73m2", ">90", "L", "egfr", "low"),
            Row("CALCIUM", "2.31", "mmol/L", "2.20-2.60", "", "calcium", None),
            Row("ADJUSTED CALCIUM", "2.41", "mmol/L", "2.20-2.60", "", "adjusted-calcium", None),
            Row("PHOSPHATE", "1.71", "mmol/L", "0.80-1.50", "H", "phosphate", "high"),
            Row("MAGNESIUM", "0.74", "mmol/L", "0.70-1.00", "", "magnesium", None),
        ],
    ),
    (
        "09/02/2026 08:05",
        datetime.date(2026, 2, 9),
        [
            Row("HAEMOGLOBIN", "98", "g/L", "115-165", "L", "haemoglobin", "low"),
            Row("WBC", "6.1", "x10^9/L", "4.0-11.0", "", "white-cells", None),
            Row("PLATELETS", "221", "x10^9/L", "150-400", "", "platelets", None),
            Row("FERRITIN", "24", "ug/L", "30-400", "L", "ferritin", "low"),
            Row("IRON", "8", "umol/L", "10-30", "L", "iron", "low"),
            Row("TRANSFERRIN SAT.", "14", "%", "20-50", "L", "transferrin-saturation", "low"),
            Row("FOLATE", "7.2", "ug/L", ">3.9", "", "folate", None),
            Row("VITAMIN B12", "245", "ng/L", "197-771", "", "vitamin-b12", None),
            Row("PTH", "24.1", "pmol/L", "1.6-6.9", "H", None, None),
        ],
    ),
    (
        # The same specimen's results go on over the page, under no date and no column header.
        None,
        datetime.date(2026, 2, 9),
        [
            Row("ALBUMIN", "33", "g/L", "35-50", "L", "albumin", "low"),
            Row("TOTAL PROTEIN", "62", "g/L", "60-80", "", "total-protein", None),
            Row("ALP", "142", "U/L", "30-130", "H", "alp", "high"),
            Row("CRP", "<1", "mg/L", "0-5", "", "crp", None),
            Row("ESR", "31", "mm/hr", "1-20", "H", "esr", "high"),
            Row("INR", "1.0", "", "0.8-1.2", "", "inr", None),
            Row("URINE ALB:CREAT RATIO", "41.2", "mg/mmol", "<3", "H", None, None),
        ],
    ),
]


def _multipage_monospace() -> LabReport:
    pages = []
    for number, (collected, _, rows) in enumerate(_MONOSPACE_PAGES, 1):
        lines = [
            ("Courier-Bold", 10, "NORTH WEALD GENERAL HOSPITAL - PATHOLOGY - RENAL CLINIC"),
            ("Courier", 9, "PATIENT: ASHWORTH, GILLIAN        DOB: 19/04/1952     MRN: NW-3390127"),
        ]
        if collected:
            lines += [
                ("Courier", 9, f"SPECIMEN COLLECTED: {collected}   RECEIVED: {collected[:10]} 10:02   BLOOD"),
                ("Courier", 9, ""),
                ("Courier-Bold", 9, f"{'TEST':<22}{'REF. RANGE':<14}{'RESULT':<9}{'UNITS':<15}FLAG"),
            ]
        else:
            lines += [("Courier", 9, "CONTINUED FROM PREVIOUS PAGE"), ("Courier", 9, "")]
        lines += [
            ("Courier", 9, f"{r.name:<22}{r.reference:<14}{r.value:<9}{r.unit:<15}{r.printed_flag}".rstrip())
            for r in rows
        ]
        lines += [
            ("Courier", 9, ""),
            ("Courier", 9, f"PAGE {number} OF {len(_MONOSPACE_PAGES)}    PRINTED: 10/02/2026 14:02"),
        ]
        pages.append(lines)
    expected = [e for _, date, rows in _MONOSPACE_PAGES for e in _expected(rows, date)]
    return LabReport(
        name="multipage-monospace.pdf",
        layout=MULTIPAGE_MONOSPACE,
        pdf=_lines_pdf(pages, A4, top=800, leading=12),
        expected=tuple(expected),
    )


# --- scanned ----------------------------------------------------------------------------------


def _scanned(source: LabReport) -> LabReport:
    """The source's first page as a 150 dpi picture in a PDF, as a scanner or a phone app makes one."""
    document = pdfium.PdfDocument(source.pdf)
    try:
        page = document[0]
        picture = page.render(scale=150 / 72).to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    picture.save(buffer, format="PDF", resolution=150)
    return LabReport(
        name="scanned-hospital-table.pdf", layout=SCANNED, pdf=buffer.getvalue(), expected=(), scanned=True
    )


# --- drawing ----------------------------------------------------------------------------------


def _platypus(story: list, pagesize: tuple[float, float]) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm, invariant=True).build(story)
    return buffer.getvalue()


def _lines_pdf(pages: list[list[tuple[str, float, str]]], pagesize, *, top: float, leading: float) -> bytes:
    """Each line drawn as one string, as print-outs and system exports draw them."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=pagesize, invariant=True)
    for lines in pages:
        y = top
        for font, size, text in lines:
            page.setFont(font, size)
            page.drawString(50, y, text)
            y -= leading
        page.showPage()
    page.save()
    return buffer.getvalue()


def lab_reports() -> list[LabReport]:
    """The evaluation set, drawn afresh (a second or so)."""
    hospital = _hospital_table()
    return [
        hospital,
        _gp_lines(),
        _summary_two_column(),
        _commercial_table(),
        _multipage_monospace(),
        _scanned(hospital),
    ]
