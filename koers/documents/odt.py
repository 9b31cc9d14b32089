"""The documents as ODT (OpenDocument text), for people who edit them further in an office suite.

Built with odfpy from the same data as the web pages: real heading styles (so the navigator and
the table of contents work), a table of contents that is already filled in (an office suite can
refresh it with page numbers), and tables for the figures. Markdown is read block by block
(paragraphs, lists, headings); inline marks are dropped and links keep their address.

The archive is reproducible: fixed timestamps in the zip, and nothing in it says "now".
"""

import io
import re
import zipfile
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from odf import teletype
from odf.namespaces import nsdict
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import (
    H,
    IndexBody,
    IndexTitle,
    List,
    ListItem,
    P,
    TableOfContent,
    TableOfContentSource,
)

from .agenda_document import AgendaDocument
from .report import Report, number
from .report_intro import IntroSection

BLUE = "#154273"
FONT = "DejaVu Sans"


def _heading_style(level: int, size: str, page_break: bool = False) -> Style:
    style = Style(
        name=f"Heading_20_{level}",
        displayname=f"Heading {level}",
        family="paragraph",
        defaultoutlinelevel=str(level),
        parentstylename="Standard",
        nextstylename="Text_20_body",
    )
    paragraph = {"margintop": "0.35cm", "marginbottom": "0.2cm", "keepwithnext": "always"}
    if page_break:
        paragraph["breakbefore"] = "page"
    style.addElement(ParagraphProperties(**paragraph))
    style.addElement(TextProperties(fontsize=size, fontweight="bold", color=BLUE, fontfamily=FONT))
    return style


