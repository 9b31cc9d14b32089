"""`ruff format` is the formatter: no line of the project opts out of it (migrations are
generated and left as Django writes them)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OPT_OUTS = ("fmt" + ": skip", "fmt" + ": off")


def opt_outs(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts or parts[0] in {".venv", "node_modules", "var"}:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if any(marker in line for marker in OPT_OUTS):
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def test_it_has_no_line_that_opts_out_of_the_formatter():
    assert opt_outs(ROOT) == []


def test_it_notices_a_line_that_opts_out(tmp_path):
    (tmp_path / "module.py").write_text("x = [1,2]  # fmt" + ": skip\n")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001.py").write_text("y = 1  # fmt" + ": skip\n")
    assert opt_outs(tmp_path) == ["module.py:1"]
