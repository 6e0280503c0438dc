"""The pages of a document make the same number of queries whatever its size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.outcomes import services
from plenary.outcomes.tests.factories import large_document


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_queries_per_page_are_the_same_for_20_and_200_paragraphs_with_5000_comments(
    client, igf_track, secretariat
):
    counts = []
    for size in (20, 200):
        document, version = large_document(track=igf_track, actor=secretariat, paragraphs=size, comments=5000)
        client.force_login(secretariat)
        draft = _queries(client, f"/ar/{igf_track.slug}/outcome/v{version.number}/")
        services.close_comments(actor=secretariat, version=version)
        services.adopt_version(actor=secretariat, version=version)
        public = _queries(client, f"/ar/{igf_track.slug}/outcome/")
        counts.append((draft, public))
        _remove(document)
    assert counts[0] == counts[1]
    assert min(counts[0]) > 0


def _remove(document):
    """Clear the document so the next size starts afresh (the test's transaction rolls back anyway)."""
    from plenary.outcomes.models import Comment, Paragraph, ParagraphText, ParagraphVersion, Section, Version

    Comment.objects.filter(paragraph_version__version__document=document).delete()
    ParagraphVersion.objects.filter(version__document=document).delete()
    Version.objects.filter(document=document).delete()
    ParagraphText.objects.filter(paragraph__document=document).delete()
    Paragraph.objects.filter(document=document).delete()
    Section.objects.filter(document=document).delete()
    document.delete()
