from plenary.api import services


class TokenRequestLogMiddleware:
    """Every request made with a valid token is logged, whatever its answer (429s included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            services.log_request(
                token=token, method=request.method, path=request.get_full_path(), status=response.status_code
            )
        return response
