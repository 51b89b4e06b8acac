import io

from pypdf import PdfReader

from uploads.benchmarks.text_pdf import text_pdf


def test_each_text_becomes_a_page_that_pypdf_reads_back():
    pdf = text_pdf(["Potassium (K+)  5.6 H  mmol/L\nback\\slash", "Page two"])
    pages = [page.extract_text().rstrip("\n") for page in PdfReader(io.BytesIO(pdf)).pages]
    assert pages == ["Potassium (K+)  5.6 H  mmol/L\nback\\slash", "Page two"]


def test_long_lines_are_wrapped_not_lost():
    sentence = "The previously seen consolidation in the right lower zone has resolved. " * 4
    text = PdfReader(io.BytesIO(text_pdf([sentence]))).pages[0].extract_text()
    assert len(text.splitlines()) > 1
    assert " ".join(text.split()) == sentence.strip()
