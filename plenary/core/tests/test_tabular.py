import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from plenary.core.tabular import TableError, read_table, safe_cell, write_csv, write_xlsx


def test_every_formula_trigger_is_neutralised():
    values = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "plain", 3, None]
    assert [safe_cell(value) for value in values] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "'\nx",
        "plain",
        "3",
        "",
    ]


INJECTIONS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil")', "+1", "-1", "@SUM(A1)"]


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def test_xlsx_cells_are_text_and_the_sheet_is_named():
    content = write_xlsx(
        ["name"], [["=1+1", None], [3, "x"]], sheet_title="Registrations of a very long track name"
    )
    sheet = read_xlsx(content)
    assert sheet.title == "Registrations of a very long tra"[:31]
    assert [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        [("=1+1", "s"), (None, "n")],
        [("3", "s"), ("x", "s")],
    ]


def test_xlsx_formula_look_alikes_are_plain_text_without_an_apostrophe():
    sheet = read_xlsx(write_xlsx(["value"], [[value] for value in INJECTIONS]))
    cells = [cell for (cell,) in sheet.iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in cells] == [(value, "s") for value in INJECTIONS]
    raw = zipfile.ZipFile(io.BytesIO(write_xlsx(["value"], [[value] for value in INJECTIONS])))
    assert b"<f>" not in raw.read("xl/worksheets/sheet1.xml")


def test_csv_formula_look_alikes_keep_the_apostrophe():
    content = write_csv(["value"], [[value] for value in INJECTIONS]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content)))[1:] == [["'" + value] for value in INJECTIONS]


def test_xlsx_header_is_frozen_and_filtered_and_left_to_right_by_default():
    sheet = read_xlsx(write_xlsx(["a", "b", "c"], [[1, 2, 3], [4, 5, 6]]))
    assert (sheet.freeze_panes, sheet.auto_filter.ref, sheet.sheet_view.rightToLeft) == ("A2", "A1:C3", False)


def test_xlsx_sheet_is_right_to_left_in_arabic():
    with translation.override("ar"):
        sheet = read_xlsx(write_xlsx(["الاسم"], [["أمل"]]))
    assert sheet.sheet_view.rightToLeft is True


def test_xlsx_sheet_is_right_to_left_on_request():
    sheet = read_xlsx(write_xlsx(["الاسم"], [["أمل"]], right_to_left=True))
    assert (sheet.sheet_view.rightToLeft, sheet.freeze_panes, sheet.auto_filter.ref) == (True, "A2", "A1:A2")


def test_semicolon_separated_csv_is_read():
    table = read_table("x.csv", b"iso3;name_en\nNPL;Nepal\n")
    assert (table.headers, table.rows) == (["iso3", "name_en"], [(2, {"iso3": "NPL", "name_en": "Nepal"})])


def test_an_unknown_extension_is_refused():
    with pytest.raises(TableError) as error:
        read_table("x.pdf", b"%PDF")
    assert str(error.value) == "Upload a .csv or .xlsx file."


CONTROLLED = ["Had\x0bdad\x1b", "\x1b=1+1", "line\nbreak\tand tab", "a\ufffeb\uffff\x7f\x85", "\x0c"]


def test_xlsx_holds_any_text_without_its_control_characters():
    rows = list(read_xlsx(write_xlsx(["na\x1bme"], [[value] for value in CONTROLLED])).values)
    assert rows == [("name",), ("Haddad",), ("=1+1",), ("line\nbreak\tand tab",), ("ab",)]


def test_csv_drops_control_characters_before_guarding_formulas():
    assert [safe_cell(value) for value in CONTROLLED] == ["Haddad", "'=1+1", "line\nbreak\tand tab", "ab", ""]
