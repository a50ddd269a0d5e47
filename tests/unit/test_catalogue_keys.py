"""String keys are written out in full, so every key the code uses can be found, and every
catalogue key is used.

A key built at run time (``t(f"need.{n}")``) hides which keys exist; the code lists them as whole
literals instead (tables such as :data:`oneonone_kit.labels.NEED_KEY`), and the tests below
check each table against the values it translates.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from pathlib import Path

import pytest

import oneonone_kit
from oneonone_kit import errors, fieldspec, i18n, labels, model, pages
from oneonone_kit.charts import report_data
from oneonone_kit.coach import questions, rewrites, rules, trio
from oneonone_kit.insight import metrics, outcomes, summary
from oneonone_kit.ui import assess, charts_view, need_cases, observer, plan, reflect
from oneonone_kit.ui import trio as trio_view
from oneonone_kit.web import room

PACKAGE = Path(oneonone_kit.__file__).resolve().parent
REPO = PACKAGE.parent
LANGS = ("en", "nl")
KEY_SHAPE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
# Functions and classes whose first argument is a catalogue key.
KEY_TAKERS = {"t", "tr", "has", "template", "Text"}

# Literals shaped like a key that are not catalogue keys, and why.
NOT_KEYS = {
    summary.TOKEN_SETTING: "a store setting's name",
    **{name: "a reflection prompt's name (ui.reflect.PROMPT_KEY)" for name in reflect.PROMPT_KEY},
}


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _literals(tree: ast.AST) -> list[ast.Constant]:
    """Whole string literals: the fixed pieces of an f-string are not keys on their own."""
    pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in pieces
    ]


def _code_literals() -> dict[str, list[str]]:
    """Every whole string literal in the package -> where it appears (``path:line``)."""
    found: dict[str, list[str]] = {}
    for path in _python_files():
        tree = ast.parse(path.read_text("utf-8"))
        for node in _literals(tree):
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            found.setdefault(node.value, []).append(where)
    return found


def _strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def _notebook_and_content_text() -> str:
    """The code cells of every notebook, and the content items, as one text to search."""
    parts = []
    for notebook in sorted(REPO.glob("*/**/*.ipynb")):
        if ".venv" in notebook.parts or ".ipynb_checkpoints" in notebook.parts:
            continue
        cells = json.loads(notebook.read_text("utf-8")).get("cells", [])
        parts += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    for items in sorted((PACKAGE / "content").glob("*/items/*.json")):
        parts += _strings_in(json.loads(items.read_text("utf-8")))
    return "\n".join(parts)


CATALOGUE_KEYS = set(i18n.catalogue("en")) | set(i18n.catalogue("nl"))
PREFIXES = {key.split(".")[0] for key in CATALOGUE_KEYS}
CODE_LITERALS = _code_literals()


def _built(node: ast.expr) -> bool:
    """An f-string, a concatenation of strings or a ``.format`` call."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return any(
            isinstance(side, ast.JoinedStr)
            or (isinstance(side, ast.Constant) and isinstance(side.value, str))
            for side in (node.left, node.right)
        )
    return isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format"


def test_no_key_is_built_at_run_time():
    built = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in KEY_TAKERS:
                suspects = node.args[:1]  # the key
            elif name.endswith(("Error", "Problem")) and not hasattr(builtins, name):
                suspects = node.args  # one of ours: its key may be any positional argument
            else:
                continue
            if any(map(_built, suspects)):
                built.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert built == [], "write the key out in full (a table of literals), not built from parts"


def test_the_scan_sees_keys_the_code_uses():
    # A hand-picked key of each kind: a plain call, a table value, a KitError key.
    for key in ("log.save", "need.guidance", "error.unknown_lang", "coach.rewrite.why_made"):
        assert key in CODE_LITERALS, key


def test_every_catalogue_key_is_used_somewhere():
    elsewhere = _notebook_and_content_text()
    unused = sorted(k for k in CATALOGUE_KEYS if k not in CODE_LITERALS and k not in elsewhere)
    assert unused == [], "unused catalogue keys: use them or delete them in both languages"


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_in_the_code_exists(lang):
    catalogue = i18n.catalogue(lang)
    missing = {
        literal: places
        for literal, places in CODE_LITERALS.items()
        if KEY_SHAPE.match(literal)
        and literal.split(".")[0] in PREFIXES
        and literal not in NOT_KEYS
        and literal not in catalogue
    }
    assert missing == {}, f"keys used in the code but missing in {lang}"


