"""Why organisations differ: the share of the differences in an indicator that each
characteristic explains (eta squared), and each organisation's peers.

Eta squared is the between-group sum of squares over the total sum of squares, over the
organisations that have a value (and a known characteristic): 0 when the groups have the same
mean, 1 when every organisation scores its group's mean. The factors:

- family: the first family of the programme (by position) the organisation is a member of;
- size class: CBS size class by inhabitants on 1 January 2016, for municipalities only;
- staff: a class by staff (fte), for the other organisations;
- customer groups: citizens, businesses, or both;
- service domain: the first domain the register lists for the organisation.

Peers: the same family and size class, and the nearest neighbours: the organisations of the
same kind at the smallest Euclidean distance over the standardised logarithm of inhabitants
(municipalities) or staff (others), and one 0/1 coordinate per customer group and per service
domain (Jaccard-like: two organisations sharing every group and domain differ only in size).

Everything is read with a fixed number of queries (values_list) and computed with numpy.
"""

import functools
import json
import math
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Avg, Count, OuterRef, Q, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.organisations.constants import AdoptionState, CustomerGroup, Kind, ServiceDomain
from koers.organisations.models import FacilityAdoption, Organisation

from . import periods
from .models_maturity import Indicator, Observation
from .stored import register_stamp, stored

# CBS municipal size classes (gemeentegrootteklassen) by inhabitants.
SIZE_CLASSES = (
    (5_000, gettext_lazy("minder dan 5.000 inwoners")),
    (10_000, gettext_lazy("5.000 tot 10.000 inwoners")),
    (20_000, gettext_lazy("10.000 tot 20.000 inwoners")),
    (50_000, gettext_lazy("20.000 tot 50.000 inwoners")),
    (100_000, gettext_lazy("50.000 tot 100.000 inwoners")),
    (150_000, gettext_lazy("100.000 tot 150.000 inwoners")),
    (250_000, gettext_lazy("150.000 tot 250.000 inwoners")),
    (None, gettext_lazy("250.000 inwoners of meer")),
)
STAFF_CLASSES = (
    (100, gettext_lazy("minder dan 100 medewerkers")),
    (1_000, gettext_lazy("100 tot 1.000 medewerkers")),
    (None, gettext_lazy("1.000 medewerkers of meer")),
)
NEIGHBOURS = 5


def _class_of(number, classes) -> int | None:
    if number is None:
        return None
    for index, (bound, _label) in enumerate(classes):
        if bound is None or number < bound:
            return index
    return None


def size_class(inhabitants: int | None) -> int | None:
    """The index of the CBS size class in SIZE_CLASSES; None when inhabitants are unknown."""
    return _class_of(inhabitants, SIZE_CLASSES)


def eta_squared(values, groups) -> float | None:
    """Between-group SS / total SS of `values` grouped by `groups` (same length). None when it
    means nothing: fewer than two groups, or no differences at all."""
    x = np.asarray(values, dtype=float)
    if x.size < 2:
        return None
    keys, codes = np.unique(np.asarray(groups, dtype=object).astype(str), return_inverse=True)
    if len(keys) < 2:
        return None
    grand = x.mean()
    total = float(((x - grand) ** 2).sum())
    if total == 0:
        return None
    counts = np.bincount(codes)
    means = np.bincount(codes, weights=x) / counts
    between = float((counts * (means - grand) ** 2).sum())
    return between / total


@dataclass
class Profile:
    """What the register says about one organisation, as the factors read it."""

    pk: int
    code: str
    name: str
    kind: str
    inhabitants: int | None
    staff: int | None
    customer_groups: tuple
    service_domains: tuple
    family: int | None = None
    size: int | None = None  # index in SIZE_CLASSES (municipalities) or STAFF_CLASSES

    @property
    def size_label(self) -> str:
        classes = SIZE_CLASSES if self.kind == Kind.MUNICIPALITY else STAFF_CLASSES
        return str(classes[self.size][1]) if self.size is not None else _("onbekend")


@functools.lru_cache(maxsize=1024)
def _json_list(text: str | None) -> tuple:
    return tuple(json.loads(text)) if text else ()


