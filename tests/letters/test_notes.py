import pytest

from letters.notes import (
    LOGISTICS,
    PAY,
    PROCESS,
    WORK,
    classify,
    is_clause,
    joined,
    normalise,
    notes_from,
    share_substance,
    shorter_forms,
    to_second_person,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I meant to say I have mentored two junior engineers.", "I have mentored two junior engineers"),
        ("I did not mention that I led the migration.", "I led the migration"),
        ("I forgot to mention that i hold an AWS certification", "I hold an AWS certification"),
        ("Also, I know dbt well", "I know dbt well"),
        ("also: my first-aid instructor certificate", "my first-aid instructor certificate"),
        ("We talked about the design system", "the design system"),
        ("we discussed: their roadmap", "your roadmap"),
        ("One more thing: I meant to say that I trained a team of twelve.", "I trained a team of twelve"),
        ("I didn't get to mention my Go experience", "my Go experience"),
        ("I should have said that I speak Spanish.", "I speak Spanish"),
        ("  Double-entry ledgers...  ", "double-entry ledgers"),
        ("DASHBOARDS FOR THE SALES TEAM", "dashboards for the sales team"),
        ("AWS certification!!", "AWS certification"),
        ("GraphQL schema design.", "GraphQL schema design"),
        ("I can be calmer: profiling, caching", "I can be calmer — profiling, caching"),
        ("", ""),
        ("  .  ", ""),
    ],
)
def test_lead_ins_case_and_end_punctuation_are_tidied(typed, expected):
    assert normalise(typed) == expected


def test_names_keep_their_capitals():
    assert normalise("Northwind's move to streaming", proper=frozenset({"Northwind"})) == (
        "Northwind's move to streaming"
    )
    assert normalise("The move to streaming") == "the move to streaming"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("how it could help their level editor", "how it could help your level editor"),
        ("Their incident reviews", "Your incident reviews"),
        ("how they test data contracts", "how you test data contracts"),
        ("what they're planning next", "what you're planning next"),
        ("She explained how the trust manages laptops", "You explained how the trust manages laptops"),
        ("He walks new hires through the codebase", "You walk new hires through the codebase"),
        ("she is moving the team to Go", "you are moving the team to Go"),
        ("she always asks about testing", "you always ask about testing"),
        ("her team's roadmap", "your team's roadmap"),
        ("I asked her about the roadmap", "I asked you about the roadmap"),
        # "their" after a plural noun belongs to those people, not to the reader.
        (
            "two junior engineers through their first on-call",
            "two junior engineers through their first on-call",
        ),
        ("patrons and their holds", "patrons and their holds"),
        # How the team ships may stay as it is.
        ("how the team ships", "how the team ships"),
    ],
)
def test_the_reader_and_their_team_are_spoken_to(typed, expected):
    assert to_second_person(typed) == expected


def test_she_and_he_stay_when_the_note_is_not_about_the_reader():
    assert to_second_person("she asked about my thesis", about_reader=False) == "she asked about my thesis"


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("ledger design", WORK),
        ("idempotent payment retries", WORK),
        ("payroll integrations", WORK),
        ("checkout conversion rate", WORK),
        ("salary range", PAY),
        ("the bonus structure", PAY),
        ("stock options", PAY),
        ("pension scheme", PAY),
        ("start dates and the hybrid schedule", LOGISTICS),
        ("your working schedule", LOGISTICS),
        ("the office move next year", LOGISTICS),
        # To schedule is work: only "the schedule" one keeps is logistics.
        ("how you schedule deliveries to the three kitchens", WORK),
        ("relocation support", LOGISTICS),
        ("the notice period", LOGISTICS),
        ("remote work policy", LOGISTICS),
        ("the format and timing of the next round", PROCESS),
        ("the take-home exercise", PROCESS),
        ("background", PROCESS),
    ],
)
def test_items_are_classified_with_plain_rules(item, kind):
    assert classify(item) == kind


def test_notes_split_into_items_and_pay_and_routine_are_dropped():
    notes = notes_from("Background, salary range, why Northwind, ledger design; start date", as_list=True)
    assert [(n.text, n.kind) for n in notes] == [("ledger design", WORK), ("start date", LOGISTICS)]
    assert notes_from("He walked me through their fault design. Then salary.") == notes_from(
        "He walked me through their fault design."
    )
    # Outside a list, a comma does not split a note.
    assert len(notes_from("The profiler I wrote, and how it could help their editor.")) == 1


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("I led the migration", True),
        ("you explained how the ledger works", True),
        ("we compared ensemble forecasts", True),
        ("my experience moving Airflow jobs to Kafka would shorten that migration", True),
        ("the profiler I wrote and how it could help your level editor", False),
        ("how the on-call rotation is shared across two time zones", False),
        ("where the ledger team is heading after the launch", False),
        ("my first-aid instructor certificate", False),
        ("zero-downtime Postgres major upgrades", False),
    ],
)
def test_clauses_are_told_from_noun_phrases(text, clause):
    assert is_clause(text) is clause


def test_shared_substance_needs_a_word_that_carries_meaning():
    assert share_substance(
        "the move from nightly batch jobs to streaming", "moving Airflow jobs to Kafka streams"
    )
    assert share_substance("the profiler I wrote", "profiling, caching, careful rollouts")
    assert not share_substance("cutting asset build times for the art team", "I can make hot paths faster")
    assert not share_substance("how the team works", "I would help the team")


def test_items_join_as_a_sentence_would():
    assert joined([]) == ""
    assert joined(["a"]) == "a"
    assert joined(["a", "b"]) == "a and b"
    assert joined(["a", "b", "c"]) == "a, b and c"


def test_shorter_forms_end_where_the_note_still_says_something_whole():
    assert shorter_forms(
        "I have built idempotent retry handling for a card processor, so retries never charge twice"
    ) == (
        "I have built idempotent retry handling for a card processor",
        "I have built idempotent retry handling",
    )
    # Detail after a dash is left out whole, never cut in the middle of its list.
    assert shorter_forms(
        "I can make hot paths faster and releases calmer — profiling, caching, careful rollouts"
    ) == ("I can make hot paths faster and releases calmer",)
    # "that" is cut before only when a clause follows it; a noun phrase may end before its verb.
    assert shorter_forms("I built a fraud-scoring model that flagged suspicious claims a week earlier") == (
        "I built a fraud-scoring model",
    )
    assert shorter_forms(
        "my experience moving Airflow jobs to Kafka streams would shorten that migration"
    ) == ("my experience moving Airflow jobs to Kafka streams",)
    # "by half" is the point of the note, so it is kept.
    assert "I have cut variant-calling time" not in shorter_forms(
        "I have cut variant-calling time by half on long-read data with better scheduling"
    )
    # Too short to say in brief.
    assert shorter_forms("I maintain an open-source IIIF image server") == ()