class _Writer:
    """An ODT under construction: its styles, and helpers that add blocks to the body."""

    def __init__(self, title: str):
        self.doc = OpenDocumentText()
        self.title = title
        styles, auto = self.doc.styles, self.doc.automaticstyles
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(fontfamily=FONT, fontsize="10pt", language="nl", country="NL")
        )
        styles.addElement(default)
        standard = Style(name="Standard", family="paragraph")
        standard.addElement(TextProperties(fontfamily=FONT, fontsize="10pt"))
        styles.addElement(standard)
        body = Style(
            name="Text_20_body",
            displayname="Text body",
            family="paragraph",
            parentstylename="Standard",
        )
        body.addElement(ParagraphProperties(marginbottom="0.2cm"))
        # Said again here: office suites bring a "Text body" of their own with another font.
        body.addElement(TextProperties(fontfamily=FONT, fontsize="10pt"))
        styles.addElement(body)
        self.body_style = body
        self.title_style = Style(name="Title", family="paragraph", parentstylename="Standard")
        self.title_style.addElement(ParagraphProperties(margintop="6cm", marginbottom="0.4cm"))
        self.title_style.addElement(
            TextProperties(fontsize="24pt", fontweight="bold", color=BLUE, fontfamily=FONT)
        )
        styles.addElement(self.title_style)
        self.subtitle_style = Style(name="Subtitle", family="paragraph", parentstylename="Standard")
        self.subtitle_style.addElement(TextProperties(fontsize="14pt", color=BLUE, fontfamily=FONT))
        styles.addElement(self.subtitle_style)
        self.headings = {
            1: _heading_style(1, "16pt", page_break=True),
            2: _heading_style(2, "12.5pt"),
            3: _heading_style(3, "10.5pt"),
        }
        for style in self.headings.values():
            styles.addElement(style)
        self.plain_heading = Style(
            name="KoersPlainHeading", family="paragraph", parentstylename="Heading_20_1"
        )
        self.plain_heading.addElement(ParagraphProperties(breakbefore="auto"))
        auto.addElement(self.plain_heading)
        self.quote_style = Style(name="Quotations", family="paragraph", parentstylename="Standard")
        self.quote_style.addElement(
            ParagraphProperties(
                marginleft="0.8cm",
                marginbottom="0.2cm",
                borderleft="0.06cm solid #8a8a8a",
                padding="0.15cm",
            )
        )
        self.quote_style.addElement(TextProperties(fontstyle="italic"))
        styles.addElement(self.quote_style)
        self.label_style = Style(name="KoersLabel", family="paragraph", parentstylename="Standard")
        self.label_style.addElement(ParagraphProperties(margintop="0.25cm"))
        self.label_style.addElement(TextProperties(fontweight="bold", color="#555555"))
        auto.addElement(self.label_style)
        self.break_style = Style(
            name="KoersPageBreak", family="paragraph", parentstylename="Standard"
        )
        self.break_style.addElement(ParagraphProperties(breakbefore="page"))
        auto.addElement(self.break_style)
        self.toc_heading = Style(
            name="Contents_20_Heading",
            displayname="Contents Heading",
            family="paragraph",
            parentstylename="Standard",
        )
        self.toc_heading.addElement(ParagraphProperties(marginbottom="0.3cm"))
        self.toc_heading.addElement(
            TextProperties(fontsize="16pt", fontweight="bold", color=BLUE, fontfamily=FONT)
        )
        styles.addElement(self.toc_heading)
        self.toc_style = Style(
            name="Contents_20_1",
            displayname="Contents 1",
            family="paragraph",
            parentstylename="Standard",
        )
        self.toc_style.addElement(ParagraphProperties(marginbottom="0.1cm"))
        styles.addElement(self.toc_style)
        self.toc_style_2 = Style(
            name="Contents_20_2",
            displayname="Contents 2",
            family="paragraph",
            parentstylename="Standard",
        )
        self.toc_style_2.addElement(ParagraphProperties(marginleft="0.6cm", marginbottom="0.05cm"))
        styles.addElement(self.toc_style_2)
        self.source_style = Style(
            name="KoersQuoteSource", family="paragraph", parentstylename="Standard"
        )
        self.source_style.addElement(ParagraphProperties(marginleft="1.1cm", marginbottom="0.25cm"))
        self.source_style.addElement(TextProperties(fontsize="8.5pt", color="#555555"))
        auto.addElement(self.source_style)
        self.answer_style = Style(
            name="KoersAnswer", family="paragraph", parentstylename="Text_20_body"
        )
        self.answer_style.addElement(ParagraphProperties(marginleft="0.5cm", marginbottom="0.25cm"))
        auto.addElement(self.answer_style)
        self.table_style = Style(name="KoersTable", family="table")
        self.table_style.addElement(TableProperties(width="17cm", align="left"))
        auto.addElement(self.table_style)
        self.wide_col = Style(name="KoersWide", family="table-column")
        self.wide_col.addElement(TableColumnProperties(columnwidth="11cm"))
        auto.addElement(self.wide_col)
        self.narrow_col = Style(name="KoersNarrow", family="table-column")
        self.narrow_col.addElement(TableColumnProperties(columnwidth="6cm"))
        auto.addElement(self.narrow_col)
        self.cell_style = Style(name="KoersCell", family="table-cell")
        self.cell_style.addElement(
            TableCellProperties(borderbottom="0.03cm solid #bbbbbb", padding="0.1cm")
        )
        auto.addElement(self.cell_style)
        self.head_cell_text = Style(
            name="KoersHeadCell", family="paragraph", parentstylename="Standard"
        )
        self.head_cell_text.addElement(TextProperties(fontweight="bold"))
        auto.addElement(self.head_cell_text)
        self.tables = 0

    # blocks ------------------------------------------------------------------------------

    def paragraph(self, text: str, style=None):
        p = P(stylename=style or self.body_style)
        teletype.addTextToElement(p, text)
        self.doc.text.addElement(p)

    def heading(self, level: int, text: str, *, page_break: bool = True):
        style = self.headings[level] if (level > 1 or page_break) else self.plain_heading
        h = H(outlinelevel=level, stylename=style)
        teletype.addTextToElement(h, text)
        self.doc.text.addElement(h)

    def title_page(self, subtitle: str, facts: list[tuple[str, str]]):
        self.paragraph(self.title, self.title_style)
        self.paragraph(subtitle, self.subtitle_style)
        for label, value in facts:
            self.paragraph(f"{label}: {value}")

    def contents(self, entries: list, levels: int = 1):
        """A table of contents over headings up to `levels`, filled in already; an entry is a
        text (level 1) or (level, text)."""
        toc = TableOfContent(name=_("Inhoud"), protected="true")
        toc.addElement(TableOfContentSource(outlinelevel=str(levels)))
        body = IndexBody()
        index_title = IndexTitle(name=_("Inhoud"))
        # The index's own title is a plain paragraph: not a chapter of the document.
        h = P(stylename=self.toc_heading)
        teletype.addTextToElement(h, _("Inhoud"))
        index_title.addElement(h)
        body.addElement(index_title)
        for entry in entries:
            level, text = entry if isinstance(entry, tuple) else (1, entry)
            p = P(stylename=self.toc_style if level == 1 else self.toc_style_2)
            teletype.addTextToElement(p, text)
            body.addElement(p)
        toc.addElement(body)
        self.doc.text.addElement(P(stylename=self.break_style))
        self.doc.text.addElement(toc)

    def bullets(self, items: list[str]):
        if not items:
            return
        lst = List()
        for item in items:
            li = ListItem()
            p = P(stylename=self.body_style)
            teletype.addTextToElement(p, item)
            li.addElement(p)
            lst.addElement(li)
        self.doc.text.addElement(lst)

    def quote(self, text: str):
        self.paragraph(text, self.quote_style)

    def table(self, headers: list[str], rows: list[list], *, wide_first: bool = True):
        self.tables += 1
        table = Table(name=f"Tabel{self.tables}", stylename=self.table_style)
        for n in range(len(headers)):
            wide = (n == 0) == wide_first
            table.addElement(TableColumn(stylename=self.wide_col if wide else self.narrow_col))
        for values, is_head in [(headers, True)] + [(r, False) for r in rows]:
            tr = TableRow()
            for value in values:
                numeric = isinstance(value, int) and not is_head
                cell = TableCell(
                    stylename=self.cell_style,
                    valuetype="float" if numeric else "string",
                    **({"value": value} if numeric else {}),
                )
                p = P(stylename=self.head_cell_text if is_head else self.body_style)
                teletype.addTextToElement(p, number(value) if numeric else str(value))
                cell.addElement(p)
                tr.addElement(cell)
            table.addElement(tr)
        self.doc.text.addElement(table)

    def markdown(self, text: str):
        for kind, content in markdown_blocks(text):
            if kind == "list":
                self.bullets(content)
            elif kind == "heading":
                self.paragraph(content, self.label_style)
            else:
                self.paragraph(content)

    def save(self, day: date | None) -> bytes:
        self.doc.meta.addElement(_dc_title(self.title))
        raw = io.BytesIO()
        self.doc.write(raw)
        return _reproducible_zip(raw.getvalue(), day)


