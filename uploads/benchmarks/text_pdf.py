"""Real PDFs from plain text, one page per text: the medical records of the evaluation are written through this.

A PDF with only text needs little: a page tree, one standard font (Helvetica, which every
reader has) and a content stream of lines per page. Lines are drawn with T* (next line), as
word processors' exports do, so pypdf extracts them as lines, the way it reads real reports.
"""

import io
import textwrap
import zlib

# A4 in points; 10-point Helvetica averages some 5 points a character: 95 characters fill the text width.
_PAGE_WIDTH, _PAGE_HEIGHT = 595, 842
_MARGIN = 56
_FONT_SIZE, _LEADING = 10, 13
_LINE_CHARS = 95


def text_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages show these texts, long lines wrapped; ASCII text, as the standard fonts encode it."""
    page_numbers = [4 + 2 * number for number in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % number for number in page_numbers), len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for number, text in zip(page_numbers, pages, strict=True):
        stream = zlib.compress(_content(text))
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (_PAGE_WIDTH, _PAGE_HEIGHT, number + 1)
        )
        objects[number + 1] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
    return _file(objects)


def _content(text: str) -> bytes:
    lines = [wrapped for line in text.strip().splitlines() for wrapped in (textwrap.wrap(line, _LINE_CHARS) or [""])]
    top = _PAGE_HEIGHT - _MARGIN
    drawn = b"".join(b"(%s) Tj T*\n" % _escaped(line) for line in lines)
    return b"BT /F1 %d Tf %d TL %d %d Td\n%sET\n" % (_FONT_SIZE, _LEADING, _MARGIN, top, drawn)


def _escaped(line: str) -> bytes:
    return line.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _file(objects: dict[int, bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    out.writelines(b"%010d 00000 n \n" % offsets[number] for number in range(1, size))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()
