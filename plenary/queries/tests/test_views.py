import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from plenary.core.models import AuditEntry
from plenary.queries import links
from plenary.queries.models import Query, ReplyTemplate
from plenary.queries.tests.factories import ask

ASK = reverse("queries:ask", kwargs={"track": "igf2023-pt"})


def data(**overrides):
    return {"name": "Layla", "email": "layla@example.org", "category": "visa", "body": "When?"} | overrides


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "letter.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def test_a_visitor_asks_in_arabic_with_a_pdf_and_lands_on_the_threads_link(client, igf_track):
    response = client.post(
        reverse("queries:ask", kwargs={"track": "igf2023-pt"}).replace("/en/", "/ar/"),
        data(body="متى؟", attachment=pdf()),
    )
    query = Query.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/igf2023-pt/query/")
    assert (query.language, query.category, query.asker_email) == ("ar", "visa", "layla@example.org")
    message = query.messages.get()
    assert (message.body, message.attachment_filename, message.attachment.read()[:5]) == (
        "متى؟",
        "letter.pdf",
        b"%PDF-",
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()


def test_an_attachment_that_is_not_what_it_claims_is_refused(client, igf_track):
    fake = SimpleUploadedFile("photo.png", b"not an image at all", "image/png")
    response = client.post(ASK, data(attachment=fake))
    assert response.status_code == 200
    assert "The attachment must be a PDF document or a PNG or JPEG image." in response.content.decode()
    assert Query.objects.count() == 0


def test_an_attachment_over_the_limit_is_refused(client, igf_track, monkeypatch):
    from plenary.queries import attachments

    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    response = client.post(ASK, data(attachment=pdf()))
    assert "The attachment is larger than 5 MB." in response.content.decode()
    assert Query.objects.count() == 0


def test_asking_is_rate_limited_per_address(client, igf_track, settings):
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"ask_secretariat": "2/h/ip"}
    assert [client.post(ASK, data()).status_code for _ in range(3)] == [302, 302, 429]
    assert Query.objects.count() == 2


def test_a_logged_in_focal_point_is_known_and_reaches_the_thread_through_its_pages(
    client, igf_track, focal_point
):
    client.force_login(focal_point)
    response = client.post(ASK, {"name": "Focal", "category": "registration", "body": "Help"})
    query = Query.objects.get()
    assert response["Location"] == f"/en/igf2023-pt/queries/{query.pk}/"
    assert query.asker == focal_point
    listing = client.get(reverse("queries:my_threads", kwargs={"track": "igf2023-pt"}))
    assert f"/en/igf2023-pt/queries/{query.pk}/" in listing.content.decode()
    client.post(response["Location"], {"body": "More."})
    assert [message.body for message in query.messages.all()] == ["Help", "More."]


def test_the_visitor_replies_through_the_link(igf_track):
    query = ask(igf_track)
    url = reverse("queries:by_link", kwargs={"track": "igf2023-pt", "token": links.query_token(query)})
    assert Client().post(url, {"body": "Also this."}).status_code == 302
    assert [message.body for message in query.messages.all()] == ["When?", "Also this."]


def test_the_secretariat_filters_assigns_answers_from_a_template_and_closes(client, igf_track, staff):
    visa = ask(igf_track, language="es", category="visa")
    ask(igf_track, category="funding")
    template = ReplyTemplate.objects.create(name="Visa", language="es", body="La carta de visado está lista.")
    ReplyTemplate.objects.create(name="Visa", language="en", body="The visa letter is ready.")
    client.force_login(staff)
    listing = client.get(
        reverse("queries:secretariat_list", kwargs={"track": "igf2023-pt"}), {"category": "visa"}
    )
    assert [query.pk for query in listing.context["threads"]] == [visa.pk]
    url = reverse("queries:secretariat_thread", kwargs={"track": "igf2023-pt", "pk": visa.pk})
    page = client.get(url, {"template": template.pk})
    assert page.context["form"]["body"].value() == "La carta de visado está lista."
    assert [t.language for t in page.context["templates"]] == ["es"]
    client.post(url, {"action": "assign", "assignee": staff.pk})
    client.post(url, {"action": "answer", "body": "La carta de visado está lista.", "status": "answered"})
    client.post(url, {"action": "status", "status": "closed"})
    visa.refresh_from_db()
    assert (visa.assignee, visa.status, visa.messages.count()) == (staff, "closed", 2)
    listing = client.get(
        reverse("queries:secretariat_list", kwargs={"track": "igf2023-pt"}), {"assignee": str(staff.pk)}
    )
    assert [query.pk for query in listing.context["threads"]] == [visa.pk]
    assert AuditEntry.objects.filter(target_id=str(visa.pk), action="queries.assigned").count() == 1


