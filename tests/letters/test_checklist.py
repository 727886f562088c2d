import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from letters.checklist import Check, OtherLetter, check_letter
from letters.compose import KINDS, LetterFacts, Recipient, Sender, compose
from tests.letters.test_compose import FULL, PANEL, SENDER, panel_interview

INTERVIEW = LetterFacts(
    company="Acme",
    role="Product Designer",
    date=dt.date(2025, 6, 2),
    topics="the onboarding redesign",
    contribution="My research practice would speed up the onboarding work.",
)
LENA = Recipient(name="Lena Park", honorific="Ms.", discussed="accessibility audits for the checkout flow")
ME = Sender(full_name="Jordan Lee")

GOOD = """Dear Ms. Park,

Thank you for speaking with me about the Product Designer role at Acme on Monday, June 2. I know your \
week is busy, and I appreciated your time.

I enjoyed our conversation about accessibility audits for the checkout flow. My research practice would \
help the team move faster on that work, and I would be glad to contribute to the success of Acme as it \
grows. I have run audits of this kind for three years, and I would bring that experience from the first \
week, along with a habit of sharing findings early so designers and engineers can act on them together.

One point I did not get to make: I have also mentored two junior designers through their first audits.

Please let me know if I can share anything further; I look forward to hearing about next steps.

Best regards,
Jordan Lee"""


def check(body: str, *, kind: str = "thank_you", recipient: Recipient = LENA, others=(), **facts) -> dict:
    interview = LetterFacts(**{**INTERVIEW.__dict__, **facts})
    checks = check_letter(
        kind=kind,
        subject="Thank you",
        body=body,
        interview=interview,
        recipient=recipient,
        sender=ME,
        other_bodies=tuple(others),
    )
    return {c.key: c for c in checks}


def passed(body: str, key: str, **kwargs) -> bool:
    result = check(body, **kwargs)[key]
    assert result.advice == ("" if result.ok else result.advice) and (result.ok or result.advice)
    return result.ok


def test_a_good_letter_passes_everything():
    results = check(GOOD)
    assert [c.key for c in results.values() if not c.ok] == []
    assert list(results) == [
        "addressed_by_name",
        "thanks_early",
        "role_and_company",
        "specific",
        "contribution",
        "next_step",
        "length",
        "no_pay_talk",
        "no_pushy_phrases",
        "no_emoji",
        "calm_tone",
        "no_placeholder",
        "not_a_copy",
        "no_shared_sentence",
        "short_subject",
        "no_lead_in",
        "no_stock_phrases",
        "enough_detail",
    ]
    assert all(isinstance(c, Check) and c.label for c in results.values())


def test_addressed_by_name():
    assert passed(GOOD, "addressed_by_name")
    assert passed(GOOD.replace("Dear Ms. Park,", "Dear Lena,"), "addressed_by_name")
    assert not passed(GOOD.replace("Dear Ms. Park,", "Dear Hiring Manager,"), "addressed_by_name")
    assert not passed(GOOD.replace("Dear Ms. Park,", "Dear Ms. Parker,"), "addressed_by_name")
    assert passed(
        GOOD.replace("Dear Ms. Park,", "Dear Ms. Park-Lee,"),
        "addressed_by_name",
        recipient=Recipient("Lena Park-Lee"),
    )
    assert passed("Dear 李雷先生,\n\nThank you.", "addressed_by_name", recipient=Recipient("李雷"))
    assert "Lena Park" in check(GOOD.replace("Dear Ms. Park,", "Hello,"))["addressed_by_name"].advice


def test_thanks_early():
    assert passed(GOOD, "thanks_early")
    late = GOOD.replace("Thank you for speaking", "I spoke").replace(
        "and I appreciated your time", "as you said"
    )
    assert not passed(late, "thanks_early")
    # A follow-up may thank them at the end instead.
    follow_up = (
        "Dear Ms. Park,\n\nI am writing about the Product Designer role at Acme.\n\nThank you for your time."
    )
    assert passed(follow_up, "thanks_early", kind="follow_up_1")
    assert not passed(
        follow_up.replace("Thank you for your time.", "Bye."), "thanks_early", kind="follow_up_1"
    )


def test_role_and_company():
    assert passed(GOOD, "role_and_company")
    advice = check(GOOD.replace(" at Acme", "").replace("of Acme", "of the team"))["role_and_company"].advice
    assert advice == "Name the company, so they know at once which interview you mean."
    assert not passed(GOOD.replace("Product Designer role", "role"), "role_and_company")


