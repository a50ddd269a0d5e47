"""The question coach's rules, in English and Dutch: data, no logic.

Cues for advice in disguise and leading questions (:class:`Rule`), and the patterns that pick an
open rewrite for closed, "why" and either/or questions. ``^`` in a pattern means "at the start of
a clause"; :mod:`oneonone_kit.coach.questions` compiles the patterns and matches them against lower-cased
text. Rewrites are catalogue keys (``coach.rewrite.*``).

Long on purpose: it is a table, one rule per entry in both languages, read top to bottom; splitting
it would put the English and Dutch cues for the same kind of question in different files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One cue: its name (shown to the learner), a pattern, and the rewrite to offer."""

    cue: str
    pattern: str
    rewrite: str | None = None


# Advice in disguise: the leader's solution wrapped in a question.
ADVICE = {
    "en": (
        Rule(
            "have you tried",
            r"^(?:have|did) you (?:already |ever |even )?(?:tried|try)\b"
            r"(?! (?:anything|something|everything|yet|already|it|that|this)\b)",
            "tried",
        ),
        Rule(
            "have you thought about",
            r"^have you (?:already |ever )?(?:thought (?:about|of)|considered"
            r"|looked into)\b(?! (?:what|how|who|where|when|which|why|whether|if|it|this|that|"
            r"anything|something|yet)\b)",
            "options",
        ),
        Rule("why don't you", r"^why (?:don't|do not|wouldn't|won't|can't) you\b", "hard"),
        Rule("why don't we", r"^why (?:don't|do not|wouldn't|won't|can't) we\b", "help"),
        Rule("why not", r"^why not\b(?= \w)", "hard"),
        Rule("what if you", r"^what if you\b", "try"),
        Rule("what if we", r"^what if (?:we|i)\b", "help"),
        Rule("how about", r"^how about\b(?! (?:you|yourself|your side)\b)", "options"),
        Rule(
            "what about",
            r"^what about (?!(?:any|some|every|no)thing\b|morning\b|evening\b|during\b)"
            r"\w+ing\b",
            "options",
        ),
        Rule(
            "what do you think about",
            r"^what do you think (?:about|of) (?:the idea of )?"
            r"(?!(?:any|some|every|no)thing\b|morning\b|evening\b|during\b)\w+ing\b",
            "options",
        ),
        Rule(
            "could you maybe",
            r"^(?:could|can|would) you (?:maybe|perhaps|possibly|just|not just)\b",
            "options",
        ),
        Rule("couldn't you", r"^(?:can't|couldn't|cannot) you\b", "options"),
        Rule(
            "shouldn't you",
            r"^(?:shouldn't you|should you (?:not|maybe|perhaps|just))\b",
            "options",
        ),
        Rule(
            "wouldn't it be better",
            r"^(?:wouldn't|would|isn't|is) it (?:not )?(?:be )?(?:better|"
            r"easier|smarter|wiser|simpler|a good idea|an idea|time)\b",
            "options",
        ),
        Rule(
            "would it help if",
            r"^would it (?:help|be useful|make sense) (?:if|to)\b(?! (?:i |me )?(?:shared?|told you|"
            r"tell you|gave you|give you|offered|offer|suggested|suggest|showed you|show you|"
            r"hear|heard)\b)",
            "help",
        ),
        Rule("how would it be if", r"^how would it (?:be|feel|work) if (?:you|we|i)\b", "try"),
        Rule("wouldn't you rather", r"^wouldn't you rather\b", "options"),
        Rule(
            "you should",
            r"^(?:maybe |perhaps |i think |i'd say |i guess )?you (?:should|could|might "
            r"want to|need to|ought to|'d better|had better|can always)\b",
            "options",
        ),
        Rule(
            "if I were you",
            r"^(?:if i were you|i'd suggest|i would suggest|i suggest|i'd recommend)\b",
            "options",
        ),
    ),
    "nl": (
        Rule(
            "heb je al overwogen",
            r"^(?:heb|had) je (?:al |ook |wel |nooit |eens )*overwogen\b",
            "options",
        ),
        Rule(
            "heb je er al aan gedacht",
            r"^(?:heb|had) je (?:er )?(?:al |ook |wel |eens |nooit )*"
            r"(?:aan gedacht|gedacht aan)\b|^(?:heb|had) je (?:er )?(?:al |ook |wel |eens )*"
            r"(?:over )?nagedacht om\b|^(?:heb|had) je (?:al |ook |wel |eens )*erover nagedacht om\b",
            "options",
        ),
        Rule(
            "heb je al geprobeerd",
            r"^(?:heb|had) je (?:het )?(?:al |ook |wel |eens )*geprobeerd\b",
            "tried",
        ),
        # "Waarom vraag je Sam niet ...?" suggests; "Waarom heb je ... niet ...?" asks for a reason.
        Rule(
            "waarom doe je niet",
            r"^waarom (?!(?:heb|hebt|ben|bent|had|was|wil|wilt|kun|kunt|kan|"
            r"mag|durf|kon|mocht|vind|denk|snap|begrijp|weet|zie|voel)\b)\w+ (?:je|jij|u) "
            r"(?:\w+ ){0,6}?niet\b",
            "hard",
        ),
        Rule(
            "waarom doen we niet",
            r"^waarom (?!(?:hebben|zijn|willen|kunnen|mogen|durven)\b)\w+ "
            r"(?:we|wij) (?:\w+ ){0,6}?niet\b",
            "help",
        ),
        Rule("waarom niet gewoon", r"^waarom niet (?:gewoon|even|eens|meteen)\b", "hard"),
        Rule("wat als je", r"^wat als (?:je|jij|u)\b", "try"),
        Rule("wat als we", r"^wat als (?:we|wij|ik)\b", "help"),
        Rule(
            "wat dacht je van",
            r"^wat (?:dacht|denk|vind) je (?:ervan|er van|van het idee) om\b"
            r"|^wat dacht je van\b",
            "options",
        ),
        Rule(
            "misschien kun je",
            r"^misschien (?:kun|kan|moet|zou|wil) (?:je|jij|u|we)\b"
            r"|^(?:kun|kan|zou|wil|moet) (?:je|jij|u) (?:misschien|eventueel)\b",
            "options",
        ),
        Rule(
            "zou je niet beter",
            r"^(?:zou|moet|kun|kan|had|kon|moest) (?:je|jij|u) (?:\w+ ){0,4}?"
            r"niet (?:beter|liever|gewoon|even|eens|eerder|eerst|zelf)\b",
            "options",
        ),
        Rule(
            "is het niet beter",
            r"^(?:zou|is|was|wordt) het (?:niet |geen )?(?:beter|handiger|"
            r"slimmer|makkelijker|verstandiger|een idee|geen idee|een optie)\b",
            "options",
        ),
        Rule(
            "zou het helpen als",
            r"^(?:zou|zal) het (?:helpen|schelen) (?:als|om)\b(?!.*\b(?:vertel|vertelde|deel|deelde|"
            r"geef|gaf|meegeef|meegaf|laat zien|liet zien|horen)\b)",
            "help",
        ),
        Rule(
            "hoe zou het zijn als",
            r"^hoe zou (?:het|dat) (?:zijn|voelen|werken) als (?:je|jij|we|ik)"
            r"\b",
            "try",
        ),
        Rule(
            "je zou eens",
            r"^(?:misschien |ik denk dat |volgens mij )?(?:je|jij) (?:moet|zou|kunt|kan)"
            r" (?:\w+ ){0,6}?(?:eens|beter|gewoon|misschien|ook|toch|altijd)\b"
            r"|^(?:ik denk dat|volgens mij) (?:je|jij) (?:\w+ ){0,6}?(?:moet|zou|kunt|kan)\b"
            r"|^volgens mij (?:moet|kun|kan|zou) je\b",
            "options",
        ),
        Rule(
            "als ik jou was",
            r"^(?:als ik jou was|ik zou (?:zeggen|voorstellen|adviseren))\b",
            "options",
        ),
    ),
}

