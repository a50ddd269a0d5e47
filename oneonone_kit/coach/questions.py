"""Read a question the way a coach hears it, in English or Dutch.

``classify(question)`` returns :class:`Feedback`: the kind of question (advice in disguise,
leading, an offer that asks permission, either/or, closed, open, or honestly unsure), the language it was read in, whether it
asks "why", whether several questions are stacked in one turn, a catalogue key that explains the
label, and an open rewrite where one can be made. The checks run in a fixed order: advice, then
leading, then an offer that asks permission ("Would it help if I shared how I did it?"), then
the form of the question (closed, either/or or open). Advice and leading cues count wherever
they appear in the turn; the form is read from its last question.

Pure: text in, Feedback out. The rules are data (:mod:`oneonone_kit.coach.words` and
:mod:`oneonone_kit.coach.rules`), matched against the lower-cased text; ``^`` in a pattern means
"at the start of a clause", after fillers such as "so," or "oké,". Rewrites are catalogue strings
(``coach.rewrite.*``), some with the learner's own words filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import check_lang, t
from .rewrites import REWRITE_KEY, closed_rewrite, why_rewrite
from .rules import (
    ADVICE,
    CAUSE_STARTS,
    LEADING,
    OFFER,
    PLAN_STARTS,
    TOCH,
    Rule,
)
from .words import (
    AUXILIARIES_EN,
    FILLERS,
    FINITE_VERBS_NL,
    FRAGMENT_STARTS,
    FUNCTION_WORDS,
    INVITATIONS,
    LEAD_IN_EN,
    LEAD_IN_NL,
    LEAD_IN_SUBJECTS_EN,
    LETTER_HINTS,
    NEGATED_AUXILIARIES_EN,
    NOT_OPTIONS,
    NOT_VERBS_NL,
    NUMBERS,
    PREPOSITIONS,
    QUESTION_WORDS,
    STATEMENT_STARTS,
    SUBJECTS_NL,
    WHETHER_AFTER_NL,
    WHETHER_BEFORE_NL,
)

LABELS = ("advice", "leading", "offer", "either_or", "closed", "open", "unsure")
OPEN_LABELS = frozenset({"open"})
# The name of each label, and each explanation the feedback can give (keys in full).
LABEL_KEY = {
    "advice": "coach.label.advice",
    "leading": "coach.label.leading",
    "offer": "coach.label.offer",
    "either_or": "coach.label.either_or",
    "closed": "coach.label.closed",
    "open": "coach.label.open",
    "unsure": "coach.label.unsure",
}
EXPLAIN_KEY = {
    "advice": "coach.explain.advice",
    "closed": "coach.explain.closed",
    "closed_statement": "coach.explain.closed_statement",
    "either_or": "coach.explain.either_or",
    "leading": "coach.explain.leading",
    "offer": "coach.explain.offer",
    "open": "coach.explain.open",
    "open_invite": "coach.explain.open_invite",
    "unsure": "coach.explain.unsure",
}
LANGUAGE_KEY = {"en": "coach.lang.en", "nl": "coach.lang.nl"}


@dataclass(frozen=True)
class Feedback:
    """What the coach heard: ``t(explanation_key, lang)`` says why in one sentence."""

    label: str  # one of LABELS
    lang: str  # the language the question was read in
    why_flag: bool  # asks "why"/"waarom": can sound like a demand for justification
    stacked: bool  # two or more questions in one turn
    explanation_key: str
    rewrite: str | None  # an open alternative, in ``lang``, when one can be made
    cue: str | None = None  # the words that decided the label, e.g. "have you tried"

    @property
    def is_open(self) -> bool:
        return self.label in OPEN_LABELS


def _compile(table):
    return {lang: tuple((r, re.compile(r.pattern)) for r in rules) for lang, rules in table.items()}


_ADVICE = _compile(ADVICE)
_LEADING = _compile(LEADING)
_OFFER = _compile(OFFER)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NO_APOSTROPHE = re.compile(
    r"\b(do|does|did|is|are|was|were|have|has|had|would|could|should)nt\b|\b(what|how|that)s\b",
    re.IGNORECASE,
)


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def detect_language(text: str, default: str = "en") -> str:
    """``"en"`` or ``"nl"``: the language whose frequent words ``text`` uses more (ties: letters,
    then ``default``)."""
    words = _WORD.findall(_normalise(text).lower())
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in FUNCTION_WORDS.items()}
    if scores["en"] == scores["nl"]:
        joined = " ".join(words)
        scores = {lang: len(p.findall(joined)) for lang, p in LETTER_HINTS.items()}
    if scores["en"] == scores["nl"]:
        return check_lang(default)
    return max(scores, key=scores.get)


class _Text:
    """One sentence, lower-cased for matching, with its original words kept for rewrites."""

    def __init__(self, original: str):
        original = original.strip().rstrip("?!. ").strip()
        self.original = _NO_APOSTROPHE.sub(
            lambda m: (m[1] + "n't") if m[1] else (m[2] + "'s"), original
        )
        self.low = self.original.lower()
        if len(self.low) != len(self.original):  # rare case mappings change the length
            self.original = self.low

    def clauses(self, lang: str) -> list[tuple[str, str]]:
        """(lower, original) of each clause, split at commas, colons and dashes, fillers gone."""
        return [(low, orig) for _, low, orig in self.clause_spans(lang)]

    def clause_spans(self, lang: str) -> list[tuple[int, str, str]]:
        """(start, lower, original) of each clause; ``start`` is where it begins after fillers."""
        out = []
        for match in re.finditer(r"[^,;:\u2013\u2014]+", self.low):
            start, end = match.span()
            cut = _filler_length(self.low[start:end], lang)
            low, orig = (
                self.low[start + cut : end].strip(),
                self.original[start + cut : end].strip(),
            )
            if low:
                out.append((start + cut, low, orig))
        return out


def _filler_length(low: str, lang: str) -> int:
    """How many characters of fillers ("so", "and", "oké") and quotes open the clause ``low``."""
    cut = len(low) - len(low.lstrip(" -\"'("))
    changed = True
    while changed:
        changed = False
        for filler in FILLERS[lang]:
            if low.startswith(filler + " ", cut) and low[cut + len(filler) + 1 :].strip():
                cut += len(filler) + 1
                changed = True
    return cut


def _sentences(text: str) -> tuple[list[_Text], list[_Text]]:
    """All sentences, and the ones among them that end in '?'."""
    parts = [p for p in re.split(r"(?<=[.?!])\s+", text) if _WORD.search(p)]
    sentences = [_Text(p) for p in parts]
    questions = [s for s, p in zip(sentences, parts) if p.rstrip().endswith("?")]
    return sentences, questions


def _starts(low: str) -> list[str]:
    return _WORD.findall(low)


def _form(low: str, lang: str) -> str | None:
    """The form of one clause: open, open_invite, closed, closed_statement, or None."""
    words = _starts(low)
    if not words:
        return None
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if INVITATIONS[lang].search(low):
        verbs = AUXILIARIES_EN if lang == "en" else FINITE_VERBS_NL
        return "open_invite" if first in verbs else "open"  # "Can you tell me..." / "Tell me..."
    if first in QUESTION_WORDS[lang]:
        return "open"
    if first in PREPOSITIONS[lang] and second in QUESTION_WORDS[lang]:
        return "open"
    if lang == "en":
        if first in AUXILIARIES_EN or first in NEGATED_AUXILIARIES_EN:
            return "closed"
        if first in STATEMENT_STARTS["en"] and len(words) >= 2:
            return "closed_statement"
    else:
        if first in FINITE_VERBS_NL or (second in SUBJECTS_NL and first not in NOT_VERBS_NL):
            return "closed"
        if first in STATEMENT_STARTS["nl"] and len(words) >= 3:
            return "closed_statement"
    if first in FRAGMENT_STARTS[lang] and (len(words) >= 2 or first in ("anything", "iets")):
        return "closed_statement"
    return None


def _subordinate(low: str, lang: str) -> bool:
    """A lead-in such as "when you think about it" or "als je terugkijkt" (not the question)."""
    words = _starts(low)
    if len(words) < 2:
        return False
    first, second = words[0], words[1].split("'")[0]  # "you're" -> "you"
    if lang == "en":
        return first in LEAD_IN_EN and second in LEAD_IN_SUBJECTS_EN
    return first in LEAD_IN_NL or (first in QUESTION_WORDS["nl"] and second in SUBJECTS_NL)


def _main_clause(sentence: _Text, lang: str) -> tuple[int, str | None, list[tuple[str, str]]]:
    """Index and form of the clause that carries the question, with all clauses."""
    clauses = sentence.clauses(lang)
    weak: tuple[int, str] | None = None  # a statement with a question mark yields to a question
    for index, (low, _) in enumerate(clauses):
        form = _form(low, lang)
        if not form or (_subordinate(low, lang) and index + 1 < len(clauses)):
            continue
        if form != "closed_statement":
            return index, form, clauses
        weak = weak or (index, form)
    return (*(weak or (0, None)), clauses)


def _options(low: str, lang: str) -> bool:
    """True when "or"/"of" joins two options in ``low`` (not "or not", not Dutch "whether")."""
    joiner = "or" if lang == "en" else "of"
    words = _starts(low)
    for i, word in enumerate(words[1:-1], start=1):
        if word != joiner:
            continue
        after, before = words[i + 1], words[i - 1]
        if after in NOT_OPTIONS[lang] or before in NUMBERS:
            continue
        if lang == "nl" and (
            before in WHETHER_BEFORE_NL
            or after in WHETHER_AFTER_NL
            or re.fullmatch(r"\w*ge\w+[dt]", before)
        ):
            continue
        return True
    return False


def _chained(sentence: _Text, lang: str) -> bool:
    """A second question hooked on with "or"/"and": "..., or should we move on?"."""
    joiners = ("or", "and") if lang == "en" else ("of", "en")
    asked_from = min(
        (start for start, low, _ in sentence.clause_spans(lang) if _form(low, lang)),
        default=len(sentence.low),
    )
    for match in re.finditer(rf"[ ,]({'|'.join(joiners)}) (\w+) (\w+)", sentence.low):
        joiner, first, second = match.groups()
        if match.start() <= asked_from:
            continue  # "And what else?" or "Okay, and ...": nothing was asked before the joiner
        if first in QUESTION_WORDS[lang] and first not in ("when", "where", "wanneer", "waar"):
            return True
        # "..., or should we move on?" and "..., and did you ask Priya?": a second question.
        if (
            lang == "en"
            and (first in AUXILIARIES_EN or first in NEGATED_AUXILIARIES_EN)
            and (second in ("you", "we", "i", "it", "they", "he", "she", "there", "that", "this"))
        ):
            return True
        if lang == "nl" and second in SUBJECTS_NL:
            if joiner == "of" and first not in NOT_VERBS_NL:
                return True
            if joiner == "en" and first in FINITE_VERBS_NL:
                return True
    return False


def _match(rules, sentences: list[_Text], lang: str, anywhere: bool) -> tuple[Rule | None, str]:
    for sentence in sentences:
        targets = [low for low, _ in sentence.clauses(lang)]
        if anywhere:
            targets.append(sentence.low)
        for rule, pattern in rules:
            for target in targets:
                if pattern.search(target):
                    return rule, target
    return None, ""


def _leading_toch(sentences: list[_Text], lang: str) -> bool:
    if lang != "nl":
        return False
    for sentence in sentences:
        if not TOCH.search(sentence.low):
            continue
        _, form, _ = _main_clause(sentence, lang)
        if form != "open" or sentence.low.endswith("toch"):
            return True
    return False


def _either_or_rewrite(main: tuple[str, str], clauses, index: int, form: str, lang: str) -> str:
    low, orig = main
    if form == "open" and index + 1 < len(clauses) and not _options(low, lang):
        return orig[:1].upper() + orig[1:] + "?"  # the open head without the offered options
    if CAUSE_STARTS[lang].search(low):
        return t("coach.rewrite.cause", lang)
    if PLAN_STARTS[lang].search(low):
        return t("coach.rewrite.options", lang)
    return t("coach.rewrite.matters", lang)


def classify(question: str, lang: str | None = None) -> Feedback:
    """Read ``question`` as a coach would; ``lang`` None means detect English or Dutch.

    Returns a :class:`Feedback`; ``label`` is ``"unsure"`` when no rule fits (a fragment, a
    statement), which is an honest answer, not an error.
    """
    text = _normalise(question or "")
    code = check_lang(lang) if lang is not None else detect_language(text)
    sentences, asked = _sentences(text)
    questions = asked or sentences
    stacked = len(asked) >= 2 or any(_chained(s, code) for s in questions)
    why = any(
        re.search(
            r"\bwhy\b|\bhow come\b" if code == "en" else r"\bwaarom\b|\bhoe komt het\b|\bhoezo\b",
            s.low,
        )
        for s in questions
    )

    def feedback(label: str, key: str, rewrite: str | None = None, cue: str | None = None):
        return Feedback(label, code, why, stacked, EXPLAIN_KEY[key], rewrite, cue)

    if not sentences:
        return feedback("unsure", "unsure")

    rule, _ = _match(_ADVICE[code], sentences, code, anywhere=False)
    if rule:
        return feedback("advice", "advice", t(REWRITE_KEY[rule.rewrite], code), rule.cue)
    rule, _ = _match(_LEADING[code], questions, code, anywhere=True)
    if rule or _leading_toch(questions, code):
        return feedback(
            "leading", "leading", t("coach.rewrite.view", code), rule.cue if rule else "toch"
        )

    rule, _ = _match(_OFFER[code], questions, code, anywhere=True)
    if rule:
        return feedback("offer", "offer", None, rule.cue)

    last = questions[-1]
    index, form, clauses = _main_clause(last, code)
    if form is None:
        return feedback("unsure", "unsure")
    main = clauses[index]
    tail = " ".join(low for low, _ in clauses[index:])
    if form == "open" and index + 1 < len(clauses) and _options(tail, code):
        return feedback(
            "either_or",
            "either_or",
            _either_or_rewrite(main, clauses, index, form, code),
            "or" if code == "en" else "of",
        )
    if form in ("closed", "closed_statement") and _options(tail, code):
        return feedback(
            "either_or",
            "either_or",
            _either_or_rewrite(main, clauses, index, form, code),
            "or" if code == "en" else "of",
        )
    if form.startswith("closed"):
        return feedback("closed", form, closed_rewrite(main, code))
    rewrite = why_rewrite(main, code) if why and re.match(r"(?:why|waarom)\b", main[0]) else None
    if why and rewrite is None and re.match(r"(?:how come|hoe komt het|hoezo)\b", main[0]):
        rewrite = t("coach.rewrite.why_generic", code)
    return feedback("open", form, rewrite)


__all__ = [
    "EXPLAIN_KEY",
    "LABELS",
    "LABEL_KEY",
    "LANGUAGE_KEY",
    "Feedback",
    "classify",
    "detect_language",
]
