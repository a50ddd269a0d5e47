"""The words the question coach reads by, in English and Dutch: data, no logic.

Frequent words for telling the two languages apart, fillers that open a clause, question words,
verbs and subjects that make a question closed, and the starts of lead-ins, statements,
fragments and invitations. :mod:`oneonone_kit.coach.questions` matches them against lower-cased text.
"""

from __future__ import annotations

import re

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
