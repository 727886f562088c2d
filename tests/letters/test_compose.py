import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.compose import (
    FORMAL,
    FRIENDLY,
    KINDS,
    Draft,
    LetterFacts,
    Recipient,
    Sender,
    compose,
    default_tone,
    greeting,
    print_greeting,
    subject_for,
)

SENDER = Sender(
    full_name="Jordan Lee",
    email="jordan@example.com",
    signature="Jordan Lee\n+1 555 0100\nlinkedin.com/in/jordanlee",
)

FULL = LetterFacts(
    company="Northwind Analytics",
    role="Senior Data Engineer",
    date=dt.date(2025, 3, 4),
    round="Second round",
    format="video",
    topics="Moving the nightly batch jobs to streaming",
    missed_point="I have run on-call for a pipeline serving 40 million events a day.",
    why_role="I want to work where data quality is treated as a product feature.",
    contribution="My experience moving Airflow jobs to Kafka streams would shorten that migration.",
    decision_date=dt.date(2025, 3, 14),
    other_people=("Amara Okafor", "Tom Berg"),
)
PRIYA = Recipient(
    name="Priya Singh",
    honorific="Dr.",
    title="Head of Data",
    role="interviewer",
    discussed="How the team tests data contracts before a release.",
)
AMARA = Recipient(
    name="Amara Okafor",
    title="Engineering Manager",
    role="lead",
    address_style="first_name",
    discussed="the on-call rotation and how incidents are reviewed",
)
TOM = Recipient(name="Tom Berg", honorific="Mr.", title="Recruiter", role="recruiter")
PANEL = (PRIYA, AMARA, TOM)

# The same interview with Priya alone: her letter carries every shared point.
SOLO = LetterFacts(**{**FULL.__dict__, "other_people": ()})
MINIMAL = LetterFacts(company="Acme", role="Product Designer", date=dt.date(2025, 6, 2))

PAY_WORDS = re.compile(r"\b(salary|pay|compensation|benefits|bonus|equity|vacation|PTO)\b", re.IGNORECASE)
PLACEHOLDERS = ("None", "[", "]", "{", "}", "<", ">", "XX", "TODO", "Hiring Manager", "To whom")

# Every test here runs on each tricky day (tests/clock.py): a draft reads the same whatever day it is
# written, and nothing in it may come from the machine's clock.
pytestmark = pytest.mark.usefixtures("on_each_day")


def words(text: str) -> int:
    return len(text.split())


def paragraphs(draft: Draft) -> list[str]:
    return draft.body.split("\n\n")


def panel_interview(recipient: Recipient) -> LetterFacts:
    others = [p for p in PANEL if p is not recipient]
    return LetterFacts(
        **{
            **FULL.__dict__,
            "other_people": tuple(p.name for p in others),
            "others_discussed": tuple(p.discussed for p in others),
        }
    )


# --- Golden letters -----------------------------------------------------------------------------------


def test_full_thank_you_has_its_parts_in_order():
    draft = compose(kind="thank_you", interview=SOLO, recipient=PRIYA, sender=SENDER)
    greeting, opening, discussion, missed, close, sign_off = paragraphs(draft)

    assert draft.subject == "Senior Data Engineer at Northwind Analytics: thank you"
    assert greeting == "Dear Dr. Singh,"
    assert opening.startswith(("Thank", "I am grateful", "I want to thank", "Many thanks"))
    assert "Senior Data Engineer role at Northwind Analytics" in opening and "Tuesday, March 4" in opening
    # What was discussed with her leads, spoken to her; the contribution follows it.
    assert discussion.index("how the team tests data contracts before a release") < discussion.index(
        "my experience moving Airflow jobs to Kafka streams would shorten that migration"
    )
    assert "I have run on-call for a pipeline serving 40 million events a day." in missed
    assert "Northwind Analytics" in close and "Friday, March 14" in close
    assert sign_off == "Best regards,\nJordan Lee\n+1 555 0100\nlinkedin.com/in/jordanlee"


