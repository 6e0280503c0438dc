from plenary.queries import services


def ask(
    track,
    *,
    user=None,
    email="visitor@example.org",
    language="en",
    category="visa",
    body="When?",
    attachment=None,
):
    from django.contrib.auth.models import AnonymousUser

    return services.ask(
        track=track,
        user=user or AnonymousUser(),
        name="Layla Visitor",
        email=email,
        language=language,
        category=category,
        body=body,
        attachment=attachment,
    )
