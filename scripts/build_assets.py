"""Writes the trimmed Bootstrap stylesheet: only the rules Followup's pages can use.

`make assets` runs it, and `make run`, `make test` and `make bench` run that first; the Dockerfile runs it
before collectstatic. It reads Bootstrap's whole stylesheet from the installed django-bootstrap-static
package (the minified one, so the rules it keeps are copied as they are) and every source that can put a
class on a page: our templates, those of allauth and of crispy-bootstrap5 that our forms render, the
string literals of our Python, and our scripts. It writes build/static/css/bootstrap.css, which
settings.STATICFILES_DIRS serves. Everything it reads is on disk: nothing is fetched, at build time or
at run time.

Trimming works as PurgeCSS does. Every word in those sources that could be a class name is collected;
a selector survives when every class it names outside :not(), :is() and the like is among them (and
every data-* attribute it tests), element-only selectors always survive, and a rule, @media block or
@keyframes that nothing uses any more is dropped. See CONTRIBUTING.md, "Styles and scripts".
"""

import importlib.util
import io
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from pathlib import Path

import tinycss2
from tinycss2 import ast

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path("build") / "static" / "css" / "bootstrap.css"

# Classes a template builds from a fixed part and a value (`alert-{{ message.tags }}`): no source spells
# them whole, so they are listed here. The build stops when one of our templates builds a class this way
# and no entry here starts (or ends) with its fixed part (`glued_parts`).
SAFELIST = {
    # base.html: a message's level becomes alert-<level> (error is mapped to danger in the template).
    "alert-info",
    "alert-success",
    "alert-warning",
    "alert-danger",
    # followup/contacts/delete.html: the last sentence of the summary has no margin below it.
    "mb-0",
    "mb-2",
}

# What could be a class name, as PurgeCSS's default extractor sees it.
WORD = re.compile(r"[A-Za-z0-9_-]+")
# A class attribute's value, template tags and all (a tag may hold quotes of its own).
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:"((?:\{[{%].*?[%}]\}|[^"])*)"|'((?:\{[{%].*?[%}]\}|[^'])*)')""")
# A class name that a template tag or variable finishes or starts: `alert-{{ level }}`,
# `mb-{% if … %}0{% else %}2{% endif %}`, `btn{{ size }}`, `{{ kind }}-subtle`. A whole class before or
# after a tag (`nav-link{% if active %} active{% endif %}`) is written out and needs nothing.
GLUED_START = re.compile(r"([A-Za-z0-9_-]+-)\{[{%]|([A-Za-z0-9_-]+)\{\{")
GLUED_END = re.compile(r"\}\}(-[A-Za-z0-9_-]+)")


class BuildError(Exception):
    pass


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise BuildError(f"The package {name} is not installed: `make venv` installs it.")
    return Path(spec.origin).parent


def bootstrap_css_path() -> Path:
    return package_dir("bootstrap") / "static" / "bootstrap" / "css" / "bootstrap.min.css"


# The form templates `{{ form|crispy }}` and `{{ field|as_crispy_field }}` render, and with them every
# template they include. The rest of crispy_bootstrap5's templates draw layout objects (tabs, accordions,
# modals) that only a FormHelper layout uses; once our code imports one, all of them are read.
CRISPY_ENTRY_TEMPLATES = (
    "uni_form.html",
    "uni_formset.html",
    "field.html",
    "errors.html",
    "errors_formset.html",
)
CRISPY_LAYOUT_MODULES = re.compile(
    r"\b(?:crispy_forms\.(?:helper|layout|bootstrap)|crispy_bootstrap5\.bootstrap5)\b"
)
INCLUDE = re.compile(r"""\{%\s*include\s+["']([^"']+)["']""")


