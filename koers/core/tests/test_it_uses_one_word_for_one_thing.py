"""The Dutch interface speaks to its reader as "u" and uses the glossary's word for each thing
(PRODUCT.md): "implementatieagenda", not "uitvoeringsagenda"; "alinea", not "paragraaf".

Every template and every string in the code of the apps is read; tests, migrations, the text
engine (its stop words are Dutch words) and the demo's data (letters by citizens) are not
interface.
"""

import io
import re
import tokenize
from pathlib import Path

import koers

ROOT = Path(koers.__file__).resolve().parent
VARIANTS = {
    "je, jij, jouw or jullie instead of u and uw": re.compile(r"\b(je|jij|jouw|jullie)\b", re.I),
    "uitvoeringsagenda instead of implementatieagenda": re.compile(r"uitvoeringsagenda", re.I),
    "paragraaf instead of alinea": re.compile(r"\bparagra(af|fen)\b", re.I),
}
# Where a variant is kept on purpose: a column header that older spreadsheets still use.
KEPT = {("consultation/importing.py", '"paragraaf"')}
NOT_INTERFACE = ("tests", "migrations", "text", "locale", "static")


def interface_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*"))
        if path.suffix in (".html", ".txt", ".py")
        and not set(path.relative_to(ROOT).parts) & set(NOT_INTERFACE)
        and not (path.suffix == ".txt" and "templates" not in path.parts)
    ]


def texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) of what a reader may see: a template whole, a module's string literals."""
    source = path.read_text()
    if path.suffix != ".py":
        return list(enumerate(source.splitlines(), 1))
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens if t.type == tokenize.STRING]


def variants(path: Path, found: list[tuple[int, str]]) -> list[str]:
    where = path.relative_to(ROOT).as_posix()
    return [
        f"{where}:{line}: {why}: {text.strip()[:100]}"
        for line, text in found
        for why, pattern in VARIANTS.items()
        if pattern.search(text) and not any((where, t) == (w, text) for w, t in KEPT)
    ]


def test_it_uses_the_glossarys_words_and_u_throughout():
    found = [v for path in interface_files() for v in variants(path, texts(path))]
    assert not found, "variant words in the Dutch interface:\n" + "\n".join(found)


def test_it_notices_a_variant_word(tmp_path):
    page = ROOT / "templates" / "voorbeeld.html"
    found = [(3, '{% translate "Bekijk je profiel" %}'), (4, "De paragraaf")]
    assert len(variants(page, found)) == 2
    assert variants(page, [(1, '{% translate "Bekijk uw profiel" %}')]) == []
