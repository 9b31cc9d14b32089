import json

from koers.text import OTHER, ThemeModel
from koers.text.tests.conftest import campaign_copy, contribution


def model_of(analysed) -> ThemeModel:
    return ThemeModel.from_dict(json.loads(json.dumps(analysed.model.to_dict())))


def theme_for(analysed, keyword):
    return next(t["id"] for t in analysed.result["themes"] if keyword in t["keywords"])


def test_it_assigns_new_texts_to_existing_themes(analysed):
    import random

    rng = random.Random(99)
    model = model_of(analysed)
    new = [contribution(rng, "water", 2), contribution(rng, "websites"), "Zzz qqq."]
    got = model.assign(new)
    assert got[0].theme == theme_for(analysed, "dijken")
    assert got[1].theme == theme_for(analysed, "websites")
    assert got[2].theme == OTHER


def test_it_assigns_a_new_copy_to_its_campaign(analysed):
    import random

    model = model_of(analysed)
    got = model.assign([campaign_copy(random.Random(5), "Nieuwe afzender")])[0]
    campaign = analysed.result["campaigns"][0]
    assert got.campaign == campaign["id"]
    members = [i for i in analysed.result["items"] if i["campaign"] == campaign["id"]]
    assert got.theme == members[0]["theme"]


def test_it_keeps_curated_themes(analysed):
    import random

    rng = random.Random(3)
    model = model_of(analysed)
    websites, portals = theme_for(analysed, "websites"), theme_for(analysed, "MijnOverheid")
    model.rename(websites, "Gebruiksvriendelijke websites")
    model.merge([portals], into=websites)
    assert model.theme(websites)["label"] == "Gebruiksvriendelijke websites"
    assert model.assign([contribution(rng, "portalen")])[0].theme == websites
    fresh = model.add_theme("Verkiezingen", ["stembureau verkiezingen stemmen stempas"] * 2)
    assert model.assign(["Het stembureau en de stempas voor de verkiezingen."])[0].theme == fresh
