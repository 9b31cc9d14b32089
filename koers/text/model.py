"""The theme model: what is needed to assign new contributions without clustering again.

It is plain data (lists, dicts, numbers, strings) and round-trips through JSON, so the
application can store it, and people can rename, merge or add themes before new input is
assigned. A new text first joins a known campaign when it resembles the campaign's
representative closely enough (and then takes that campaign's theme); otherwise it goes to
the theme whose centroid is nearest in TF-IDF space, or to "other" when none is near.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from koers.text.campaigns import CampaignSettings, shingle_matrix
from koers.text.corpus import build_corpus
from koers.text.normalise import is_content_word, stem_words, stopwords, unaccent
from koers.text.themes import OTHER, normalize

MODEL_VERSION = 1


@dataclass
class Assignment:
    theme: int
    campaign: int | None
    similarity: float


@dataclass
class ThemeModel:
    terms: list[str]  # stems
    idf: list[float]
    themes: list[dict]  # {"id": int, "label": str, "centroid": {term index: weight}}
    campaigns: list[dict] = field(default_factory=list)  # {"id", "representative", "theme"}
    min_similarity: float = 0.02
    campaign_settings: dict = field(default_factory=dict)

    # -- plain data ---------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": MODEL_VERSION,
            "terms": self.terms,
            "idf": [round(float(v), 5) for v in self.idf],
            "themes": [
                {
                    "id": t["id"],
                    "label": t["label"],
                    "centroid": {str(k): round(float(v), 5) for k, v in t["centroid"].items()},
                }
                for t in self.themes
            ],
            "campaigns": self.campaigns,
            "min_similarity": self.min_similarity,
            "campaign_settings": self.campaign_settings,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ThemeModel":
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"unknown theme model version {data.get('version')!r}")
        themes = [
            {
                "id": int(t["id"]),
                "label": t["label"],
                "centroid": {int(k): float(v) for k, v in t["centroid"].items()},
            }
            for t in data["themes"]
        ]
        return cls(
            terms=list(data["terms"]),
            idf=[float(v) for v in data["idf"]],
            themes=themes,
            campaigns=list(data.get("campaigns", [])),
            min_similarity=float(data.get("min_similarity", 0.02)),
            campaign_settings=dict(data.get("campaign_settings", {})),
        )

    # -- curation -----------------------------------------------------------------------
    def theme(self, theme_id: int) -> dict:
        for t in self.themes:
            if t["id"] == theme_id:
                return t
        raise KeyError(theme_id)

    def rename(self, theme_id: int, label: str) -> None:
        self.theme(theme_id)["label"] = label

    def merge(self, theme_ids: list[int], into: int) -> None:
        """Fold several themes into one; campaigns of the merged themes follow."""
        target = self.theme(into)
        total: dict[int, float] = {}
        for tid in {into, *theme_ids}:
            for k, v in self.theme(tid)["centroid"].items():
                total[k] = total.get(k, 0.0) + v
        norm = float(np.sqrt(sum(v * v for v in total.values()))) or 1.0
        target["centroid"] = {k: v / norm for k, v in total.items()}
        gone = set(theme_ids) - {into}
        self.themes = [t for t in self.themes if t["id"] not in gone]
        for c in self.campaigns:
            if c["theme"] in gone:
                c["theme"] = into

    def add_theme(self, label: str, examples: list[str]) -> int:
        """A new theme described by example texts (for instance the contributions a person
        moved into it); returns its id. Words the model has not seen yet are added to it, as
        rare words."""
        self._learn_terms(examples)
        matrix = self.vectorise(examples)
        centroid = np.asarray(matrix.sum(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid)) or 1.0
        theme_id = max([t["id"] for t in self.themes], default=OTHER) + 1
        self.themes.append(
            {
                "id": theme_id,
                "label": label,
                "centroid": {int(i): float(centroid[i] / norm) for i in np.flatnonzero(centroid)},
            }
        )
        return theme_id

    def set_theme(self, theme_id: int, label: str, examples: list[str]) -> None:
        """Describe a theme by its current members (after people moved, merged or split),
        replacing what the model knew of it; unknown words are learnt as rare words."""
        self.themes = [t for t in self.themes if t["id"] != theme_id]
        self._learn_terms(examples)
        centroid = np.asarray(self.vectorise(examples).sum(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid)) or 1.0
        self.themes.append(
            {
                "id": theme_id,
                "label": label,
                "centroid": {int(i): float(centroid[i] / norm) for i in np.flatnonzero(centroid)},
            }
        )

    def _learn_terms(self, texts: list[str]) -> None:
        corpus = build_corpus(texts)
        stop = stopwords()
        words = [unaccent(w) for w in corpus.vocab if is_content_word(w, stop)]
        known = set(self.terms)
        rare = max(self.idf, default=1.0)
        for stem in dict.fromkeys(stem_words(words)):
            if stem not in known:
                self.terms.append(stem)
                self.idf.append(rare)
                known.add(stem)

    # -- assignment ---------------------------------------------------------------------
    def vectorise(self, texts: list[str]) -> sparse.csr_matrix:
        """TF-IDF rows (L2-normalised) of new texts over the model's terms."""
        corpus = build_corpus(texts)
        stop = stopwords()
        index = {term: i for i, term in enumerate(self.terms)}
        content = [i for i, w in enumerate(corpus.vocab) if is_content_word(w, stop)]
        tok2term = np.full(len(corpus.vocab), -1, dtype=np.int64)
        for i, stem in zip(
            content, stem_words([unaccent(corpus.vocab[i]) for i in content]), strict=True
        ):
            tok2term[i] = index.get(stem, -1)
        lengths = corpus.lengths()
        unique_row = np.repeat(np.arange(corpus.n_unique), lengths)
        term = tok2term[corpus.tok_ids]
        keep = term >= 0
        counts = sparse.csr_matrix(
            (np.ones(int(keep.sum()), dtype=np.float32), (unique_row[keep], term[keep])),
            shape=(corpus.n_unique, len(self.terms)),
        )
        counts.sum_duplicates()
        idf = np.asarray(self.idf, dtype=np.float32)
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        rows = normalize(counts) if counts.shape[1] else counts
        return rows[corpus.unique_of].tocsr()

    def centroid_matrix(self) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, t in enumerate(self.themes):
            for k, v in t["centroid"].items():
                rows.append(r)
                cols.append(k)
                vals.append(v)
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(self.themes), len(self.terms)))

    def assign(self, texts: list[str]) -> list[Assignment]:
        matrix = self.vectorise(texts)
        ids = [t["id"] for t in self.themes]
        if ids:
            sims = (matrix @ self.centroid_matrix().T).toarray()
            best = sims.argmax(axis=1)
            best_sim = sims[np.arange(len(texts)), best]
        else:
            best = np.zeros(len(texts), dtype=int)
            best_sim = np.zeros(len(texts))
        out = [
            Assignment(ids[b] if s >= self.min_similarity and ids else OTHER, None, float(s))
            for b, s in zip(best, best_sim, strict=True)
        ]
        for i, (campaign, theme) in self._match_campaigns(texts).items():
            out[i] = Assignment(theme, campaign, out[i].similarity)
        return out

    def _match_campaigns(self, texts: list[str]) -> dict[int, tuple[int, int]]:
        """New texts that resemble a known campaign's representative: index -> (campaign,
        theme). Checked against the representative itself, as in the first analysis."""
        if not self.campaigns or not texts:
            return {}
        settings = CampaignSettings(**self.campaign_settings)
        reps = [c["representative"] for c in self.campaigns]
        corpus = build_corpus(reps + list(texts))
        matrix = shingle_matrix(corpus, settings)
        n_reps = len(reps)
        rep_rows = matrix[corpus.unique_of[:n_reps]]
        new_rows = matrix[corpus.unique_of[n_reps:]]
        inter = (new_rows @ rep_rows.T).toarray()
        a = np.diff(new_rows.indptr)[:, None].astype(float)
        b = np.diff(rep_rows.indptr)[None, :].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            jaccard = np.nan_to_num(inter / (a + b - inter))
            small = np.minimum(a, b)
            containment = np.nan_to_num(inter / small)
            ratio = np.nan_to_num(small / np.maximum(a, b))
        ok = (jaccard >= settings.jaccard) | (
            (containment >= settings.containment) & (ratio >= settings.min_ratio)
        )
        same = corpus.unique_of[n_reps:, None] == corpus.unique_of[None, :n_reps]
        ok |= same
        score = np.where(ok, jaccard + containment + 2.0 * same, -1.0)
        out = {}
        for i in np.flatnonzero(ok.any(axis=1)):
            c = self.campaigns[int(score[i].argmax())]
            out[int(i)] = (c["id"], c["theme"])
        return out