def profiles(programme, organisation_ids=None) -> dict[int, Profile]:
    """Profiles of the organisations (all current ones when `organisation_ids` is None; a list
    or a subquery of ids), with their first family: one query, plus one per family of the
    programme."""
    organisations = Organisation.objects.all()
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=organisation_ids)
    else:
        organisations = organisations.current()
    found = {}
    # The lists as text, decoded once per distinct text: 10,000 organisations share a handful.
    for *row, customer_groups, service_domains in organisations.annotate(
        groups_text=Cast("customer_groups", TextField()),
        domains_text=Cast("service_domains", TextField()),
    ).values_list(
        "pk", "code", "short_name", "kind", "inhabitants", "staff", "groups_text", "domains_text"
    ):
        profile = Profile(*row, _json_list(customer_groups), _json_list(service_domains))
        profile.size = (
            size_class(profile.inhabitants)
            if profile.kind == Kind.MUNICIPALITY
            else _class_of(profile.staff, STAFF_CLASSES)
        )
        found[profile.pk] = profile
    for family in programme.families.order_by("position", "name"):
        members = organisations.filter(family.membership_q())
        for pk in members.values_list("pk", flat=True):
            if found[pk].family is None:
                found[pk].family = family.pk
    return found


def stored_profiles(programme) -> dict[int, Profile]:
    """`profiles(programme)` of every current organisation, read stored while the register
    and the programme's families stay as they were (stored.register_stamp) on the same day
    (`current` depends on it): 10,000 organisations are read once, not on every page."""
    day = timezone.localdate()
    return stored("profiles", programme, (day,), lambda: profiles(programme), stamp=register_stamp)


def _profiles_of(programme, organisation_ids) -> dict[int, Profile]:
    """The profiles of these organisations: stored, and read for those no longer current."""
    every = stored_profiles(programme)
    found = {pk: every[pk] for pk in organisation_ids if pk in every}
    missing = [pk for pk in organisation_ids if pk not in every]
    if missing:
        found.update(profiles(programme, missing))
    return found


def period_values(indicator: Indicator, period: str) -> dict[int, float]:
    """organisation id -> value of `indicator` in `period`: stored observations, or for a
    facility's indicator the register's adoptions (100 when connected by the period's end, 0
    when planned or connecting; an organisation without an adoption row is unknown)."""
    if indicator.facility_id:
        ends_on = periods.parse(period).ends_on
        return {
            pk: 100.0 if state == AdoptionState.CONNECTED and day <= ends_on else 0.0
            for pk, state, day in FacilityAdoption.objects.filter(
                facility_id=indicator.facility_id
            ).values_list("organisation_id", "state", "date")
        }
    return dict(
        Observation.objects.filter(indicator=indicator, period=period)
        .order_by()
        .values_list("organisation_id", "value")
    )


def latest_periods(indicators) -> dict[int, str]:
    """indicator id -> its latest observed period (one query, three index seeks per indicator on
    (indicator, period_ends_on, period)); a facility's indicator reads the register as it
    stands, so its period is the current year.

    The latest period ends last; of those ending on the same day the longest (a year before a
    quarter before a month, periods.KIND_RANK). Ascending by code on that day a year comes
    first ("2016" < "2016-12" < "2016-Q4"), descending a quarter."""
    stored = [i.pk for i in indicators if not i.facility_id]
    # Each subquery reads the index from one end: the latest day first, then on that day the
    # lowest and the highest code (an ORDER BY with mixed directions would sort the lot).
    own = Observation.objects.filter(indicator=OuterRef("pk"))
    latest = Subquery(own.order_by("-period_ends_on").values("period_ends_on")[:1])
    on_latest = Observation.objects.filter(
        indicator=OuterRef("pk"), period_ends_on=OuterRef("latest")
    )
    found: dict[int, str] = {}
    for pk, first, last in (
        Indicator.objects.filter(pk__in=stored)
        .annotate(latest=latest)
        .annotate(
            first=Subquery(on_latest.order_by("period").values("period")[:1]),
            last=Subquery(on_latest.order_by("-period").values("period")[:1]),
        )
        .values_list("pk", "first", "last")
    ):
        if first is None:
            continue
        found[pk] = first if "-" not in first or "Q" not in last else last
    this_year = str(timezone.localdate().year)
    return {
        i.pk: this_year if i.facility_id else found[i.pk]
        for i in indicators
        if i.facility_id or i.pk in found
    }


@dataclass
class Group:
    label: str
    count: int
    mean: float


@dataclass
class Factor:
    key: str
    name: str
    population: str  # whom it is computed over, in words
    eta_squared: float | None
    count: int
    groups: list[Group] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return None if self.eta_squared is None else round(100 * self.eta_squared)

    @property
    def sentence(self) -> str:
        if self.eta_squared is None:
            return _(
                "%(factor)s verklaart niets van de verschillen tussen %(population)s: er zijn "
                "te weinig groepen of geen verschillen."
            ) % {"factor": self.name, "population": self.population}
        return _(
            "%(factor)s verklaart %(percent)s %% van de verschillen tussen %(population)s."
        ) % {
            "factor": self.name,
            "percent": self.percent,
            "population": self.population,
        }


