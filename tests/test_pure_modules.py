"""The pure modules read no clock: "now" is always an argument, so they give the same answer any day.

import-linter (make lint) keeps Django, Celery and the `time` module out of them; this catches what an
import check cannot see, a call such as `datetime.now()` or `date.today()` on an allowed import.
"""

import ast
import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLOCK_CALLS = {"now", "utcnow", "today", "time_ns", "monotonic", "perf_counter"}
# Read the clock only when called bare: `time.time()` does, `datetime.time(9)` builds an hour of the day.
BARE_CLOCK_CALLS = {"time", "localtime", "gmtime"}


def pure_modules() -> list[str]:
    """The modules of the "Pure modules" contract in pyproject.toml, so the two lists never drift."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    (pure,) = [c for c in contracts if c["name"].startswith("Pure modules")]
    return pure["source_modules"]


def clock_reads(source: str) -> list[str]:
    """Each call in the source whose name reads a clock, as 'line N: name()'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in CLOCK_CALLS or (name in BARE_CLOCK_CALLS and not node.args and not node.keywords):
                found.append(f"line {node.lineno}: {name}()")
    return found


@pytest.mark.parametrize("module", pure_modules())
def test_a_pure_module_reads_no_clock(module):
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, module
    assert clock_reads(Path(spec.origin).read_text()) == [], module


def test_the_check_sees_a_clock_read_on_an_allowed_import():
    source = "import datetime as dt\n\n\ndef due():\n    return dt.date.today() + dt.timedelta(days=1)\n"
    assert clock_reads(source) == ["line 5: today()"]
    assert clock_reads("import datetime as dt\n\nNINE = dt.time(9)\n") == []