def test_the_allow_list_names_no_catalogue_key():
    assert sorted(set(NOT_KEYS) & CATALOGUE_KEYS) == []


# ---- each table of keys covers exactly the values it translates ------------------------------


@pytest.mark.parametrize(
    "table, values",
    [
        (labels.NEED_KEY, model.NEEDS),
        (labels.STATUS_KEY, model.STATUSES),
        (labels.AGENDA_KEY, model.AGENDA_OWNERS),
        (labels.OWNER_KEY, model.COMMITMENT_OWNERS),
        (labels.VERDICT_KEY, model.VERDICTS),
        (labels.METRIC_KEY, model.EXPERIMENT_METRICS),
        (labels.EFFECT_KEY, outcomes.VERDICTS),
        (labels.PERCEPTION_KEY, outcomes.GAP_DIRECTIONS),
        (labels.PERCEPTION_ALT_KEY, outcomes.GAP_DIRECTIONS),
        (questions.LABEL_KEY, questions.LABELS),
        (questions.LANGUAGE_KEY, i18n.LANGUAGES),
        (trio.KIND_KEY, trio.QUESTION_KINDS),
        (trio.CHECK_KEY, trio.CLOSE_CHECKS),
        (trio.ROLE_KEY, trio.ROLES),
        (trio_view.CARD_HEADING_KEY, trio.ROLES),
        (trio_view.OWN_TOPIC_KEY, trio.ROLES),
        (charts_view.VIEW_KEY, charts_view.VIEW_NAMES),
        (report_data.NAMES_NOTE_KEY, report_data.NAME_MODES),
        (plan.NAMES_KEY, report_data.NAME_MODES),
        (assess.KIND_KEY, summary.KINDS),
        (assess.LEGEND_KEY, summary.KINDS),
        (assess.NEXT_KEY, summary.KINDS),
        (need_cases.RESULT_KEY, need_cases.VERDICTS),
        (reflect.WHOSE_KEY, model.AGENDA_OWNERS),
        (pages.TITLE_KEY, [p.stem for p in (*pages.CHAPTERS, *pages.EXERCISES)]),
        (pages.BLURB_KEY, [p.stem for p in (*pages.CHAPTERS, *pages.EXERCISES)]),
        (room.BANNER_KEY, ("participant", "page")),
        (room.EXPIRES_KEY, ("participant", "page")),
        (observer.NOW_SPEAKING_KEY, (*trio.SPEAKERS, None)),
    ],
)
def test_a_table_of_keys_covers_its_values(table, values):
    assert sorted(table, key=str) == sorted(values, key=str)


def test_talk_bands_each_have_a_key():
    # Shares (in %) on each side of the bands' edges (20, 35, 50): every band the metric names.
    bands = {metrics.talk_band(share) for share in (10, 19, 20, 35, 36, 50, 51, 90)}
    assert bands == set(labels.TALK_BAND_KEY)


def test_every_rewrite_a_rule_names_has_a_key():
    named = {rule.rewrite for table in rules.ADVICE.values() for rule in table if rule.rewrite}
    for table in (*rules.CLOSED_REWRITES.values(), *rules.WHY_REWRITES.values()):
        named |= {key for _, key in table}
    assert named - set(rewrites.REWRITE_KEY) == set()


def test_every_explanation_the_coach_gives_has_a_key():
    heard = {
        questions.classify(text, lang).explanation_key
        for lang, text in [
            ("en", "Have you tried asking Sam?"),
            ("en", "Is it going well?"),
            ("en", "What is on your mind?"),
            ("nl", "Wat houdt je bezig?"),
        ]
    }
    assert heard <= set(questions.EXPLAIN_KEY.values())


def test_every_reflection_prompt_in_the_notebooks_has_a_key():
    asked = set(re.findall(r'reflection\(\\?"([a-z_.]+)\\?"', _notebook_and_content_text()))
    assert asked and asked <= set(reflect.PROMPT_KEY)


def test_every_record_field_has_its_label_key():
    for record_type in model.RECORD_TYPES.values():
        for field in fieldspec.ordered(record_type):
            assert field.name in errors.FIELD_KEYS, field.name
            spec_label = field.metadata.get("label")
            if spec_label:  # where the field spec names a label, it is the same key
                assert errors.FIELD_KEYS[field.name] == spec_label