def _dc_title(title: str):
    from odf.dc import Title

    return Title(text=title)


# odfpy declares on each root element the namespaces any element made in this process used so
# far (a class-level dict), so the first document of a process differed from the next. Every
# root declares all of them instead, in a fixed order: unused declarations are harmless.
_ALL_NAMESPACES = " " + " ".join(
    f'xmlns:{prefix}="{uri}"' for uri, prefix in sorted(nsdict.items(), key=lambda kv: kv[1])
)
_ROOT_NAMESPACES = re.compile(r'(<office:[\w-]+)((?:\s+xmlns:[\w-]+="[^"]*")+)')


def _same_namespaces(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    return _ROOT_NAMESPACES.sub(lambda m: m.group(1) + _ALL_NAMESPACES, text, count=1).encode()


def _reproducible_zip(data: bytes, day: date | None) -> bytes:
    """The same archive with a fixed time on every entry, mimetype first and stored, and the
    same namespace declarations whatever ran before in the process."""
    moment = (day.year, day.month, day.day, 0, 0, 0) if day else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        names.sort(key=lambda n: (n != "mimetype",))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = source.read(name)
            if name.endswith(".xml") and name != "META-INF/manifest.xml":
                content = _same_namespaces(content)
            target.writestr(info, content)
    return out.getvalue()


_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\(([^)]+)\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\(([^)]+)\)"), r"\1 (\2)"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
]
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def markdown_blocks(text: str) -> list[tuple[str, object]]:
    """Markdown as blocks: ("paragraph", text), ("heading", text) or ("list", [items])."""
    blocks: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(
            _BULLET.match(line) or line.startswith(("  ", "\t")) for line in lines
        ) and _BULLET.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if _BULLET.match(line):
                    items.append(_inline(_BULLET.sub("", line)))
                else:
                    items[-1] += " " + _inline(line)
            blocks.append(("list", items))
        elif len(lines) == 1 and _HEADING.match(lines[0]):
            blocks.append(("heading", _inline(_HEADING.sub("", lines[0]))))
        else:
            blocks.append(("paragraph", _inline(" ".join(lines))))
    return blocks


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(day) -> str:
    return formats.date_format(day, "j F Y") if day else ""


# the documents ----------------------------------------------------------------------------


