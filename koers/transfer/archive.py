"""A programme as one archive, and back (docs/archive-format.md, docs/adr/0013).

What belongs to a programme is found from the models, not from a list: every model of a Koers app
whose foreign keys lead to `Programme` (the shortest way; when every way may be empty, any of
them). Their history (django-simple-history) goes with them. The register (organisations,
successions, facilities, adoptions) is shared by the programmes and goes whole; users go as far
as a row of the programme names them, without their password. Every other model must be named in
`INSTALLATION`, so that a new model is either carried or left out on purpose (a test checks it).
"""

import datetime
import functools
import hashlib
import io
import json
import zipfile
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from koers.consultation import reactions, voices
from koers.organisations.models import Programme
from koers.synthesis import tally


class ArchiveEncoder(DjangoJSONEncoder):
    """Django's encoder, except that a date and time keeps its microseconds: Django's writes
    milliseconds only, so a moved programme's timestamps came back up to a millisecond earlier,
    and rows made within one millisecond lost their order by time."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


FORMAT = "koers-programme"
FORMAT_VERSION = 1
CHUNK = 2000

# The register and the users: shared by the programmes of an installation. Merged on import by
# their natural key (existing rows win); the fields that make the key, in this order.
SHARED = {
    "auth.user": ("username",),
    "organisations.facility": ("slug",),
    "organisations.organisation": ("code",),
    "organisations.succession": ("predecessor", "successor"),
    "organisations.facilityadoption": ("organisation", "facility"),
}
# Of a user only this goes: never the password hash, nor rights over the installation.
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "date_joined")
# Models of the installation, not of a programme: not carried.
INSTALLATION = {
    "core.workerheartbeat",
    "core.maildelivery",
    "accounts.loginattempt",
    # Counts derived from a programme's rows, made again when it is restored.
    "synthesis.tally",
    "synthesis.themevoice",
    "consultation.voice",
    "consultation.paragraphreactions",
}


class TransferError(Exception):
    """An archive that cannot be written or read, or a database it cannot go into."""


def _label(model) -> str:
    return model._meta.label_lower


def _koers_models():
    return [m for m in apps.get_models() if m.__module__.startswith("koers.")]


def _base(model):
    """The tracked model of a history model, else None."""
    return getattr(model, "instance_type", None) if _is_history(model) else None


def _is_history(model) -> bool:
    return hasattr(model, "instance_type") and hasattr(model, "history_id")


def _forward_fks(model):
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


@functools.cache
def _paths(model, _seen=()):
    """The ways from `model` to Programme: (lookups, every step required)."""
    if model is Programme:
        return [""], True
    found = []
    for field in _forward_fks(model):
        target = field.related_model
        if target in _seen or target is model or _label(target) in SHARED:
            continue
        if _is_history(target) or not target.__module__.startswith("koers."):
            continue
        sub, required = _paths(target, _seen + (model,))
        if not sub:
            continue
        depth = min(p.count("__") for p in sub)
        found.append((depth, required and not field.null, field.name, sub))
    if not found:
        return [], False
    required = [f for f in found if f[1]]
    if required:
        depth, _, name, sub = min(required, key=lambda f: f[0])
        best = min(sub, key=lambda p: p.count("__"))
        return [f"{name}__{best}" if best else name], True
    return [f"{name}__{p}" if p else name for _, _, name, sub in found for p in sub], False


@functools.cache
def classify():
    """{label: 'programme' | 'shared' | 'installation' | None} for every model of Koers (history
    models follow their model) and for the user."""
    kinds = {"auth.user": "shared"}
    for model in _koers_models():
        base = _base(model) or model
        label = _label(base)
        if label in SHARED:
            kinds[_label(model)] = "shared"
        elif label in INSTALLATION:
            kinds[_label(model)] = "installation"
        elif model is Programme or _paths(base)[0]:
            kinds[_label(model)] = "programme"
        else:
            kinds[_label(model)] = None
    return kinds


def programme_querysets(programme):
    """[(model, queryset)] of the rows of `programme` and of their history, per model."""
    result = []
    kinds = classify()
    for model in _koers_models():
        base = _base(model) or model
        if kinds.get(_label(model)) != "programme":
            continue
        if base is Programme:
            query = models.Q(id=programme.pk)
        else:
            query = models.Q()
            for path in _paths(base)[0]:
                query |= models.Q(**{path: programme.pk})
        result.append((model, model._default_manager.filter(query).order_by("pk")))
    return result


def register_querysets():
    result = []
    for model in _koers_models():
        base = _base(model) or model
        if _label(base) in SHARED:
            result.append((model, model._default_manager.order_by("pk")))
    return result


def _m2m_names(model):
    return [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


def _file_fields(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _serialize(model, queryset):
    """Rows in Django's serialization form, many-to-many included."""
    names = _m2m_names(model)
    if names:
        queryset = queryset.prefetch_related(*names)
    rows = serializers.serialize("python", queryset.iterator(chunk_size=CHUNK))
    for row in rows:
        row.pop("model", None)
        # A many-to-many list comes in the database's order, which PostgreSQL does not keep
        # from one database to the next: sorted, the same programme gives the same archive.
        for name in names:
            row["fields"][name] = sorted(row["fields"].get(name, []))
    return rows


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _koers_version() -> str:
    try:
        return version("koers")
    except PackageNotFoundError:  # pragma: no cover - a checkout without install
        return "unknown"


