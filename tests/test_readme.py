"""The README's two commands: CI runs the test command, and the examples it names exist."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The one-line commands of the README's bash blocks that set up a fresh machine."""
    blocks = re.findall(r"```bash\n(.*?)```", ROOT.joinpath("README.md").read_text(encoding="utf-8"), re.S)
    return [line for block in blocks for line in block.splitlines() if "python3 -m venv" in line]


def test_ci_runs_the_readme_test_command():
    [test_command] = [command for command in readme_commands() if "pytest" in command]
    assert test_command in ROOT.joinpath(".ci", "run").read_text(encoding="utf-8").splitlines()


def test_main_command_runs_on_bundled_examples():
    [main_command] = [command for command in readme_commands() if "newsgraph analyze" in command]
    target = re.search(r"newsgraph analyze (\S+)", main_command).group(1)
    assert ROOT.joinpath(target).is_dir() and any(ROOT.joinpath(target).iterdir())


def test_setup_scripts_exist():
    for command in readme_commands():
        for script in re.findall(r"bash (scripts/\S+)", command):
            assert ROOT.joinpath(script).is_file(), script