def test_full_first_follow_up_is_short_and_asks_about_timing():
    draft = compose(kind="follow_up_1", interview=FULL, recipient=PRIYA, sender=SENDER)
    thank_you = compose(kind="thank_you", interview=FULL, recipient=PRIYA, sender=SENDER)

    assert draft.subject == "Senior Data Engineer at Northwind Analytics: following up"
    assert draft.body.startswith("Dear Dr. Singh,\n\n")
    assert (
        "Senior Data Engineer role at Northwind Analytics" in draft.body and "Tuesday, March 4" in draft.body
    )
    assert "Friday, March 14" in draft.body and "?" in draft.body
    # The thank-you's missed point is not served again.
    assert "40 million events" not in draft.body
    assert words(draft.body) < words(thank_you.body)
    assert draft.body.endswith("Best regards,\nJordan Lee\n+1 555 0100\nlinkedin.com/in/jordanlee")


def test_minimal_thank_you_is_short_and_leaves_blank_fields_out():
    sender = Sender(full_name="Jordan Lee", email="jordan@example.com")
    draft = compose(kind="thank_you", interview=MINIMAL, recipient=Recipient("Seán O'Brien"), sender=sender)
    greeting, opening, close, sign_off = paragraphs(draft)

    assert draft.subject == "Product Designer at Acme: thank you"
    assert greeting == "Dear Seán O'Brien,"
    assert "Product Designer role at Acme" in opening and "Monday, June 2" in opening
    assert "Acme" in close
    assert sign_off == "Best regards,\nJordan Lee\njordan@example.com"
    assert words(draft.body) < 90


# --- Shapes of interview ------------------------------------------------------------------------------


def test_full_thank_you_has_every_part_of_a_good_letter():
    body = compose(kind="thank_you", interview=SOLO, recipient=PRIYA, sender=SENDER).body
    first_two_sentences = " ".join(re.split(r"(?<=[.?])\s", body.split("\n\n")[1])[:2])

    assert 100 <= words(body) <= 200
    assert "thank" in first_two_sentences.lower() and "appreciate" in first_two_sentences
    assert "Senior Data Engineer" in body and "Northwind Analytics" in body and "Tuesday, March 4" in body
    assert "how the team tests data contracts before a release" in body
    assert "moving Airflow jobs to Kafka streams" in body
    assert "40 million events a day." in body and ".." not in body
    assert "Friday, March 14" in body


def test_most_fields_blank_still_reads_naturally():
    recipient = Recipient(name="Amara Okafor")
    for kind in KINDS:
        draft = compose(kind=kind, interview=MINIMAL, recipient=recipient, sender=Sender(full_name=""))

        for token in PLACEHOLDERS:
            assert token not in draft.subject + draft.body, (kind, token)
        assert "  " not in draft.body and " ." not in draft.body and ".." not in draft.body
        assert all(p.strip() == p and p for p in paragraphs(draft))
        assert "Acme" in draft.body and "Product Designer" in draft.body and "Monday, June 2" in draft.body
        # No name was given, so none is signed.
        assert paragraphs(draft)[-1] in ("Best regards,", "Best,")


def test_a_recruiter_screen_with_no_topics_leaves_the_discussion_out():
    screen = LetterFacts(company="Acme", role="Product Designer", date=dt.date(2025, 6, 2), format="phone")
    recruiter = Recipient(name="Lena Park", honorific="Ms.", role="recruiter")
    body = compose(kind="thank_you", interview=screen, recipient=recruiter, sender=SENDER).body

    assert body.startswith("Dear Ms. Park,\n\n")
    # Greeting, thanks, close and sign-off: no paragraph about a discussion nobody noted.
    assert len(body.split("\n\n")) == 4
    assert words(body) < 100


def test_topics_stand_in_when_nothing_was_noted_for_the_person():
    body = compose(kind="thank_you", interview=FULL, recipient=TOM, sender=SENDER).body

    assert "moving the nightly batch jobs to streaming" in body