def agenda_odt(doc: AgendaDocument) -> bytes:
    version = doc.version
    w = _Writer(version.title)
    w.title_page(
        doc.programme.name,
        [
            (_("Versie"), str(version.number)),
            (_("Status"), str(version.get_state_display())),
            (_("Datum"), _date(doc.date)),
            (_("Deadline van het programma"), _date(doc.programme.deadline)),
        ],
    )
    entries = ([_("Inleiding")] if version.introduction else []) + [
        f"{c.number}. {c.title}" for c in doc.contents
    ]
    w.contents(entries)
    if version.introduction:
        w.heading(1, _("Inleiding"))
        w.markdown(version.introduction)
    for section in doc.sections:
        w.heading(1, f"{section.chapter.number}. {section.title}")
        for label, _fragment, paragraph in section.numbered_paragraphs:
            w.paragraph(label, w.label_style)
            w.markdown(paragraph.text)
    if doc.steps_chapter:
        w.heading(1, f"{doc.steps_chapter.number}. {doc.steps_chapter.title}")
        for n, step in enumerate(doc.steps, 1):
            w.heading(2, _("Stap %(number)s: %(title)s") % {"number": n, "title": step.title})
            w.markdown(step.description)
    for part in doc.families:
        w.heading(1, f"{part.chapter.number}. {part.chapter.title}")
        if part.family.description:
            w.paragraph(part.family.description)
        for activity in part.activities:
            w.heading(2, activity.title)
            w.markdown(activity.description)
            responsible = ", ".join(o.official_name for o in activity.responsible.all())
            facilities = ", ".join(f.name for f in activity.facilities.all())
            rows = [
                [_("Stap"), activity.step.title],
                [_("Beoogd resultaat"), activity.intended_outcome or "–"],
                [_("Deadline"), _date(activity.deadline)],
                [_("Verantwoordelijk"), responsible or _("nog niet bepaald")],
                [_("Voorzieningen"), facilities or _("geen")],
            ]
            w.table([_("Onderdeel"), _("Inhoud")], rows, wide_first=False)
    return w.save(doc.date)


def report_odt(report: Report, intro: list[IntroSection], day) -> bytes:
    """The response report as the web page and the PDF have it: title page, contents,
    introduction with its tables, and a numbered section per theme."""
    version = report.version
    w = _Writer(report.title)
    facts = [(_("Programma"), report.programme.name)]
    if report.programme.coordinating_body:
        facts.append((_("Uitgegeven door"), report.programme.coordinating_body))
    facts.append(
        (
            _("Implementatieagenda"),
            f"{version.title} ("
            + _("versie %(number)s, %(state)s")
            % {"number": version.number, "state": version.get_state_display()}
            + ")",
        )
    )
    facts.append((_("Datum"), _date(day)))
    if report.family:
        facts.append((_("Familie"), report.family.name))
    w.title_page(report.subtitle, facts)
    entries: list = [f"1 {_('Inleiding')}"]
    entries += [(2, f"{part.number} {part.title}") for part in intro]
    for chapter in report.chapters:
        entries.append(f"{chapter.number} {chapter.title}")
        entries += [(2, f"{s.number} {_theme_heading(s)}") for s in chapter.themes]
    w.contents(entries, levels=2)
    w.heading(1, f"1 {_('Inleiding')}")
    for part in intro:
        w.heading(2, f"{part.number} {part.title}")
        for paragraph in part.paragraphs:
            w.paragraph(paragraph)
        for table in part.tables:
            w.paragraph(table.title, w.label_style)
            w.table(
                [table.column, _("Bijdragen")],
                [[label, n] for label, n in table.rows] + [[_("Totaal"), table.total]],
            )
    for chapter in report.chapters:
        w.heading(1, f"{chapter.number} {chapter.title}")
        for section in chapter.themes:
            w.heading(2, f"{section.number} {_theme_heading(section)}")
            w.paragraph(section.counts_line)
            w.heading(3, _("Wat er is gezegd"))
            for quote in section.quotes:
                w.quote(quote.text)
                w.paragraph(f"– {quote.source}", w.source_style)
            if not section.quotes:
                w.paragraph(
                    _("Geen citaten: geen van de indieners gaf toestemming om te publiceren.")
                )
            w.heading(3, _("Wat ermee is gedaan"))
            if section.outcomes_line:
                w.paragraph(section.outcomes_line)
            for answer in section.answers:
                w.paragraph(f"{_cap(answer.outcome_label)}. {answer.covers}", w.head_cell_text)
                w.paragraph(answer.text, w.answer_style)
            if section.other_answers_line:
                w.paragraph(section.other_answers_line)
            w.heading(3, _("Wat veranderde in de implementatieagenda"))
            if section.landings:
                w.bullets([_landing_line(landing) for landing in section.landings])
            else:
                w.paragraph(section.changes_note)
    return w.save(day)


def _theme_heading(section) -> str:
    if section.machine_named:
        return f"{section.name} {_('(automatisch benoemd)')}"
    return section.name


def _landing_line(landing) -> str:
    line = f"{landing.label} {landing.action_label}"
    if landing.title:
        line += f" – {landing.title}"
    if not landing.exists:
        line += " " + _("(niet meer in deze versie)")
    return f"{line}. {landing.summary}"
