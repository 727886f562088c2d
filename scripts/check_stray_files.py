"""Fails when running the app, the tests or the benchmark left a file in the working tree.

What the app writes at run time belongs under var/ (or another ignored folder); a file that lands
anywhere else would sooner or later be committed. The check lists every untracked file git does not
ignore and fails on those that are not source: a new module, template or document that is simply not
added yet is named, as a reminder, but does not fail the check. See CONTRIBUTING.md, "Checks".
"""

import subprocess
import sys
from pathlib import Path

# What a developer writes by hand. Anything else untracked (a database, a broker's table, a log, a
# schedule, an export) is taken for something a run left behind.
SOURCE_SUFFIXES = {
    ".py",
    ".html",
    ".txt",
    ".md",
    ".css",
    ".js",
    ".toml",
    ".yml",
    ".yaml",
    ".sh",
    ".cfg",
    ".ini",
}

ROOT = Path(__file__).resolve().parent.parent


def untracked_files(root: Path) -> list[str]:
    listing = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "-z"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(entry[3:] for entry in listing.split("\0") if entry.startswith("?? "))


def is_source(path: str) -> bool:
    return Path(path).suffix in SOURCE_SUFFIXES


def main(root: Path = ROOT) -> int:
    if not (root / ".git").exists():
        print("Not a git checkout: no stray files to look for.")
        return 0
    untracked = untracked_files(root)
    new_sources = [path for path in untracked if is_source(path)]
    strays = [path for path in untracked if not is_source(path)]
    if new_sources:
        print("Not added to git yet (git add them, or delete them):")
        print("".join(f"  {path}\n" for path in new_sources), end="")
    if strays:
        print("Files left in the working tree, probably by running the app, the tests or the benchmark:")
        print("".join(f"  {path}\n" for path in strays), end="")
        print("Write run-time files under var/ (ignored by git); add a file here only if it is source.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
