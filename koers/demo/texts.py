"""The demo's texts: the YAML and Markdown files in koers/demo/data, each read once per process.

`texts("agenda")` is data/agenda.yaml parsed (dates and times in it are `datetime.date` and naive
`datetime.datetime`, meant in Europe/Amsterdam); `markdown("council-minutes")` is the text of
data/council-minutes.md as written. The results are shared: callers read them, never change them.
"""

import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DATA = Path(__file__).resolve().parent / "data"
TZ = ZoneInfo("Europe/Amsterdam")
# libyaml's loader when PyYAML was built with it: the same result, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def texts(name: str) -> dict:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader)


@cache
def markdown(name: str) -> str:
    return (DATA / f"{name}.md").read_text(encoding="utf-8")


def moment(value: datetime.datetime) -> datetime.datetime:
    """A time of the data files, which are all in Europe/Amsterdam."""
    return value.replace(tzinfo=TZ)
