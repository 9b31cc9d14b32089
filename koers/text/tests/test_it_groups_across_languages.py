"""One theme across languages: texts that say the same thing in Dutch, English, German and
French land in the same theme, and each text's language is detected."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from koers.text import Settings, ThemeSettings, analyse, embeddings
from koers.text.language import detect

# Two topics, each said four times in four languages: trains, and waiting for a doctor.
TRAINS = {
    "nl": [
        "De trein naar mijn werk is elke ochtend te laat.",
        "Er rijden 's avonds bijna geen bussen meer naar ons dorp.",
        "Het fietspad langs de provinciale weg is gevaarlijk smal.",
    ],
    "en": [
        "The train to my work is late every morning.",
        "In the evening almost no buses run to our village any more.",
        "The cycle path along the provincial road is dangerously narrow.",
    ],
    "de": [
        "Der Zug zu meiner Arbeit ist jeden Morgen zu spät.",
        "Abends fahren fast keine Busse mehr in unser Dorf.",
        "Der Radweg an der Landstraße ist gefährlich schmal.",
    ],
    "fr": [
        "Le train pour aller au travail est en retard tous les matins.",
        "Le soir, il n'y a presque plus de bus vers notre village.",
        "La piste cyclable le long de la route départementale est dangereusement étroite.",
    ],
}
DOCTORS = {
    "nl": [
        "Ik wacht al maanden op een afspraak bij de specialist in het ziekenhuis.",
        "Mijn huisarts heeft geen tijd meer voor nieuwe patiënten.",
        "Medicijnen bij de apotheek zijn steeds vaker niet leverbaar.",
    ],
    "en": [
        "I have been waiting for months for an appointment with the specialist at the hospital.",
        "My family doctor no longer has time for new patients.",
        "Medicines at the pharmacy are more and more often unavailable.",
    ],
    "de": [
        "Ich warte seit Monaten auf einen Termin beim Facharzt im Krankenhaus.",
        "Mein Hausarzt hat keine Zeit mehr für neue Patienten.",
        "Medikamente in der Apotheke sind immer öfter nicht lieferbar.",
    ],
    "fr": [
        "J'attends depuis des mois un rendez-vous chez le spécialiste à l'hôpital.",
        "Mon médecin traitant n'a plus de temps pour de nouveaux patients.",
        "Les médicaments à la pharmacie sont de plus en plus souvent indisponibles.",
    ],
}
TEXTS, TRUTH, LANGUAGES = [], [], []
for topic, said in (("trains", TRAINS), ("doctors", DOCTORS)):
    for language, sentences in said.items():
        TEXTS.extend(sentences)
        TRUTH.extend([topic] * len(sentences))
        LANGUAGES.extend([language] * len(sentences))


def test_it_puts_translations_in_one_theme():
    settings = Settings(mode="deep", themes=ThemeSettings(n_themes=2))
    found = [item["theme"] for item in analyse(TEXTS, settings=settings).result["items"]]
    assert adjusted_rand_score(TRUTH, found) == 1.0


def test_it_detects_the_language_of_each_text():
    assert [detect(t) for t in TEXTS] == LANGUAGES


@pytest.mark.parametrize("text", ["", "Ja.", "12345", "OK DigiD"])
def test_it_says_unknown_when_a_text_does_not_tell(text):
    assert detect(text) == ""


def test_translations_are_close_in_the_embedding():
    vectors = embeddings.embed_texts(TEXTS)
    sims = vectors @ vectors.T
    same = np.array(TRUTH)[:, None] == np.array(TRUTH)[None, :]
    # Every text is closer, on average, to the other topic's texts in its own language than
    # ... no: to its own topic in all languages than to the other topic.
    assert (sims[same].mean()) > sims[~same].mean() + 0.2


def test_the_command_groups_by_meaning_by_default(tmp_path, monkeypatch):
    import csv
    import json

    from django.core.management import call_command

    asked = []
    embed = embeddings.embed_texts
    monkeypatch.setattr(
        embeddings, "embed_texts", lambda texts, *a: asked.extend(texts) or embed(texts, *a)
    )
    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["reactie"], *[[t] for t in TEXTS]])
    out = tmp_path / "r.json"
    call_command("analyse", source, text_column="reactie", out=out, themes=2, verbosity=0)
    assert len(asked) == len(TEXTS)
    found = [i["theme"] for i in json.loads(out.read_text("utf-8"))["items"]]
    assert adjusted_rand_score(TRUTH, found) == 1.0
