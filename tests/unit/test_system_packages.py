"""tools/system-packages.sh: what it finds missing, what it prints, and when it installs.

Each test builds a fake machine: a PATH folder of stub tools, a Chromium path and a hunspell
dictionary folder, so the outcome never depends on what this computer has installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "system-packages.sh"
BASH = shutil.which("bash") or "/bin/bash"
# The tool each Debian package brings (make, node, npm, hunspell, pdftotext are commands).
COMMANDS = {
    "make": "make",
    "nodejs": "node",
    "npm": "npm",
    "hunspell": "hunspell",
    "poppler-utils": "pdftotext",
}


class FakeMachine:
    def __init__(self, root: Path):
        self.bin = root / "bin"
        self.bin.mkdir()
        self.chromium = root / "chromium"
        self.dicts = root / "hunspell"
        self.dicts.mkdir()
        self.apt_log = root / "apt-get.log"

    def stub(self, name: str, body: str = "exit 0") -> None:
        path = self.bin / name
        path.write_text(f"#!{BASH}\n{body}\n")
        path.chmod(0o755)

    def give(self, *packages: str) -> None:
        for package in packages:
            if package == "chromium":
                self.chromium.write_text(f"#!{BASH}\nexit 0\n")
                self.chromium.chmod(0o755)
            elif package == "hunspell-nl":
                (self.dicts / "nl_NL.dic").write_text("1\nhuis\n")
            else:
                self.stub(COMMANDS[package])

    def fake_apt(self) -> None:
        """apt-get that logs its arguments and 'installs' the commands of the packages named."""
        tools = " ".join(f"{package})t={tool};;" for package, tool in COMMANDS.items())
        self.stub(
            "apt-get",
            f'echo "$*" >> {self.apt_log}\n'
            'if [ "$1" = install ]; then\n'
            '  for p in "$@"; do t=""; case "$p" in ' + tools + " esac\n"
            f'    if [ -n "$t" ]; then printf "#!{BASH}\\nexit 0\\n" > {self.bin}/$t; '
            f"{shutil.which('chmod')} +x {self.bin}/$t; fi\n"
            "  done\nfi",
        )

    def run(self, *args: str) -> subprocess.CompletedProcess:
        env = {
            "PATH": str(self.bin),
            "ONEONONE_CHROMIUM": str(self.chromium),
            "ONEONONE_HUNSPELL_DIR": str(self.dicts),
        }
        return subprocess.run(
            [BASH, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=30
        )


@pytest.fixture
def machine(tmp_path) -> FakeMachine:
    return FakeMachine(tmp_path)


def missing_lines(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("missing: ")]


def test_check_passes_when_every_package_is_there(machine):
    machine.give("make", "chromium", "nodejs", "npm", "hunspell", "hunspell-nl", "poppler-utils")
    result = machine.run("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert missing_lines(result.stdout) == []
    assert "all present (7 checked)" in result.stdout


def test_check_names_each_missing_package_and_the_command_to_run(machine):
    machine.give("make", "chromium", "hunspell")
    result = machine.run("--check")
    assert result.returncode == 1
    assert missing_lines(result.stdout) == ["nodejs", "npm", "hunspell-nl", "poppler-utils"]
    command = "apt-get install -y --no-install-recommends nodejs npm hunspell-nl poppler-utils"
    assert command in result.stdout


def test_check_installs_nothing_even_when_apt_get_is_there(machine):
    machine.give("make", "chromium", "nodejs", "npm", "hunspell", "hunspell-nl")
    machine.fake_apt()
    result = machine.run("--check")
    assert result.returncode == 1
    assert missing_lines(result.stdout) == ["poppler-utils"]
    assert not machine.apt_log.exists()


def test_a_dutch_dictionary_named_nl_counts_as_hunspell_nl(machine):
    machine.give("make", "chromium", "nodejs", "npm", "hunspell", "poppler-utils")
    (machine.dicts / "nl.dic").write_text("1\nhuis\n")
    assert machine.run("--check").returncode == 0


def test_install_asks_apt_get_for_exactly_the_missing_packages(machine):
    machine.give("make", "chromium", "nodejs", "hunspell", "hunspell-nl")
    machine.fake_apt()
    # As root apt-get runs directly; otherwise through a sudo that lets everything pass.
    machine.stub("sudo", '[ "$1" = -n ] && shift\n[ "$1" = env ] && shift\n"$@"')
    result = machine.run()
    assert "installing npm poppler-utils" in result.stdout
    calls = machine.apt_log.read_text().splitlines()
    assert calls == ["update -qq", "install -y -qq --no-install-recommends npm poppler-utils"]
    # The check after installing finds both tools now.
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("all present (7 checked)")


def test_without_apt_get_it_stops_with_the_command_to_run(machine):
    machine.give("make", "chromium", "nodejs", "npm", "hunspell", "hunspell-nl")
    result = machine.run()
    assert result.returncode == 1
    assert "no apt-get here, so nothing was installed" in result.stdout
    assert "apt-get install -y --no-install-recommends poppler-utils" in result.stdout


def test_a_named_chromium_that_is_missing_is_left_to_the_user(machine):
    machine.give("make", "nodejs", "npm", "hunspell", "hunspell-nl", "poppler-utils")
    machine.fake_apt()
    result = machine.run()
    assert result.returncode == 1
    assert missing_lines(result.stdout) == ["chromium"]
    assert f"ONEONONE_CHROMIUM={machine.chromium} is not an executable" in result.stdout
    assert not machine.apt_log.exists()


def test_an_unknown_option_is_a_usage_error(machine):
    result = machine.run("--install-everything")
    assert result.returncode == 2
    assert "unknown option" in result.stderr


def test_the_script_is_executable():
    assert os.access(SCRIPT, os.X_OK)