def test_specific():
    assert passed(GOOD, "specific")
    vague = GOOD.replace("accessibility audits for the checkout flow", "the job").replace("audits", "reviews")
    assert not passed(vague, "specific")
    # Interview-wide topics count when nothing was noted for the person.
    assert passed(
        vague.replace("the job", "the onboarding redesign"), "specific", recipient=Recipient("Lena Park")
    )
    blank = check(GOOD, recipient=Recipient("Lena Park"), topics="")["specific"]
    assert not blank.ok and "Note what you discussed" in blank.advice


def test_contribution():
    assert passed(GOOD, "contribution")
    body = (
        "Dear Ms. Park,\n\nThank you for your time on Monday. We talked about the checkout flow at Acme.\n\n"
        "I look forward to hearing from you.\n\nBest regards,\nJordan Lee"
    )
    assert not passed(body, "contribution", contribution="")
    assert passed(body.replace("checkout flow", "checkout flow and my research practice"), "contribution")


def test_next_step():
    assert passed(GOOD, "next_step")
    closed = GOOD.replace(
        "Please let me know if I can share anything further; I look forward to hearing about next steps.", ""
    )
    closed = closed.replace("I enjoyed our conversation about", "I enjoyed")
    assert not passed(closed, "next_step")


def test_length():
    assert passed(GOOD, "length")
    short = "Dear Ms. Park,\n\nThank you for the interview at Acme.\n\nBest regards,\nJordan Lee"
    result = check(short)["length"]
    assert not result.ok and result.advice == (
        "Add a little more to the letter: it has 7 words, and 100–200 words reads best."
    )
    long = GOOD.replace("One point", "One point " + "really " * 120)
    assert "Shorten the letter" in check(long)["length"].advice
    # A follow-up has its own, lower limit; the signature block never counts.
    assert not passed(GOOD, "length", kind="follow_up_2")
    assert passed(GOOD.replace("Jordan Lee", "Jordan Lee\n" + "Street\n" * 80), "length")


def test_no_pay_talk():
    assert passed(GOOD, "no_pay_talk")
    assert passed(
        GOOD.replace("three years", "three years and know the benefits of early testing"), "no_pay_talk"
    )
    for phrase in ("the salary", "the benefits", "a signing bonus", "my PTO", "compensation", "equity"):
        result = check(GOOD.replace("One point", f"I also liked {phrase}. One point"))["no_pay_talk"]
        assert not result.ok, phrase
        assert result.advice.startswith("Leave out “")


def test_no_pushy_phrases():
    assert passed(GOOD, "no_pushy_phrases")
    for phrase in (
        "Please reply as soon as possible.",
        "I look forward to your offer.",
        "I'll call you Friday.",
    ):
        assert not passed(GOOD.replace("One point", f"{phrase} One point"), "no_pushy_phrases"), phrase
    advice = check(GOOD.replace("One point", "Reply ASAP. One point"))["no_pushy_phrases"].advice
    assert advice == "Rephrase “asap” as a polite question rather than a demand."


def test_no_emoji():
    assert passed(GOOD, "no_emoji")
    assert not passed(GOOD.replace("next steps.", "next steps 🙂"), "no_emoji")
    assert not passed(GOOD.replace("next steps.", "next steps 👍🏽"), "no_emoji")


def test_calm_tone():
    assert passed(GOOD, "calm_tone")
    assert passed(GOOD.replace("next steps.", "next steps!"), "calm_tone")
    assert not passed(GOOD.replace("next steps.", "next steps!!"), "calm_tone")
    assert not passed(GOOD.replace("I enjoyed", "It was awesome, I enjoyed"), "calm_tone")


def test_no_placeholder():
    assert passed(GOOD, "no_placeholder")
    for leftover in ("[Company]", "{role}", "<name>", "XXX", "TODO"):
        result = check(GOOD.replace("Acme as it", f"{leftover} as it"))["no_placeholder"]
        assert not result.ok and leftover in result.advice
    assert not passed(GOOD.replace("Dear Ms. Park,", "Dear Hiring Manager,"), "no_placeholder")
    assert passed(
        GOOD.replace("Dear Ms. Park,", "Dear Hiring Manager,"), "no_placeholder", recipient=Recipient("")
    )


def test_not_a_copy():
    assert passed(GOOD, "not_a_copy", others=[])
    other = GOOD.replace("Dear Ms. Park,", "Dear Mr. Berg,")
    assert not passed(GOOD, "not_a_copy", others=[other])
    nearly = other.replace("three years", "four years").replace("two junior", "three junior")
    assert not passed(GOOD, "not_a_copy", others=[nearly])
    different = compose(kind="thank_you", interview=INTERVIEW, recipient=LENA, sender=ME).body
    assert passed(GOOD, "not_a_copy", others=[different])


