"""Compare two versions of an agenda, item by item, matched by anchor.

An item (section, paragraph, step, main activity) keeps its anchor from version to version, so
the comparison needs no guessing: an anchor only in the newer version was added, one only in
the older was removed, one in both changed when a field differs, and moved when it sits under
another parent or in another order among the items both versions share. Changed text is shown
word by word, as HTML with <ins> and <del> that say in words what they mean (screen readers
often do not announce the elements themselves). Every item carries its trace: the Change rows
of the newer version for that anchor.

The whole comparison takes a fixed number of queries, whatever the size of the versions.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Prefetch
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.agenda.constants import ItemKind
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.core.markdown import plain_text, render_markdown
from koers.organisations.models import Family

from .models import Change
from .querysets import changes

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = (
    "toegevoegd",
    "verwijderd",
    "gewijzigd",
    "verplaatst",
    "ongewijzigd",
)
STATUS_LABELS = {
    ADDED: gettext_lazy("toegevoegd"),
    REMOVED: gettext_lazy("verwijderd"),
    CHANGED: gettext_lazy("gewijzigd"),
    MOVED: gettext_lazy("verplaatst"),
    UNCHANGED: gettext_lazy("ongewijzigd"),
}
STATUSES = [ADDED, REMOVED, CHANGED, MOVED, UNCHANGED]

# Words and the white space between them; both are kept, so the diff reads as the text did.
TOKENS = re.compile(r"\s+|\S+")


def _marked(tag: str, words: str) -> str:
    hidden = _("[verwijderd: ") if tag == "del" else _("[toegevoegd: ")
    return format_html(
        '<{} class="koers-diff__{}"><span class="visually-hidden">{}</span>{}'
        '<span class="visually-hidden">]</span></{}>',
        tag,
        tag,
        hidden,
        words,
        tag,
    )


def word_diff_sides(old: str, new: str) -> tuple[SafeString, SafeString]:
    """(old, new) for side by side: the old text with removed words in <del>, the new with
    added words in <ins>; everything escaped, each mark with hidden text that says what it is."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(escape(removed))
            right.append(escape(added))
            continue
        if removed:
            left.append(_marked("del", removed))
        if added:
            right.append(_marked("ins", added))
    return mark_safe("".join(map(str, left))), mark_safe("".join(map(str, right)))


def word_diff(old: str, new: str) -> SafeString:
    """`new` against `old` in one text, word by word: removed words in <del>, added in <ins>."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(_marked("del", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(_marked("ins", "".join(b[j1:j2])))
    return mark_safe("".join(map(str, parts)))


# Fields written in Markdown: compared as the reader sees them, shown rendered when unchanged.
MARKDOWN_FIELDS = {"text", "description"}


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new

    @property
    def is_markdown(self) -> bool:
        return self.name in MARKDOWN_FIELDS

    def _readable(self, text: str) -> str:
        return plain_text(text, lines=True) if self.is_markdown else text

    @property
    def html(self) -> SafeString:
        return word_diff(self._readable(self.old), self._readable(self.new))

    @cached_property
    def sides(self) -> tuple[SafeString, SafeString]:
        return word_diff_sides(self._readable(self.old), self._readable(self.new))

    @property
    def shown_old(self) -> SafeString | str:
        """The old value as the reader sees it: Markdown rendered."""
        return render_markdown(self.old) if self.is_markdown else self.old

    @property
    def shown_new(self) -> SafeString | str:
        return render_markdown(self.new) if self.is_markdown else self.new


@dataclass
class ItemDiff:
    kind: str
    anchor: object
    old: object | None
    new: object | None
    label: str
    parent_label: str = ""
    fields: list[FieldDiff] = field(default_factory=list)
    moved: bool = False
    changes: list[Change] = field(default_factory=list)
    url: str = ""  # where the reader opens the item, when a page shows it

    @property
    def item(self):
        return self.new if self.new is not None else self.old

    @property
    def status(self) -> str:
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        if any(f.changed for f in self.fields):
            return CHANGED
        return MOVED if self.moved else UNCHANGED

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def changed_fields(self) -> list[FieldDiff]:
        return [f for f in self.fields if f.changed]

    @property
    def short_anchor(self) -> str:
        return str(self.anchor)[:8]


@dataclass
class Comparison:
    older: AgendaVersion
    newer: AgendaVersion
    sections: list[ItemDiff]
    paragraphs: list[ItemDiff]
    steps: list[ItemDiff]
    main_activities: list[ItemDiff]

    @property
    def all(self) -> list[ItemDiff]:
        return [*self.sections, *self.paragraphs, *self.steps, *self.main_activities]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for item in self.all:
            counts[item.status] += 1
        return counts


@dataclass
class _Side:
    """One version's items of one kind: by anchor, in reading order, with their parent."""

    items: dict  # anchor -> item
    order: list  # anchors in reading order
    parents: dict  # anchor -> parent key


