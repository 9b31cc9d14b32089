"""From a list of contributions to campaigns, themes and common threads, in one call.

`analyse()` returns the result in the documented JSON shape (docs/analyse-json.md) together
with the theme model for assigning later contributions (koers.text.model).
"""

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from koers.text.batches import running_on, slices
from koers.text.campaigns import Campaigns, CampaignSettings, find_campaigns
from koers.text.corpus import Corpus, Progress, build_corpus, no_progress
from koers.text.labels import labels_in_language, main_language, poor_keyword, summary
from koers.text.model import ThemeModel
from koers.text.normalise import (
    fold,
    is_content_word,
    stem_words,
    stopwords,
    strip_letter,
    tokens,
    unaccent,
)
from koers.text.themes import (
    OTHER,
    Features,
    ThemeSettings,
    build_features,
    centroids,
    cluster,
    display_forms,
    embed,
    fit_rows,
    keywords,
    lexical_weight_for,
    nearest,
    normalize,
)
from koers.text.threads import ThemeCoverage, ThreadSettings, coverage

OTHER_LABEL = "Overig"
QUOTE_CHARS = 300


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    campaigns: CampaignSettings = field(default_factory=CampaignSettings)
    threads: ThreadSettings = field(default_factory=ThreadSettings)
    quotes: int = 3
    keywords: int = 8
    # "deep": themes by meaning, from multilingual sentence embeddings of the representatives
    # (koers.text.embeddings), which group texts that say the same thing in other words or
    # another language; what the command line and the office use unless told otherwise
    # (DEFAULT_MODE). "fast": themes from TF-IDF + LSA, no model, for very large runs.
    # Campaigns, labels, keywords, quotes, threads and the theme model are the same in both.
    # The engine's own default stays "fast": a library caller asks for the model explicitly.
    mode: str = "fast"
    # Deep mode: a folder where embeddings of texts are kept between processes (None: only in
    # this process). The caller names it; this package reads no settings.
    cache_dir: str | None = None
    # The language labels and summaries are written in ("nl", "en", ...): the programme's.
    # None: the language most of the texts are in.
    language: str | None = None


MODES = ("fast", "deep")
DEFAULT_MODE = "deep"  # for the command line and the office: themes by meaning


