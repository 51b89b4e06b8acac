"""Lab results from a text PDF's extracted text: one ParsedResult per row whose test name is a known analyte.

The text is what uploads.processing.pdf stores: each page's text after a "[Page N]" line. A row
starts at the start of a line (or right after another row on the same line, as in a two-column
summary) with a test name that analytes.analyte_for() knows, and goes on with fields that
rows.fields_at() reads: a value, and maybe a unit, a reference range and a flag. A row must end
where its line ends or where another row begins, so prose that merely mentions a test ("Potassium
5.9 was repeated") is not a row. A name the table doesn't know is skipped, never guessed.

A table's header, where there is one, gives the column order (rows.DEFAULT_ORDERS are tried
after it); it stays in force on later pages, which often repeat only the rows. The sample date is
the collection date the page states, else the one stated on an earlier page, else the
document's if it states exactly one; never the received, reported or printed date.
"""

import datetime
import re
from dataclasses import dataclass
from itertools import islice

from uploads.labs.analytes import analyte_for
from uploads.labs.columns import Header, headers_in
from uploads.labs.dates import collection_date
from uploads.labs.flags import result_flag
from uploads.labs.ranges import reference_from
from uploads.labs.rows import DEFAULT_ORDERS, RowFields, fields_at

# The longest test name tried, in words ("Mean cell haemoglobin concentration (MCHC)" is five).
MAX_NAME_WORDS = 8
# Rows read side by side on one line; two-column summaries have two. A cap, so that one long line
# of text can't make the row-after-row check recurse without end.
MAX_ROWS_PER_LINE = 8

_PAGE_LABEL = re.compile(r"^\[Page (\d+)(?::[^\]]*)?\]$", re.MULTILINE)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class ParsedResult:
    page: int | None
    name_as_printed: str
    # The analyte's slug (analytes.ANALYTES).
    analyte: str
    # The number as printed, with its comparator if it has one: "6.1", "<0.5", ">90".
    value: str
    # As printed, runs of space made one; "" when the row has none.
    unit: str
    reference_low: str | None
    reference_high: str | None
    # As printed, runs of space made one, without brackets or "Ref:": "12.0-16.0", "< 5.7"; "" when none.
    reference_text: str
    # "low", "high", "abnormal" or None.
    flag: str | None
    # When the sample was collected, if the report says.
    sample_date: datetime.date | None


@dataclass(frozen=True)
class _Page:
    number: int | None
    text: str


def parse_lab_text(text: str) -> list[ParsedResult]:
    """Every lab result in the text, in reading order."""
    pages = _pages(text)
    dates = _sample_dates(pages)
    results = []
    order_in_force: tuple[str, ...] | None = None
    for page, sample_date in zip(pages, dates, strict=True):
        headers = headers_in(page.text)
        results += _PageReader(page, headers, order_in_force, sample_date).results()
        if headers:
            order_in_force = headers[-1].order
    return results


def _pages(text: str) -> list[_Page]:
    labels = list(_PAGE_LABEL.finditer(text))
    if not labels:
        return [_Page(number=None, text=text)]
    return [
        _Page(number=int(label[1]), text=text[label.end() : following.start() if following else len(text)])
        for label, following in zip(labels, [*labels[1:], None], strict=True)
    ]


def _sample_dates(pages: list[_Page]) -> list[datetime.date | None]:
    stated = [collection_date(page.text) for page in pages]
    only_one = set(stated) - {None}
    dates = []
    latest = None
    for date in stated:
        latest = date or latest
        dates.append(latest or (next(iter(only_one)) if len(only_one) == 1 else None))
    return dates