# An offer that asks permission first: the leader's idea comes with a way to say no. Fine once
# the employee has had room for their own ideas; checked after advice and leading cues.
OFFER = {
    "en": (
        Rule(
            "would it help if I shared",
            r"^(?:would|could|might|will) it (?:help|be useful|be helpful|make sense) (?:you )?"
            r"(?:if (?:i|me) (?:shared?|told you|tell you|gave you|give you|offered|offer|"
            r"suggested|suggest|showed you|show you)|to hear|for me to (?:share|tell you|give you|"
            r"offer|suggest|show you))\b",
        ),
        Rule(
            "can I share",
            r"^(?:can|could|may|shall|might) i (?:share|offer|suggest|tell you|give you|show you|"
            r"make a suggestion|add (?:an idea|a thought|something))\b",
        ),
        Rule(
            "would you like to hear",
            r"^(?:do you want|would you like|are you open|would you be open|are you interested"
            r"|would it be (?:ok|okay|all right|alright) for me) (?:me )?(?:to (?:hear|share|tell|"
            r"give|show|offer|suggest)|to (?:an idea|a suggestion|hearing|some ideas|my)|"
            r"an idea|a suggestion|my (?:view|take|idea|suggestion|experience))\b",
        ),
        Rule(
            "is it okay if I share",
            r"^(?:is it|would it be) (?:ok|okay|alright|all right|fine) (?:if i|for me to|to) "
            r"(?:share|shared|offer|offered|suggest|suggested|tell|told|give|gave|add)\b",
        ),
    ),
    "nl": (
        Rule(
            "zou het helpen als ik vertel",
            r"^(?:zou|zal) het (?:je )?(?:helpen|schelen|nuttig zijn|handig zijn) "
            r"(?:als ik\b.*\b(?:vertel|vertelde|deel|deelde|geef|gaf|meegeef|meegaf|laat zien|"
            r"liet zien)|om (?:te horen|van mij te horen))\b",
        ),
        Rule(
            "mag ik iets delen",
            r"^(?:mag|zal|kan) ik (?:je |jou )?(?:\w+ ){0,6}?(?:delen|vertellen|geven|voorstellen|"
            r"meegeven|aanreiken|aanvullen|noemen|laten zien)\b",
        ),
        Rule(
            "wil je horen hoe ik",
            r"^(?:wil|zou) je (?:graag |misschien )?(?:horen|weten) (?:hoe|wat) (?!je\b|jij\b)"
            r"|^(?:wil|zou) je (?:graag |misschien )?(?:een idee|een tip|een suggestie|tips|"
            r"mijn (?:kijk|idee|ervaring|tip|suggestie)) (?:van mij )?(?:horen|hebben|krijgen)\b",
        ),
        Rule(
            "sta je open voor",
            r"^(?:sta je open voor|heb je behoefte aan|heb je zin in) "
            r"(?:een |mijn |wat )?(?:idee|ideeën|tip|tips|suggestie|advies|ervaring|kijk)\b"
            r"|^(?:is het goed|is het oké|vind je het goed) als ik (?:\w+ ){0,4}?(?:deel|vertel|"
            r"geef|noem|aanvul|voorstel)\b",
        ),
    ),
}

