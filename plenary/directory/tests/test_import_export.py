import io

import pytest
from openpyxl import Workbook, load_workbook

from plenary.core.models import AuditEntry
from plenary.core.tabular import read_table, write_csv
from plenary.directory import imports
from plenary.directory.models import Parliament, Person


def csv_table(text: str):
    return read_table("upload.csv", text.encode())


@pytest.mark.django_db
def test_a_parliament_plan_shows_every_change_before_anything_is_written():
    table = csv_table(
        "iso3,name_en,name_ar,email,correspondence_languages\n"
        'KEN,National Assembly of Kenya,,speaker@parliament.example.ke,"en, fr"\n'
        "PSE,Palestinian National Council,المجلس الوطني الفلسطيني,pnc@example.ps,ar\n"
    )
    plan = imports.plan_parliaments(table)
    assert plan.errors == []
    assert [(row.line, row.key, row.action) for row in plan.rows] == [
        (2, "KEN", "update"),
        (3, "PSE", "create"),
    ]
    assert plan.rows[0].changes["email"] == ["parliament.ken@example.org", "speaker@parliament.example.ke"]
    assert plan.rows[0].changes["correspondence_languages"] == [[], ["en", "fr"]]
    assert Parliament.objects.get(country__iso3="KEN").email == "parliament.ken@example.org"
    assert not Parliament.objects.filter(country__iso3="PSE").exists()


@pytest.mark.django_db
def test_applying_writes_and_audits(secretariat):
    table = csv_table(
        "iso3,name_en,name_ar,ipu_member\nPSE,Palestinian National Council,المجلس الوطني الفلسطيني,yes\n"
    )
    plan = imports.apply("parliaments", table, actor=secretariat)
    assert (plan.count("create"), plan.count("update")) == (1, 0)
    palestine = Parliament.objects.get(country__iso3="PSE")
    assert palestine.name.as_dict() == {"en": "Palestinian National Council", "ar": "المجلس الوطني الفلسطيني"}
    assert palestine.ipu_member is True
    entry = AuditEntry.objects.get(target_id=str(palestine.pk), action="imported (create)")
    assert entry.actor == secretariat


@pytest.mark.django_db
def test_row_errors_name_line_and_column_and_nothing_is_written(secretariat):
    table = csv_table(
        "iso3,name_en,email,structure,correspondence_languages\n"
        "KEN,Kenya,not-an-address,tricameral,\n"
        "XXX,Nowhere,,,\n"
        'FRA,Parlement,,,"fr, de"\n'
        "KEN,Kenya again,,,\n"
    )
    with pytest.raises(imports.ImportRefused) as refused:
        imports.apply("parliaments", table, actor=secretariat)
    assert [(error.line, error.column, error.message) for error in refused.value.plan.errors] == [
        (2, "structure", "Write unicameral or bicameral."),
        (2, "email", "“not-an-address” is not an e-mail address."),
        (3, "iso3", "“XXX” is not a country code (ISO 3166 alpha-3)."),
        (4, "correspondence_languages", "unknown language code(s) de; use ar, zh-hans, en, fr, ru, es"),
        (5, "iso3", "Also on line 2."),
    ]
    assert Parliament.objects.get(country__iso3="KEN").name.get("en") == "Parliament of Kenya"


@pytest.mark.django_db
def test_contacts_are_matched_by_parliament_and_email():
    table = csv_table(
        "iso3,email,given_name,family_name,gender,functions\n"
        "JPN,speaker.jpn@example.org,Sample,Speaker JPN,male,speaker\n"
        "JPN,new.member@example.org,Aiko,Tanaka,female,focal-point;speaker\n"
        "JPN,bad@example.org,,Nobody,robot,chair\n"
    )
    plan = imports.plan_contacts(table)
    assert [(row.line, row.action) for row in plan.rows] == [(2, "unchanged"), (3, "create")]
    assert [(error.line, error.column) for error in plan.errors] == [
        (4, "given_name"),
        (4, "gender"),
        (4, "functions"),
    ]


@pytest.mark.django_db
def test_an_export_imports_back_unchanged():
    headers, rows = imports.export_contacts()
    plan = imports.plan_contacts(read_table("contacts.csv", write_csv(headers, rows)))
    assert plan.errors == []
    assert {row.action for row in plan.rows} == {"unchanged"}
    assert len(plan.rows) == Person.objects.filter(parliament__isnull=False).count()


@pytest.mark.django_db
def test_xlsx_upload_is_read_with_line_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ISO3", "Name_EN"])
    sheet.append(["NPL", "Federal Parliament of Nepal"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = imports.plan_parliaments(read_table("p.xlsx", buffer.getvalue()))
    assert [(row.line, row.key, row.action) for row in plan.rows] == [(2, "NPL", "update")]


def test_exports_neutralise_spreadsheet_formulas():
    content = write_csv(["name"], [['=HYPERLINK("http://evil")'], ["+1"], ["Plain"]]).decode("utf-8-sig")
    assert content.splitlines() == ["name", '"\'=HYPERLINK(""http://evil"")"', "'+1", "Plain"]


@pytest.mark.django_db
def test_the_back_office_previews_then_applies(client, secretariat):
    client.force_login(secretariat)
    upload = io.BytesIO(b"iso3,name_en\nNPL,Federal Parliament of Nepal\n")
    upload.name = "parliaments.csv"
    preview = client.post("/en/admin/directory/parliament/import/", {"file": upload})
    assert preview.status_code == 200
    assert preview.context["summary"] == {"create": 0, "update": 1, "unchanged": 0}
    assert Parliament.objects.get(country__iso3="NPL").name.get("en") == "Parliament of Nepal"
    response = client.post("/en/admin/directory/parliament/import/", {"apply": "1"})
    assert response.status_code == 302
    assert Parliament.objects.get(country__iso3="NPL").name.get("en") == "Federal Parliament of Nepal"


@pytest.mark.django_db
def test_the_back_office_says_what_is_wrong_with_a_bad_file(client, secretariat):
    client.force_login(secretariat)
    upload = io.BytesIO(b"\xff\xfe\x00garbage")
    upload.name = "parliaments.csv"
    response = client.post("/en/admin/directory/parliament/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."]
    }


@pytest.mark.django_db
def test_the_back_office_exports_xlsx(client, secretariat):
    client.force_login(secretariat)
    response = client.get("/en/admin/directory/parliament/export/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(imports.PARLIAMENT_COLUMNS)
    assert len(rows) == 1 + Parliament.objects.count()


@pytest.mark.django_db
def test_the_back_office_exports_text_stored_with_control_characters(client, secretariat):
    Parliament.objects.filter(country__iso3="JPN").update(name={"en": "National\x0b Diet\x1b"})
    client.force_login(secretariat)
    url = "/en/admin/directory/parliament/export/"
    workbook = client.get(url, {"format": "xlsx"})
    rows = {
        row[0]: row for row in load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True)
    }
    table = read_table("p.csv", client.get(url, {"format": "csv"}).content)
    japan = dict(zip(imports.PARLIAMENT_COLUMNS, rows["JPN"], strict=True))
    assert (
        japan["name_en"],
        [values["name_en"] for _line, values in table.rows if values["iso3"] == "JPN"],
    ) == (
        "National Diet",
        ["National Diet"],
    )
