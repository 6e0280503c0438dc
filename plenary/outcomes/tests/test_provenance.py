import io

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from docx import Document as DocxDocument

from plenary.core.dates import format_date
from plenary.core.testing import make_user, pdf_text
from plenary.outcomes import exporters, selectors, services
from plenary.outcomes.models import MainPoint
from plenary.outcomes.tests import factories
from plenary.programme.models import Speaker


@pytest.fixture
def rapporteur(session_with_rapporteur):
    return session_with_rapporteur.people.get(role="rapporteur").speaker.person.user


def test_a_rapporteur_records_main_points_in_the_sessions_language(session_with_rapporteur, rapporteur):
    session = session_with_rapporteur
    speaker = session.people.get(role="speaker").speaker
    point = services.record_main_point(
        actor=rapporteur, session=session, kind="key_point", text="AI needs rules."
    )
    quote = services.record_main_point(
        actor=rapporteur, session=session, kind="quote", text="“Legislate wisely.”", speaker=speaker
    )
    assert (point.language, point.status, quote.speaker) == ("en", "draft", speaker)
    assert services.submit_main_points(actor=rapporteur, session=session) == 2
    assert set(session.main_points.values_list("status", flat=True)) == {"submitted"}


def test_a_quote_is_attributed_to_a_speaker_of_the_session(session_with_rapporteur, rapporteur, igf_track):

    stranger = Speaker.objects.create(track=igf_track, name="Not in this session")
    with pytest.raises(ValidationError):
        services.record_main_point(
            actor=rapporteur, session=session_with_rapporteur, kind="quote", text="“x”"
        )
    with pytest.raises(ValidationError):
        services.record_main_point(
            actor=rapporteur, session=session_with_rapporteur, kind="quote", text="“x”", speaker=stranger
        )
    assert MainPoint.objects.count() == 0


def test_only_the_sessions_rapporteurs_record_main_points(session_with_rapporteur, delegate):
    with pytest.raises(PermissionDenied):
        services.record_main_point(
            actor=delegate, session=session_with_rapporteur, kind="key_point", text="x"
        )
    with pytest.raises(PermissionDenied):
        services.record_main_point(
            actor=make_user("x@example.org"), session=session_with_rapporteur, kind="key_point", text="x"
        )


def test_the_secretariat_sees_sessions_still_lacking_main_points(
    session_with_rapporteur, rapporteur, igf_track
):
    assert [session.slug for session in selectors.sessions_lacking_main_points(igf_track)] == [
        "roundtable-ai"
    ]
    services.record_main_point(actor=rapporteur, session=session_with_rapporteur, kind="key_point", text="x")
    assert [session.slug for session in selectors.sessions_lacking_main_points(igf_track)] == [
        "roundtable-ai"
    ]
    services.submit_main_points(actor=rapporteur, session=session_with_rapporteur)
    assert list(selectors.sessions_lacking_main_points(igf_track)) == []


def test_provenance_survives_a_new_version(document, session_with_rapporteur, rapporteur, secretariat):
    point = services.record_main_point(
        actor=rapporteur, session=session_with_rapporteur, kind="recommendation", text="Legislate for AI."
    )
    services.submit_main_points(actor=rapporteur, session=session_with_rapporteur)
    paragraph = document.paragraphs.get(texts__text="Parliaments should legislate for AI.")
    services.cite_main_points(actor=secretariat, paragraph=paragraph, main_points=[point])
    first = services.publish_version(actor=secretariat, document=document)
    services.edit_text(
        actor=secretariat, paragraph=paragraph, language="en", text="Parliaments must legislate."
    )
    second = services.publish_version(actor=secretariat, document=document)
    for version in (first, second):
        row = version.paragraphs.get(paragraph=paragraph)
        assert [source.session.slug for source in row.sources.all()] == ["roundtable-ai"]
    assert [
        (row.version.number, row.number)
        for row in selectors.paragraphs_fed_by(session_with_rapporteur, second)
    ] == [(2, 3)]