def export_programme(programme, out) -> dict:
    """Write `programme` as one zip archive to the binary file `out`; returns the manifest."""
    tables, files = {}, set()
    users = set()
    user_model = get_user_model()
    for model, queryset in programme_querysets(programme) + register_querysets():
        rows = _serialize(model, queryset)
        tables[_label(model)] = rows
        fks = [f for f in model._meta.concrete_fields if f.is_relation]
        for row in rows:
            for field in fks:
                if field.related_model is user_model and row["fields"].get(field.name):
                    users.add(row["fields"][field.name])
            for field in _file_fields(model):
                if row["fields"].get(field.name):
                    files.add(row["fields"][field.name])
    tables["auth.user"] = [
        {"pk": u["pk"], "fields": {k: u[k] for k in USER_FIELDS}}
        for u in user_model.objects.filter(pk__in=users).order_by("pk").values("pk", *USER_FIELDS)
    ]
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "koers_version": _koers_version(),
        "created_at": timezone.now().isoformat(),
        "programme": programme.slug,
        "counts": {label: len(rows) for label, rows in sorted(tables.items())},
        "files": sorted(files),
        "members": {},
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, rows in sorted(tables.items()):
            data = json.dumps(rows, cls=ArchiveEncoder, ensure_ascii=False, indent=0)
            data = data.encode()
            name = f"data/{label}.json"
            archive.writestr(name, data)
            manifest["members"][name] = _sha256(data)
        for name in sorted(files):
            try:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                raise TransferError(f"file {name} is missing from the storage: {error}") from error
            member = f"media/{name}"
            archive.writestr(member, data)
            manifest["members"][member] = _sha256(data)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def read_archive(source):
    """(manifest, {member: bytes}) of an archive whose every checksum holds."""
    try:
        archive = zipfile.ZipFile(source)
        with archive:
            try:
                manifest = json.loads(archive.read("manifest.json"))
            except KeyError as error:
                raise TransferError("the archive has no manifest.json") from error
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise TransferError("this is not a Koers programme archive")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise TransferError(
                    f"unknown format version {manifest.get('format_version')!r} "
                    f"(this Koers reads version {FORMAT_VERSION})"
                )
            members = {}
            for name, checksum in manifest["members"].items():
                try:
                    data = archive.read(name)
                except KeyError as error:
                    raise TransferError(f"{name} is missing from the archive") from error
                if _sha256(data) != checksum:
                    raise TransferError(f"{name}: the SHA-256 checksum does not match")
                members[name] = data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise TransferError(f"the archive is damaged or incomplete: {error}") from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise TransferError(f"the manifest cannot be read: {error}") from error
    return manifest, members


def _next_pk(model, taken):
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
    return max([top, *taken]) + 1


def _deserialize(model, rows):
    label = _label(model)
    return serializers.deserialize("python", (dict(row, model=label) for row in rows))


def import_programme(source) -> dict:
    """Restore the archive `source` (a path or a binary file); returns the manifest. All or
    nothing: a refusal or an error leaves the database and the media as they were."""
    manifest, members = read_archive(source)
    tables = {}
    for name, data in members.items():
        if name.startswith("data/"):
            label = name[len("data/") : -len(".json")]
            try:
                model = apps.get_model(label)
            except (LookupError, ValueError) as error:
                raise TransferError(f"{name}: this Koers has no such table") from error
            tables[model] = json.loads(data)
    written = []
    try:
        with transaction.atomic(), _stored_as_given(tables):
            _restore(manifest, tables)
            for row in tables.get(Programme, []):
                # Derived counts are not carried: made again here.
                tally.recount(row["pk"])
                voices.recount(row["pk"])
                reactions.recount(row["pk"])
            for name in manifest.get("files", []):
                content = members[f"media/{name}"]
                if default_storage.exists(name):
                    with default_storage.open(name, "rb") as handle:
                        if handle.read() == content:
                            continue
                    raise TransferError(f"file {name} already exists with other content")
                written.append(default_storage.save(name, ContentFile(content)))
    except IntegrityError as error:
        _remove(written)
        raise TransferError(f"the data do not fit this database: {error}") from error
    except Exception:
        _remove(written)
        raise
    return manifest