def test_what_each_panel_member_discussed_leads_their_letter():
    for recipient in (PRIYA, AMARA):
        draft = compose(
            kind="thank_you", interview=panel_interview(recipient), recipient=recipient, sender=SENDER
        )
        discussed = recipient.discussed.rstrip(".")
        assert discussed[0].lower() + discussed[1:] in paragraphs(draft)[2]


def test_each_panel_member_gets_a_different_letter_beyond_the_name():
    for kind in KINDS:
        bodies = []
        for recipient in PANEL:
            body = compose(
                kind=kind, interview=panel_interview(recipient), recipient=recipient, sender=SENDER
            ).body
            body = body.split("\n", 1)[1]  # drop the greeting
            bodies.append(body)
        for a, b in itertools.combinations(bodies, 2):
            assert a != b
            # Not just the discussion: the opening paragraph is worded differently too.
            assert a.split("\n\n")[1] != b.split("\n\n")[1], kind


def test_the_same_panel_letters_come_out_whether_or_not_other_people_lists_the_recipient():
    listed_with_self = LetterFacts(
        **{
            **FULL.__dict__,
            "other_people": tuple(p.name for p in PANEL),
            "others_discussed": tuple(p.discussed for p in PANEL),
        }
    )
    for recipient in PANEL:
        assert compose(
            kind="thank_you", interview=listed_with_self, recipient=recipient, sender=SENDER
        ) == compose(
            kind="thank_you", interview=panel_interview(recipient), recipient=recipient, sender=SENDER
        )


def test_the_same_input_gives_the_same_draft():
    for kind in KINDS:
        first = compose(kind=kind, interview=FULL, recipient=AMARA, sender=SENDER)
        second = compose(kind=kind, interview=FULL, recipient=AMARA, sender=SENDER)
        assert first == second


def test_unicode_and_apostrophes_in_names_are_kept_exactly():
    names = ("Seán O'Brien", "Zoë Ångström-Łukasz", "李雷")
    for name in names:
        for tone in (FORMAL, FRIENDLY):
            draft = compose(
                kind="thank_you", interview=MINIMAL, recipient=Recipient(name), sender=SENDER, tone=tone
            )
            expected = f"Dear {name}" if tone == FORMAL else f"Hi {name.split()[0]}"
            assert draft.body.startswith(f"{expected},\n")

    sender = Sender(full_name="Zoë Ångström-Łukasz")
    body = compose(kind="thank_you", interview=MINIMAL, recipient=Recipient("李雷"), sender=sender).body
    assert body.endswith("Best regards,\nZoë Ångström-Łukasz")


def test_newlines_and_markup_in_names_never_break_the_subject():
    odd = LetterFacts(company="Evil\nCorp <script>", role="Dev\r\nOps\u2028Lead", date=dt.date(2025, 6, 2))
    recipient = Recipient(name="Ann\nSmith", honorific="Dr.\n")
    for kind in KINDS:
        draft = compose(kind=kind, interview=odd, recipient=recipient, sender=SENDER)
        assert "\n" not in draft.subject and "\r" not in draft.subject
        assert draft.subject.splitlines() == [draft.subject]
        assert draft.body.startswith("Dear Dr. Smith,\n\n")
        assert "Evil Corp <script>" in draft.body


def test_multi_line_notes_are_joined_and_tidied():
    notes = LetterFacts(
        company="Acme",
        role="Designer",
        date=dt.date(2025, 6, 2),
        topics="  We talked about\nthe design system\n\n",
        missed_point="AWS certification...",
    )
    body = compose(kind="thank_you", interview=notes, recipient=Recipient("Lena Park"), sender=SENDER).body

    assert "the design system" in body and "talked about the design system" not in body
    assert "AWS certification." in body and "certification.." not in body


# --- Greetings and tone -------------------------------------------------------------------------------