def _factor(key, name, population, pairs, labels: dict, ordered=False) -> Factor:
    """`pairs` is [(group key, value)] over the organisations with a known group, `labels` the
    words for each key. The groups follow the order of `labels` when the characteristic is
    ordered (a size class), else their labels alphabetically. Grouped on keys and translated
    once per group, not once per organisation: a period holds 10,000 organisations."""
    groups: dict = {}
    for group, value in pairs:
        groups.setdefault(group, []).append(value)
    rank = {group: position for position, group in enumerate(labels)} if ordered else {}
    return Factor(
        key,
        name,
        population,
        eta_squared([v for _g, v in pairs], [g for g, _v in pairs]) if pairs else None,
        len(pairs),
        [
            Group(str(labels[group]), len(found), sum(found) / len(found))
            for group, found in sorted(
                groups.items(),
                key=lambda item: (rank.get(item[0], len(rank)), str(labels[item[0]])),
            )
        ],
    )


CITIZENS_AND_BUSINESSES = "burgers-en-bedrijven"
_SERVICE_DOMAINS = frozenset(ServiceDomain.values)


def _customers(profile: Profile) -> str | None:
    """The organisation's customer group as a key: citizens, businesses, or both."""
    groups = set(profile.customer_groups)
    if groups >= {CustomerGroup.CITIZENS, CustomerGroup.BUSINESSES}:
        return CITIZENS_AND_BUSINESSES
    if CustomerGroup.CITIZENS in groups:
        return CustomerGroup.CITIZENS
    if CustomerGroup.BUSINESSES in groups:
        return CustomerGroup.BUSINESSES
    return None


def _domain(profile: Profile) -> str | None:
    for value in profile.service_domains:
        if value in _SERVICE_DOMAINS:
            return value
    return None


def factors(programme, values: dict[int, float], found: dict[int, Profile]) -> list[Factor]:
    """Per characteristic how much of the differences in `values` it explains."""
    families = dict(programme.families.values_list("pk", "name"))
    rows = [(found[pk], value) for pk, value in values.items() if pk in found]
    municipalities = [(p, v) for p, v in rows if p.kind == Kind.MUNICIPALITY]
    others = [(p, v) for p, v in rows if p.kind != Kind.MUNICIPALITY]
    customers = [(_customers(p), v) for p, v in rows]
    domains = [(_domain(p), v) for p, v in rows]
    return [
        _factor(
            "familie",
            _("De familie"),
            _("organisaties"),
            [(p.family, v) for p, v in rows if p.family in families],
            families,
        ),
        _factor(
            "grootteklasse",
            _("De grootteklasse (inwoners)"),
            _("gemeenten"),
            [(p.size, v) for p, v in municipalities if p.size is not None],
            {index: label for index, (_bound, label) in enumerate(SIZE_CLASSES)},
            ordered=True,
        ),
        _factor(
            "medewerkers",
            _("Het aantal medewerkers"),
            _("de andere organisaties dan gemeenten"),
            [(p.size, v) for p, v in others if p.size is not None],
            {index: label for index, (_bound, label) in enumerate(STAFF_CLASSES)},
            ordered=True,
        ),
        _factor(
            "klantgroepen",
            _("De klantgroep"),
            _("organisaties"),
            [(group, v) for group, v in customers if group],
            {
                CustomerGroup.CITIZENS: _("burgers"),
                CustomerGroup.BUSINESSES: _("bedrijven"),
                CITIZENS_AND_BUSINESSES: _("burgers en bedrijven"),
            },
        ),
        _factor(
            "domein",
            _("Het dienstverleningsdomein"),
            _("organisaties"),
            [(domain, v) for domain, v in domains if domain],
            {value: label for value, label in ServiceDomain.choices},
        ),
    ]


def explanation(indicator: Indicator, period: str) -> tuple[dict[int, float], list[Factor]]:
    values = period_values(indicator, period)
    found = _profiles_of(indicator.programme, list(values))
    return values, factors(indicator.programme, values, found)


def _size(profile: Profile) -> int | None:
    size = profile.inhabitants if profile.kind == Kind.MUNICIPALITY else profile.staff
    return size or None


def _features(candidates: list[Profile]) -> np.ndarray:
    size = np.array([math.log10(_size(p)) if _size(p) else np.nan for p in candidates])
    known = size[~np.isnan(size)]
    mean = known.mean() if known.size else 0.0
    spread = known.std() if known.size and known.std() > 0 else 1.0
    size = np.where(np.isnan(size), mean, size)
    # One 0/1 column per customer group and per service domain, filled per organisation.
    column = {
        value: 1 + n for n, value in enumerate([*CustomerGroup.values, *ServiceDomain.values])
    }
    matrix = np.zeros((len(candidates), 1 + len(column)))
    matrix[:, 0] = (size - mean) / spread
    for row, profile in enumerate(candidates):
        for value in (*profile.customer_groups, *profile.service_domains):
            if value in column:
                matrix[row, column[value]] = 1.0
    return matrix


