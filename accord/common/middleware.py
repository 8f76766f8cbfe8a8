"""Keep the API's promise that every error is problem+json, even for paths and methods the
API router never reaches (unknown paths, DELETE on a record that can only be archived)."""

from accord.common.api import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/v1/"


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code in (404, 405)
            and not response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            if response.status_code == 404:
                return problem_response(404, f"There is nothing at {request.path}.")
            allowed = response.get("Allow", "")
            return problem_response(
                405,
                f"{request.method} is not allowed here. Records are archived, never deleted."
                if request.method == "DELETE"
                else f"{request.method} is not allowed here.",
                headers={"Allow": allowed} if allowed else None,
            )
        return response
