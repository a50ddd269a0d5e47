"""The Dutch text follows the editor's notes (/work/shared/nl-style.md): one term per concept, one quote style."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Forms the editor's table and rules forbid anywhere in the Dutch text, with what to write instead.
FORBIDDEN = {
    r"[eé]én-op-ééns\b": "één-op-ééngesprekken",
    r"[eé]én-op-één-gesprek": "één-op-ééngesprek",
    r"[eé]én-op-één-logboek": "gesprekslogboek",
    r"\bhet één-op-één\b": "de één-op-één",
    r"\b1-op-1\b": "één-op-ééngesprek",
    r"\b[Ww]erknemers?\b": "medewerker",
    r"\b[Bb]eginmeting": "nulmeting",
    r"\b[Gg]ewoontes\b": "gewoonten",
    r"\btoezegging": "afspraak",
    r"\b[Vv]erwijder": "wissen",
    r"\brecords?\b": "gesprekken, items",
    r"\w\((?:s|en|n|ken|'s)\)": "a real plural form",
    r"\b(\w{4})\w*/\1\w*": "a real plural form",
    r"\bin het spel\b": "(a Dutch phrase)",
    r"\bin de kamer\b": "(a Dutch phrase)",
    r"\bdoor de tijd\b": "in de loop van de tijd",
    r"\bin deze pagina\b": "op deze pagina",
    r"\bwat maak je ervan\b": "wat haal je eruit",
    r"\bvol loopt\b": "volloopt",
    r"\bHun score\b": "Score medewerker",
}
# Only in strings a learner sees in the interface (catalogues and items).
UI_ONLY = {
    r'"': "“…” for speech, ‘…’ for names of buttons and quoted words",
    r"(?:^|[\s(])'\w": "‘…’ instead of straight single quotes",
    r"(?<![\d\-–.])\d{1,3}-\d{1,3}(?![\d\-])": "an en dash in a range (1–5)",
    r"^Controleer$|‘Controleer’": "Controleren",
    # A short label (no sentence) that starts with an imperative is a button worded as an order.
    r"(?-i:^(?:Toon|Stel|Kies|Controleer)\b[^!?:]{0,30}(?<!\.)$)": "a button: ‘Groep tonen’",
}


def _strings(value, key: str = ""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def catalogue_texts() -> list[tuple[str, str, str]]:
    """(where, key, text) for every Dutch string in the catalogues and item files."""
    folder = ROOT / "oneonone_kit" / "content" / "nl"
    out = []
    for path in sorted(folder.glob("*.json")) + sorted((folder / "items").glob("*.json")):
        for key, text in _strings(json.loads(path.read_text("utf-8"))):
            out.append((str(path.relative_to(ROOT)), key, text))
    return out


def notebook_texts() -> list[tuple[str, str, str]]:
    out = []
    for folder in ("notebooks/nl", "exercises/nl"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            for cell in json.loads(path.read_text("utf-8"))["cells"]:
                if cell["cell_type"] == "markdown":
                    out.append(
                        (str(path.relative_to(ROOT)), cell.get("id", ""), "".join(cell["source"]))
                    )
    for doc in ("docs/references.nl.md", "docs/facilitator.nl.md"):
        out.append((doc, "", (ROOT / doc).read_text("utf-8")))
    # The Dutch words of the Voila template's loading screen (the first thing a learner reads).
    template = ROOT / "share/jupyter/voila/templates/oneonone/index.html.j2"
    dutch = re.search(r"\bnl: \{(.*?)\}\s*\}", template.read_text("utf-8"), re.S)
    out.append((str(template.relative_to(ROOT)), "nl", dutch.group(1)))
    return out


def is_shell(key: str, text: str) -> bool:
    """Command examples keep the quotes the shell needs."""
    return key.endswith(".example") or '".[' in text


def problems(texts, patterns) -> list[str]:
    found = []
    for where, key, text in texts:
        for pattern, instead in patterns.items():
            if pattern == r'"' and is_shell(key, text):
                continue
            # A title or sentence starts with a capital: "Eén-op-ééns" is as wrong as "één-op-ééns".
            for match in re.finditer(pattern, text, re.IGNORECASE):
                found.append(f"{where} {key}: {match.group(0)!r} -> {instead}")
    return found


def test_the_dutch_notebooks_use_the_agreed_terms():
    found = problems(notebook_texts(), FORBIDDEN)
    assert found == [], "\n".join(found)


def test_the_dutch_interface_strings_use_the_agreed_terms():
    found = problems(catalogue_texts(), FORBIDDEN)
    assert found == [], "\n".join(found)


def test_the_dutch_interface_strings_use_one_quote_style_real_ranges_and_infinitive_buttons():
    found = problems(catalogue_texts(), UI_ONLY)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("Plan je één-op-ééns vooruit.", "Plan je één-op-ééngesprekken vooruit."),
        (
            "Eén-op-ééns die van de medewerker zijn",
            "Eén-op-ééngesprekken die van de medewerker zijn",
        ),
        ("Het één-op-één begint.", "De één-op-één begint."),
        ("Mijn één-op-één-logboek", "Mijn gesprekslogboek"),
        ("Elke werknemer telt.", "Elke medewerker telt."),
        ("Je beginmeting", "Je nulmeting"),
        ("Drie gesprek(ken) gepland.", "Drie gesprekken gepland."),
        ("Eén probleem/problemen gevonden.", "Eén probleem gevonden."),
        ("Verwijder de persoon.", "Wis de persoon."),
        ("Behoeften door de tijd", "Behoeften in de loop van de tijd"),
    ],
)
def test_the_checker_catches_each_forbidden_form_and_passes_the_fix(bad: str, good: str):
    assert problems([("x", "k", bad)], FORBIDDEN) != []
    assert problems([("x", "k", good)], FORBIDDEN) == []


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ('Ze zegt: "Het lukt wel."', "Ze zegt: “Het lukt wel.”"),
        ("Klik op 'Opslaan'.", "Klik op ‘Opslaan’."),
        ("Score (1-5)", "Score (1–5), bijvoorbeeld 2026-03-03"),
        ("Controleer", "Controleren"),
        ("Toon de groep", "Groep tonen"),
        ("Kies .ics-bestand", "Kies eerst een persoon."),
    ],
)
def test_the_checker_catches_each_interface_form_and_passes_the_fix(bad: str, good: str):
    assert problems([("x", "k", bad)], UI_ONLY) != []
    assert problems([("x", "k", good)], UI_ONLY) == []


def test_apostrophes_and_shell_examples_are_not_quote_problems():
    assert problems([("x", "k", "De agenda's van zo'n team")], UI_ONLY) == []
    assert problems([("x", "cli.x.example", 'oneonone add --text "Link sturen"')], UI_ONLY) == []
