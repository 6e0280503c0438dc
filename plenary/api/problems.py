"""Errors as problem+json (RFC 9457): a stable `code` for programs, a `title` in the request's language."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    code: str
    detail: str = ""


class ApiProblem(Exception):
    def __init__(self, status: int, code: str, title, detail: str = "", headers: dict | None = None):
        super().__init__(code)
        self.status, self.code, self.title, self.detail = status, code, title, detail
        self.headers = headers or {}


def problem_response(problem: ApiProblem) -> JsonResponse:
    response = JsonResponse(
        {
            "type": f"https://plenary.example.org/problems/{problem.code}",
            "title": str(problem.title),
            "status": problem.status,
            "code": problem.code,
            "detail": str(problem.detail),
        },
        status=problem.status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in problem.headers.items():
        response[name] = value
    return response


def not_found() -> ApiProblem:
    return ApiProblem(404, "not_found", _("Not found."))


def unauthenticated() -> ApiProblem:
    return ApiProblem(
        401, "unauthenticated", _("A valid token is needed."), headers={"WWW-Authenticate": "Bearer"}
    )


def wrong_scope(scope: str) -> ApiProblem:
    return ApiProblem(403, "wrong_scope", _("This token lacks the scope %(scope)s.") % {"scope": scope})


def too_many_requests(seconds: int) -> ApiProblem:
    return ApiProblem(
        429,
        "rate_limited",
        _("Too many requests: try again in %(seconds)s seconds.") % {"seconds": seconds},
        headers={"Retry-After": str(seconds)},
    )


def invalid(detail: str) -> ApiProblem:
    return ApiProblem(422, "invalid", _("The request is not valid."), detail=detail)


ERROR_RESPONSES = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