def test_greetings_follow_tone_and_honorific():
    singh = Recipient(name="Priya Singh", honorific="Dr.")
    lee = Recipient(name="Ji-woo Lee", honorific="Ms.")
    amara = Recipient(name="Amara Okafor")

    assert greeting(singh, FORMAL) == "Dear Dr. Singh,"
    assert greeting(lee, FORMAL) == "Dear Ms. Lee,"
    assert greeting(amara, FORMAL) == "Dear Amara Okafor,"
    assert greeting(amara, FRIENDLY) == "Hi Amara,"
    assert greeting(singh, FRIENDLY) == "Hi Priya,"
    # An honorific typed into the name is recognised.
    assert greeting(Recipient(name="Dr. Amara Singh"), FORMAL) == "Dear Dr. Singh,"
    assert greeting(Recipient(name="Dr. Amara Singh"), FRIENDLY) == "Hi Amara,"
    assert greeting(Recipient(name="Ms Lena Park", honorific="Ms."), FORMAL) == "Dear Ms. Park,"
    assert (
        greeting(Recipient(name="Ludwig van Beethoven", honorific="Mr."), FORMAL) == "Dear Mr. van Beethoven,"
    )
    assert greeting(Recipient(name=""), FORMAL) == "Hello,"


def test_print_greetings_use_a_colon_when_formal():
    assert print_greeting(Recipient(name="Priya Singh", honorific="Dr."), FORMAL) == "Dear Dr. Singh:"
    assert print_greeting(Recipient(name="Amara Okafor"), FORMAL) == "Dear Amara Okafor:"
    assert print_greeting(Recipient(name="Amara Okafor"), FRIENDLY) == "Dear Amara,"


def test_tone_follows_how_the_person_likes_to_be_addressed():
    assert default_tone(AMARA) == FRIENDLY
    assert default_tone(PRIYA) == FORMAL
    assert default_tone(Recipient(name="X", address_style="")) == FORMAL

    friendly = compose(kind="thank_you", interview=FULL, recipient=AMARA, sender=SENDER)
    formal = compose(kind="thank_you", interview=FULL, recipient=AMARA, sender=SENDER, tone=FORMAL)
    assert friendly.body.startswith("Hi Amara,") and "\n\nThanks again,\nJordan Lee" in friendly.body
    assert formal.body.startswith("Dear Amara Okafor,") and "\n\nBest regards,\nJordan Lee" in formal.body


def test_the_name_is_not_repeated_when_the_signature_starts_with_it():
    body = compose(kind="thank_you", interview=MINIMAL, recipient=TOM, sender=SENDER).body
    assert body.endswith("Best regards,\nJordan Lee\n+1 555 0100\nlinkedin.com/in/jordanlee")

    sender = Sender(full_name="Jordan Lee", signature="Product designer\njordan.design")
    body = compose(kind="thank_you", interview=MINIMAL, recipient=TOM, sender=sender).body
    assert body.endswith("Best regards,\nJordan Lee\nProduct designer\njordan.design")


# --- Follow-ups ---------------------------------------------------------------------------------------


def test_follow_ups_stay_under_their_lengths():
    for recipient in PANEL:
        interview = panel_interview(recipient)
        thank_you = compose(kind="thank_you", interview=interview, recipient=recipient, sender=SENDER)
        first = compose(kind="follow_up_1", interview=interview, recipient=recipient, sender=SENDER)
        second = compose(kind="follow_up_2", interview=interview, recipient=recipient, sender=SENDER)
        another = compose(
            kind="another_conversation", interview=interview, recipient=recipient, sender=SENDER
        )

        assert words(first.body) < 150 and words(first.body) < words(thank_you.body)
        assert len(" ".join(paragraphs(second)[1:-1]).split()) < 90
        assert words(another.body) < 170


def test_the_first_follow_up_names_the_decision_date_only_when_given():
    with_date = compose(kind="follow_up_1", interview=FULL, recipient=PRIYA, sender=SENDER).body
    undated = LetterFacts(**{**FULL.__dict__, "decision_date": None})
    without = compose(kind="follow_up_1", interview=undated, recipient=PRIYA, sender=SENDER).body

    assert "Friday, March 14" in with_date
    assert "mentioned a decision" not in without and "March 14" not in without
    assert "?" in without  # still one polite question about timing


