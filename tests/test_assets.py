"""The trimmed Bootstrap stylesheet (scripts/build_assets.py): the same on every build, keeping every
class the templates use and dropping what no page can show."""

import gzip
import os
import re
import subprocess
import sys

import pytest
import tinycss2

from scripts.build_assets import (
    OUTPUT,
    ROOT,
    SAFELIST,
    BuildError,
    bootstrap_css_path,
    build,
    glued_parts,
    trim_stylesheet,
)

FULL = bootstrap_css_path().read_text(encoding="utf-8")
TEMPLATE_TAG = re.compile(r"\{[{%].*?[}%]\}")


@pytest.fixture(scope="module")
def trimmed() -> str:
    return build()


def selectors(css: str) -> list[str]:
    """Every selector of the stylesheet, @media blocks included."""
    found: list[str] = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.extend(tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule" and rule.content and rule.lower_at_keyword != "keyframes":
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def classes_of(selector: str) -> set[str]:
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", selector))


def selector_classes(css: str) -> set[str]:
    return {name for selector in selectors(css) for name in classes_of(selector)}


def template_classes() -> set[str]:
    """The classes written in our templates' class attributes, template tags left out."""
    classes: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = TEMPLATE_TAG.sub(" ", path.read_text(encoding="utf-8"))
        for value in re.findall(r"""\bclass=["']([^"']*)["']""", text):
            classes.update(value.split())
    return classes


def build_in_a_new_process(hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    code = "import sys; from scripts.build_assets import build; sys.stdout.write(build())"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout


def test_the_build_is_the_same_every_time_and_the_built_file_is_current(trimmed):
    assert build_in_a_new_process("1") == build_in_a_new_process("2") == trimmed
    assert (ROOT / OUTPUT).read_text(encoding="utf-8") == trimmed, f"{OUTPUT} is out of date: `make assets`"


def test_every_bootstrap_class_the_templates_use_is_kept(trimmed):
    used = (template_classes() | SAFELIST) & selector_classes(FULL)
    assert {"navbar-toggler", "dropdown-menu", "btn-close", "text-bg-warning", "alert-success"} <= used
    # A class may go only when every rule for it needs another class no template uses, as .nav-item
    # does (its rules are for .nav-tabs, .nav-fill and .nav-justified).
    for name in sorted(used - selector_classes(trimmed)):
        needing_it = [selector for selector in selectors(FULL) if name in classes_of(selector)]
        assert all(classes_of(selector) - used for selector in needing_it), f".{name} was dropped"


@pytest.mark.parametrize(
    "unused",
    [".carousel", ".modal", ".offcanvas", ".tooltip", ".popover", ".toast", ".spinner-border", ".accordion"],
)
def test_components_no_page_uses_are_gone(trimmed, unused):
    assert unused in FULL
    assert unused not in trimmed


def test_dark_theme_rules_and_unused_animations_are_gone(trimmed):
    # No page sets data-bs-theme, and no kept rule animates.
    assert "[data-bs-theme=dark]" in FULL and "[data-bs-theme" not in trimmed
    assert "@keyframes" in FULL and "@keyframes" not in trimmed


def test_the_trimmed_stylesheet_is_a_fraction_of_the_full_one(trimmed):
    assert len(trimmed.encode()) < len(FULL.encode()) / 3
    assert len(gzip.compress(trimmed.encode(), 9)) < len(gzip.compress(FULL.encode(), 9)) / 2


def test_a_selector_stays_when_every_class_it_needs_is_used():
    css = (
        '@charset "UTF-8";/*! licence */:root{--x:1}body{margin:0}.btn,.carousel{color:red}'
        ".btn:not(.disabled){cursor:pointer}.card .btn{top:0}.card .unused{top:0}"
        "[data-bs-theme=dark]{--x:2}.menu[data-bs-popper]{top:0}"
        "@media (min-width:768px){.carousel{display:none}.btn{display:block}}"
        "@media print{.carousel{display:none}}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes glow{50%{opacity:.2}}"
        ".busy{animation:spin 1s}/*# sourceMappingURL=x.css.map */"
    )
    assert trim_stylesheet(css, {"btn", "card", "menu", "busy", "data-bs-popper"}) == (
        '@charset "UTF-8";/*! licence */:root{--x:1}body{margin:0}.btn{color:red}'
        ".btn:not(.disabled){cursor:pointer}.card .btn{top:0}.menu[data-bs-popper]{top:0}"
        "@media (min-width:768px){.btn{display:block}}"
        "@keyframes spin{to{transform:rotate(1turn)}}.busy{animation:spin 1s}\n"
    )


def test_a_class_a_template_builds_from_a_value_must_be_safelisted(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "badge.html").write_text('<span class="badge text-bg-{{ level }}">x</span>')
    with pytest.raises(BuildError, match=r"templates/badge\.html: class text-bg-… is completed"):
        build(tmp_path)


def test_whole_classes_beside_template_tags_need_no_safelist():
    assert glued_parts('<a class="nav-link{% if active %} active{% endif %}">') == set()
    assert glued_parts('<p class="mb-{% if last %}0{% else %}2{% endif %}">') == {"mb-…"}
    assert glued_parts("<b class='{{ kind }}-subtle'>") == {"…-subtle"}
