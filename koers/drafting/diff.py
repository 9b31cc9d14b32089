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
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Prefetch
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.agenda.constants import ItemKind
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
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
    def html(self) -> SafeString:
        return word_diff(self.old, self.new)

    @cached_property
    def sides(self) -> tuple[SafeString, SafeString]:
        return word_diff_sides(self.old, self.new)


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


def compare(older: AgendaVersion, newer: AgendaVersion) -> Comparison:
    versions = [older.pk, newer.pk]
    trace = defaultdict(list)
    for change in changes(newer):
        trace[(change.kind, change.anchor)].append(change)

    # Sections and paragraphs, numbered as each version shows them.
    sections = list(Section.objects.filter(version__in=versions).order_by("position", "pk"))
    paragraphs = list(
        Paragraph.objects.filter(version__in=versions)
        .prefetch_related(
            Prefetch("families", queryset=Family.objects.order_by("position", "name"))
        )
        .order_by("position", "pk")
    )
    section_sides, paragraph_sides, numbers = {}, {}, {}
    for version_id in versions:
        own = [s for s in sections if s.version_id == version_id]
        section_sides[version_id] = _Side(
            {s.anchor: s for s in own},
            [s.anchor for s in own],
            dict.fromkeys(s.anchor for s in own),
        )
        by_section = defaultdict(list)
        for p in paragraphs:
            if p.version_id == version_id:
                by_section[p.section_id].append(p)
        order, items, parents = [], {}, {}
        for s_number, section in enumerate(own, 1):
            for p_number, p in enumerate(by_section[section.pk], 1):
                p.section = section
                numbers[p.pk] = f"{s_number}.{p_number}"
                order.append(p.anchor)
                items[p.anchor] = p
                parents[p.anchor] = section.anchor
        paragraph_sides[version_id] = _Side(items, order, parents)

    section_diffs = []
    for anchor, old, new, moved in _pair(section_sides[older.pk], section_sides[newer.pk]):
        section = new or old
        section_diffs.append(
            ItemDiff(
                ItemKind.SECTION,
                anchor,
                old,
                new,
                section.title,
                moved=moved,
                fields=[
                    FieldDiff(
                        "title", _("Titel"), old.title if old else "", new.title if new else ""
                    )
                ],
                changes=trace[(ItemKind.SECTION, anchor)],
            )
        )

    paragraph_diffs = []
    for anchor, old, new, moved in _pair(paragraph_sides[older.pk], paragraph_sides[newer.pk]):
        paragraph = new or old
        fields = [
            FieldDiff("text", _("Tekst"), old.text if old else "", new.text if new else ""),
            FieldDiff(
                "families",
                _("Voor"),
                _families_text(old.families.all()) if old else "",
                _families_text(new.families.all()) if new else "",
            ),
        ]
        paragraph_diffs.append(
            ItemDiff(
                ItemKind.PARAGRAPH,
                anchor,
                old,
                new,
                _("Alinea %(number)s") % {"number": numbers[paragraph.pk]},
                parent_label=paragraph.section.title,
                fields=fields,
                moved=moved,
                changes=trace[(ItemKind.PARAGRAPH, anchor)],
            )
        )

    # Steps, and main activities under their step and family.
    steps = list(Step.objects.filter(version__in=versions).order_by("position", "pk"))
    activities = list(MainActivity.objects.for_reading().filter(version__in=versions))
    step_sides, activity_sides = {}, {}
    for version_id in versions:
        own = [s for s in steps if s.version_id == version_id]
        step_sides[version_id] = _Side(
            {s.anchor: s for s in own},
            [s.anchor for s in own],
            dict.fromkeys(s.anchor for s in own),
        )
        mine = [a for a in activities if a.version_id == version_id]
        activity_sides[version_id] = _Side(
            {a.anchor: a for a in mine},
            [a.anchor for a in mine],
            {a.anchor: (a.step.anchor, a.family_id) for a in mine},
        )

    step_diffs = []
    for anchor, old, new, moved in _pair(step_sides[older.pk], step_sides[newer.pk]):
        step = new or old
        fields = [
            FieldDiff(
                name, label, getattr(old, name) if old else "", getattr(new, name) if new else ""
            )
            for name, label in (("title", _("Titel")), ("description", _("Omschrijving")))
        ]
        step_diffs.append(
            ItemDiff(
                ItemKind.STEP,
                anchor,
                old,
                new,
                step.title,
                fields=fields,
                moved=moved,
                changes=trace[(ItemKind.STEP, anchor)],
            )
        )

    activity_diffs = []
    for anchor, old, new, moved in _pair(activity_sides[older.pk], activity_sides[newer.pk]):
        activity = new or old
        fields = []
        for name, label, read in (
            ("title", _("Titel"), lambda a: a.title),
            ("description", _("Omschrijving"), lambda a: a.description),
            ("intended_outcome", _("Beoogd resultaat"), lambda a: a.intended_outcome),
            ("deadline", _("Deadline"), lambda a: _date(a.deadline)),
            ("responsible", _("Verantwoordelijk"), lambda a: _names(a.responsible.all())),
            ("facilities", _("Voorzieningen"), lambda a: _names(a.facilities.all())),
        ):
            fields.append(
                FieldDiff(name, label, read(old) if old else "", read(new) if new else "")
            )
        activity_diffs.append(
            ItemDiff(
                ItemKind.MAIN_ACTIVITY,
                anchor,
                old,
                new,
                activity.title,
                parent_label=f"{activity.step.title} · {activity.family.name}",
                fields=fields,
                moved=moved,
                changes=trace[(ItemKind.MAIN_ACTIVITY, anchor)],
            )
        )

    return Comparison(older, newer, section_diffs, paragraph_diffs, step_diffs, activity_diffs)
