"""What every browser test does on a page: screenshots, the accessibility check, the phone-width check."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_ROOT = ROOT / "test-artifacts" / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    """axe-core as shipped by the axe-playwright-python package: served from disk, never the network."""
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page: Page) -> list[dict]:
    """Runs axe-core on the page as it is now and returns its serious and critical violations."""
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy (no inline script)
    # stays in force for everything the app itself does.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str = "") -> None:
    violations = axe_violations(page)
    assert not violations, f"Accessibility problems on {what or page.url}:\n{describe_violations(violations)}"


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@dataclass
class Browsing:
    """One browser context at one size, with its page and the pictures taken of it."""

    context: BrowserContext
    size: str
    folder: Path
    taken: list[str]
    console_problems: list[str] = field(default_factory=list)
    page: Page = field(init=False)

    def __post_init__(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.console_problems.append(f"{self.page.url}: {error}"))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type == "error":
            source = message.location.get("url") or self.page.url
            self.console_problems.append(f"{self.page.url}: {message.text} ({source})")

    def shoot(self, name: str) -> Path:
        path = self.folder / f"{len(list(self.folder.glob('*.png'))) + 1:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        self.taken.append(str(path))
        return path

    def check(self, name: str) -> None:
        """The page as it stands: a screenshot, no serious accessibility problem, no sideways scrolling."""
        self.page.wait_for_load_state("load")
        self.shoot(name)
        assert_accessible(self.page, f"{name} ({self.size}, {self.page.url})")
        if self.size == "phone":
            overflow = horizontal_overflow(self.page)
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at phone width ({self.page.url})"

    def visit(self, path: str, name: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path} answered {response and response.status}"
        self.check(name)
