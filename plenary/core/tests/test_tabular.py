import io

import pytest
from openpyxl import load_workbook

from plenary.core.tabular import TableError, read_table, safe_cell, write_xlsx


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


def test_xlsx_cells_are_text_and_the_sheet_is_named():
    content = write_xlsx(["name"], [["=1+1"], [3]], sheet_title="Registrations of a very long track name")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Registrations of a very long tra"[:31]
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows(min_row=2)] == [
        ("'=1+1", "s"),
        ("3", "s"),
    ]


def test_semicolon_separated_csv_is_read():
    table = read_table("x.csv", b"iso3;name_en\nNPL;Nepal\n")
    assert (table.headers, table.rows) == (["iso3", "name_en"], [(2, {"iso3": "NPL", "name_en": "Nepal"})])


def test_an_unknown_extension_is_refused():
    with pytest.raises(TableError) as error:
        read_table("x.pdf", b"%PDF")
    assert str(error.value) == "Upload a .csv or .xlsx file."
