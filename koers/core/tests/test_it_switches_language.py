"""Dutch by default; the language form in the header switches the whole site to English."""


def test_it_speaks_dutch_by_default(client, db):
    html = client.get("/organisaties").content.decode()
    assert '<html lang="nl"' in html
    assert "Organisatieregister" in html


def test_it_switches_to_english_and_back(client, db):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/organisaties?soort=gemeente"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/organisaties?soort=gemeente"

    html = client.get("/organisaties").content.decode()
    assert '<html lang="en"' in html
    assert "Organisation register" in html
    assert "Skip to content" in html
    assert '<option value="en" lang="en" selected>' in html

    client.post("/i18n/setlang/", {"language": "nl", "next": "/organisaties"})
    assert "Organisatieregister" in client.get("/organisaties").content.decode()


def test_it_stays_dutch_whatever_the_browser_prefers(client, db):
    # Dutch first: only the language switch changes the language, not Accept-Language.
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="nl"' in response.content.decode()
    assert response.headers["Content-Language"] == "nl"


def test_it_stays_on_the_site_after_switching(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"
