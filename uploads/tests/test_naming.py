import pytest

from uploads.naming import MAX_NAME_LENGTH, content_disposition, download_filename, sanitize_filename


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system32\\report.pdf", "report.pdf"),
        ("C:\\Users\\alice\\Desktop\\blood test.pdf", "blood test.pdf"),
        ("/var/www/../../scan.png", "scan.png"),
    ],
)
def test_it_strips_directories(raw, expected):
    assert sanitize_filename(raw) == expected


def test_it_removes_control_and_bidi_override_characters():
    # U+202E would display "invoice\u202egnp.exe" as "invoiceexe.png".
    assert sanitize_filename("invoice\u202egnp.exe") == "invoicegnp.exe"
    assert sanitize_filename("lab\x00re\x07port\x1b.pdf") == "labreport.pdf"


def test_it_turns_line_breaks_and_tabs_into_single_spaces():
    assert sanitize_filename("blood\n\ttest   results.pdf") == "blood test results.pdf"


def test_it_normalises_unicode_to_nfc():
    assert sanitize_filename("re\u0301sume\u0301.pdf") == "r\u00e9sum\u00e9.pdf"


def test_it_keeps_non_latin_names():
    assert sanitize_filename("血液検査.pdf") == "血液検査.pdf"


def test_it_limits_the_length_and_keeps_the_extension():
    name = sanitize_filename("a" * 1000 + ".pdf")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith("a.pdf")


@pytest.mark.parametrize("raw", ["", "   ", "...", "/", "\u202e\u200b", "../.."])
def test_it_names_a_nameless_file(raw):
    assert sanitize_filename(raw) == "upload"


def test_a_download_keeps_a_matching_extension():
    assert download_filename(name="scan.JPEG", extension="jpg", accepted_suffixes=(".jpg", ".jpeg")) == "scan.JPEG"


def test_a_download_gets_the_detected_extension():
    assert download_filename(name="page.html", extension="png", accepted_suffixes=(".png",)) == "page.html.png"
    assert download_filename(name="report", extension="pdf", accepted_suffixes=(".pdf",)) == "report.pdf"


def test_content_disposition_has_an_ascii_fallback_and_the_exact_utf8_name():
    header = content_disposition(filename='résumé "final";.pdf', inline=False)
    assert header.startswith("attachment; ")
    assert 'filename="resume _final__.pdf"' in header
    assert "filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%3B.pdf" in header


def test_content_disposition_inline():
    assert content_disposition(filename="x-ray.png", inline=True).startswith('inline; filename="x-ray.png"')


def test_content_disposition_for_a_name_without_ascii_letters():
    header = content_disposition(filename="血液.pdf", inline=False)
    assert 'filename=".pdf"' in header
    assert "filename*=UTF-8''%E8%A1%80%E6%B6%B2.pdf" in header