# Leading: the question already holds the answer the leader hopes for.
LEADING = {
    "en": (
        Rule(
            "don't you think",
            r"\b(?:don't|do not|wouldn't|won't) you (?:think|agree|feel|say)\b"
            r"|\bdo you not (?:think|agree|feel)\b",
        ),
        Rule(
            "isn't it?",
            r"\b(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|"
            r"hadn't|won't|wouldn't|can't|couldn't|shouldn't) (?:it|you|he|she|they|we|i|there|"
            r"that)$",
        ),
        Rule("..., right?", r", (?:right|correct|yes|yeah|no|agreed|true|ok|okay)$"),
        Rule("surely", r"\b(?:surely|obviously|of course)\b"),
        Rule(
            "isn't ...",
            r"^(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|"
            r"hadn't|won't|wouldn't|shouldn't|mustn't)\b",
        ),
        Rule(
            "I assume",
            r"^(?:i assume|i take it|i suppose|i'm sure|you must (?:be|have|feel)|"
            r"(?:so )?you (?:agree|'d agree|would agree))\b",
        ),
    ),
    "nl": (
        Rule("vind je niet dat", r"\b(?:vind|denk|vond|dacht) je (?:ook |nou |toch )?niet\b"),
        Rule(
            "ben je het met me eens",
            r"\b(?:ben je het|je bent het) (?:toch |niet )*(?:met me|met mij"
            r"|ermee) eens\b",
        ),
        Rule("is het niet zo dat", r"^(?:is|was) het (?:toch )?niet\b"),
        Rule("..., hè?", r", (?:hè|he|niet dan|zeker|klopt dat|ja|nee|oké)$"),
        Rule("natuurlijk", r"\b(?:natuurlijk|uiteraard|vast wel|zeker wel)\b"),
        Rule(
            "ben je niet",
            r"^(?:ben|is|was|heb|had|wil|zie|voel|merk|snap|begrijp|weet|ga|doe) "
            r"(?:je|jij|u|het) (?:dan |ook |toch )?niet\b",
        ),
        Rule(
            "ik neem aan",
            r"^(?:ik neem aan|ik ga ervan uit|ik veronderstel)\b"
            r"|^(?:je|jij) (?:zult|zal|bent|hebt|vindt|moet|wilt) (?:\w+ )?(?:wel|vast|zeker)\b",
        ),
    ),
}
# Dutch "toch" leads wherever it stands, except as an intensifier inside a "wat/hoe" question.
TOCH = re.compile(r"\btoch\b")