@dataclass
class _Sides:
    """The older and the newer version's items of one kind."""

    old: _Side
    new: _Side


def _ranks(side: _Side, shared: set) -> dict:
    """Each shared item's place among the shared items under the same parent."""
    counters: dict = defaultdict(int)
    ranks = {}
    for anchor in side.order:
        if anchor in shared:
            parent = side.parents[anchor]
            ranks[anchor] = counters[parent]
            counters[parent] += 1
    return ranks


def _pair(old: _Side, new: _Side) -> list[tuple]:
    """(anchor, old item, new item, moved) in the newer version's order, each removed item
    placed after the item that preceded it in the older version."""
    shared = set(old.items) & set(new.items)
    old_ranks, new_ranks = _ranks(old, shared), _ranks(new, shared)
    rows = [
        (
            anchor,
            old.items.get(anchor),
            new.items[anchor],
            anchor in shared
            and (
                old.parents[anchor] != new.parents[anchor] or old_ranks[anchor] != new_ranks[anchor]
            ),
        )
        for anchor in new.order
    ]
    previous = None
    for anchor in old.order:
        if anchor in new.items:
            previous = anchor
            continue
        index = 0
        if previous is not None:
            index = next(i for i, row in enumerate(rows) if row[0] == previous) + 1
        rows.insert(index, (anchor, old.items[anchor], None, False))
        previous = anchor
    return rows


def _families_text(families) -> str:
    names = [f.name for f in families]
    return ", ".join(names) if names else _("iedereen")


def _names(objects) -> str:
    return ", ".join(sorted(str(o) for o in objects))


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


# A compared field: its name, its label and how to read it from an item as text.
_Reader = tuple[str, str, Callable[[Any], str]]
_Trace = dict[tuple[str, object], list[Change]]


def compare(older: AgendaVersion, newer: AgendaVersion) -> Comparison:
    """The two versions item by item: sections, paragraphs, steps and main activities, each
    with its changed fields and the trace of the newer version."""
    versions = (older.pk, newer.pk)
    trace = _trace(newer)
    sections, paragraphs, numbers = _text_sides(versions)
    steps, activities = _plan_sides(versions)
    comparison = Comparison(
        older,
        newer,
        _section_diffs(sections, trace),
        _paragraph_diffs(paragraphs, numbers, trace),
        _step_diffs(steps, trace),
        _activity_diffs(activities, trace),
    )
    # Sections and paragraphs can be opened on the version's reading page (the newer one's,
    # or the older one's for what was removed).
    pages = {older.pk: older.get_absolute_url(), newer.pk: newer.get_absolute_url()}
    for items, prefix in ((comparison.sections, "h"), (comparison.paragraphs, "p")):
        for item in items:
            item.url = f"{pages[item.item.version_id]}#{prefix}-{item.short_anchor}"
    return comparison


def _trace(newer: AgendaVersion) -> _Trace:
    """The newer version's changes by (kind, anchor): the why of every item that differs."""
    trace: _Trace = defaultdict(list)
    for change in changes(newer):
        trace[(change.kind, change.anchor)].append(change)
    return trace


def _flat_side(items: list) -> _Side:
    """Items that all sit at the top of their version (sections, steps), in the given order."""
    return _Side(
        {item.anchor: item for item in items},
        [item.anchor for item in items],
        dict.fromkeys(item.anchor for item in items),
    )


def _text_sides(versions: tuple[int, int]) -> tuple[_Sides, _Sides, dict[int, str]]:
    """Sections and paragraphs of both versions, and each paragraph's number (by pk) as its own
    version shows it; the queries read both versions at once."""
    sections = list(Section.objects.filter(version__in=versions).order_by("position", "pk"))
    paragraphs = list(
        Paragraph.objects.filter(version__in=versions)
        .prefetch_related(
            Prefetch("families", queryset=Family.objects.order_by("position", "name"))
        )
        .order_by("position", "pk")
    )
    section_sides, paragraph_sides, numbers = [], [], {}
    for version_id in versions:
        own = [s for s in sections if s.version_id == version_id]
        section_sides.append(_flat_side(own))
        mine = [p for p in paragraphs if p.version_id == version_id]
        paragraph_sides.append(_paragraph_side(own, mine, numbers))
    return _Sides(*section_sides), _Sides(*paragraph_sides), numbers


