"""Every catalogue file in content/en and content/nl: same files, same keys, same placeholders.

Generic on purpose: a catalogue file added later is checked the same way without a new test.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

import oneonone_kit
from oneonone_kit import i18n, model

PACKAGE = Path(oneonone_kit.__file__).parent
CONTENT = PACKAGE / "content"
LANGS = ("en", "nl")


def _files(lang: str) -> dict[str, Path]:
    return {p.name: p for p in sorted((CONTENT / lang).glob("*.json"))}


def _load(path: Path) -> dict[str, str | dict[str, str]]:
    data = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


FILE_NAMES = sorted(set(_files("en")) | set(_files("nl")))


def test_both_languages_ship_the_same_catalogue_files():
    assert _files("en"), "no English catalogue files found"
    assert sorted(_files("en")) == sorted(_files("nl"))


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _forms(value: str | dict[str, str]) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.mark.parametrize("name", FILE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_is_a_flat_mapping_of_non_empty_strings_or_plural_forms(lang, name):
    data = json.loads((CONTENT / lang / name).read_text("utf-8"))
    assert isinstance(data, dict)
    bad = {
        k
        for k, v in data.items()
        if not (
            _is_text(v)
            or (
                isinstance(v, dict)
                and set(v) == set(i18n.PLURAL_FORMS)
                and all(map(_is_text, v.values()))
            )
        )
    }
    assert not bad, f"{lang}/{name}: empty values or wrong plural forms for {sorted(bad)}"


@pytest.mark.parametrize("name", FILE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_differ(lang, name):
    plurals = {k: v for k, v in _load(CONTENT / lang / name).items() if isinstance(v, dict)}
    assert [k for k, v in plurals.items() if v["one"] == v["other"]] == []


@pytest.mark.parametrize("name", FILE_NAMES)
def test_a_string_is_plural_in_both_languages_or_in_neither(name):
    en, nl = _load(CONTENT / "en" / name), _load(CONTENT / "nl" / name)
    differ = [k for k in set(en) & set(nl) if isinstance(en[k], dict) != isinstance(nl[k], dict)]
    assert sorted(differ) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_string_hedges_a_plural_with_brackets(lang):
    # "meeting(s)", "gesprek(ken)", "probleem/problemen": use plural forms instead
    hedges = re.compile(r"\w\((s|en|ken|n|e|men)\)|\bprobleem/problemen|persoon/personen")
    found = sorted(
        key
        for path in _files(lang).values()
        for key, value in _load(path).items()
        for form in _forms(value)
        if hedges.search(form)
    )
    assert found == []


@pytest.mark.parametrize("name", FILE_NAMES)
def test_catalogue_file_has_the_same_keys_in_both_languages(name):
    en, nl = _load(CONTENT / "en" / name), _load(CONTENT / "nl" / name)
    assert sorted(set(en) - set(nl)) == [], f"keys missing in nl/{name}"
    assert sorted(set(nl) - set(en)) == [], f"keys missing in en/{name}"


@pytest.mark.parametrize("name", FILE_NAMES)
def test_each_key_has_the_same_placeholders_in_both_languages(name):
    en, nl = _load(CONTENT / "en" / name), _load(CONTENT / "nl" / name)
    differ = {
        key: (sorted(i18n.placeholders(en[key])), sorted(i18n.placeholders(nl[key])))
        for key in set(en) & set(nl)
        if i18n.placeholders(en[key]) != i18n.placeholders(nl[key])
    }
    assert not differ, f"{name}: placeholders differ: {differ}"


@pytest.mark.parametrize("name", FILE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_named_and_well_formed(lang, name):
    for key, value in _load(CONTENT / lang / name).items():
        for template in _forms(value):
            parsed = list(string.Formatter().parse(template))  # raises on a stray brace
            positional = [f for _, f, _, _ in parsed if f is not None and not f.strip()]
            assert not positional, f"{lang}/{name}:{key} uses an unnamed {{}} placeholder"
            # Filling every placeholder must work, so a template is never shown half-made.
            template.format(**{f: "x" for f in i18n.placeholders(template)})


@pytest.mark.parametrize("lang", LANGS)
def test_no_key_appears_in_two_catalogue_files(lang):
    seen: dict[str, str] = {}
    clashes = []
    for name, path in _files(lang).items():
        for key in _load(path):
            if key in seen:
                clashes.append(f"{key} in {seen[key]} and {name}")
            seen[key] = name
    assert not clashes
    assert set(i18n.catalogue(lang)) == set(seen)


def _message_keys_in_source() -> set[str]:
    pattern = re.compile(r"""["']((?:error|import|store)\.[a-z_]+)["']""")
    keys: set[str] = set()
    for module in ("model.py", "log/store.py", "log/backup.py", "log/csvio.py"):
        keys |= set(pattern.findall((PACKAGE / module).read_text("utf-8")))
    return keys


@pytest.mark.parametrize("lang", LANGS)
def test_every_error_key_used_by_the_code_exists(lang):
    keys = _message_keys_in_source()
    assert {"error.required", "error.date_format", "import.refused", "store.corrupt"} <= keys
    missing = sorted(k for k in keys if not i18n.has(k, lang))
    assert not missing, f"{lang}: message keys used in code but missing: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_record_field_has_a_label_for_problem_messages(lang):
    # ImportProblem and forms show FieldProblem.field through "field.<name>".
    names = {"row", *model.RECORD_TYPES}
    for record_type in model.RECORD_TYPES.values():
        names |= set(model.field_names(record_type))
    names.discard("schema_version")  # set by the code, never typed in, so never a problem field
    missing = sorted(n for n in names if not i18n.has(f"field.{n}", lang))
    assert not missing, f"{lang}: no field.<name> label for {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_choice_of_the_model_has_a_label(lang):
    wanted = (
        [f"need.{n}" for n in model.NEEDS]
        + [f"status.{s}" for s in model.STATUSES]
        + [f"agenda.{a}" for a in model.AGENDA_OWNERS]
        + [f"owner.{o}" for o in model.COMMITMENT_OWNERS]
        + [f"verdict.{v}" for v in model.VERDICTS]
        + [f"metric.{m}" for m in model.EXPERIMENT_METRICS]
    )
    assert [k for k in wanted if not i18n.has(k, lang)] == []
