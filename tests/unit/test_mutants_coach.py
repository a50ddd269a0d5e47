"""How the question coach reads a turn: the behaviours `make mutate` found unpinned.

Each question is labelled by hand (the label a coach would give it), not by running the coach.
"""

from __future__ import annotations

import pytest

from oneonone_kit.coach.questions import classify, detect_language


# ---- a second question hooked on with "or"/"and" ----------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What went well, or can you say more?",
        "How did the launch go, and should we plan the next one?",
        "What do you need, or should I step in?",
        "How was the review, and is it done now?",
        "What did the client say, and were they happy?",
        "How is Sam doing, and does he know about the move?",
        "How is Priya doing, and did she get the budget?",
        "What is blocking you, or is there something else?",
        "What did you decide, and is that final?",
        "What is the plan, and is this the right time?",
    ],
)
def test_a_yes_no_question_hooked_on_after_a_question_makes_the_turn_stacked(question):
    assert classify(question, "en").stacked


@pytest.mark.parametrize(
    "question, lang",
    [
        ("What will you try, and when will you start?", "en"),
        ("Who was there, and where did it happen?", "en"),
        ("Wat ga je proberen, en wanneer begin je?", "nl"),
        ("Wie was erbij, en waar gebeurde het?", "nl"),
    ],
)
def test_and_when_or_and_where_completes_one_question_rather_than_stacking_another(question, lang):
    assert not classify(question, lang).stacked


@pytest.mark.parametrize(
    "question, lang",
    [
        ("What went well, and then you left?", "en"),
        ("Wat heb je nodig, en vooral iemand die meedenkt?", "nl"),
    ],
)
def test_and_followed_by_a_pronoun_but_no_verb_is_not_a_second_question(question, lang):
    assert not classify(question, lang).stacked


# ---- what the learner typed: apostrophes, quotes, line breaks ---------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Didn\u2019t you get the invite?",
        "Didn\u2018t you get the invite?",
        "Didn`t you get the invite?",
    ],
)
def test_typographic_apostrophes_and_backticks_read_as_an_apostrophe(question):
    # "Didn't you ...?" is a negative question: it leans towards the answer it hopes for.
    result = classify(question, "en")
    assert (result.label, result.cue) == ("leading", "isn't ...")


@pytest.mark.parametrize(
    "question", ["\u201cSo what did you learn?\u201d", "\u201dSo what did you learn?\u201d"]
)
def test_curly_quotes_around_a_question_do_not_hide_the_filler_so(question):
    result = classify(question, "en")
    assert (result.label, result.explanation_key) == ("open", "coach.explain.open")


def test_a_line_break_inside_a_pasted_question_reads_as_a_space():
    result = classify("Have you\ntried asking Sam?", "en")
    assert (result.label, result.cue) == ("advice", "have you tried")


@pytest.mark.parametrize(
    "question, lang, label, rewrite",
    [
        (
            "Whats the plan for the launch, Monday or Friday?",
            "en",
            "either_or",
            "What's the plan for the launch?",
        ),
        ("What didnt work, the plan or the timing?", "en", "either_or", "What didn't work?"),
        ("Didnt you get the invite?", "en", "leading", "How do you see it yourself?"),
    ],
)
def test_a_missing_apostrophe_is_put_back_in_the_rewrite(question, lang, label, rewrite):
    result = classify(question, lang)
    assert (result.label, result.rewrite) == (label, rewrite)


def test_whats_without_an_apostrophe_is_still_a_question_word():
    assert classify("Whats going well?", "en").label == "open"


def test_a_letter_that_lowercases_to_two_characters_does_not_break_the_coach():
    # "İ".lower() is two characters long, so the text is read lower-cased throughout.
    assert classify("How is İlknur doing?", "en").label == "open"
    assert classify("Hoe gaat het met İlayda?", "nl").label == "open"