def neighbours(target: Profile, found: dict[int, Profile], count=NEIGHBOURS) -> list[Profile]:
    """The `count` organisations of the same kind nearest to `target` (see the module's text);
    those whose size is unknown only when the target's is unknown too."""
    candidates = [
        p
        for p in found.values()
        if p.kind == target.kind and (_size(p) is not None or _size(target) is None)
    ]
    if target.pk not in {p.pk for p in candidates}:
        candidates.append(target)
    if len(candidates) < 2:
        return []
    matrix = _features(candidates)
    index = [p.pk for p in candidates].index(target.pk)
    distance = np.sqrt(((matrix - matrix[index]) ** 2).sum(axis=1))
    order = [i for i in np.argsort(distance, kind="stable") if i != index]
    return [candidates[i] for i in order[:count]]


@dataclass
class PeerRow:
    indicator: Indicator
    period: str | None
    value: float | None
    same_family: Group | None
    nearest: Group | None

    @property
    def value_shown(self) -> str:
        """The organisation's own value as people read it: "67,2 %", or a level such as "B"."""
        return self.indicator.display(self.value)


def _mean_over(label, pks, values) -> Group | None:
    known = [values[pk] for pk in pks if pk in values]
    if not known:
        return None
    return Group(label, len(known), sum(known) / len(known))


def peer_rows(programme, organisation: Organisation, indicators):
    """Per indicator (its latest period): the organisation's value beside the mean of its peers
    (same family, kind and size class) and of its nearest neighbours. A fixed number of
    queries. Returns (rows, neighbours, profile)."""
    found = dict(stored_profiles(programme))
    if organisation.pk not in found:
        found.update(profiles(programme, [organisation.pk]))
    target = found[organisation.pk]
    near = neighbours(target, found)
    peers = [
        p.pk
        for p in found.values()
        if p.pk != target.pk
        and p.family == target.family
        and p.kind == target.kind
        and p.size == target.size
    ]
    wanted = {target.pk, *peers, *(p.pk for p in near)}
    latest = latest_periods(indicators)
    at_latest = Q(pk__in=[])
    for indicator in indicators:
        if not indicator.facility_id and indicator.pk in latest:
            at_latest |= Q(indicator_id=indicator.pk, period=latest[indicator.pk])
    observed = Observation.objects.filter(at_latest)
    values: dict[int, dict[int, float]] = {i.pk: {} for i in indicators}
    for indicator_id, organisation_id, value in observed.filter(
        organisation__in=[target.pk, *(p.pk for p in near)]
    ).values_list("indicator_id", "organisation_id", "value"):
        values[indicator_id][organisation_id] = value
    # The peers' means over the indicators and their latest periods as two lists rather than
    # as one (indicator, period) pair each: the database reads them through the unique index
    # (indicator, organisation, period) instead of every observation of each pair.
    label = _("zelfde familie en grootteklasse")
    peer_means = {
        indicator_id: Group(label, count, mean)
        for indicator_id, period, count, mean in Observation.objects.filter(
            indicator__in=list(latest),
            period__in=set(latest.values()),
            organisation__in=peers,
        )
        .values("indicator_id", "period")
        .annotate(count=Count("pk"), mean=Avg("value"))
        .values_list("indicator_id", "period", "count", "mean")
        .order_by()
        if latest[indicator_id] == period
    }
    by_facility = {i.facility_id: i for i in indicators if i.facility_id}
    day = timezone.localdate()
    for facility_id, organisation_id, state, date in FacilityAdoption.objects.filter(
        facility_id__in=list(by_facility), organisation__in=wanted
    ).values_list("facility_id", "organisation_id", "state", "date"):
        connected = state == AdoptionState.CONNECTED and date <= day
        values[by_facility[facility_id].pk][organisation_id] = 100.0 if connected else 0.0
    rows = [
        PeerRow(
            indicator,
            latest.get(indicator.pk),
            values[indicator.pk].get(target.pk),
            peer_means.get(indicator.pk)
            if indicator.pk in peer_means
            else _mean_over(_("zelfde familie en grootteklasse"), peers, values[indicator.pk]),
            _mean_over(_("naaste buren"), [p.pk for p in near], values[indicator.pk]),
        )
        for indicator in indicators
    ]
    return rows, near, target