def crispy_templates(root: Path) -> list[Path]:
    """crispy_bootstrap5's templates that our forms can render."""
    folder = package_dir("crispy_bootstrap5") / "templates"
    if any(CRISPY_LAYOUT_MODULES.search(path.read_text(encoding="utf-8")) for path in python_sources(root)):
        return sorted(folder.rglob("*.html"))
    found: set[Path] = set()
    waiting = [folder / "bootstrap5" / name for name in CRISPY_ENTRY_TEMPLATES]
    while waiting:
        path = waiting.pop()
        if path not in found and path.is_file():
            found.add(path)
            waiting.extend(folder / name for name in INCLUDE.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def html_sources(root: Path) -> list[Path]:
    """The templates that render pages: ours, allauth's (drawn with our elements) and the form ones."""
    ours = sorted((root / "templates").rglob("*.html"))
    accounts = sorted((package_dir("allauth") / "templates").rglob("*.html"))
    return ours + accounts + crispy_templates(root)


def python_sources(root: Path) -> list[Path]:
    """Our apps' Python, where a widget or a view may set a class."""
    return [
        path
        for app in ("followup", "letters", "reminders")
        for path in sorted((root / app).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def script_sources(root: Path) -> list[Path]:
    return sorted((root / "static" / "js").rglob("*.js"))


def python_strings(text: str) -> Iterator[str]:
    """The string literals of a Python module: a class is set in one, never in a name or a comment."""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING:
            yield token.string


def words_in(texts: Iterable[str]) -> set[str]:
    return {word for text in texts for word in WORD.findall(text)}


def glued_parts(template: str) -> set[str]:
    """The written parts of class names a template completes with a tag or a variable.

    A fixed start is returned as `alert-…`, a fixed end as `…-subtle`.
    """
    parts = set()
    for match in CLASS_ATTRIBUTE.finditer(template):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        parts.update(f"{a or b}…" for a, b in GLUED_START.findall(value))
        parts.update(f"…{end}" for end in GLUED_END.findall(value))
    return parts


def safelisted(part: str) -> bool:
    if part.endswith("…"):
        return any(name.startswith(part[:-1]) for name in SAFELIST)
    return any(name.endswith(part[1:]) for name in SAFELIST)


def check_safelist(templates: dict[Path, str], root: Path) -> None:
    """Stops the build when one of our templates builds a class that SAFELIST does not spell out.

    Only the project's own templates: the form packages complete classes from the helper settings
    our forms pass them, which are in our Python sources.
    """
    missing = [
        f"  {path.relative_to(root)}: class {part} is completed by the template"
        for path, text in templates.items()
        if path.is_relative_to(root / "templates")
        for part in sorted(glued_parts(text))
        if not safelisted(part)
    ]
    if missing:
        raise BuildError(
            "A template builds class names from a fixed part and a value, so no source spells them out; "
            "list every class they can become in SAFELIST (scripts/build_assets.py):\n" + "\n".join(missing)
        )


def used_words(root: Path) -> set[str]:
    """Every word of the sources that could be a class or a data-* attribute on a page."""
    templates = {path: path.read_text(encoding="utf-8") for path in html_sources(root)}
    check_safelist(templates, root)
    words = words_in(templates.values())
    words |= words_in(path.read_text(encoding="utf-8") for path in script_sources(root))
    for path in python_sources(root):
        words |= words_in(python_strings(path.read_text(encoding="utf-8")))
    return words | SAFELIST


# -- the stylesheet ---------------------------------------------------------------------------------


def split_selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A selector list cut at its top-level commas (commas inside :not(…) belong to their function)."""
    selectors: list[list[ast.Node]] = [[]]
    for node in prelude:
        if node.type == "literal" and node.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(node)
    return [strip_whitespace(selector) for selector in selectors]


def strip_whitespace(nodes: list[ast.Node]) -> list[ast.Node]:
    start, end = 0, len(nodes)
    while start < end and nodes[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and nodes[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return nodes[start:end]


def selector_needs(selector: list[ast.Node]) -> set[str]:
    """The classes and data-* attributes an element must carry for this selector to match it.

    Only the top level counts: a class inside :not(), :is(), :where() or :has() may be absent from
    every page while the selector still matches, so it never condemns the selector.
    """
    needs = set()
    for previous, node in zip([None, *selector], selector, strict=False):
        if (
            node.type == "ident"
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
        ):
            needs.add(node.value)
        elif node.type == "[] block":
            names = [part for part in node.content if part.type == "ident"]
            if names and names[0].lower_value.startswith("data-"):
                needs.add(names[0].value)
    return needs


def trim_rules(rules: list[ast.Node], words: set[str]) -> list[tuple[str, str]]:
    """The rules that can still match, serialized, each with the name of the animation it defines (if
    it is @keyframes); @media blocks are trimmed the same way, and those left empty dropped."""
    kept: list[tuple[str, str]] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if selector_needs(s) <= words]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s) for s in selectors)
                kept.append(("", f"{prelude}{{{tinycss2.serialize(rule.content).strip()}}}"))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container"):
            inner = tinycss2.parse_rule_list(rule.content or [], skip_comments=True, skip_whitespace=True)
            body = "".join(text for _, text in trim_rules(inner, words))
            if body:
                kept.append(("", f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{body}}}"))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            kept.append((tinycss2.serialize(rule.prelude).strip(), tinycss2.serialize([rule])))
        elif rule.type == "at-rule":
            kept.append(("", tinycss2.serialize([rule])))
        elif rule.type == "comment" and rule.value.startswith("!"):
            kept.append(("", tinycss2.serialize([rule])))  # the licence notice stays with the code it covers
    return kept


def trim_stylesheet(css: str, words: set[str]) -> str:
    kept = trim_rules(tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True), words)
    # @keyframes that no kept rule animates with go too (the spinners', the progress bars').
    rules = "".join(text for animation, text in kept if not animation)
    animated = words_in(re.findall(r"animation[\w-]*:([^;}]*)", rules))
    return "".join(text for animation, text in kept if not animation or animation in animated) + "\n"


def build(root: Path = ROOT) -> str:
    return trim_stylesheet(bootstrap_css_path().read_text(encoding="utf-8"), used_words(root))


def main(root: Path = ROOT) -> int:
    try:
        css = build(root)
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    output = root / OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written only when it changed, so a rebuild leaves the file (and what caches it) alone.
    if not output.is_file() or output.read_text(encoding="utf-8") != css:
        output.write_text(css, encoding="utf-8")
    print(f"{OUTPUT}: {len(css.encode()):,} bytes of Bootstrap's {bootstrap_css_path().stat().st_size:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
