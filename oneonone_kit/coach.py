"""Read a question the way a coach hears it, in English or Dutch.

``classify(question)`` returns :class:`Feedback`: the kind of question (advice in disguise,
leading, either/or, closed, open, or honestly unsure), the language it was read in, whether it
asks "why", whether several questions are stacked in one turn, a catalogue key that explains the
label, and an open rewrite where one can be made. The checks run in a fixed order: advice, then
leading, then the form of the question (closed, either/or or open). Advice and leading cues
count wherever they appear in the turn; the form is read from its last question.

Pure: text in, Feedback out. The rules are data (the tables below), matched against the
lower-cased text; ``^`` in a pattern means "at the start of a clause", after fillers such as
"so," or "oké,". Rewrites are catalogue strings (``coach.rewrite.*``), some with the learner's own
words filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import check_lang, t

LABELS = ("advice", "leading", "either_or", "closed", "open", "unsure")
OPEN_LABELS = frozenset({"open"})

# --- Language detection: frequent words only one of the two languages uses. -----------------
FUNCTION_WORDS = {
    "en": frozenset(
        "the you your yours what what's how how's who whom whose where when which why do does "
        "did don't didn't doesn't are aren't isn't have has had can could would should will "
        "to it it's that's this with for about and not any anything anyone there think tell "
        "they my our from been be else describe walk through happened feel want need like "
        "yourself help they're you're you've i'm right surely she he his him them out up again "
        "still just lately very too more most were wasn't weren't haven't hasn't won't wouldn't "
        "couldn't shouldn't can't let's i'd i've we're".split()
    ),
    "nl": frozenset(
        "je jij jou jouw jezelf de het een wat wie waar wanneer welke welk hoe waarom waardoor "
        "waarmee hoeveel ben bent heb hebt heeft hebben kun kunt kan wil wilt zou zouden moet "
        "niet nog al ook toch eens er dat dit die van met voor om te naar bij ik mij mijn "
        "jullie vind vindt denk denkt gaat gaan doe doet zijn was ervan erover vertel beschrijf "
        "gebeurd nodig zie ziet helpen iets niets ze zij hij haar hem wel ging weer graag echt "
        "nou heel erg meer meest onze ons waren geweest op en".split()
    ),
}
LETTER_HINTS = {
    "en": re.compile(r"th|wh|sh|ght|tion|ing\b|\by"),
    "nl": re.compile(r"ij|aa|oe|uu|sch|ui|cht|en\b"),
}

# --- Words that start (or fill) clauses. -------------------------------------------------------
FILLERS = {
    "en": (
        "so",
        "and",
        "but",
        "okay",
        "ok",
        "well",
        "now",
        "then",
        "also",
        "honestly",
        "just",
        "oh",
        "hmm",
        "hey",
        "look",
        "listen",
        "alright",
        "all right",
        "right",
    ),
    "nl": (
        "en",
        "dus",
        "maar",
        "oké",
        "oke",
        "ok",
        "nou",
        "goed",
        "zeg",
        "trouwens",
        "ja",
        "tja",
        "eerlijk gezegd",
        "even",
        "oh",
        "hmm",
        "hé",
        "kijk",
        "luister",
    ),
}
QUESTION_WORDS = {
    "en": frozenset(
        "what what's whats how how's who who's whom whose where where's when which why".split()
    ),
    "nl": frozenset(
        "wie wat waar wanneer welke welk hoe waarom waardoor waarmee waarover waaraan waarvan "
        "waarin waarop waarbij waarvoor waarheen hoeveel hoezo hoelang wiens".split()
    ),
}
PREPOSITIONS = {
    "en": frozenset("in to at for with on from by about of under since".split()),
    "nl": frozenset(
        "aan op in met voor van naar bij over door om uit tot onder tegen zonder na tussen "
        "achter langs rond".split()
    ),
}
# English questions that start with one of these words expect yes or no.
AUXILIARIES_EN = frozenset(
    "am is are was were do does did have has had can could will would shall should may might "
    "must need".split()
)
NEGATED_AUXILIARIES_EN = frozenset(
    "isn't aren't wasn't weren't don't doesn't didn't haven't hasn't hadn't won't wouldn't "
    "can't couldn't shouldn't mustn't".split()
)
# Dutch closed questions start with a finite verb; the subject follows it.
FINITE_VERBS_NL = frozenset(
    "ben bent is zijn was waren heb hebt heeft hebben had hadden kun kunt kan kunnen kon konden "
    "wil wilt wilde willen zou zouden zal zult zullen moet moeten moest mag mogen mocht vind "
    "vindt vond denk denkt dacht weet weten wist ga gaat gaan ging doe doet deed zie ziet zag "
    "voel voelt snap snapt begrijp begrijpt merk merkt lukt lukte past klopt loopt liep werkt "
    "speelt staat zit kom komt kwam ken kent herken herkent durf durft verwacht hoop twijfel "
    "mis mist krijg krijgt hoor hoort blijf blijft geef geeft neem neemt ervaar ervaart ligt "
    "lag red redt houd hou houdt sta".split()
)
SUBJECTS_NL = frozenset("je jij u hij ze zij we wij jullie het er ik men iemand iedereen".split())
NOT_VERBS_NL = (
    QUESTION_WORDS["nl"]
    | PREPOSITIONS["nl"]
    | frozenset(
        "dan nu daar hier toen ook dus zo eerst straks de een dat dit die je jij u het ik we er als "
        "zodra terwijl omdat want maar en of hoewel sinds voordat nadat".split()
    )
)
# Lead-ins before the question: "When you look back, ...", "Als je terugkijkt, ...".
LEAD_IN_EN = frozenset("when where whenever if as once".split())
LEAD_IN_SUBJECTS_EN = frozenset("you we i it they the this that your everything".split())
LEAD_IN_NL = frozenset("als toen nu zodra terwijl".split())
# A statement with a question mark ("You finished it?") or a fragment ("Anything else?").
STATEMENT_STARTS = {
    "en": frozenset(
        "you you're you've you'll you'd it's that's this we we're we've they're there's".split()
    ),
    "nl": frozenset("je jij u het dat dit we wij jullie".split()),
}
FRAGMENT_STARTS = {
    "en": frozenset(
        "any anything anyone anybody something someone everything everyone all ok okay good "
        "happy ready fancy want got still".split()
    ),
    "nl": frozenset("alles iets nog verder iemand oké klaar zin tijd".split()),
}
# Invitations: open by function, even when they start with "can you".
INVITATIONS = {
    "en": re.compile(
        r"^(?:(?:can|could|would|will) you (?:please |maybe )?)?(?:tell (?:me|us)(?! (?:if|whether)\b)"
        r"|describe|walk me through|talk me through|take me through|explain|say (?:a bit |a little )?more"
        r"|share|help me understand|give me an example|i'm curious|i wonder|i'd love to hear)\b"
    ),
    "nl": re.compile(
        r"^(?:(?:kun|kan|wil|zou|wilt|kunt) (?:je|jij|u) (?:me |mij |ons )?(?:eens |nog |wat |iets "
        r"|daar |er |hier |meer |over )*(?:vertellen|beschrijven|uitleggen|toelichten|schetsen|"
        r"meenemen)|vertel|beschrijf|leg (?:eens )?uit|neem me (?:eens )?mee|schets|geef (?:eens )?"
        r"een voorbeeld|ik ben benieuwd|ik vraag me af)\b"
    ),
}
# "or" that does not join two options: "a day or so", "or not", "one or two".
NOT_OPTIONS = {
    "en": frozenset(
        "not so anything something whatever else two three four otherwise later".split()
    ),
    "nl": frozenset("niet zo zoiets iets twee drie vier later nog".split()),
}
NUMBERS = frozenset("one two three four five a an few couple een twee drie vier vijf paar".split())
# Dutch "of" also means "whether" ("Weet je of ..."); these neighbours give that away.
WHETHER_BEFORE_NL = frozenset(
    "je jij u af na weet weten wist vraag vraagt twijfel twijfelt check checken kijken nagaan "
    "navragen uitzoeken zien controleren benieuwd".split()
)
WHETHER_AFTER_NL = frozenset("je jij hij zij ze we wij ik jullie er iemand iedereen dat".split())


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
        Rule("would it help if", r"^would it (?:help|be useful|make sense) (?:if|to)\b", "help"),
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
        Rule("zou het helpen als", r"^(?:zou|zal) het (?:helpen|schelen) (?:als|om)\b", "help"),
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
_CLOSED_REWRITES = {
    k: tuple((re.compile(p), key) for p, key in v) for k, v in CLOSED_REWRITES.items()
}
_WHY_REWRITES = {k: tuple((re.compile(p), key) for p, key in v) for k, v in WHY_REWRITES.items()}
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
        if joiner in ("or", "of"):
            if (
                lang == "en"
                and (first in AUXILIARIES_EN or first in NEGATED_AUXILIARIES_EN)
                and (
                    second in ("you", "we", "i", "it", "they", "he", "she", "there", "that", "this")
                )
            ):
                return True
            if lang == "nl" and first not in NOT_VERBS_NL and second in SUBJECTS_NL:
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


def _fill(key: str, lang: str, match: re.Match | None = None, original: str = "", **extra) -> str:
    values = dict(extra)
    if match is not None:
        for name, value in match.groupdict().items():
            if value is None:
                continue
            start, end = match.span(name)
            values[name.rstrip("2")] = original[start:end] if original else value
    return t(f"coach.rewrite.{key}", lang, **values)


def _closed_rewrite(clause: tuple[str, str], lang: str) -> str | None:
    low, orig = clause
    for pattern, key in _CLOSED_REWRITES[lang]:
        match = pattern.search(low)
        if not match:
            continue
        if key == "any":
            # Keep "about the reorganisation", drop tails that would not fit the new question.
            start, end = match.span("rest")
            rest = orig[start:end]
            keep = rest.split()[:1] and rest.split()[0].lower() in PREPOSITIONS[lang]
            start, end = match.span("things")
            return t("coach.rewrite.any", lang, things=orig[start:end], rest=rest if keep else "")
        return _fill(key, lang, match, orig)
    return None


def _why_rewrite(clause: tuple[str, str], lang: str) -> str:
    low, orig = clause
    for pattern, key in _WHY_REWRITES[lang]:
        match = pattern.search(low)
        if not match:
            continue
        if key == "why_made" and lang == "nl":
            # "Waarom heb je de deadline gemist" -> "... dat je de deadline hebt gemist"
            start, end = match.span("rest")
            words = orig[start:end].split()
            found = [i for i, word in enumerate(words) if PARTICIPLE_NL.fullmatch(word.lower())]
            if not found:
                continue  # "Waarom ben je zo stil?": no participle, another rewrite fits
            aux = {"heb": "hebt", "ben": "bent"}[match["aux"]]
            words.insert(found[-1], aux)
            return t("coach.rewrite.why_made", lang, rest=" ".join(words))
        return _fill(key, lang, match, orig)
    return t("coach.rewrite.why_generic", lang)


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
        return Feedback(label, code, why, stacked, f"coach.explain.{key}", rewrite, cue)

    if not sentences:
        return feedback("unsure", "unsure")

    rule, _ = _match(_ADVICE[code], sentences, code, anywhere=False)
    if rule:
        return feedback("advice", "advice", t(f"coach.rewrite.{rule.rewrite}", code), rule.cue)
    rule, _ = _match(_LEADING[code], questions, code, anywhere=True)
    if rule or _leading_toch(questions, code):
        return feedback(
            "leading", "leading", t("coach.rewrite.view", code), rule.cue if rule else "toch"
        )

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
        return feedback("closed", form, _closed_rewrite(main, code))
    rewrite = _why_rewrite(main, code) if why and re.match(r"(?:why|waarom)\b", main[0]) else None
    if why and rewrite is None and re.match(r"(?:how come|hoe komt het|hoezo)\b", main[0]):
        rewrite = t("coach.rewrite.why_generic", code)
    return feedback("open", form, rewrite)


__all__ = ["LABELS", "Feedback", "classify", "detect_language"]
