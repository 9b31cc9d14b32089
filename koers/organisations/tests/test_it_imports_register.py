import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from ..constants import Kind
from ..models import Facility, Organisation, Succession
from ..services import RegisterError, import_facilities, import_register


def write(tmp_path, data, name="register.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def municipality(code, name, **extra):
    return {
        "code": code,
        "kind": "gemeente",
        "official_name": f"gemeente {name}",
        "short_name": name,
        **extra,
    }


@pytest.mark.django_db
def test_it_loads_the_real_register_with_the_counts_of_the_source():
    result = import_register()
    assert result.created == Organisation.objects.count() > 1300

    def count(kind, day):
        return Organisation.objects.of_kind(kind).valid_on(day).count()

    assert count(Kind.MUNICIPALITY, datetime.date(2026, 11, 28)) == 342
    assert count(Kind.PROVINCE, datetime.date(2026, 11, 28)) == 12
    assert count(Kind.MUNICIPALITY, datetime.date(2015, 6, 26)) == 393
    assert count(Kind.MINISTRY, datetime.date(2015, 6, 26)) == 11

    # Haaren (gm0788) was split over four neighbours on 2021-01-01; Vught is one of them.
    haaren = Organisation.objects.get(code="gm0788")
    assert haaren.valid_until == datetime.date(2020, 12, 31)
    assert "gm0865" in {o.code for o in haaren.successors.all()}
    utrecht = Organisation.objects.get(code="gm0344")
    assert utrecht.province.code == "pv26"
    assert utrecht.municipality_code == "0344"
    # Inhabitants on 1 January 2016 (CBS), for the size classes: every municipality of 2016.
    assert utrecht.inhabitants == 338_967
    counted = Organisation.objects.of_kind(Kind.MUNICIPALITY).filter(inhabitants__isnull=False)
    assert counted.count() == 390
    assert sum(counted.values_list("inhabitants", flat=True)) == 16_979_120
    # The source capitalises a few sort names; the register sorts them in place all the same.
    assert Organisation.objects.get(code="gm0501").sort_name == "brielle"
    # A ministry renamed twice is followed to the one that exists today.
    venj = Organisation.objects.get(code="min-venj")
    assert [o.code for o in venj.successors_valid_on(datetime.date(2026, 11, 28))] == ["mnre1058"]

    again = import_register()
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == result.created
    assert Succession.objects.count() == result.successions


@pytest.mark.django_db
def test_it_updates_a_changed_record_instead_of_duplicating_it(tmp_path):
    import_register(write(tmp_path, {"organisations": [municipality("gm0001", "Oud")]}))
    result = import_register(
        write(
            tmp_path, {"organisations": [municipality("gm0001", "Nieuw", valid_until="2018-12-31")]}
        )
    )
    assert (result.created, result.updated) == (0, 1)
    org = Organisation.objects.get(code="gm0001")
    assert org.short_name == "Nieuw"
    assert org.valid_until == datetime.date(2018, 12, 31)
    assert org.history.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ({"items": []}, "expected an object with a list 'organisations'"),
        (
            {"organisations": [{"code": "gm0002", "kind": "gemeente"}]},
            "organisation #2 (gm0002): missing official_name, short_name",
        ),
        ({"organisations": [municipality("gm0002", "B", kind="stad")]}, "unknown kind 'stad'"),
        (
            {"organisations": [municipality("gm0002", "B", valid_from="26-06-2015")]},
            "valid_from '26-06-2015' is not a date (YYYY-MM-DD)",
        ),
        (
            {
                "organisations": [
                    municipality("gm0002", "B", valid_from="2016-01-01", valid_until="2015-01-01")
                ]
            },
            "valid_until lies before valid_from",
        ),
        (
            {"organisations": [municipality("gm0002", "B"), municipality("gm0002", "C")]},
            "organisation #3 (gm0002): code appears twice",
        ),
        (
            {"organisations": [municipality("gm0002", "B", province="pv99")]},
            "unknown province 'pv99'",
        ),
        (
            {
                "organisations": [municipality("gm0002", "B")],
                "successions": [
                    {
                        "predecessor": "gm0002",
                        "successor": "gm0404",
                        "date": "2019-01-01",
                        "kind": "samenvoeging",
                    }
                ],
            },
            "succession #1: unknown successor 'gm0404'",
        ),
    ],
)
@pytest.mark.django_db
def test_it_rejects_a_bad_file_whole_and_names_the_record(tmp_path, data, message):
    Organisation.objects.create(
        code="gm0009", kind="gemeente", official_name="gemeente X", short_name="X", sort_name="x"
    )
    # The first record is fine: nothing of it may be written when a later one fails.
    if isinstance(data, dict) and data.get("organisations"):
        data["organisations"].insert(0, municipality("gm0777", "Goed"))
    with pytest.raises(RegisterError) as excinfo:
        import_register(write(tmp_path, data))
    assert message in str(excinfo.value)
    assert list(Organisation.objects.values_list("code", flat=True)) == ["gm0009"]


@pytest.mark.django_db
def test_it_exits_non_zero_with_the_reason_from_the_command(tmp_path):
    path = write(tmp_path, {"organisations": [municipality("gm0002", "B", kind="stad")]})
    with pytest.raises(
        CommandError,
        match="nothing was imported: organisation #1 \\(gm0002\\): unknown kind 'stad'",
    ):
        call_command("import_organisations", str(path))
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_loads_the_facility_catalogue_idempotently():
    first = import_facilities()
    import_facilities()
    assert Facility.objects.count() == first >= 20
    slugs = set(Facility.objects.values_list("slug", flat=True))
    assert {
        "digid",
        "eherkenning",
        "mijnoverheid-berichtenbox",
        "brp",
        "bag",
        "hr",
        "pkioverheid",
    } <= slugs