def _paragraph_side(
    sections: list[Section], paragraphs: list[Paragraph], numbers: dict[int, str]
) -> _Side:
    """One version's paragraphs in reading order under their sections; each paragraph's number
    goes into `numbers`, and its section is set so the label needs no query."""
    by_section = defaultdict(list)
    for p in paragraphs:
        by_section[p.section_id].append(p)
    order, items, parents = [], {}, {}
    for s_number, section in enumerate(sections, 1):
        for p_number, p in enumerate(by_section[section.pk], 1):
            p.section = section
            numbers[p.pk] = f"{s_number}.{p_number}"
            order.append(p.anchor)
            items[p.anchor] = p
            parents[p.anchor] = section.anchor
    return _Side(items, order, parents)


def _plan_sides(versions: tuple[int, int]) -> tuple[_Sides, _Sides]:
    """Steps, and main activities under their step and family, of both versions."""
    steps = list(Step.objects.filter(version__in=versions).order_by("position", "pk"))
    activities = list(MainActivity.objects.for_reading().filter(version__in=versions))
    step_sides, activity_sides = [], []
    for version_id in versions:
        step_sides.append(_flat_side([s for s in steps if s.version_id == version_id]))
        mine = [a for a in activities if a.version_id == version_id]
        activity_sides.append(
            _Side(
                {a.anchor: a for a in mine},
                [a.anchor for a in mine],
                {a.anchor: (a.step.anchor, a.family_id) for a in mine},
            )
        )
    return _Sides(*step_sides), _Sides(*activity_sides)


def _item_diffs(
    kind: str,
    sides: _Sides,
    trace: _Trace,
    readers: list[_Reader],
    label: Callable[[Any], str],
    parent_label: Callable[[Any], str] = lambda item: "",
) -> list[ItemDiff]:
    """The items of one kind paired by anchor, each with its fields read on both sides (empty
    on the side where it is missing) and its labels taken from the newer item if there is one."""
    diffs = []
    for anchor, old, new, moved in _pair(sides.old, sides.new):
        item = new or old
        diffs.append(
            ItemDiff(
                kind,
                anchor,
                old,
                new,
                label(item),
                parent_label=parent_label(item),
                fields=[
                    FieldDiff(name, text, read(old) if old else "", read(new) if new else "")
                    for name, text, read in readers
                ],
                moved=moved,
                changes=trace[(kind, anchor)],
            )
        )
    return diffs


def _section_diffs(sides: _Sides, trace: _Trace) -> list[ItemDiff]:
    return _item_diffs(
        ItemKind.SECTION,
        sides,
        trace,
        [("title", _("Titel"), lambda s: s.title)],
        label=lambda s: s.title,
    )


def _paragraph_diffs(sides: _Sides, numbers: dict[int, str], trace: _Trace) -> list[ItemDiff]:
    return _item_diffs(
        ItemKind.PARAGRAPH,
        sides,
        trace,
        [
            ("text", _("Tekst"), lambda p: p.text),
            ("families", _("Voor"), lambda p: _families_text(p.families.all())),
        ],
        label=lambda p: _("Alinea %(number)s") % {"number": numbers[p.pk]},
        parent_label=lambda p: p.section.title,
    )


def _step_diffs(sides: _Sides, trace: _Trace) -> list[ItemDiff]:
    return _item_diffs(
        ItemKind.STEP,
        sides,
        trace,
        [
            ("title", _("Titel"), lambda s: s.title),
            ("description", _("Omschrijving"), lambda s: s.description),
        ],
        label=lambda s: s.title,
    )


def _activity_diffs(sides: _Sides, trace: _Trace) -> list[ItemDiff]:
    return _item_diffs(
        ItemKind.MAIN_ACTIVITY,
        sides,
        trace,
        [
            ("title", _("Titel"), lambda a: a.title),
            ("description", _("Omschrijving"), lambda a: a.description),
            ("intended_outcome", _("Beoogd resultaat"), lambda a: a.intended_outcome),
            ("deadline", _("Deadline"), lambda a: _date(a.deadline)),
            ("responsible", _("Verantwoordelijk"), lambda a: _names(a.responsible.all())),
            ("facilities", _("Voorzieningen"), lambda a: _names(a.facilities.all())),
        ],
        label=lambda a: a.title,
        parent_label=lambda a: f"{a.step.title} · {a.family.name}",
    )
