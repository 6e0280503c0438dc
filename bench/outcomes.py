"""Output document: a 200-paragraph document with 5,000 comments.

Measures, in the same run, each against a baseline doing the same work the simplest way:
  - the delegates' page of a version (paragraphs, provenance, comment counts and the latest three
    comments of each paragraph, amendments, the secretariat's forms) through the full Django stack,
    against a bare template printing the paragraphs and every comment fetched in two queries (what
    the page showed until it collapsed comments), alternating for 12 rounds;
  - the diff of two versions (paragraph level and word level), against difflib.unified_diff of
    the same two texts as lines;
  - the PDF export, against a bare WeasyPrint render of the same HTML.

    .venv/bin/python bench/outcomes.py            # 200 paragraphs, 5,000 comments
    .venv/bin/python bench/outcomes.py --quick    # 50 paragraphs, 1,000 comments
    .venv/bin/python bench/outcomes.py --page     # the page only
    .venv/bin/python bench/outcomes.py --profile  # a profile of the page
Uses a throw-away SQLite database in a temporary folder.
"""

import argparse
import cProfile
import difflib
import tempfile

import _harness as harness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 paragraphs, 1,000 comments")
    parser.add_argument("--page", action="store_true", help="measure the delegates' page only")
    parser.add_argument(
        "--profile", action="store_true", help="print a profile of the delegates' page and stop"
    )
    args = parser.parse_args()
    paragraphs, comments, repeat = (50, 1000, 3) if args.quick else (200, 5000, 5)
    rounds = 4 if args.quick else 12

    harness.start_django(tempfile.mkdtemp(prefix="plenary-bench-outcomes-"))
    harness.keep_one_connection()
    from django.db import connection
    from django.template import Context, Template
    from django.template.loader import render_to_string
    from django.utils import translation

    from plenary.core.models import Role
    from plenary.core.pdf import html_to_pdf
    from plenary.core.testing import SecondFactorClient, make_user
    from plenary.events import demo as events_demo
    from plenary.outcomes import exporters, selectors
    from plenary.outcomes.diff import diff_paragraphs
    from plenary.outcomes.models import Comment
    from plenary.outcomes.tests.factories import edit_some, large_document

    track = events_demo.load()
    staff = make_user("bench-secretariat@example.org", Role.SECRETARIAT)
    print(f"building a document of {paragraphs} paragraphs with {comments:,} comments ...")
    document, first = large_document(track=track, actor=staff, paragraphs=paragraphs, comments=comments)
    second = edit_some(document=document, actor=staff)

    client = SecondFactorClient()  # a secretariat login includes its second factor
    client.force_login(staff)
    url = f"/en/{track.slug}/outcome/v{first.number}/"
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        response = client.get(url)
        assert response.status_code == 200, (response.status_code, response.get("Location"))
    if args.profile:
        cProfile.runctx("client.get(url)", globals(), {"client": client, "url": url}, sort="cumulative")
        return
    bare = Template(
        "{% for row in rows %}<p>{{ row.number }}. {{ row.text.en }}</p>{% endfor %}"
        "{% for comment in comments %}<p>{{ comment.0 }}: {{ comment.1 }}</p>{% endfor %}"
    )

    def baseline_page():
        rows = list(first.paragraphs.order_by("number").only("number", "text"))
        texts = list(Comment.objects.filter(paragraph_version__version=first).values_list("stance", "text"))
        bare.render(Context({"rows": rows, "comments": texts}))

    times = harness.medians(
        harness.alternate(rounds, {"page": lambda: client.get(url), "bare": baseline_page})
    )
    page, page_base = times["page"], times["bare"]
    print(f"page of version 1: {len(queries)} queries")
    print(f"{'measure':<34}{'plenary':>12}{'baseline':>12}{'ratio':>8}")
    results = [("delegates' page (latest comments)", page, page_base)]
    if args.page:
        report(results)
        return

    def sides():
        return [
            [
                (row.paragraph_id, row.number, row.text.get("en", ""))
                for row in version.paragraphs.order_by("number")
            ]
            for version in (first, second)
        ]

    def plenary_diff():
        diff_paragraphs(*sides())

    def baseline_diff():
        old, new = sides()
        list(difflib.unified_diff([text for *_key, text in old], [text for *_key, text in new], lineterm=""))

    times = harness.medians(harness.alternate(repeat, {"plenary": plenary_diff, "difflib": baseline_diff}))
    diff_time, diff_base = times["plenary"], times["difflib"]

    rows = selectors.paragraphs(second)
    context = {
        "version": second,
        "document": document,
        "languages": [{"code": "en", "direction": "ltr"}],
        "sections": exporters.document_view(second, rows, ["en"]),
        "columns": 1,
    }
    with translation.override("en"):
        html = render_to_string("outcomes/pdf.html", context)
    pdf_repeat = max(1, repeat // 2)
    html_to_pdf(html)  # WeasyPrint's first run loads the fonts; neither measure should pay for it
    times = harness.medians(
        harness.alternate(
            pdf_repeat, {"plenary": lambda: exporters.pdf(second, ["en"]), "bare": lambda: html_to_pdf(html)}
        )
    )
    pdf_time, pdf_base = times["plenary"], times["bare"]

    report(
        [*results, ("diff of two versions", diff_time, diff_base), ("PDF export (en)", pdf_time, pdf_base)]
    )


def report(results) -> None:
    for name, ours, base in results:
        print(f"{name:<34}{ours * 1000:>10.1f}ms{base * 1000:>10.1f}ms{ours / base:>8.2f}")


if __name__ == "__main__":
    main()