def test_every_composed_full_letter_passes_every_check():
    for kind in ("thank_you", "follow_up_1"):
        drafts = {
            r.name: (r, compose(kind=kind, interview=panel_interview(r), recipient=r, sender=SENDER))
            for r in PANEL
        }
        for name, (recipient, draft) in drafts.items():
            others = tuple(d.body for n, (_, d) in drafts.items() if n != name)
            checks = check_letter(
                kind=kind,
                subject=draft.subject,
                body=draft.body,
                interview=panel_interview(recipient),
                recipient=recipient,
                sender=SENDER,
                other_bodies=others,
                other_letters=tuple(
                    OtherLetter(kind=kind, name=n, body=d.body) for n, (_, d) in drafts.items() if n != name
                ),
            )
            failed = [(c.key, c.advice) for c in checks if not c.ok]
            assert failed == [], (kind, name)


def test_the_other_kinds_pass_the_checks_that_apply_to_them():
    for kind in ("follow_up_2", "another_conversation"):
        for recipient in PANEL:
            draft = compose(kind=kind, interview=FULL, recipient=recipient, sender=SENDER)
            checks = check_letter(
                kind=kind,
                subject=draft.subject,
                body=draft.body,
                interview=FULL,
                recipient=recipient,
                sender=SENDER,
            )
            assert [c.key for c in checks if not c.ok] == [], (
                kind,
                recipient.name,
            )


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    subject=st.text(max_size=80),
    body=st.text(max_size=600),
    name=st.text(max_size=30),
    notes=st.text(max_size=80),
    others=st.lists(st.text(max_size=300), max_size=3),
)
def test_check_letter_answers_for_any_text(kind, subject, body, name, notes, others):
    interview = LetterFacts(
        company=notes, role=notes, date=dt.date(2025, 6, 2), topics=notes, contribution=notes
    )
    checks = check_letter(
        kind=kind,
        subject=subject,
        body=body,
        interview=interview,
        recipient=Recipient(name=name, discussed=notes),
        sender=ME,
        other_bodies=tuple(others),
        other_letters=tuple(OtherLetter(kind=kind, name=name, body=other) for other in others),
    )
    assert len(checks) == 18
    assert all((c.advice == "") == c.ok for c in checks)


# --- What the letters of one interview taught the checklist -------------------------------------------------

DANA = Recipient(name="Dana Whitfield", discussed="the release calendar for the mobile app")


def _with_letters(body: str, others, kind: str = "thank_you") -> Check:
    [result] = [
        c
        for c in check_letter(
            kind=kind,
            subject="Thank you",
            body=body,
            interview=INTERVIEW,
            recipient=LENA,
            sender=ME,
            other_letters=tuple(others),
        )
        if c.key == "no_shared_sentence"
    ]
    return result


def test_a_sentence_shared_with_another_letter_is_quoted_with_where_it_is():
    other = OtherLetter(
        kind="thank_you",
        name="Tom Berg",
        body="Dear Tom,\n\nThank you. My research practice would help the team move faster on that work, "
        "and I would be glad to contribute to the success of Acme as it grows.\n\nBest regards,\nJordan Lee",
    )
    result = _with_letters(GOOD, [other])
    assert not result.ok
    assert result.advice == (
        "“My research practice would help the team move…” is also in your thank-you to Tom Berg: "
        "word it afresh here, since people at one company compare letters and notice a repeat."
    )
    assert result.advice.count(". ") == 0  # one sentence


def test_a_follow_up_repeating_the_thank_you_is_flagged_and_case_or_commas_do_not_hide_it():
    thank_you = OtherLetter(kind="thank_you", name="Lena Park", body=GOOD)
    follow_up = (
        "Dear Ms. Park,\n\nI KNOW YOUR WEEK IS BUSY and I appreciated your time! I am still keen on the "
        "Product Designer role at Acme.\n\nBest regards,\nJordan Lee"
    )
    result = _with_letters(follow_up, [thank_you], kind="follow_up_1")
    assert not result.ok and "is also in your thank-you to Lena Park" in result.advice


def test_short_sentences_and_the_sign_off_are_not_counted_as_shared():
    signed = (
        "Dear Tom,\n\nThanks again for today.\n\nBest regards,\nJordan Lee\n12 Harbour Street, Leeds LS1 4AB"
    )
    other = OtherLetter(kind="thank_you", name="Tom Berg", body=signed)
    mine = signed.replace("Dear Tom", "Dear Ms. Park")
    assert _with_letters(mine, [other]).ok
    assert _with_letters(GOOD, []).ok