@dataclass
class Analysis:
    result: dict  # the documented JSON shape
    model: ThemeModel
    divisive: list[int]


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """A contribution as it may be quoted: without salutation or signature (no names of
    senders in a report), whitespace collapsed, cut at a word boundary."""
    body = strip_letter(unicodedata.normalize("NFKC", text or ""))
    body = re.sub(r"\s+", " ", body).strip()
    if len(body) <= limit:
        return body
    cut = body.rfind(" ", 0, limit)
    return body[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def analyse(
    texts: Sequence[str],
    ids: Sequence | None = None,
    groups: Sequence[str | None] | None = None,
    settings: Settings | None = None,
    progress: Progress = no_progress,
    executor: Executor | None = None,
) -> Analysis:
    """Campaigns, themes and common threads of `texts` (ids default to 1..n; groups are the
    family or other group of each text, or None). The steps that grow with the number of
    texts run a batch at a time, on `executor` when one is given (koers.text.batches): the
    same result for the same seed."""
    # The matrices here are small enough for one BLAS thread; several threads spin and slow
    # down by an order of magnitude when the machine is busy (web server, task worker, tests).
    # The limit reaches only the BLAS libraries loaded when it is set: SciPy's LAPACK (the SVD
    # and QR of the themes) comes with a BLAS of its own, loaded on first import, so it is
    # loaded first; otherwise a process's first analysis would run it on every core.
    import scipy.linalg  # noqa: F401

    with threadpool_limits(limits=1, user_api="blas"), running_on(executor):
        return _analyse(texts, ids, groups, settings or Settings(), progress)


def _analyse(texts, ids, groups, settings: Settings, progress: Progress) -> Analysis:
    """Campaigns first, then themes among one representative of each campaign and each other
    text, then the result and the model that describe them."""
    ids = _checked_ids(texts, ids, groups, settings)
    corpus = build_corpus(texts, progress)
    camps = find_campaigns(corpus, settings.campaigns, settings.seed, progress)
    grouping = _grouping(groups, len(texts))
    reps = _representatives(corpus, camps, grouping)
    features, themes = _find_themes(texts, corpus, reps, settings, progress)
    progress("uitvoer", 0, 1)
    cover = coverage(
        themes.of_row,
        grouping.of_row,
        grouping.names,
        [*themes.ids, OTHER],
        settings.threads,
    )
    themes_out, model_themes = _describe_themes(
        texts, corpus, reps, features, themes, cover, settings
    )
    campaigns_out, model_campaigns = _describe_campaigns(texts, corpus, camps, reps, themes)
    result = {
        "items": _items(ids, corpus, camps, themes, grouping),
        "themes": themes_out,
        "campaigns": campaigns_out,
        "common_threads": [t["id"] for t in themes_out if t["common_thread"]],
        "divisive": [t for t in themes.ids if cover[t].divisive],
        "groups": grouping.counts(),
    }
    model = ThemeModel(
        terms=features.terms,
        idf=features.idf.tolist(),
        themes=model_themes,
        campaigns=model_campaigns,
        min_similarity=settings.themes.min_similarity,
        campaign_settings=settings.campaigns.__dict__.copy(),
    )
    progress("uitvoer", 1, 1)
    return Analysis(result=result, model=model, divisive=result["divisive"])


def _checked_ids(texts, ids, groups, settings: Settings) -> list:
    """The ids of the texts (1..n unless given), after refusing arguments that do not fit."""
    n = len(texts)
    ids = list(range(1, n + 1)) if ids is None else list(ids)
    if len(ids) != n or (groups is not None and len(groups) != n):
        raise ValueError("texts, ids and groups must have the same length")
    if settings.mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {settings.mode!r}")
    return ids


@dataclass
class _Grouping:
    """The groups (families) the texts came from: names sorted, and per row an index or -1."""

    names: list[str]
    of_row: np.ndarray

    def counts(self) -> dict[str, int]:
        counts = np.bincount(self.of_row[self.of_row >= 0], minlength=len(self.names))
        return {g: int(counts[i]) for i, g in enumerate(self.names)}


def _grouping(groups: Sequence[str | None] | None, n: int) -> _Grouping:
    if groups is None:
        return _Grouping([], np.full(n, -1, dtype=np.int64))
    names = sorted({g for g in groups if g not in (None, "")})
    code = {g: i for i, g in enumerate(names)}
    return _Grouping(
        names, np.asarray([code.get(g, -1) if g else -1 for g in groups], dtype=np.int64)
    )


@dataclass
class _Representatives:
    """One representative per campaign and per other unique text, weighted by its rows: the
    themes are found among these, so a campaign of 4,000 letters weighs but costs one text."""

    unique: np.ndarray  # representative -> its unique text
    of_unique: np.ndarray  # unique text -> its representative
    of_row: np.ndarray  # row -> its representative
    weights: np.ndarray  # representative -> rows it stands for
    # The weights as clustering and keywords use them: a big campaign counts, but not
    # thousands of times.
    damped: np.ndarray
    group: np.ndarray | None  # representative -> the group most of its rows came from


def _representatives(corpus: Corpus, camps: Campaigns, grouping: _Grouping) -> _Representatives:
    leader = np.arange(corpus.n_unique)
    in_campaign = camps.group_of >= 0
    leader[in_campaign] = camps.representatives[camps.group_of[in_campaign]]
    unique, of_unique = np.unique(leader, return_inverse=True)
    weights = np.bincount(of_unique, weights=corpus.multiplicity).astype(np.float64)
    of_row = of_unique[corpus.unique_of]
    group = None
    if grouping.names:
        # The group a representative stands for: the one most of its rows came from.
        tally = np.zeros((len(unique), len(grouping.names)))
        known = grouping.of_row >= 0
        np.add.at(tally, (of_row[known], grouping.of_row[known]), 1)
        group = tally.argmax(axis=1)
    return _Representatives(unique, of_unique, of_row, weights, 1.0 + np.log(weights), group)


@dataclass
class _Themes:
    """The themes of the representatives, numbered for output: ids 1..k by size (rows),
    biggest first; 0 is "other"."""

    labels: np.ndarray  # representative -> cluster, -1 for other
    sims: np.ndarray  # representative -> similarity to its nearest theme
    centres: sparse.csr_matrix  # cluster -> its centroid in TF-IDF space
    k: int  # number of clusters
    size: np.ndarray  # cluster -> rows
    order: np.ndarray  # clusters, biggest first
    theme_id: np.ndarray  # cluster -> theme id
    of_rep: np.ndarray  # representative -> theme id
    of_row: np.ndarray  # row -> theme id

    @property
    def ids(self) -> list[int]:
        return [int(self.theme_id[c]) for c in self.order]


def _find_themes(
    texts, corpus: Corpus, reps: _Representatives, settings: Settings, progress: Progress
) -> tuple[Features, _Themes]:
    """Cluster the representatives, then assign every one to its nearest theme (themes that end
    up too small are dropped)."""
    progress("thema's", 0, 4)
    features = build_features(corpus, reps.unique, reps.weights)
    progress("thema's", 1, 4)
    if settings.mode == "deep" and len(reps.unique) > settings.themes.deep_sample:
        labels, sims, centres = _themes_of_a_sample(
            texts, corpus, reps, features, settings, progress
        )
        progress("thema's", 4, 4)
        return features, _numbered(labels, sims, centres, reps)
    meaning = _meaning(texts, corpus, reps, features, settings, progress)
    z = embed(features, settings.seed, settings.themes) if meaning is None else meaning
    progress("thema's", 2, 4)
    labels = cluster(z, reps.damped, reps.group, settings.themes, settings.seed)
    progress("thema's", 3, 4)
    if meaning is None:
        labels, sims, centres = _assign_to_centroids(
            features, labels, reps.weights, reps.damped, settings.themes
        )
    else:
        labels, sims, centres = _assign_by_meaning(
            features, meaning, labels, reps.weights, reps.damped, settings.themes
        )
    progress("thema's", 4, 4)
    return features, _numbered(labels, sims, centres, reps)


def _themes_of_a_sample(
    texts,
    corpus: Corpus,
    reps: _Representatives,
    features: Features,
    settings: Settings,
    progress: Progress,
) -> tuple[np.ndarray, np.ndarray, sparse.csr_matrix]:
    """Deep mode on more representatives than `deep_sample`: themes by meaning among a sample
    (every campaign first, then at random), the others placed at the nearest of those themes in
    TF-IDF space. Labels, similarities (by meaning in the sample, by words elsewhere) and the
    themes' TF-IDF centroids."""
    rng = np.random.default_rng(settings.seed)
    sample = fit_rows(reps.weights, settings.themes.deep_sample, rng)
    meaning = _meaning(texts, corpus, reps, features, settings, progress, rows=sample)
    progress("thema's", 2, 4)
    group = reps.group[sample] if reps.group is not None else None
    weights, damped = reps.weights[sample], reps.damped[sample]
    labels = cluster(meaning, damped, group, settings.themes, settings.seed)
    progress("thema's", 3, 4)
    part = Features(features.matrix[sample], features.terms, features.idf, features.surface)
    in_sample, sims_in_sample, centres = _assign_by_meaning(
        part, meaning, labels, weights, damped, settings.themes
    )
    best, sims = nearest(features.matrix, centres)
    has_content = np.diff(features.matrix.indptr) > 0
    labels = np.where(has_content & (sims >= settings.themes.min_similarity), best, -1)
    labels[sample] = in_sample
    sims[sample] = sims_in_sample
    return labels, sims, centres


def _meaning(
    texts,
    corpus: Corpus,
    reps: _Representatives,
    features: Features,
    settings: Settings,
    progress: Progress,
    rows: np.ndarray | None = None,
) -> np.ndarray | None:
    """Deep mode: the sentence embeddings of the representatives (of `rows` of them, when
    given), with some of the LSA vector when the settings ask for it; None in fast mode."""
    if settings.mode != "deep":
        return None
    from koers.text.embeddings import embed_texts  # optional package: load only when asked

    rows = np.arange(len(reps.unique)) if rows is None else rows
    # Only representatives are embedded: a campaign of 4,000 letters costs one text.
    embedded = [texts[corpus.first_row[r]] for r in reps.unique[rows]]
    vectors = embed_texts(embedded, progress, settings.cache_dir)
    # Centred: what all texts of a consultation share says nothing about their themes.
    meaning = normalize(vectors - vectors.mean(axis=0))
    lexical = settings.themes.deep_lexical_weight
    if lexical is None:
        lexical = lexical_weight_for(float(np.median([len(t) for t in embedded] or [0])))
    if lexical > 0:
        lsa = embed(features, settings.seed, settings.themes)[rows]
        meaning = normalize(np.hstack([meaning, lexical * lsa]))
    # A text without content words (empty, "zie bijlage") has a vector all the same; it
    # must not sit in a theme's cluster, and goes to "other" as in fast mode.
    meaning[np.diff(features.matrix.indptr)[rows] == 0] = 0.0
    return meaning.astype(np.float32)


def _numbered(labels: np.ndarray, sims: np.ndarray, centres, reps: _Representatives) -> _Themes:
    """Theme ids 1..k by size (rows), biggest first; 0 is "other"."""
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    size = np.bincount(labels[labels >= 0], weights=reps.weights[labels >= 0], minlength=k)
    order = np.lexsort((np.arange(k), -size))
    theme_id = np.zeros(k, dtype=np.int64)
    theme_id[order] = np.arange(1, k + 1)
    of_rep = np.full(len(labels), OTHER, dtype=np.int64)
    of_rep[labels >= 0] = theme_id[labels[labels >= 0]]
    return _Themes(labels, sims, centres, k, size, order, theme_id, of_rep, of_rep[reps.of_row])


def _describe_themes(
    texts,
    corpus: Corpus,
    reps: _Representatives,
    features: Features,
    themes: _Themes,
    cover: dict[int, ThemeCoverage],
    settings: Settings,
) -> tuple[list[dict], list[dict]]:
    """Each theme as the result shows it (label, keywords, size, quotes, coverage) and as the
    model keeps it (id, label, centroid); "other" last, in the result only, when it has rows."""
    top_terms = keywords(
        features, themes.labels, reps.damped, themes.k, n=max(settings.keywords, 12)
    )
    language = settings.language or main_language(texts)
    samples, ranked = [], []
    for c in themes.order:
        members = np.flatnonzero(themes.labels == c)
        best = members[np.lexsort((members, -themes.sims[members]))]
        ranked.append(best)
        sample = [quote(texts[corpus.first_row[reps.unique[m]]], 2000) for m in best[:200]]
        samples.append(sample)
    kept = [
        [w for t in top_terms[c] if not poor_keyword(w := features.surface[t], language)]
        for c in themes.order
    ]
    labels = labels_in_language(samples, language, keywords=kept)
    scorer = _SentenceScorer(features)
    themes_out = []
    model_themes = []
    for c, best, sample, label, words in zip(
        themes.order, ranked, samples, labels, kept, strict=True
    ):
        tid = int(themes.theme_id[c])
        quotes = _quotes(corpus, reps.unique, best, settings.quotes)
        forms, _openers = display_forms(words, sample)
        row = themes.centres.getrow(c)
        theme = _theme_json(
            tid,
            label or f"Thema {tid}",
            [forms[w] for w in words][: settings.keywords],
            int(themes.size[c]),
            quotes,
            cover[tid],
        )
        theme["summary"] = summary(sample, lambda ss, row=row: scorer(ss, row), language=language)
        themes_out.append(theme)
        model_themes.append(
            {
                "id": tid,
                "label": themes_out[-1]["label"],
                "centroid": dict(zip(row.indices.tolist(), row.data.tolist(), strict=True)),
            }
        )
    other = _other_theme(corpus, reps, themes, cover, settings)
    if other is not None:
        themes_out.append(other)
    return themes_out, model_themes


class _SentenceScorer:
    """Cosine of sentences with a theme centroid in the TF-IDF space of the features."""

    def __init__(self, features: Features):
        self.index = {t: i for i, t in enumerate(features.terms)}
        self.idf = features.idf
        self.stop = stopwords()

    def __call__(self, sentences: list[str], centre) -> list[float]:
        weights = dict(zip(centre.indices.tolist(), centre.data.tolist(), strict=True))
        out = []
        for s in sentences:
            words = [unaccent(w) for w in tokens(fold(s)) if is_content_word(w, self.stop)]
            counts = Counter(self.index.get(st, -1) for st in stem_words(words))
            counts.pop(-1, None)
            vec = {i: (1.0 + np.log(n)) * self.idf[i] for i, n in counts.items()}
            norm = np.sqrt(sum(v * v for v in vec.values())) or 1.0
            out.append(sum(v * weights.get(i, 0.0) for i, v in vec.items()) / norm)
        return out


def _other_theme(
    corpus: Corpus,
    reps: _Representatives,
    themes: _Themes,
    cover: dict[int, ThemeCoverage],
    settings: Settings,
) -> dict | None:
    """The theme "other" as the result shows it, None when every text has a theme. It is never a
    common thread nor one group's: it gathers what fits nowhere."""
    n_other = int((themes.of_row == OTHER).sum())
    if not n_other:
        return None
    members = np.flatnonzero(themes.labels < 0)
    other = _theme_json(
        OTHER,
        OTHER_LABEL,
        [],
        n_other,
        _quotes(corpus, reps.unique, members, settings.quotes),
        cover[OTHER],
    )
    other["summary"] = []
    other["common_thread"] = False
    other["specific_to"] = None
    return other


def _describe_campaigns(
    texts, corpus: Corpus, camps: Campaigns, reps: _Representatives, themes: _Themes
) -> tuple[list[dict], list[dict]]:
    """Each campaign as the result shows it (quotable) and as the model keeps it (the full
    text, to recognise later copies, with the theme they belong to)."""
    campaigns_out = []
    model_campaigns = []
    for c, (u, csize) in enumerate(zip(camps.representatives, camps.sizes, strict=True)):
        text = texts[corpus.first_row[u]]
        campaigns_out.append(
            {"id": c + 1, "representative": quote(text, 100_000), "size": int(csize)}
        )
        model_campaigns.append(
            {"id": c + 1, "representative": text, "theme": int(themes.of_rep[reps.of_unique[u]])}
        )
    return campaigns_out, model_campaigns


class Items(Sequence):
    """Per text its theme, campaign and group, in the order the texts came in. Each item is
    made when it is read: five million texts cost four arrays, not five million dicts."""

    def __init__(self, ids: list, theme: np.ndarray, campaign: np.ndarray, grouping: _Grouping):
        self._ids = ids
        self._theme = theme
        self._campaign = campaign  # campaign number (1..), 0 for none
        self._grouping = grouping

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        r = range(len(self))[index]  # negative indices, and IndexError past the end
        return self._item(self._ids[r], int(self._theme[r]), int(self._campaign[r]), r)

    def _item(self, id_, theme: int, campaign: int, r: int) -> dict:
        group = self._grouping.of_row[r]
        return {
            "id": id_,
            "theme": theme,
            "campaign": campaign or None,
            "group": self._grouping.names[group] if group >= 0 else None,
        }

    def __iter__(self):
        for part in slices(len(self), 100_000):
            themes = self._theme[part].tolist()
            campaigns = self._campaign[part].tolist()
            for r, theme, campaign in zip(
                range(part.start, part.stop), themes, campaigns, strict=True
            ):
                yield self._item(self._ids[r], theme, campaign, r)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def _items(
    ids: list, corpus: Corpus, camps: Campaigns, themes: _Themes, grouping: _Grouping
) -> Items:
    campaign_of_row = camps.group_of[corpus.unique_of] + 1  # 0: in no campaign
    return Items(ids, themes.of_row, campaign_of_row, grouping)


def write_json(result: dict, stream) -> None:
    """The result as JSON on a text stream, one item per line, without holding the whole
    document as one string (a few hundred megabytes at millions of texts)."""
    stream.write("{")
    for n, (key, value) in enumerate(result.items()):
        stream.write(f"{',' if n else ''}\n {json.dumps(key)}: ")
        if key == "items":
            stream.write("[")
            for i, item in enumerate(value):
                stream.write(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False))
            stream.write("\n ]")
        else:
            stream.write(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n "))
    stream.write("\n}\n")


def _theme_json(tid, label, words, size, quotes, cov) -> dict:
    return {
        "id": tid,
        "label": label,
        "keywords": words,
        "size": size,
        "quotes": quotes,
        "coverage": cov.coverage,
        "common_thread": cov.common_thread,
        "specific_to": cov.specific_to,
    }


def _quotes(corpus, reps, ranked: np.ndarray, n: int) -> list[str]:
    """The first n distinct, quotable texts of a ranking (too short ones only as a last resort)."""
    chosen: list[str] = []
    short: list[str] = []
    for m in ranked[: 50 * n]:
        text = quote(corpus.texts[corpus.first_row[reps[m]]])
        if not text or text in chosen or text in short:
            continue
        (chosen if len(text) >= 25 else short).append(text)
        if len(chosen) == n:
            break
    return (chosen + short)[:n]


def _assign_to_centroids(features, labels, weights, damped, settings: ThemeSettings):
    """Assign every representative to its nearest theme centroid (TF-IDF space); drop themes
    smaller than the minimum size and assign their texts again. Returns labels (-1: other),
    similarities and the centroids."""
    has_content = np.diff(features.matrix.indptr) > 0
    while True:
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
        centres = centroids(features, labels, damped, settings.centroid_terms)
        best, sims = nearest(features.matrix, centres)
        new = np.where(has_content & (sims >= settings.min_similarity), best, -1)
        size = np.bincount(new[new >= 0], weights=weights[new >= 0], minlength=k)
        small = np.flatnonzero(size < settings.min_theme_size)
        if len(small) == 0:
            keep = np.flatnonzero(size > 0)
            remap = np.full(k + 1, -1)
            remap[keep] = np.arange(len(keep))
            new = np.where(new >= 0, remap[np.maximum(new, 0)], -1)
            centres = centres[keep]
            return new, sims, centres
        # Drop the smallest theme only, then look again: its texts may make another one big enough.
        drop = small[np.argmin(size[small])]
        labels = np.where(labels == drop, -1, labels)
        labels = np.where(labels > drop, labels - 1, labels)
        if not (labels >= 0).any():
            return np.full(len(labels), -1), np.zeros(len(labels)), centres[:0]


def _assign_by_meaning(features, meaning, labels, weights, damped, settings: ThemeSettings):
    """Deep mode: as _assign_to_centroids, but the nearest theme is found among the centroids
    of the embeddings, so texts in other words stay in their theme. The returned centroids
    are in TF-IDF space, computed from the final themes, for the model that assigns new texts."""
    has_content = np.diff(features.matrix.indptr) > 0
    while True:
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
        if k == 0:
            empty = np.full(len(labels), -1)
            return empty, np.zeros(len(labels)), centroids(features, empty, damped, 1)
        live = labels >= 0
        member = np.zeros((k, len(labels)), dtype=np.float32)
        member[labels[live], np.flatnonzero(live)] = damped[live]
        centres = normalize(member @ meaning)
        sims_all = meaning @ centres.T
        best = sims_all.argmax(axis=1)
        sims = sims_all[np.arange(len(best)), best]
        new = np.where(has_content, best, -1)
        size = np.bincount(new[new >= 0], weights=weights[new >= 0], minlength=k)
        small = np.flatnonzero(size < settings.min_theme_size)
        if len(small) == 0:
            keep = np.flatnonzero(size > 0)
            remap = np.full(k + 1, -1)
            remap[keep] = np.arange(len(keep))
            new = np.where(new >= 0, remap[np.maximum(new, 0)], -1)
            return new, sims, centroids(features, new, damped, settings.centroid_terms)
        drop = small[np.argmin(size[small])]
        labels = np.where(labels == drop, -1, labels)
        labels = np.where(labels > drop, labels - 1, labels)
