"""The stray-file check fails on what a run leaves in the working tree and only names new source files."""

import subprocess

from scripts.check_stray_files import main


def git_checkout(path):
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    (path / ".gitignore").write_text("var/\n")
    (path / "app.py").write_text("")
    subprocess.run(["git", "-C", str(path), "add", "-A"], check=True)
    return path


def test_a_clean_checkout_passes(tmp_path, capsys):
    root = git_checkout(tmp_path)
    (root / "var" / "broker").mkdir(parents=True)
    (root / "var" / "broker" / "celery.exchange").write_text("{}")  # ignored: where run-time files go
    assert main(root) == 0
    assert capsys.readouterr().out == ""


def test_a_file_left_by_running_the_app_fails_the_check(tmp_path, capsys):
    root = git_checkout(tmp_path)
    (root / "control").mkdir()
    (root / "control" / "celery.exchange").write_text("{}")
    assert main(root) == 1
    out = capsys.readouterr().out
    assert "control/celery.exchange" in out
    assert "under var/" in out


def test_a_new_source_file_not_added_yet_is_named_but_passes(tmp_path, capsys):
    root = git_checkout(tmp_path)
    (root / "new_module.py").write_text("")
    assert main(root) == 0
    assert "new_module.py" in capsys.readouterr().out
