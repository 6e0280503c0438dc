import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from plenary.core.models import AuditEntry
from plenary.core.tabular import read_table, write_csv
from plenary.directory import imports
from plenary.directory.models import Function, Parliament, Person


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


def directory_snapshot():
    people = [
        {
            **values,
            "functions": sorted(Person.objects.get(pk=values["id"]).functions.values_list("code", flat=True)),
        }
        for values in Person.objects.order_by("pk").values()
    ]
    return people, list(Parliament.objects.order_by("pk").values())


@pytest.fixture
def awkward_directory():
    """Data an export has to guard or quote: formula look-alikes, quotes, a person without an address."""
    egypt = Parliament.objects.get(country__iso3="EGY")
    egypt.name = egypt.name.as_dict() | {
        "en": 'The "House of Representatives"',
        "fr": "=Chambre ; des députés",
    }
    egypt.postal_address = '1 Magles El Shaab St., "Qasr El Dobara"\nCairo; Egypt'
    egypt.save()
    hassan = Person.objects.create(
        parliament=egypt,
        email="hassan@example.eg",
        given_name="Ahmed",
        family_name="=Hassan",
        honorific="-",
        phone="+20 2 2794 0000",
        preferred_language="ar",
    )
    hassan.functions.set(Function.objects.filter(code="speaker"))
    Person.objects.create(parliament=egypt, given_name="Amal", family_name='Nasser "Om Ali"', phone="@home")
    return egypt


def export_and_import(client, kind, file_format):
    """The back office's export uploaded unchanged: the preview's summary, then the message on applying."""
    model = "parliament" if kind == "parliaments" else "person"
    exported = client.get(f"/en/admin/directory/{model}/export/", {"format": file_format})
    upload = io.BytesIO(exported.content)
    upload.name = f"{kind}.{file_format}"
    preview = client.post(f"/en/admin/directory/{model}/import/", {"file": upload})
    applied = client.post(f"/en/admin/directory/{model}/import/", {"apply": "1"}, follow=True)
    return preview.context["summary"], [str(message) for message in applied.context["messages"]]


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["contacts", "parliaments"])
def test_an_export_imported_unchanged_changes_nothing(
    client, secretariat, awkward_directory, kind, file_format
):
    client.force_login(secretariat)
    count = (
        Person.objects.filter(parliament__isnull=False) if kind == "contacts" else Parliament.objects
    ).count()
    before = directory_snapshot()
    summary, messages = export_and_import(client, kind, file_format)
    assert (summary, messages, directory_snapshot()) == (
        {"create": 0, "update": 0, "unchanged": count},
        [f"Imported: 0 created, 0 updated, {count} unchanged."],
        before,
    )


@pytest.mark.django_db
def test_formula_look_alikes_survive_the_csv_round_trip_exactly(secretariat, awkward_directory):
    content = write_csv(*imports.export_contacts())
    awkward_people = Person.objects.filter(family_name__in=["=Hassan", 'Nasser "Om Ali"'])
    awkward_people.delete()
    plan = imports.apply("contacts", read_table("contacts.csv", content), actor=secretariat)
    assert plan.count("create") == 2
    assert list(
        awkward_people.order_by("given_name").values_list(
            "email", "honorific", "given_name", "family_name", "phone", "preferred_language"
        )
    ) == [
        ("hassan@example.eg", "-", "Ahmed", "=Hassan", "+20 2 2794 0000", "ar"),
        ("", "", "Amal", 'Nasser "Om Ali"', "@home", "en"),
    ]


@pytest.mark.django_db
def test_people_without_an_email_are_created_matched_by_name_and_can_be_given_one(secretariat):
    header = "iso3,email,given_name,family_name,phone\n"
    created = imports.apply(
        "contacts", csv_table(header + "EGY,,Amal,Nasser,+20 100 000 0000\n"), actor=secretariat
    )
    amal = Person.objects.get(parliament__country__iso3="EGY", family_name="Nasser")
    again = imports.plan_contacts(csv_table(header + "EGY,,amal,nasser,+20 100 000 0000\n"))
    imports.apply(
        "contacts",
        csv_table(header + "EGY,amal@example.eg,Amal,Nasser,+20 100 000 0000\n"),
        actor=secretariat,
    )
    amal.refresh_from_db()
    assert (
        [(row.action, row.key) for row in created.rows],
        [(row.action, row.key, row.changes) for row in again.rows],
        (amal.email, amal.phone),
    ) == (
        [("create", "EGY Amal Nasser")],
        [
            (
                "update",
                "EGY amal nasser",
                {"given_name": ["Amal", "amal"], "family_name": ["Nasser", "nasser"]},
            )
        ],
        ("amal@example.eg", "+20 100 000 0000"),
    )


@pytest.mark.django_db
def test_namesakes_without_an_email_are_an_error_on_their_row():
    egypt = Parliament.objects.get(country__iso3="EGY")
    for _ in range(2):
        Person.objects.create(parliament=egypt, given_name="Amal", family_name="Nasser")
    plan = imports.plan_contacts(
        csv_table("iso3,email,given_name,family_name\nEGY,amal@example.eg,Hoda,Nasser\nEGY,,Amal,Nasser\n")
    )
    assert [(error.line, error.column, error.message) for error in plan.errors] == [
        (
            3,
            "family_name",
            "Several people of this parliament match this row; give each an e-mail address first.",
        )
    ]


@pytest.mark.django_db
def test_row_errors_are_in_the_users_language():
    egypt = Parliament.objects.get(country__iso3="EGY")
    for _ in range(2):
        Person.objects.create(parliament=egypt, given_name="Amal", family_name="Nasser")
    with translation.override("ar"):
        plan = imports.plan_contacts(csv_table("iso3,email,given_name,family_name\nEGY,,Amal,Nasser\n"))
    assert [(error.line, error.column, error.message) for error in plan.errors] == [
        (
            2,
            "family_name",
            "يطابق هذا الصف أكثر من شخص واحد من هذا البرلمان؛ أعطِ كلًّا منهم عنوان بريد إلكتروني أولًا.",
        )
    ]
