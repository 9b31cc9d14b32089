"""Document in the OpenAPI description what every operation shares, as the NL API Design Rules ask.

The headers and error responses are added by middleware and the exception handler rather than by
each view, so drf-spectacular cannot see them; this post-processing hook adds them in one place.
"""

HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}


def ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


HEADERS = {
    "API-Version": {
        "description": "The full version of the API that answered (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": "1.0.0"},
    },
    "Link": {
        "description": 'Links to the first, previous, next and last page (RFC 8288): `<url>; rel="next"`.',
        "schema": {"type": "string"},
    },
    "X-Total-Count": {
        "description": "The number of items in the whole collection, over all pages.",
        "schema": {"type": "integer", "minimum": 0},
    },
}

SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "Problem details (RFC 9457).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {
                "type": "string",
                "format": "uri-reference",
                "description": "What kind of problem; `about:blank` means the status says it all.",
                "example": "about:blank",
            },
            "title": {"type": "string", "description": "The HTTP status phrase."},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string", "description": "What went wrong in this request."},
            "instance": {
                "type": "string",
                "format": "uri-reference",
                "description": "The path and query of the request.",
            },
            "invalidParams": {
                "type": "array",
                "description": "Only for 400: each parameter that was not accepted.",
                "items": ref("schemas", "InvalidParam"),
            },
            "mergedInto": {
                "type": "integer",
                "description": "Only for a theme that was merged: the id of the theme it is now part of.",
            },
        },
    },
    "InvalidParam": {
        "type": "object",
        "required": ["name", "code", "reason"],
        "properties": {
            "name": {"type": "string", "description": "The parameter, as named in the request."},
            "code": {"type": "string", "description": "A stable code for the kind of error."},
            "reason": {"type": "string", "description": "Why it was not accepted."},
        },
    },
}


def problem_response(description: str, example: dict) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": ref("schemas", "Problem"), "example": example}
        },
    }


RESPONSES = {
    "BadRequest": problem_response(
        "A query parameter is malformed or names something that does not exist.",
        {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": "Een of meer parameters zijn ongeldig.",
            "instance": "/api/v1/organisations?validOn=26-06-2015",
            "invalidParams": [
                {
                    "name": "validOn",
                    "code": "invalid",
                    "reason": "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2015-06-26.",
                }
            ],
        },
    ),
    "NotFound": problem_response(
        "There is no such resource (or no such page of the collection).",
        {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "Niet gevonden.",
            "instance": "/api/v1/organisations/gm9999",
        },
    ),
    "InternalServerError": problem_response(
        "Something went wrong on the server; the response says nothing about the cause.",
        {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "Er ging iets mis aan onze kant.",
            "instance": "/api/v1/organisations",
        },
    ),
}


def is_paginated(operation: dict) -> bool:
    return any(
        parameter.get("in") == "query" and parameter.get("name") == "page"
        for parameter in operation.get("parameters", [])
    )


def document_shared_behaviour(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("headers", {}).update(HEADERS)
    components.setdefault("schemas", {}).update(SCHEMAS)
    components.setdefault("responses", {}).update(RESPONSES)

    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if status.startswith(("2", "3")):
                    headers = response.setdefault("headers", {})
                    headers["API-Version"] = ref("headers", "API-Version")
                    if is_paginated(operation):
                        headers["Link"] = ref("headers", "Link")
                        headers["X-Total-Count"] = ref("headers", "X-Total-Count")
            if operation.get("parameters"):
                responses.setdefault("400", ref("responses", "BadRequest"))
                responses.setdefault("404", ref("responses", "NotFound"))
            responses.setdefault("500", ref("responses", "InternalServerError"))
    return result