def test_only_submitted_points_of_the_track_can_be_cited(
    document, session_with_rapporteur, rapporteur, secretariat
):
    point = services.record_main_point(
        actor=rapporteur, session=session_with_rapporteur, kind="key_point", text="x"
    )
    with pytest.raises(ValidationError):
        services.cite_main_points(
            actor=secretariat, paragraph=document.paragraphs.first(), main_points=[point]
        )
    assert document.paragraphs.first().sources.count() == 0


def test_the_public_page_names_each_paragraphs_sessions_and_the_session_page_its_paragraphs(
    client, document, session_with_rapporteur, rapporteur, secretariat
):
    point = services.record_main_point(
        actor=rapporteur, session=session_with_rapporteur, kind="key_point", text="Open Internet."
    )
    services.submit_main_points(actor=rapporteur, session=session_with_rapporteur)
    paragraph = document.paragraphs.get(texts__text="The Internet must stay open.")
    services.cite_main_points(actor=secretariat, paragraph=paragraph, main_points=[point])
    version = services.publish_version(actor=secretariat, document=document)
    services.adopt_version(actor=secretariat, version=version)
    track = document.track.slug
    page = client.get(f"/en/{track}/outcome/").content.decode()
    assert page.count('href="/en/igf2023-pt/programme/sessions/roundtable-ai/"') == 1
    assert 'href="/en/igf2023-pt/programme/sessions/roundtable-ai/" lang="en">Roundtable on AI</a>' in page
    session_page = client.get(f"/en/{track}/outcome/sessions/roundtable-ai/")
    assert [item["row"].number for item in session_page.context["paragraphs"]] == [2]


def test_an_arabic_reader_sees_arabic_punctuation_in_the_version_line_and_between_sessions(
    client, document, session_with_rapporteur, secretariat, igf_track
):
    second, _rapporteur = factories.roundtable_with_rapporteur(
        igf_track,
        slug="roundtable-trust",
        title={"en": "Roundtable on trust, safety", "ar": "مائدة مستديرة حول الثقة والأمان"},
        hour=12,
        rapporteur=("Rima", "r2@example.org"),
    )
    points = []
    for session in (session_with_rapporteur, second):
        rapporteur = session.people.get(role="rapporteur").speaker.person.user
        points.append(
            services.record_main_point(actor=rapporteur, session=session, kind="key_point", text="Open.")
        )
        services.submit_main_points(actor=rapporteur, session=session)
    paragraph = document.paragraphs.get(texts__text="The Internet must stay open.")
    services.cite_main_points(actor=secretariat, paragraph=paragraph, main_points=points)
    version = services.publish_version(actor=secretariat, document=document)
    services.adopt_version(actor=secretariat, version=version)
    version.refresh_from_db()
    with translation.override("ar"):
        adopted = format_date(version.adopted_at)
    page = lxml.html.fromstring(client.get("/ar/igf2023-pt/outcome/").content.decode())
    assert [line.text_content() for line in page.xpath("//p[@class='muted' or @class='provenance']")] == [
        f"الصيغة 1، اعتُمدت في {adopted}.",
        "من الجلسات: مائدة مستديرة حول الذكاء الاصطناعي؛ مائدة مستديرة حول الثقة والأمان",
    ]
    chinese = lxml.html.fromstring(client.get("/zh-hans/igf2023-pt/outcome/").content.decode())
    assert [line.text_content() for line in chinese.xpath("//p[@class='provenance']")] == [
        "来自以下会议： Roundtable on AI；Roundtable on trust, safety"
    ]
    pdf = pdf_text(client.get("/igf2023-pt/outcome.pdf?lang=ar").content)
    sources = [line for line in pdf.splitlines() if "الجلسات" in line]
    assert sources == [
        "\u202bمن الجلسات\u202a :\u202cمائدة مستديرة حول الذكاء الاصطناعي؛"
        " مائدة مستديرة حول الثقة والأمان\u202c"
    ]
    docx = DocxDocument(io.BytesIO(exporters.docx(version, ["ar"])))
    assert [item.text for item in docx.paragraphs if "الجلسات" in item.text] == [
        "من الجلسات: مائدة مستديرة حول الذكاء الاصطناعي؛ مائدة مستديرة حول الثقة والأمان"
    ]
