import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

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


GUARDED_LOOK_ALIKES = ["=1+1", "+20 2 2794 0000", "-", "@home", "\tx", "\nx", "'quoted'", "it's", "plain"]


def test_the_csv_guard_is_undone_on_reading():
    content = write_csv(["value"], [[value] for value in GUARDED_LOOK_ALIKES])
    assert [row["value"] for _line, row in read_table("x.csv", content).rows] == [
        "=1+1",
        "+20 2 2794 0000",
        "-",
        "@home",
        "\tx",
        "\nx",
        "'quoted'",
        "it's",
        "plain",
    ]


def test_an_xlsx_saved_from_a_guarded_csv_is_unguarded_and_text_cells_read_as_written():
    workbook = Workbook()
    workbook.active.append(["phone", "name"])
    workbook.active.append(["'+20 2 2794 0000", "=Hassan"])
    workbook.active["B2"].data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table("x.xlsx", buffer.getvalue())
    assert table.rows == [(2, {"phone": "+20 2 2794 0000", "name": "=Hassan"})]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('The "National" Assembly', 'The "National" Assembly'),
        ('5" floppy', '5" floppy'),
        ('"Assembly ;""quoted""; x"', 'Assembly ;"quoted"; x'),
        ('"Box 1, ""Singha Durbar"""', 'Box 1, "Singha Durbar"'),
    ],
)
def test_a_quote_anywhere_in_a_cell_is_read(written, read):
    table = read_table("x.csv", f"iso3,name_en\nNPL,{written}\n".encode())
    assert table.rows == [(2, {"iso3": "NPL", "name_en": read})]


@pytest.mark.parametrize(
    "first_cells",
    [
        "Parliament {i},Box {i}; Main Street; Town",  # looks like semicolons without doubled quotes
        "'Majlis',Box {i}",  # looks like cells quoted with apostrophes
    ],
)
def test_a_file_whose_first_4_kb_look_like_another_dialect_is_read(first_cells):
    lines = [f"K{i:03d},{first_cells.format(i=i)}" for i in range(300)]
    content = "\n".join(["iso3,name_en,postal_address", *lines, 'KEN,"The ""National"" Assembly","A, B"'])
    assert len("\n".join(lines)) > 4096
    rows = read_table("x.csv", content.encode()).rows
    assert (len(rows), rows[0][1]["iso3"], rows[-1]) == (
        301,
        "K000",
        (302, {"iso3": "KEN", "name_en": 'The "National" Assembly', "postal_address": "A, B"}),
    )


def test_a_tab_separated_file_is_read():
    table = read_table("x.csv", b"iso3\tname_en\nNPL\tNepal, Federal\n")
    assert table.rows == [(2, {"iso3": "NPL", "name_en": "Nepal, Federal"})]


def test_a_cell_too_long_to_read_names_its_line():
    content = 'iso3,name_en\nNPL,Nepal\nKEN,"Kenya\nNairobi"\nJPN,' + "x" * (csv.field_size_limit() + 1)
    with pytest.raises(TableError) as error:
        read_table("x.csv", content.encode())
    assert str(error.value) == f"Line 4 has a cell longer than {csv.field_size_limit()} characters."


def test_a_cell_too_long_to_read_is_explained_in_the_users_language():
    content = "iso3,name_en\nJPN," + "x" * (csv.field_size_limit() + 1)
    with translation.override("fr"), pytest.raises(TableError) as error:
        read_table("x.csv", content.encode())
    assert str(error.value) == f"La ligne 2 a une cellule de plus de {csv.field_size_limit()} caractères."
