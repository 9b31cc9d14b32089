"""Locust users for the load test of the production profile (run by benchmarks/bench_load.py).

Four kinds of visitor, as a consultation sees them:

- readers (anonymous): the agenda, a version, its response report, the API lists;
- reviewers: log in with an e-mail link (the real two-step link page), open a paragraph and
  post a reaction, look at their profile;
- the office: logs in with the login form, filters the contribution list, opens a
  contribution and records what was done with it (the disposition form);
- one office user who starts an analysis of the new input a third into the run and downloads
  the response report's PDF while it works, then follows its progress.

The plan (programme, versions, paragraphs, one-time login links) is written by bench_load.py
to the JSON file named by KOERS_LOAD_PLAN. Think times are those of people reading pages.
"""

import json
import os
import random
import re
import time
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["KOERS_LOAD_PLAN"]).read_text(encoding="utf-8"))
SLUG = PLAN["slug"]
PROGRAMME = f"/programmas/{SLUG}"
SEARCH_WORDS = ("digitaal", "privacy", "gemeente", "data", "burger", "toegankelijk")
_links = count()
_desks = count()
DESKS = 8  # at least as many as office users


class _Forms(HTMLParser):
    """The forms of a page: their action, their fields' names, and the values a browser would
    send unchanged (hidden fields, the checked or first radio button of each group)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "names": set(), "fields": {}})
            return
        name = attrs.get("name")
        if not self.forms or tag not in ("input", "textarea", "select") or not name:
            return
        form, kind = self.forms[-1], attrs.get("type", "text")
        form["names"].add(name)
        first_or_checked = name not in form["fields"] or "checked" in attrs
        if kind == "hidden" or (kind == "radio" and first_or_checked):
            form["fields"][name] = attrs.get("value", "")


def form_with(html: str, field: str | None = None) -> dict:
    """The values of the first form on the page with `field`; without it, of the first form
    that posts to the page itself (the language menu and the logout button post elsewhere)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if (field in form["names"]) if field else not form["action"]:
            return dict(form["fields"])
    raise LookupError(f"no form with {field or 'no action'}")


def behind_a_proxy(user: HttpUser) -> None:
    """One connection per request, as gunicorn sees it behind nginx (whose default towards the
    app server is HTTP/1.0 without keep-alive). Keeping idle connections open from here would
    race gunicorn's 2-second keep-alive: a request sent just as it closes one is reset."""
    user.client.headers["Connection"] = "close"


def checked(response, *, ending: str = "") -> bool:
    """Mark a response failed unless it is a 200 (after redirects) at the expected address."""
    if response.status_code != 200:
        response.failure(f"{response.status_code} at {response.url}")
        return False
    if ending and not re.search(ending, response.url):
        response.failure(f"landed on {response.url}, expected {ending}")
        return False
    response.success()
    return True


class Reader(HttpUser):
    """An anonymous visitor: the agenda and the open data API."""

    weight = 16
    wait_time = between(1, 5)

    def on_start(self):
        behind_a_proxy(self)

    @task(4)
    def agenda(self):
        self.client.get(f"{PROGRAMME}/agenda", name="agenda")

    @task(4)
    def version(self):
        self.client.get(f"{PROGRAMME}/agenda/{PLAN['draft']}", name="agenda version (draft)")

    @task(1)
    def report(self):
        self.client.get(
            f"{PROGRAMME}/versies/{PLAN['adopted']}/reactienota", name="response report (page)"
        )

    @task(3)
    def api_contributions(self):
        self.client.get(
            f"/api/v1/programmes/{SLUG}/contributions",
            params={"pageSize": 50},
            name="API contributions",
        )

    @task(2)
    def api_versions(self):
        self.client.get(f"/api/v1/programmes/{SLUG}/versions", name="API versions")

    @task(2)
    def api_themes(self):
        self.client.get(f"/api/v1/programmes/{SLUG}/themes", name="API themes")


class Reviewer(HttpUser):
    """A reader-reviewer who logs in with a mailed link and reacts to paragraphs."""

    weight = 8
    wait_time = between(5, 15)

    def on_start(self):
        behind_a_proxy(self)
        link = PLAN["login_links"][next(_links) % len(PLAN["login_links"])]
        page = self.client.get(link, name="reviewer login link")
        fields = form_with(page.text)
        with self.client.post(
            link, data=fields, name="reviewer login (post)", catch_response=True
        ) as response:
            checked(response, ending=r"/meelezen/profiel$")

    @task(3)
    def react(self):
        anchor = random.choice(PLAN["paragraphs"])
        url = f"{PROGRAMME}/agenda/{PLAN['draft']}/alinea/{anchor}/reageren"
        page = self.client.get(url, name="reaction form")
        if page.status_code != 200:
            return
        fields = form_with(page.text, "stance")
        fields.update(
            stance=random.choice(("eens", "zorg", "suggestie")),
            text=f"Reactie uit de belastingtest: {random.choice(SEARCH_WORDS)} "
            f"verdient meer aandacht in deze alinea ({random.randint(1, 10**6)}).",
        )
        time.sleep(random.uniform(2, 6))  # typing
        with self.client.post(url, data=fields, name="reaction (post)", catch_response=True) as r:
            checked(r, ending=r"/meelezen/profiel$")

    @task(1)
    def profile(self):
        self.client.get(f"{PROGRAMME}/meelezen/profiel", name="reviewer profile")