@pytest.mark.parametrize(
    "question, rewrite",
    [
        (
            "Are you happy with the new CRM from vendor X?",
            "How do you feel about the new CRM from vendor X?",
        ),
        (
            "Any concerns about the move to Team X?",
            "What concerns do you have about the move to Team X?",
        ),
    ],
)
def test_only_punctuation_is_trimmed_from_the_end_of_a_question(question, rewrite):
    assert classify(question, "en").rewrite == rewrite


# ---- fillers before the question --------------------------------------------------------------
@pytest.mark.parametrize("question", ["Okay and what did you learn?", "And so what did you learn?"])
def test_two_fillers_in_a_row_are_both_skipped(question):
    result = classify(question, "en")
    assert (result.label, result.stacked) == ("open", False)


def test_the_rewrite_of_an_either_or_keeps_the_words_after_the_filler():
    result = classify("So what is your plan for Friday, a demo or a memo?", "en")
    assert (result.label, result.rewrite) == ("either_or", "What is your plan for Friday?")


def test_a_clause_of_only_a_filler_phrase_stays_a_clause():
    # "All right" is a fragment that asks for a yes; "and then" asks nothing on its own.
    result = classify("All right \u2013 and then?", "en")
    assert (result.label, result.explanation_key) == ("closed", "coach.explain.closed_statement")


# ---- the form of a clause: thresholds on each side ---------------------------------------------
@pytest.mark.parametrize(
    "question, lang, label, key",
    [
        ("About what?", "en", "open", "open"),  # preposition + question word, two words
        ("Baalde je?", "nl", "closed", "closed"),  # verb + subject, two words
        ("About the move, are you okay with it?", "en", "closed", "closed"),
        ("You okay?", "en", "closed", "closed_statement"),  # statement start, two words
        ("Dat is gelukt?", "nl", "closed", "closed_statement"),  # Dutch needs three words
        ("Je klaar?", "nl", "unsure", "unsure"),  # ... two are not enough
        ("Any questions?", "en", "closed", "closed_statement"),  # fragment, two words
        ("Ready?", "en", "unsure", "unsure"),  # a one-word fragment is too little ...
        ("Anything?", "en", "closed", "closed_statement"),  # ... except "anything"
        ("Iets?", "nl", "closed", "closed_statement"),  # ... and "iets"
        ("Kun je daar iets meer over vertellen?", "nl", "open", "open_invite"),
        ("Walk me through what happened last week.", "en", "open", "open"),
    ],
)
def test_the_form_of_a_short_question(question, lang, label, key):
    result = classify(question, lang)
    assert (result.label, result.explanation_key) == (label, f"coach.explain.{key}")


def test_any_questions_gets_an_open_rewrite():
    assert classify("Any questions?", "en").rewrite == "What questions do you have?"


# ---- which clause carries the question --------------------------------------------------------
@pytest.mark.parametrize(
    "question, lang, label",
    [
        ("When you, as the lead, get stuck, do you ask for help?", "en", "closed"),
        ("Hoe je het ook bekijkt, ben je er tevreden mee?", "nl", "closed"),
        ("Hoe je dat zou aanpakken?", "nl", "open"),  # a lead-in on its own is the question
        ("You've met the new team, how was it?", "en", "open"),  # a question beats a statement
        ("Who, exactly?", "en", "open"),  # one word can carry the question
    ],
)
def test_the_question_is_read_from_the_clause_after_a_lead_in(question, lang, label):
    assert classify(question, lang).label == label


@pytest.mark.parametrize(
    "question, lang, rewrite",
    [
        ("Why, what happened?", "en", "What led to this?"),
        ("Waarom, wat is er gebeurd?", "nl", "Wat heeft hiertoe geleid?"),
    ],
)
def test_a_one_word_why_before_the_comma_is_the_question(question, lang, rewrite):
    result = classify(question, lang)
    assert (result.label, result.why_flag, result.rewrite) == ("open", True, rewrite)


def test_why_at_the_end_is_flagged_but_gets_no_rewrite():
    result = classify("What happened, and why?", "en")
    assert (result.label, result.why_flag, result.rewrite) == ("open", True, None)


