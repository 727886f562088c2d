"""The phrasings letters are made of hold to their rules whatever is chosen next to them."""

import re

import pytest

from letters import phrasing as ph
from letters.compose import FORMAL, FRIENDLY, _in_tone

SLOTS = {name: value for name, value in vars(ph).items() if name.isupper() and name != "SIGN_OFFS"}
LISTS = {
    f"{name}[{key}]" if isinstance(value, dict) else name: options
    for name, value in SLOTS.items()
    for key, options in (value.items() if isinstance(value, dict) else [("", value)])
}
SHORT = {"FU_THANKS", "FU2_THANKS", "AC_THANKS", "FU1_CLAUSE_ASK"}


def sentences(frame: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+(?=[A-Z])", frame)


def opening(sentence: str) -> tuple[str, ...]:
    return tuple(w.strip(",;:").lower() for w in sentence.split()[:2])


def starts(options) -> set:
    return {opening(_in_tone(sentences(f)[0], tone)) for f in options for tone in (FORMAL, FRIENDLY)}


def ends(options) -> set:
    return {opening(_in_tone(sentences(f)[-1], tone)) for f in options for tone in (FORMAL, FRIENDLY)}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_slot_has_eight_different_phrasings_or_only_short_ones(name):
    options = LISTS[name]
    assert len(set(options)) == len(options)
    if name in SHORT:
        # A plain thanks, or a question of a few words, may be said to everyone.
        assert all(len(f.split()) < 6 for f in options), name
    else:
        assert len(options) >= 8, name


def test_no_phrasing_ends_on_with_you_or_uses_a_stock_phrase():
    for options in LISTS.values():
        for frame in options:
            for sentence in sentences(frame):
                assert not sentence.rstrip(".?!").endswith("with you"), frame
            assert not re.search(r"check(ing)? in|touch(ing)? base|circl(e|ing) back", frame, re.I), frame
            assert not re.search(r"meant to say|did not mention that|forgot to mention", frame, re.I), frame
            assert "!" not in frame


def test_a_follow_up_never_borrows_a_thank_you_phrasing():
    thank_you = {f for name, options in LISTS.items() if name.startswith("TY_") for f in options}
    thank_you |= set(ph.BRIDGE + ph.ALONE + ph.PART_BRIDGE + ph.PART_ALONE)
    follow_up = {f for name, options in LISTS.items() if name.startswith("FU") for f in options}
    assert not thank_you & follow_up


# Slots that can stand next to each other in a letter, optional parts left out or not.
TY_OPENINGS = ph.TY_OPENINGS[FORMAL] + ph.TY_OPENINGS[FRIENDLY]
TY_TOPICS = ph.TY_TOPIC + ph.TY_TOPIC_MINE + ph.TY_TOPIC_CLAUSE + ph.TY_PRACTICAL
TY_STRENGTH = ph.BRIDGE + ph.ALONE + ph.PART_BRIDGE + ph.PART_ALONE
TY_AFTER_STRENGTH = ph.TY_USE + ph.TY_OFFER
TY_MIDDLE = TY_STRENGTH + TY_AFTER_STRENGTH + ph.TY_WHY
TY_MISSED = ph.TY_MISSED + ph.TY_MISSED_NOUN
FU1_NEWS = ph.FU1_SINCE + ph.FU1_QUESTION + ph.FU1_QUESTION_MINE + ph.FU1_QUESTION_ABOUT
FU1_TIMING = ph.FU1_TIMING + ph.FU1_TIMING_DATED
AC_TOPICS = ph.AC_TOPIC + ph.AC_TOPIC_MINE + ph.AC_TOPIC_CLAUSE + ph.AC_TOPIC_PRACTICAL
NEIGHBOURS = [
    (TY_OPENINGS, TY_TOPICS),
    (TY_OPENINGS, TY_MIDDLE),
    (TY_OPENINGS, TY_MISSED),
    (TY_OPENINGS, ph.TY_SUCCESS),
    (TY_TOPICS, TY_MIDDLE),
    (TY_TOPICS, TY_MISSED),
    (TY_TOPICS, ph.TY_SUCCESS),
    (TY_STRENGTH, TY_AFTER_STRENGTH),
    (TY_AFTER_STRENGTH, ph.TY_WHY),
    (TY_MIDDLE, TY_MISSED),
    (TY_MIDDLE, ph.TY_SUCCESS),
    (TY_MISSED, ph.TY_SUCCESS),
    (ph.TY_SUCCESS, ph.TY_NEXT + ph.TY_NEXT_DATED),
    (ph.FU1_OPENINGS, ph.FU1_INTEREST),
    (ph.FU1_INTEREST, FU1_NEWS),
    (ph.FU1_INTEREST, FU1_TIMING),
    (ph.FU1_SINCE, ph.FU1_TIE),
    (ph.FU1_INTEREST, ph.FU1_CLAUSE),
    (ph.FU1_CLAUSE, ph.FU1_CLAUSE_ASK),
    (ph.FU1_CLAUSE_ASK, FU1_TIMING),
    (FU1_NEWS + ph.FU1_TIE, FU1_TIMING),
    (FU1_TIMING, ph.FU_THANKS),
    (ph.FU2_OPENINGS, ph.FU2_ANGLE + ph.FU2_TOPIC + ph.FU2_TOPIC_CLAUSE),
    (ph.FU2_OPENINGS + ph.FU2_ANGLE + ph.FU2_TOPIC + ph.FU2_TOPIC_CLAUSE, ph.FU2_LOOP),
    (ph.FU2_LOOP, ph.FU2_THANKS),
    (ph.AC_OPENINGS, AC_TOPICS + ph.AC_IDEA + ph.AC_NOTHING),
    (AC_TOPICS, ph.AC_IDEA + ph.AC_HELP + ph.AC_NOTHING),
    (AC_TOPICS + ph.AC_IDEA + ph.AC_HELP + ph.AC_NOTHING, ph.AC_ASK),
    (ph.AC_ASK, ph.AC_THANKS),
]


def test_no_two_sentences_in_a_row_open_with_the_same_words():
    for before, after in NEIGHBOURS:
        assert not ends(before) & starts(after), ends(before) & starts(after)
    for frame in TY_OPENINGS:
        for tone in (FORMAL, FRIENDLY):
            first, *rest = sentences(_in_tone(frame, tone))
            assert all(opening(first) != opening(s) for s in rest), frame


def test_friendly_letters_contract_our_words_but_never_a_negation():
    assert _in_tone("I would be glad to help, and I am sure it is worth it.", FRIENDLY) == (
        "I'd be glad to help, and I'm sure it's worth it."
    )
    assert _in_tone("I will not write again.", FRIENDLY) == "I will not write again."
    assert _in_tone("I would be glad.", FORMAL) == "I would be glad."
