"""Reading and writing CSV / XLSX tables, safely.

Reading keeps each row's line number for error messages. Writing neutralises cells a spreadsheet
would run as a formula (=, +, -, @, tab, carriage return), the "CSV injection" attack: in CSV with
a leading apostrophe, in XLSX by storing every cell as text, which no spreadsheet evaluates. Both
drop control characters first (XLSX cannot hold them), so that any text stored, however old,
exports. Reading undoes the CSV guard (an apostrophe before one of those characters), so that a file
exported and imported unchanged changes nothing, and reads a CSV file's delimiter from its header
row alone: guessing the whole dialect from a sample misreads a cell holding a quote.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plenary.core.fields import without_control_characters
from plenary.core.languages import current_language, text_direction

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_DELIMITERS = (",", ";", "\t")
MAX_ROWS = 20_000


class TableError(ValueError):
    pass


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _cell_text(value) -> str:
    return "" if value is None else without_control_characters(str(value))


def safe_cell(value) -> str:
    text = _cell_text(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unguard(text: str) -> str:
    """The cell as it was before safe_cell guarded it: "'+20 2 2794 0000" -> "+20 2 2794 0000"."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def _imported_cell(value) -> str:
    return unguard("" if value is None else str(value).strip())


def _normalise_headers(headers) -> list[str]:
    return [str(header or "").strip().lower() for header in headers]


def _read_csv(content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None
    rows = _csv_rows(text)
    if not rows:
        raise TableError(_("The file is empty."))
    headers = _normalise_headers(rows[0])
    table_rows = []
    for line, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(headers):
            raise TableError(_("Line %(line)d has more values than the header has columns.") % {"line": line})
        table_rows.append((line, dict(zip(headers, map(_imported_cell, values), strict=False))))
    return Table(headers, table_rows)


def _csv_rows(text: str) -> list[list[str]]:
    rows = []
    try:
        rows.extend(csv.reader(io.StringIO(text), csv.excel, delimiter=_delimiter(text)))
    except csv.Error:
        raise TableError(
            _("Line %(line)d has a cell longer than %(limit)d characters.")
            % {"line": len(rows) + 1, "limit": csv.field_size_limit()}
        ) from None
    return rows


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns (column names hold none of them);
    a comma when the header has a single column."""
    header = text.splitlines()[:1]
    return max(CSV_DELIMITERS, key=lambda delimiter: len(next(csv.reader(header, delimiter=delimiter), [])))


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise TableError(_("The file is not an Excel workbook (.xlsx).")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headers = _normalise_headers(next(rows, ()) or ())
    if not headers:
        raise TableError(_("The file is empty."))
    table_rows = []
    for line, values in enumerate(rows, start=2):
        cells = [_imported_cell(value) for value in values]
        if any(cells):
            table_rows.append((line, dict(zip(headers, cells, strict=False))))
    workbook.close()
    return Table(headers, table_rows)


def read_table(filename: str, content: bytes) -> Table:
    """A table from an uploaded .csv or .xlsx file; TableError with a message the user can act on."""
    name = filename.lower()
    if name.endswith(".csv"):
        table = _read_csv(content)
    elif name.endswith(".xlsx"):
        table = _read_xlsx(content)
    else:
        raise TableError(_("Upload a .csv or .xlsx file."))
    if len(table.rows) > MAX_ROWS:
        raise TableError(_("The file has more than %(limit)d rows.") % {"limit": MAX_ROWS})
    return table


def write_csv(headers: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(
    headers: list[str], rows, *, sheet_title: str | None = None, right_to_left: bool | None = None
) -> bytes:
    """One sheet of text cells, the header row frozen and filtered; right to left when asked, by
    default when the active language is (Arabic)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31] if sheet_title else None)
    if right_to_left is None:
        right_to_left = text_direction(current_language()) == "rtl"
    sheet.sheet_view.rightToLeft = right_to_left
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, header) for header in headers])
    row_count = 1
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
        row_count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{row_count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, value):
    """A cell holding the value as text, even one that starts like a formula ("=1+1"); none if empty."""
    from openpyxl.cell import WriteOnlyCell

    text = _cell_text(value)
    if not text:
        return None
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell
