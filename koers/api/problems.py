from rest_framework.views import exception_handler


def problem_exception_handler(exc, context):
    """Turn DRF errors into RFC 9457 problem details (application/problem+json)."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    problem = {
        "type": "about:blank",
        "title": getattr(exc, "default_detail", str(exc)),
        "status": response.status_code,
    }
    if isinstance(detail, dict) and "detail" in detail:
        problem["detail"] = str(detail["detail"])
    else:
        problem["invalidParams"] = detail
    response.data = problem
    response.content_type = "application/problem+json"
    return response