def office_login(user: HttpUser):
    behind_a_proxy(user)
    page = user.client.get("/inloggen", name="login form")
    fields = form_with(page.text, "username")
    fields.update(username=PLAN["office"], password=PLAN["password"])
    with user.client.post("/inloggen", data=fields, name="login (post)", catch_response=True) as r:
        if checked(r) and "/inloggen" in r.url:
            r.failure("still on the login page")


class Office(HttpUser):
    """The programme office: filters the input and records what was done with it."""

    weight = 7
    wait_time = between(2, 8)

    def on_start(self):
        office_login(self)
        self.seen = []
        # Each person at the office takes their own share of the input (by number), as
        # colleagues do: two people deciding on one contribution at the same moment get the
        # conflict page (409, koers/core/concurrency.py), which is right but not the load.
        self.desk = next(_desks) % DESKS

    @task(3)
    def filter_list(self):
        params = random.choice(
            (
                {"kanaal": "meelezer"},
                {"soort": "zorg"},
                {"zoek": random.choice(SEARCH_WORDS)},
                {"kanaal": "ronde-tafel", "soort": "suggestie"},
                {},
            )
        )
        page = self.client.get(f"{PROGRAMME}/inbreng", params=params, name="contribution list")
        found = re.findall(rf"{PROGRAMME}/inbreng/(\d+)\"", page.text)
        if found:
            self.seen = found

    @task(2)
    def open_contribution(self):
        if self.seen:
            pk = random.choice(self.seen)
            self.client.get(f"{PROGRAMME}/inbreng/{pk}", name="contribution")

    @task(2)
    def dispose(self):
        if not self.seen:
            return
        share = [pk for pk in self.seen if int(pk) % DESKS == self.desk]
        if not share:
            return
        url = f"{PROGRAMME}/inbreng/{random.choice(share)}/verwerking"
        page = self.client.get(url, name="disposition form")
        if page.status_code != 200:
            return
        fields = form_with(page.text, "outcome")
        fields.update(
            outcome=random.choice(("overgenomen", "deels", "al-verwerkt")),
            reason="Besproken in het programmabureau; verwerkt in de volgende versie.",
        )
        time.sleep(random.uniform(2, 5))  # reading and deciding
        with self.client.post(
            url, data=fields, name="disposition (post)", catch_response=True
        ) as r:
            checked(r, ending=r"/verwerking$")

    @task(1)
    def processing(self):
        self.client.get(f"{PROGRAMME}/verwerking", name="processing overview")


class Analyst(HttpUser):
    """One office user: an analysis of the new input, and the response report's PDF meanwhile."""

    fixed_count = 1
    wait_time = between(2, 4)

    def on_start(self):
        office_login(self)
        self.started = time.monotonic()
        self.run_url = None

    @task
    def step(self):
        elapsed = time.monotonic() - self.started
        if self.run_url is None:
            if elapsed < PLAN["run_time"] / 3:
                self.client.get(f"{PROGRAMME}/themas", name="themes")
                return
            page = self.client.get(f"{PROGRAMME}/themas", name="themes")
            fields = form_with(page.text, "mode")
            fields["mode"] = "nieuw"
            with self.client.post(
                f"{PROGRAMME}/analyses",
                data=fields,
                name="analysis start (post)",
                catch_response=True,
            ) as r:
                if checked(r, ending=r"/analyses/\d+$"):
                    self.run_url = r.url.replace(self.host, "")
            # In the middle of the analysis: the response report as PDF.
            with self.client.get(
                f"{PROGRAMME}/versies/{PLAN['adopted']}/reactienota.pdf",
                name="response report (PDF)",
                catch_response=True,
            ) as r:
                if checked(r) and not r.content.startswith(b"%PDF"):
                    r.failure("not a PDF")
        else:
            self.client.get(self.run_url, name="analysis progress")


@events.quitting.add_listener
def _summary(environment, **kwargs):
    environment.process_exit_code = 1 if environment.stats.total.num_failures else 0