class _PageReader:
    """The rows of one page: tried at each line's start, and right after a row that ends mid-line."""

    def __init__(
        self,
        page: _Page,
        headers: list[Header],
        order_before: tuple[str, ...] | None,
        sample_date: datetime.date | None,
    ):
        self.page = page
        self.text = page.text
        self.headers = headers
        self.order_before = order_before
        self.sample_date = sample_date
        self.rows_at: dict[int, tuple[ParsedResult, int] | None] = {}
        self.rows_in_progress = 0

    def results(self) -> list[ParsedResult]:
        results = []
        position = 0
        while position < len(self.text):
            position = self._skip_spaces(position)
            row = self._row_at(position)
            if row:
                result, position = row
                results.append(result)
            else:
                line_end = self.text.find("\n", position)
                position = len(self.text) if line_end == -1 else line_end + 1
        return results

    def _row_at(self, position: int) -> tuple[ParsedResult, int] | None:
        """The row that starts here and where it ends, if one does and it ends well; remembered."""
        if position in self.rows_at:
            return self.rows_at[position]
        if self.rows_in_progress >= MAX_ROWS_PER_LINE:
            return None
        self.rows_in_progress += 1
        self.rows_at[position] = None  # a row can't contain itself
        try:
            self.rows_at[position] = self._read_row(position)
        finally:
            self.rows_in_progress -= 1
        return self.rows_at[position]

    def _read_row(self, position: int) -> tuple[ParsedResult, int] | None:
        for name, name_end in self._names_at(position):
            analyte = analyte_for(name)
            if analyte is None:
                continue
            for order in self._orders_at(position):
                fields = fields_at(self.text, name_end, order)
                if fields and self._ends_well(fields.end):
                    return self._result(name, analyte.slug, fields), fields.end
        return None

    def _names_at(self, position: int) -> list[tuple[str, int]]:
        """Candidate names here, longest first: words to the end of the line, then on into the next line.

        A name may go on into the next line because a table cell wraps a long name
        ("Alanine aminotransferase" / "(ALT)") and extraction gives the wrapped part its own line.
        """
        line_end = self._line_end(position)
        words = list(islice(_WORD.finditer(self.text, position, line_end), MAX_NAME_WORDS))
        if len(words) < MAX_NAME_WORDS:
            next_line = self._skip_spaces(line_end)
            following = _WORD.finditer(self.text, next_line, self._line_end(next_line))
            words += islice(following, MAX_NAME_WORDS - len(words))
        names = []
        for count in range(len(words), 0, -1):
            # A name ends with a word: "CRP <" and "Potassium *" would hide the value's comparator or a flag.
            if not any(ch.isalnum() for ch in words[count - 1][0]):
                continue
            name = " ".join(word[0] for word in words[:count])
            names.append((name, words[count - 1].end()))
        return names

    def _orders_at(self, position: int) -> list[tuple[str, ...]]:
        order = self.order_before
        for header in self.headers:
            if header.end <= position:
                order = header.order
        return list(dict.fromkeys([order, *DEFAULT_ORDERS])) if order else list(DEFAULT_ORDERS)

    def _ends_well(self, end: int) -> bool:
        """A row ends at its line's end, or where another row starts on the same line."""
        rest = self.text[end : self._line_end(end)]
        if not rest.strip():
            return True
        return self._row_at(self._skip_spaces(end)) is not None

    def _result(self, name: str, slug: str, fields: RowFields) -> ParsedResult:
        reference = reference_from(fields.reference_text) if fields.reference_text else None
        return ParsedResult(
            page=self.page.number,
            name_as_printed=name.rstrip(":=").strip(),
            analyte=slug,
            value=fields.value,
            unit=fields.unit,
            reference_low=reference.low if reference else None,
            reference_high=reference.high if reference else None,
            reference_text=fields.reference_text,
            flag=result_flag(fields.flag_text, fields.value, reference),
            sample_date=self.sample_date,
        )

    def _line_end(self, position: int) -> int:
        end = self.text.find("\n", position)
        return len(self.text) if end == -1 else end

    def _skip_spaces(self, position: int) -> int:
        while position < len(self.text) and self.text[position] in " \t\n\r":
            position += 1
        return position
