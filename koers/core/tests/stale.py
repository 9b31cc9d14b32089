"""Two browsers on one form: load it, let a colleague save, submit what was loaded.

`form_data` reads a page's form as a browser would submit it (without JavaScript), so a test
sends exactly what the loaded page carried, token included.
"""

from html import escape
from html.parser import HTMLParser

from ..concurrency import TOKEN


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "on": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["on"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self._form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["on"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self._form["fields"].extend((self._select["name"], v) for v in chosen)
            self._select = None


def form_data(response, action: str | None = None) -> dict[str, list[str] | str]:
    """The fields of the page's form that carries a loaded-state token (or posts to `action`),
    as the browser would send them: one value per name, or a list for several."""
    parser = _Forms()
    parser.feed(response.content.decode())
    candidates = [
        f
        for f in parser.forms
        if (action is None or f["action"] == action)
        and any(name.endswith(TOKEN) for name, _v in f["fields"])
    ]
    assert candidates, "no form with a loaded-state token on the page"
    data: dict[str, list[str]] = {}
    for name, value in candidates[0]["fields"]:
        data.setdefault(name, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in data.items()}


def assert_refuses_lost_update(client, url, *, colleague, edit, kept, typed, action=None):
    """Load the form at `url`; `colleague()` saves a change; the loaded form, changed by
    `edit(data)`, is sent: 409, `kept()` still true, `typed` shown (beside the stored text).
    The form as the 409 page shows it carries the new state: sending it overwrites, on purpose.
    Returns the 409 response."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page, action)
    colleague()
    edit(data)
    target = action or url
    refused = client.post(target, data)
    assert refused.status_code == 409, refused.status_code
    assert kept(), "the stale form overwrote the colleague's save"
    html = refused.content.decode()
    assert escape(typed) in html, "what was typed is not shown again"
    assert "Nu opgeslagen" in html
    again = form_data(refused, action)
    assert client.post(target, again).status_code in (301, 302, 303)
    assert not kept(), "the deliberate second save did not overwrite"
    return refused
