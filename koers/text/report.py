"""A self-contained HTML report of an analysis, in Dutch, for the civil servants who read it.

One file without scripts or outside resources: a summary, the common threads, every theme with
its size, keywords and quotes, a families x themes chart (inline SVG) with the same figures as a
table beside it, and the campaigns.
"""

from html import escape

from koers.text.themes import OTHER


def _pct(value: float) -> str:
    if 0 < value < 0.005:
        return "&lt;1%"  # one text in hundreds is not "0%" (HTML: every caller writes markup)
    return f"{value * 100:.0f}%"


def _n(value: int) -> str:
    """A count as Dutch writes it: 3.000, 120.000."""
    return f"{value:,}".replace(",", ".")


def _count(value: int, one: str, more: str) -> str:
    return f"{_n(value)} {one if value == 1 else more}"


def _heatmap(themes: list[dict], groups: list[str]) -> str:
    """Themes x groups as shaded cells: darker is a larger share of that group's input."""
    if not groups or not themes:
        return ""
    cell_w, cell_h, left, top = 92, 26, 260, 120
    width = left + cell_w * len(groups) + 90  # room for the slanted group names
    height = top + cell_h * len(themes) + 10
    top_share = max([max(t["coverage"].values(), default=0) for t in themes] + [0.01])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="hm-title hm-desc">',
        '<title id="hm-title">Aandeel van elk thema in de inbreng per familie</title>',
        '<desc id="hm-desc">Per thema (rij) en familie (kolom) het deel van de inbreng van die '
        "familie dat over het thema gaat; hoe donkerder, hoe groter. De tabel ernaast bevat "
        "dezelfde cijfers.</desc>",
    ]
    for j, group in enumerate(groups):
        x = left + j * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x}" y="{top - 8}" transform="rotate(-35 {x} {top - 8})" '
            f'font-size="12" text-anchor="start">{escape(group)}</text>'
        )
    for i, theme in enumerate(themes):
        y = top + i * cell_h
        label = theme["label"] if len(theme["label"]) <= 38 else theme["label"][:36] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2 + 4}" font-size="12" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for j, group in enumerate(groups):
            share = theme["coverage"].get(group, 0.0)
            strength = min(1.0, share / top_share)
            # From white to the report's dark blue; text flips to white on dark cells.
            r, g, b = (int(255 - strength * (255 - c)) for c in (21, 66, 115))
            ink = "#fff" if strength > 0.55 else "#000"
            x = left + j * cell_w
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'fill="rgb({r},{g},{b})"/>'
                f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4}" font-size="11" '
                f'text-anchor="middle" fill="{ink}">{_pct(share)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _how_themes(mode: str, n_themes: int | None) -> str:
    """How the themes were formed and counted, in the words of the report's reader."""
    if mode == "fast":
        formed = (
            "Thema's zijn gevormd uit de woorden (zonder stopwoorden, op stam) van de unieke "
            "teksten."
        )
    else:
        formed = (
            "Thema's zijn gevormd op betekenis: van elke unieke tekst is een meertalige "
            "zinsvector berekend, aangevuld met zijn woorden, zodat teksten die hetzelfde zeggen "
            "in andere woorden of in een andere taal bij elkaar komen."
        )
    if n_themes:
        counted = f"Het aantal thema's is vastgezet op {n_themes}."
    else:
        counted = (
            "Het aantal thema's is automatisch gekozen: het kleinste aantal waarbij de thema's "
            "goed van elkaar te onderscheiden zijn, of een middengetal wanneer geen aantal zich "
            "aftekent."
        )
    return f"{formed} {counted}"