@contextmanager
def _stored_as_given(tables):
    """Dates kept as they were written, not set anew by `auto_now`."""
    fields = [
        f
        for model in tables
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def _remove(names):
    for name in names:
        default_storage.delete(name)


def _restore(manifest, tables):
    slug = manifest["programme"]
    if Programme.objects.filter(slug=slug).exists():
        raise TransferError(
            f"programme {slug!r} already exists in this database; import into a database without it"
        )
    kinds = classify()
    maps = {}  # shared model -> {old pk: new pk}
    created = {}  # shared model -> old pks of rows made new here
    user_model = get_user_model()
    shared_order = [apps.get_model(label) for label in SHARED]

    def remap(model, obj, m2m, own=False):
        """Point `obj` at the merged rows; `own`: only its references to its own model."""
        for field in model._meta.concrete_fields:
            if (field.related_model is model) is not own:
                continue
            if field.is_relation and field.related_model in maps:
                value = getattr(obj, field.attname)
                if value is not None:
                    new = maps[field.related_model].get(value)
                    if new is None and not field.null:
                        raise TransferError(
                            f"{_label(model)}: refers to {_label(field.related_model)} {value}, "
                            "which is not in the archive"
                        )
                    setattr(obj, field.attname, new)
        for name, values in m2m.items():
            target = model._meta.get_field(name).related_model
            if target in maps and not own:
                m2m[name] = [maps[target][v] for v in values]

    inserted = []
    # The users and the register: merged by natural key.
    for model in shared_order:
        rows = tables.get(model, [])
        key = SHARED[_label(model)]
        existing = {}
        for values in model._default_manager.values_list("pk", *key).iterator():
            existing[tuple(values[1:])] = values[0]
        taken = set(model._default_manager.values_list("pk", flat=True))
        maps[model], created[model] = {}, set()
        fresh = []
        for item in _deserialize(model, rows):
            obj = item.object
            remap(model, obj, item.m2m_data)
            natural = tuple(getattr(obj, model._meta.get_field(k).attname) for k in key)
            if natural in existing:
                maps[model][obj.pk] = existing[natural]
                continue
            old = obj.pk
            if old in taken:
                obj.pk = _next_pk(model, taken)
            taken.add(obj.pk)
            maps[model][old] = obj.pk
            created[model].add(old)
            if model is user_model:
                obj.set_unusable_password()
            fresh.append((obj, item.m2m_data))
        # Within the register a row may point at one made in the same pass (a province).
        for obj, m2m in fresh:
            remap(model, obj, m2m, own=True)
        model._default_manager.bulk_create([obj for obj, _ in fresh], batch_size=500)
        inserted.append((model, fresh))
    # The programme's rows keep their keys: refuse when one is taken.
    for model, rows in tables.items():
        label = _label(model)
        kind = kinds.get(label)
        if model in maps:
            continue
        if kind not in ("programme", "shared"):
            raise TransferError(f"{label}: this table does not belong to a programme")
        base = _base(model)
        objs = []
        for item in _deserialize(model, rows):
            obj = item.object
            if base in maps:
                # The history of the register: only of the rows made new, with fresh keys.
                if obj.id not in created[base]:
                    continue
                obj.id = maps[base][obj.id]
            remap(model, obj, item.m2m_data)
            objs.append((obj, item.m2m_data))
        pks = [obj.pk for obj, _ in objs]
        if kind == "shared":
            taken = set(model._default_manager.values_list("pk", flat=True))
            for obj, _ in objs:
                if obj.pk in taken:
                    obj.pk = _next_pk(model, taken)
                taken.add(obj.pk)
        else:
            for start in range(0, len(pks), 500):
                if model._default_manager.filter(pk__in=pks[start : start + 500]).exists():
                    raise TransferError(
                        f"{label}: the database already has rows with the same keys; "
                        "import into an empty database"
                    )
        model._default_manager.bulk_create([obj for obj, _ in objs], batch_size=500)
        inserted.append((model, objs))
    # The many-to-many links, now that every row is there.
    for model, objs in inserted:
        for name in _m2m_names(model):
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source = field.m2m_field_name() + "_id"
            target = field.m2m_reverse_field_name() + "_id"
            links = [
                through(**{source: obj.pk, target: value})
                for obj, m2m in objs
                for value in m2m.get(name, [])
            ]
            through._default_manager.bulk_create(links, batch_size=500)
    touched = [model for model, _ in inserted]
    touched += [
        model._meta.get_field(n).remote_field.through
        for model in touched
        for n in _m2m_names(model)
    ]
    connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), touched):
            cursor.execute(statement)


def canonical(programme_slug=None, data=None) -> dict:
    """What an export of the programme (or the archive `data`) holds, as plain data without the
    moment of writing: keys are kept on import into an empty database, so two databases compare
    row by row."""
    buffer = io.BytesIO(data or b"")
    if data is None:
        export_programme(Programme.objects.get(slug=programme_slug), buffer)
    manifest, members = read_archive(buffer)
    out = {name: json.loads(data) for name, data in members.items() if name.startswith("data/")}
    out["media"] = {n: c for n, c in manifest["members"].items() if n.startswith("media/")}
    out["counts"] = manifest["counts"]
    return out


def uncovered_models():
    """Models of Koers that are neither a programme's, nor shared, nor the installation's."""
    return sorted(label for label, kind in classify().items() if kind is None)


__all__ = [
    "TransferError",
    "export_programme",
    "import_programme",
    "read_archive",
    "canonical",
    "uncovered_models",
]