def test_each_shared_point_goes_to_one_person_of_a_panel():
    """The contribution, the missed point, why the role: each said in full to one person, never to all three."""
    thank_yous = [
        compose(kind="thank_you", interview=panel_interview(r), recipient=r, sender=SENDER) for r in PANEL
    ]
    for kind in KINDS:
        bodies = [
            compose(kind=kind, interview=panel_interview(r), recipient=r, sender=SENDER).body for r in PANEL
        ]
        for point in (
            "Kafka streams would shorten that migration",
            "40 million events",
            "data quality is treated",
        ):
            assert sum(point in body for body in bodies) <= 1, (kind, point)
    # The others hear the contribution in brief, in a sentence of their own.
    others = [d.body for d in thank_yous if "would shorten that migration" not in d.body]
    assert len(others) == 2 and all("moving Airflow jobs to Kafka streams" in body for body in others)
    assert any("moving Airflow jobs to Kafka" in d.body for d in thank_yous)
    assert any("40 million events" in d.body for d in thank_yous)


def test_the_first_follow_up_brings_what_happened_since_or_asks_about_their_topic():
    since = LetterFacts(**{**SOLO.__dict__, "since_we_spoke": "I wrote up how I would stage the Kafka move."})
    body = compose(kind="follow_up_1", interview=since, recipient=AMARA, sender=SENDER).body
    assert "I wrote up how I would stage the Kafka move." in body

    body = compose(kind="follow_up_1", interview=FULL, recipient=AMARA, sender=SENDER).body
    question = next(s for s in re.split(r"(?<=[.?])\s", body) if "the on-call rotation" in s)
    assert question.endswith("?")


def test_no_follow_up_repeats_a_sentence_of_the_thank_you():
    for recipient in PANEL:
        interview = panel_interview(recipient)
        thank_you = set(
            re.split(
                r"(?<=[.?])\s+",
                compose(kind="thank_you", interview=interview, recipient=recipient, sender=SENDER).body,
            )[1:-1]
        )
        for kind in ("follow_up_1", "follow_up_2"):
            body = compose(kind=kind, interview=interview, recipient=recipient, sender=SENDER).body
            assert not thank_you & set(re.split(r"(?<=[.?])\s+", body)[1:-1]), (kind, recipient.name)


def test_asking_for_another_conversation_is_a_small_ask():
    body = compose(kind="another_conversation", interview=FULL, recipient=PRIYA, sender=SENDER).body

    assert "call" in body
    assert "how the team tests data contracts" in body
    assert "?" in body or "would appreciate" in body


def test_no_letter_talks_pay_or_shouts():
    for kind, recipient in itertools.product(KINDS, PANEL):
        for interview in (FULL, MINIMAL):
            body = compose(kind=kind, interview=interview, recipient=recipient, sender=SENDER).body
            assert not PAY_WORDS.search(body), (kind, recipient.name)
            assert body.count("!") <= 1


def test_subjects_for_each_kind():
    subjects = {k: compose(kind=k, interview=FULL, recipient=PRIYA, sender=SENDER).subject for k in KINDS}

    assert subjects == {
        "thank_you": "Senior Data Engineer at Northwind Analytics: thank you",
        "follow_up_1": "Senior Data Engineer at Northwind Analytics: following up",
        "follow_up_2": "Senior Data Engineer at Northwind Analytics: a last note",
        "another_conversation": "Senior Data Engineer at Northwind: another conversation?",
    }


def test_a_long_subject_shortens_the_company_before_the_role():
    long = LetterFacts(
        company="O'Brien Public Library Network Inc.", role="Search Engineer", date=dt.date(2026, 3, 3)
    )
    subjects = {k: subject_for(k, long) for k in KINDS}
    assert subjects["thank_you"] == "Search Engineer at O'Brien Public Library: thank you"
    assert subjects["another_conversation"] == "Search Engineer at O'Brien Public: another conversation?"
    ampersand = LetterFacts(
        company="Kestrel & Finch", role="Staff Engineer, Ledger", date=dt.date(2026, 3, 3)
    )
    assert (
        subject_for("another_conversation", ampersand)
        == "Staff Engineer, Ledger at Kestrel: another conversation?"
    )
    very_long = LetterFacts(company="Acme", role="Principal " * 10 + "Engineer", date=dt.date(2026, 3, 3))
    assert all(len(subject_for(k, very_long)) < 60 for k in KINDS)
    assert subject_for("thank_you", very_long).startswith("Principal Principal")