# Rewrites for closed questions: pattern on the whole last question, catalogue key, and which
# named groups fill the key's placeholders.
CLOSED_REWRITES = {
    "en": (
        (
            r"^(?:can|could|shall|may) i (?:help|do anything|do something|support)"
            r"|^is there (?:anything|something) (?:else )?i can do|^do you need (?:any |some )?(?:help|"
            r"support|anything from me)|^(?:do|would) you (?:want|like) me to help",
            "help_you",
        ),
        (r"^(?:is there )?(?:anything|something) else\b", "what_else"),
        (r"^(?:(?:do|did) you have )?any (?P<things>\w+s)\b(?P<rest>.*)$", "any"),
        (r"^are you (?:doing )?(?:ok|okay|alright|all right|good|fine|well)$", "how_you"),
        (
            r"^(?:is|are) (?P<thing>.+?) going (?:well|ok|okay|alright|all right|fine|to plan)$",
            "going_now",
        ),
        (
            r"^(?:did|has|have) (?P<thing>.+?) (?:go|gone) (?:well|ok|okay|alright|fine|to plan)$",
            "going_past",
        ),
        (
            r"^(?:is )?(?:everything|all) (?:fine|ok|okay|good|alright|all right|well) (?P<where>(?:in|"
            r"with|at|on) .+)$",
            "things",
        ),
        (
            r"^are you (?:happy|ok|okay|comfortable|satisfied|fine|alright|content) (?:with|in|about) "
            r"(?P<thing>.+)$|^do you (?:like|enjoy) (?P<thing2>(?!(?:it|that|this)$).+)$",
            "feel_about",
        ),
        (
            r"^(?:do you (?:like|enjoy) (?:it|that|this)|is (?:it|that|this) (?:ok|okay|alright|hard|"
            r"difficult) for you)$",
            "feel_it",
        ),
        (
            r"^are you (?:too |very |really |a bit )?(?:busy|swamped|overloaded|stretched)\b"
            r"|^is (?:the|your) workload\b",
            "workload",
        ),
        (
            r"^are you (?:feeling )?(?:\w+ )?(?:worried|stressed|nervous|anxious|tired|overwhelmed|"
            r"frustrated|upset|annoyed|angry|disappointed|unhappy)\b",
            "feeling",
        ),
        (
            r"^(?:is (?:that|this|it|everything) clear|does (?:that|this|it) make sense|do you "
            r"understand|got it|are you with me)\b",
            "unclear",
        ),
        (r"^(?:do|would) you (?:want|like) to (?:talk|chat|discuss)\b", "topic"),
        (r"^do you (?:think|feel|believe|agree)\b", "view"),
    ),
    "nl": (
        (
            r"^(?:kan|kun|mag|zal) ik (?:je |jou )?(?:ergens mee )?(?:helpen|iets (?:voor je )?doen)"
            r"|^heb je (?:hulp|steun|iets) (?:van mij )?nodig",
            "help_you",
        ),
        (r"^(?:is er )?(?:verder )?(?:nog )?iets(?: anders)?$", "what_else"),
        (
            r"^(?:heb je )?(?:nog |ook )?(?P<things>vragen|ideeën|zorgen|wensen|suggesties|"
            r"opmerkingen|tips|punten|onderwerpen|twijfels|plannen)\b(?P<rest>.*)$",
            "any",
        ),
        (
            r"^(?:ben je (?:ok|oké)|alles (?:goed|oké|ok|prima)|gaat het(?: wel)?(?: goed)?)$",
            "how_you",
        ),
        (
            r"^gaat het (?:wel |echt |allemaal )?(?:goed|prima|oké) met (?P<thing>.+)$"
            r"|^gaat (?P<thing2>(?!het (?:wel |echt )?(?:goed|prima|oké)$).+?) (?:wel |echt )?"
            r"(?:goed|prima|oké)$",
            "going_now",
        ),
        (
            r"^(?:ging|liep|verliep) (?P<thing>.+?) (?:wel |echt )?(?:goed|prima|oké|soepel)$",
            "going_past",
        ),
        (
            r"^(?:is )?alles (?:goed|oké|ok|prima|in orde) (?P<where>(?:in|met|op|bij) .+)$",
            "things",
        ),
        (
            r"^ben je (?:tevreden|blij|gelukkig|oké|ok) (?:met|over|in) (?P<thing>.+)$"
            r"|^vind je (?P<thing2>(?!(?:het|dat|dit) \w+$).+) (?:leuk|prettig|fijn|goed)$",
            "feel_about",
        ),
        (
            r"^vind je (?:het|dat|dit) (?:leuk|prettig|fijn|goed|lastig|moeilijk|spannend)$",
            "feel_it",
        ),
        (r"^heb je het (?:te |erg |heel |nogal )?druk\b|^is de werkdruk\b", "workload"),
        (
            r"^ben je (?:\w+ )?(?:bezorgd|gestrest|zenuwachtig|moe|overbelast|gefrustreerd|boos|"
            r"teleurgesteld|ongelukkig|gespannen)\b",
            "feeling",
        ),
        (
            r"^(?:is (?:dat|dit|het|alles) (?:duidelijk|helder)|snap je (?:het|dat|wat ik bedoel)|"
            r"begrijp je (?:het|dat|wat ik bedoel))\b",
            "unclear",
        ),
        (r"^wil je (?:het )?(?:ergens )?(?:over|met mij over) .*(?:praten|hebben)$", "topic"),
        (r"^(?:denk|vind|voel) je (?:dat|ook dat)\b", "view"),
    ),
}
# Rewrites for "why" questions (they stay open, but "what" usually lands better).
WHY_REWRITES = {
    "en": (
        (r"^why did you (?P<rest>.+)$", "why_made"),
        (r"^why do you think (?:that )?(?P<rest>.+)$", "why_think"),
        (r"^why do you find (?P<thing>it|that|this) (?:so )?(?P<quality>\w+)$", "why_find"),
        (r"^why (?:is|are) (?P<thing>.+?) so (?P<quality>\w+)(?: (?:to|for) you)?$", "why_find"),
        (r"^why (?:are you|do you (?=want|need|feel|prefer|like|say)) ?(?P<rest>.+)$", "why_makes"),
    ),
    "nl": (
        (r"^waarom (?P<aux>heb|ben) je (?P<rest>.+)$", "why_made"),
        (r"^waarom denk je (?P<rest>.+)$", "why_think"),
        (r"^waarom vind je (?P<thing>het|dat|dit) (?:zo )?(?P<quality>\w+)$", "why_find"),
        (
            r"^waarom (?:is|zijn) (?P<thing>.+?) zo (?P<quality>\w+)(?: voor (?:je|jou))?$",
            "why_find",
        ),
        (r"^waarom ben je (?P<rest>.+)$", "why_makes"),
    ),
}
PARTICIPLE_NL = re.compile(r"\w*ge\w+[dtn]|(?:be|ver|ont|her)\w+[dtn]")
# Either/or: with these starts the options are about a cause, otherwise about a choice.
CAUSE_STARTS = {
    "en": re.compile(r"^(?:is|was|are|were) (?:it|that|this|the)\b"),
    "nl": re.compile(r"^(?:is|was|ligt|lag|gaat|ging|komt|kwam|zit|zat) (?:het|dat|dit)\b"),
}
PLAN_STARTS = {
    "en": re.compile(r"^(?:should|shall|will|can|could) we\b"),
    "nl": re.compile(r"^(?:zullen|moeten|kunnen|gaan) we\b"),
}