def render(
    result: dict,
    title: str = "Analyse van de inbreng",
    source: str = "",
    thread_share: float = 0.8,
    mode: str = "deep",
    n_themes: int | None = None,
) -> str:
    """The report as one HTML page; `mode` and `n_themes` are those the analysis ran with, for
    the account of the method at its end."""
    items = result["items"]
    themes = result["themes"]
    groups = list(result["groups"])
    by_id = {t["id"]: t for t in themes}
    n = len(items)
    in_campaigns = sum(c["size"] for c in result["campaigns"])
    real = [t for t in themes if t["id"] != OTHER]
    threads = [by_id[i] for i in result["common_threads"]]
    divisive = set(result.get("divisive", []))

    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "<style>",
        "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1b1b1b}",
        "h1,h2,h3{color:#154273;line-height:1.2}",
        "table{border-collapse:collapse;margin:1rem 0}",
        "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}",
        "td.num,th.num{text-align:right}",
        "blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:4px solid #154273;"
        "background:#f3f6fa}",
        ".tag{display:inline-block;border:1px solid #154273;border-radius:3px;padding:0 .4rem;"
        "margin-right:.3rem;font-size:.9em}",
        ".side{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}",
        ".side>*{overflow-x:auto;max-width:100%}",
        "</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if source:
        out.append(f"<p>Bron: {escape(source)}</p>")
    texts = _count(n, "reactie", "reacties")
    if groups:
        texts += " van " + _count(len(groups), "familie", "families")
    campaigns = "Geen campagnes (gelijke of bijna gelijke teksten)"
    if result["campaigns"]:
        campaigns = (
            f"{_count(len(result['campaigns']), 'campagne', 'campagnes')} (gelijke of bijna "
            f"gelijke teksten), samen {_count(in_campaigns, 'reactie', 'reacties')}"
        )
    counted = _count(len(real), "thema", "thema's")
    if OTHER in by_id:
        counted += "; " + _count(by_id[OTHER]["size"], "reactie valt", "reacties vallen")
        counted += " onder ‘Overig’"
    summary = [texts, campaigns, counted]
    if groups:
        threads_named = _count(len(threads), "rode draad", "rode draden")
        summary.append(threads_named + " (thema's die bijna alle families noemen)")
    out += [
        "<h2>Samenvatting</h2><ul>",
        *(f"<li>{line}</li>" for line in summary),
        "</ul>",
        "<p>De indeling is een voorstel van de computer: lees de citaten, en hernoem, voeg "
        "samen of splits waar nodig. Elke reactie staat in precies één thema.</p>",
    ]
    if threads:
        out.append("<h2>Rode draden</h2><ul>")
        for t in threads:
            out.append(
                f'<li><a href="#thema-{t["id"]}">{escape(t["label"])}</a> ({_n(t["size"])})</li>'
            )
        out.append("</ul>")

    out.append("<h2>Thema's</h2>")
    for t in themes:
        share = t["size"] / n if n else 0
        out.append(f'<section id="thema-{t["id"]}"><h3>{escape(t["label"])}</h3>')
        out.append(f"<p>{_count(t['size'], 'reactie', 'reacties')} ({_pct(share)})")
        tags = []
        if t["common_thread"]:
            tags.append("rode draad")
        if t["specific_to"]:
            tags.append(f"vooral {t['specific_to']}")
        if t["id"] in divisive:
            tags.append("verdeelt de families")
        out.append("".join(f' <span class="tag">{escape(tag)}</span>' for tag in tags) + "</p>")
        if t["keywords"]:
            out.append(f"<p>Kernwoorden: {escape(', '.join(t['keywords']))}</p>")
        for q in t["quotes"]:
            out.append(f"<blockquote>{escape(q)}</blockquote>")
        out.append("</section>")

    if groups:
        shown = list(themes)
        out.append('<h2 id="families">Families en thema\'s</h2>')
        out.append(
            "<p>Per familie het deel van haar eigen inbreng dat over een thema gaat, zodat "
            "een kleine familie even zwaar telt als een grote.</p>"
        )
        out.append('<div class="side"><div>')
        out.append(_heatmap(shown, groups))
        out.append("</div><div><table><caption>Aandeel per familie</caption><thead><tr>")
        out.append('<th scope="col">Thema</th>')
        out += [f'<th scope="col" class="num">{escape(g)}</th>' for g in groups]
        out.append("</tr></thead><tbody>")
        for t in shown:
            out.append(f'<tr><th scope="row">{escape(t["label"])}</th>')
            out += [f'<td class="num">{_pct(t["coverage"].get(g, 0.0))}</td>' for g in groups]
            out.append("</tr>")
        out.append('<tr><th scope="row">Aantal reacties</th>')
        out += [f'<td class="num">{result["groups"][g]}</td>' for g in groups]
        out.append("</tr></tbody></table></div></div>")

    if result["campaigns"]:
        out.append("<h2>Campagnes</h2>")
        out.append(
            "<p>Teksten die (bijna) letterlijk door meerdere mensen zijn ingestuurd. Elke "
            "campagne telt mee met al haar reacties en valt in het thema van haar "
            "voorbeeldtekst.</p>"
        )
        out.append('<table><thead><tr><th scope="col" class="num">Nr.</th>')
        out.append('<th scope="col" class="num">Reacties</th><th scope="col">Voorbeeldtekst</th>')
        out.append("</tr></thead><tbody>")
        for c in result["campaigns"][:200]:
            text = c["representative"]
            text = text if len(text) <= 400 else text[:400] + " …"
            out.append(
                f'<tr><td class="num">{c["id"]}</td><td class="num">{_n(c["size"])}</td>'
                f"<td>{escape(text)}</td></tr>"
            )
        out.append("</tbody></table>")
        if len(result["campaigns"]) > 200:
            out.append(f"<p>En nog {_n(len(result['campaigns']) - 200)} kleinere campagnes.</p>")
    out.append(
        "<h2>Werkwijze</h2><p>Teksten zijn genormaliseerd (hoofdletters, aanhef en "
        "ondertekening weg). Campagnes zijn gevonden door woordreeksen te vergelijken, waarbij "
        f"elke tekst met de voorbeeldtekst zelf is vergeleken. {_how_themes(mode, n_themes)} "
        f"Een rode draad is een thema dat bij minstens {_pct(thread_share)} van de families "
        "een wezenlijk deel van hun inbreng vormt.</p>"
    )
    out.append("</body></html>")
    return "\n".join(out)