def test_an_unknown_kind_is_refused():
    try:
        compose(kind="thank_you_2", interview=FULL, recipient=PRIYA, sender=SENDER)
    except ValueError:
        return
    raise AssertionError("compose accepted an unknown kind")


# --- Any input ----------------------------------------------------------------------------------------

text = st.text(max_size=60)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    tone=st.sampled_from((None, FORMAL, FRIENDLY)),
    interview=st.builds(
        LetterFacts,
        company=text,
        role=text,
        date=dates,
        round=text,
        format=st.one_of(text, st.sampled_from(("phone", "video", "onsite"))),
        topics=text,
        missed_point=text,
        why_role=text,
        contribution=text,
        decision_date=st.one_of(st.none(), dates),
        other_people=st.lists(text, max_size=4).map(tuple),
    ),
    recipient=st.builds(
        Recipient,
        name=text,
        honorific=st.one_of(text, st.sampled_from(("", "Dr.", "Ms."))),
        title=text,
        email=text,
        role=text,
        address_style=st.sampled_from(("formal", "first_name", "")),
        discussed=text,
    ),
    sender=st.builds(Sender, full_name=text, email=text, signature=st.text(max_size=200)),
)
def test_compose_never_invents_a_placeholder_for_any_input(kind, tone, interview, recipient, sender):
    draft = compose(kind=kind, interview=interview, recipient=recipient, sender=sender, tone=tone)
    typed = "\n".join(
        [*(v for v in interview.__dict__.values() if isinstance(v, str)), *interview.other_people]
        + [*recipient.__dict__.values(), *sender.__dict__.values()]
    )

    for token in PLACEHOLDERS:
        if token in draft.subject + draft.body:
            assert token in typed, token
    assert "\n" not in draft.subject and "\r" not in draft.subject
    assert len(draft.subject) < 60
    # Only the sign-off block spans lines; every other paragraph is one line.
    assert all("\n" not in p for p in paragraphs(draft)[:-1])


def test_a_colon_inside_the_users_text_does_not_follow_our_own():
    facts = LetterFacts(
        company="Northwind",
        role="Engineer",
        date=dt.date(2026, 3, 3),
        contribution="I can make releases calmer: profiling, caching, careful rollouts",
    )
    draft = compose(
        kind="thank_you", interview=facts, recipient=Recipient(name="Dana Lee"), sender=Sender("Al")
    )
    assert "calmer — profiling, caching, careful rollouts" in draft.body
    assert not any(line.count(": ") > 1 for line in draft.body.splitlines())


def test_the_readme_shows_what_the_composer_writes():
    """The README's "after" letter is the composer's own output for the notes it quotes."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    after = readme.split('After (subject "Tools Programmer at Café Lumière Studios: thank you"):', 1)[1]
    quoted = " ".join(
        line.removeprefix(">").strip() for line in after.strip().split("\n\n", 1)[0].splitlines()
    )
    interview = LetterFacts(
        company="Café Lumière Studios",
        role="Tools Programmer",
        date=dt.date(2026, 11, 13),
        format="video",
        missed_point="I meant to say I have mentored two junior engineers through their first on-call.",
        why_role="The product solves a problem I have seen up close, and the team ships small changes often.",
        contribution="I can make hot paths faster and releases calmer: profiling, caching, careful rollouts.",
        other_people=("Élodie Gagnon",),
    )
    kai = Recipient(
        name="Kai Nakamura-Ruiz",
        address_style="first_name",
        discussed="The profiler I wrote and how it could help their level editor.",
    )
    draft = compose(kind="thank_you", interview=interview, recipient=kai, sender=SENDER)
    assert draft.subject == "Tools Programmer at Café Lumière Studios: thank you"
    letter = " ".join(" ".join(paragraphs(draft)[:-1]).split())
    assert " ".join(quoted.split()) == letter
