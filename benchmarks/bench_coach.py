"""How often the question coach agrees with the labelled sets, and how fast it reads.

``run()`` returns rows for ``benchmarks/bench.py``; ``python benchmarks/bench_coach.py`` prints
them on their own. The sets are ``tests/unit/coach_cases_<lang>.tsv`` (label, must, question);
the coach detects the language itself, as it does in the question lab. Higher accuracy is
better, so those rows carry no target (the unit tests hold the floor of 0.9).
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGS = ("en", "nl")


def labelled(lang: str) -> list[tuple[str, str]]:
    """(label, question) pairs of the labelled set of ``lang``."""
    lines = (ROOT / "tests" / "unit" / f"coach_cases_{lang}.tsv").read_text("utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    return [(row["label"], row["question"]) for row in rows]


def run() -> list[dict]:
    from oneonone_kit.coach.questions import classify

    rows = []
    questions = []
    for lang in LANGS:
        cases = labelled(lang)
        right = sum(classify(question).label == label for label, question in cases)
        rows.append(
            {
                "name": f"coach accuracy {lang} ({len(cases)} labelled)",
                "value": right / len(cases),
                "unit": "share",
                "target": None,
            }
        )
        questions += [question for _, question in cases]
    batch = (questions * (1000 // len(questions) + 1))[:1000]
    start = time.perf_counter()
    for question in batch:
        classify(question)
    rows.append(
        {
            "name": "coach: classify 1,000 questions",
            "value": time.perf_counter() - start,
            "unit": "s",
            "target": 1.0,
        }
    )
    return rows


if __name__ == "__main__":
    for row in run():
        target = "" if row["target"] is None else f"  (target {row['target']:g})"
        print(f"{row['name']:<40}{row['value']:>10.3f}  {row['unit']}{target}")