def test_a_subject_over_60_characters_is_flagged_with_its_length():
    assert check(GOOD)["short_subject"].ok
    long = "Continuing our conversation about the Search Engineer role at O'Brien Library"
    [result] = [
        c
        for c in check_letter(
            kind="follow_up_1", subject=long, body=GOOD, interview=INTERVIEW, recipient=LENA, sender=ME
        )
        if c.key == "short_subject"
    ]
    assert not result.ok
    assert result.advice == (
        f"Shorten the subject to 60 characters or fewer (it has {len(long)}), so the inbox shows all of it."
    )
    exactly = "x" * 60
    assert all(
        c.ok
        for c in check_letter(
            kind="thank_you", subject=exactly, body=GOOD, interview=INTERVIEW, recipient=LENA, sender=ME
        )
        if c.key == "short_subject"
    )


def test_a_pasted_lead_in_is_flagged_where_a_sentence_or_clause_opens():
    for pasted, shown in (
        ("There was one more thing I meant to say when we spoke: I meant to say I have", "I meant to say"),
        ("I did not have the chance to mention: I did not mention that I have", "I did not mention that"),
        ("I forgot to mention that I have", "I forgot to mention"),
        ("Also. I didn’t mention that I have", "I didn't mention that"),
    ):
        body = GOOD.replace("One point I did not get to make: I have", pasted)
        result = check(body)["no_lead_in"]
        assert not result.ok, pasted
        assert result.advice == (
            f"Take out “{shown}” and make the point itself: it reads as a note to yourself pasted into the letter."
        )
    # Said as part of a sentence, these are the writer's own words; so is a sentence that makes the point.
    assert passed(
        GOOD.replace("One point I did not get to make: I have", "I did not mention it then, but I have"),
        "no_lead_in",
    )
    assert passed(
        GOOD.replace("One point I did not get to make:", "There was one more thing I meant to say:"),
        "no_lead_in",
    )
    assert passed(GOOD, "no_lead_in")


def test_stock_phrases_are_flagged_in_the_body_or_the_subject():
    assert passed(GOOD, "no_stock_phrases")
    for phrase in (
        "Just checking in.",
        "I am touching base",
        "Circling back on this.",
        "I just wanted to say",
        "Per my last email,",
        "I hope this email finds you well.",
    ):
        result = check(GOOD.replace("One point", f"{phrase} One point"))["no_stock_phrases"]
        assert not result.ok, phrase
        assert result.advice.endswith("with what you are writing about: readers skim past stock phrases.")
    [subject] = [
        c
        for c in check_letter(
            kind="follow_up_2",
            subject="Checking in on the Product Designer role",
            body=GOOD,
            interview=INTERVIEW,
            recipient=LENA,
            sender=ME,
        )
        if c.key == "no_stock_phrases"
    ]
    assert not subject.ok and "“checking in”" in subject.advice
    # A plain "following up" is a next step, not filler.
    assert passed(GOOD.replace("One point", "I am following up on our talk. One point"), "no_stock_phrases")


SPARSE = "Dear Dana,\n\nThank you for meeting me about the Product Designer role at Acme.\n\nBest regards,\nJordan Lee"


def test_a_sparse_letter_is_told_the_one_detail_that_would_most_improve_it():
    result = check(SPARSE, recipient=DANA)["enough_detail"]
    assert not result.ok
    assert result.advice == "Add what you discussed with Dana: one real detail makes the letter theirs."
    # Nothing noted for the person: the same advice, since that is still the detail that matters most.
    blank = check(SPARSE, recipient=Recipient("Dana Whitfield"), topics="")["enough_detail"]
    assert blank.advice.startswith("Add what you discussed with Dana")


def test_once_the_discussion_is_in_the_next_detail_is_named():
    with_topic = SPARSE.replace(
        "at Acme.", "at Acme. I enjoyed talking about the release calendar for the mobile app."
    )
    thank_you = check(with_topic, recipient=DANA)["enough_detail"]
    assert thank_you.advice == "Add how you would help with what Dana needs, tied to something you have done."
    follow_up = check(with_topic, recipient=DANA, kind="follow_up_1")["enough_detail"]
    assert follow_up.advice.startswith("Add one thing that is new since you spoke")
    assert "a problem Dana raised" in follow_up.advice


def test_a_full_letter_needs_no_more_detail():
    assert passed(GOOD, "enough_detail")
    assert passed(GOOD, "enough_detail", recipient=Recipient("Lena Park", discussed="accessibility audits"))


def test_a_thousand_words_against_eight_letters_is_checked_quickly():
    import time

    body = GOOD + "\n" + ("I would bring careful research to every part of the work we discussed. " * 80)
    others = tuple(OtherLetter(kind="thank_you", name=f"Person {i}", body=body) for i in range(8))
    started = time.perf_counter()
    check_letter(
        kind="thank_you",
        subject="Thank you",
        body=body,
        interview=INTERVIEW,
        recipient=LENA,
        sender=ME,
        other_letters=others,
        other_bodies=tuple(o.body for o in others),
    )
    assert time.perf_counter() - started < 0.5