def test_an_unknown_secretariat_action_or_bad_status_is_not_a_500(client, igf_track, staff):
    query = ask(igf_track)
    client.force_login(staff)
    url = reverse("queries:secretariat_thread", kwargs={"track": "igf2023-pt", "pk": query.pk})
    assert client.post(url, {"action": "explode"}).status_code == 404
    assert client.post(url, {"action": "status", "status": "lost"}).status_code == 302
    assert client.post(url, {"action": "assign", "assignee": "²"}).status_code == 302
    query.refresh_from_db()
    assert (query.status, query.assignee) == ("open", None)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_the_form_speaks_each_language_and_arabic_is_right_to_left(client, igf_track, language):
    page = client.get(ASK.replace("/en/", f"/{language}/")).content.decode()
    assert (f'dir="{"rtl" if language == "ar" else "ltr"}"') in page
    assert 'id="ask-form"' in page


def test_the_track_pages_footer_links_to_the_contact_form_and_the_secretariats_menu_to_the_list(
    client, igf_track, staff
):
    page = client.get("/en/igf2023-pt/").content.decode()
    assert f'<a href="{ASK}" id="contact-the-secretariat">' in page
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    page = client.get("/en/igf2023-pt/").content.decode()
    assert '<a href="/en/igf2023-pt/secretariat/queries/">Queries</a>' in page
    assert '<a href="/en/igf2023-pt/queries/">My queries</a>' in page


def image() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (30, 30)).save(out, format="JPEG")
    return SimpleUploadedFile("scan.jpg", out.getvalue(), "image/jpeg")


def test_the_visitor_downloads_an_attachment_of_its_thread_only(igf_track):
    query = ask(igf_track)
    other = ask(igf_track)
    Client().post(
        reverse("queries:by_link", kwargs={"track": "igf2023-pt", "token": links.query_token(query)}),
        {"body": "Scan", "attachment": image()},
    )
    mine = query.messages.last()
    token = links.query_token(query)
    url = reverse(
        "queries:attachment_by_link", kwargs={"track": "igf2023-pt", "token": token, "message": mine.pk}
    )
    assert Client().get(url).status_code == 200
    other_token = links.query_token(other)
    stolen = reverse(
        "queries:attachment_by_link", kwargs={"track": "igf2023-pt", "token": other_token, "message": mine.pk}
    )
    assert Client().get(stolen).status_code == 404


def test_a_logged_in_asker_and_its_focal_point_open_the_attachment_and_nobody_else(
    client, igf_track, focal_point, other_focal_point, two_parliaments
):
    from plenary.core.models import Role
    from plenary.core.testing import make_user

    delegate = make_user("delegate@example.org", Role.DELEGATE, parliament=two_parliaments[0])
    client.force_login(delegate)
    client.post(ASK, {"name": "D", "category": "visa", "body": "Scan", "attachment": image()})
    url = Query.objects.get().messages.get().attachment.url
    assert client.get(url).status_code == 200
    for user, status in ((focal_point, 200), (other_focal_point, 404)):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == status
    assert Client().get(url).status_code == 404


def test_the_demo_has_each_reply_template_in_the_six_languages(db):
    from plenary.queries import demo

    demo.load()
    assert sorted(ReplyTemplate.objects.filter(name="Visa letter").values_list("language", flat=True)) == [
        "ar",
        "en",
        "es",
        "fr",
        "ru",
        "zh-hans",
    ]


def test_the_thread_gives_its_dates_in_the_un_arabic_form(client, igf_track, monkeypatch):
    from datetime import UTC, datetime

    from plenary.queries import services

    monkeypatch.setattr(services, "now", lambda: datetime(2026, 12, 1, 5, 33, tzinfo=UTC))
    thread = client.post(ASK.replace("/en/", "/ar/"), data(body="متى؟"))["Location"]
    page = client.get(thread).content.decode()
    assert '<time datetime="2026-12-01T05:33:00+00:00">1 كانون الأول/ديسمبر 2026 05:33</time>' in page