# ---- either/or: when "or"/"of" offers options ---------------------------------------------------
@pytest.mark.parametrize(
    "question, lang, label",
    [
        ("Shall we meet on Monday or Tuesday?", "en", "either_or"),  # "or" just before the end
        ("Would you rather take the lead or a supporting role?", "en", "either_or"),
        ("Is it one or more people?", "en", "closed"),  # a number before "or"
        ("Would a week or two be enough, or do you need a month?", "en", "either_or"),
        ("You'd rather work from home or at the office?", "en", "either_or"),
        ("Weet je of het project doorgaat?", "nl", "closed"),  # "of" = whether
        ("Is het al duidelijk of we doorgaan?", "nl", "closed"),
        ("Heb je al gevraagd of het budget rond is?", "nl", "closed"),  # after a participle
        ("Weet je of het vandaag of morgen klaar is?", "nl", "either_or"),  # the second "of"
        ("Who do you go to when you are stuck or unsure?", "en", "open"),  # inside one clause
    ],
)
def test_or_offers_options_only_between_two_choices(question, lang, label):
    assert classify(question, lang).label == label


@pytest.mark.parametrize(
    "question, lang, cue, rewrite",
    [
        ("What do you need most, time or money?", "en", "or", "What do you need most?"),
        ("Wat heb je het meest nodig, tijd of geld?", "nl", "of", "Wat heb je het meest nodig?"),
        (
            "What kind of support do you need, a mentor or a course?",
            "en",
            "or",
            "What kind of support do you need?",
        ),
        (
            "Do you want to start with the budget or the planning?",
            "en",
            "or",
            "What matters most to you here?",
        ),
        (
            "Wil je beginnen met het budget of de planning?",
            "nl",
            "of",
            "Wat vind jij hierin het belangrijkst?",
        ),
        ("Shall we meet on Monday or Tuesday?", "en", "or", "What options do you see?"),
    ],
)
def test_an_either_or_names_its_joiner_and_offers_an_open_rewrite(question, lang, cue, rewrite):
    result = classify(question, lang)
    assert (result.label, result.cue, result.rewrite) == ("either_or", cue, rewrite)


# ---- stacked questions ------------------------------------------------------------------------
def test_a_turn_without_a_question_form_is_not_stacked():
    result = classify("Coffee and a chat tomorrow?", "en")
    assert (result.label, result.stacked) == ("unsure", False)


def test_a_second_question_after_an_opening_and_is_stacked():
    assert classify("Okay, and what went well, and what would you do differently?", "en").stacked


# ---- Dutch "toch" -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question, label",
    [
        ("Hoe ging de presentatie? Je was toch goed voorbereid?", "leading"),
        ("Wat is er toch gebeurd?", "open"),  # "toch" in an open question: wonder, not a push
        ("Waarom doen we dit eigenlijk, het werkt toch?", "leading"),  # ends on "toch"
        ("Hoe gaat het met het project, goed toch?", "leading"),
    ],
)
def test_toch_leads_unless_it_sits_inside_an_open_question(question, label):
    assert classify(question, "nl").label == label


@pytest.mark.parametrize(
    "question, lang, rewrite",
    [
        ("Hoe gaat het met het project, goed toch?", "nl", "Hoe zie jij het zelf?"),
        ("Didn't the demo work?", "en", "How do you see it yourself?"),
    ],
)
def test_a_leading_question_gets_the_open_rewrite(question, lang, rewrite):
    assert classify(question, lang).rewrite == rewrite


# ---- language detection -----------------------------------------------------------------------
def test_a_word_ending_in_ing_decides_the_language_when_no_frequent_word_does():
    # No word of either list; "feeling" ends in -ing, so English beats the default.
    assert detect_language("Feeling okay?", default="nl") == "en"


# ---- an offer with an aside in the middle ------------------------------------------------------
def test_an_offer_split_by_an_aside_is_still_an_offer():
    # "als ik ... vertel" spans the commas of the aside "als je dat wilt".
    question = "Zou het je helpen als ik, als je dat wilt, vertel hoe ik het heb aangepakt?"
    result = classify(question, "nl")
    assert (result.label, result.cue) == ("offer", "zou het helpen als ik vertel")
