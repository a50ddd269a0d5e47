"""No test skips quietly: a skipped test passes without checking anything (issue 17).

A missing tool or system part fails the test with what to install instead (see the Dutch spell
check and the PDF checks). This test reads every test file and refuses the ways pytest offers to
skip or expect a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
# Spelled in pieces, so this file does not find itself.
SKIPPING = re.compile(
    r"pytest\.(?:" + "|".join(["sk" + "ip", "import" + "orskip"]) + r")\s*\("
    r"|mark\.(?:" + "|".join(["sk" + "ip", "sk" + "ipif", "xf" + "ail"]) + r")\b"
    r"|unittest\.(?:" + "sk" + "ip" + r")"
)


def skipping_lines() -> list[str]:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if SKIPPING.search(line):
                found.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    return found


def test_the_pattern_finds_each_way_to_skip():
    lines = [
        "    pytest." + "skip('no tool')",
        "pytest." + "importorskip('fitz')",
        "@pytest.mark." + "skipif(True, reason='x')",
        "@pytest.mark." + "xfail",
        "@unittest." + "skip('x')",
    ]
    assert [bool(SKIPPING.search(line)) for line in lines] == [True] * 5
    assert not SKIPPING.search("def test_title_guess_skips_the_calendar_owner():")
    assert not SKIPPING.search(")  # fmt: " + "skip")


def test_no_test_skips_or_expects_to_fail():
    assert skipping_lines() == []
