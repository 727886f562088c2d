"""Check a letter draft against the advice Followup is built on.

Keys, in the order they are returned:
  addressed_by_name  the greeting names the person as entered (full, first or last name)
  thanks_early       thanks within the first two sentences (anywhere, for follow-ups)
  role_and_company   the role and the company are both named
  specific           something from what was discussed is mentioned
  contribution       says how the writer would contribute or help the company succeed
  next_step          points to a next step (hearing back, a decision, anything further, a conversation)
  length             the word count suits the kind of letter
  no_pay_talk        no salary, benefits, bonus, equity or time off
  no_pushy_phrases   no stock phrases that press or presume
  no_emoji           no emoji
  calm_tone          at most one exclamation mark and no slang
  no_placeholder     no [brackets], {braces}, <angles>, XXX, TODO or "Dear Hiring Manager" left in
  not_a_copy         not the same, or nearly the same, as another letter for the same interview
  no_shared_sentence no sentence of six or more words that another letter of the interview also has
  short_subject      a subject of 60 characters or fewer
  no_lead_in         no note-to-self lead-in pasted in ("I meant to say", "I forgot to mention")
  no_stock_phrases   no stock phrases that fill space ("checking in", "touching base", "just wanted to")
  enough_detail      a sparse letter is told the one detail that would most improve it

Everything here is a function of its arguments: no database and no clock, so it runs on every keystroke.
"""

import difflib
import re
import string
from collections import Counter
from dataclasses import dataclass

from letters.compose import LetterFacts, Recipient, Sender, first_name, last_name, one_line
from letters.kinds import FOLLOW_UP_KINDS, LetterKind
from letters.notes import WORK, notes_from


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    advice: str


FOLLOW_UPS = FOLLOW_UP_KINDS

# (lowest acceptable, ideal low, ideal high, highest acceptable) words between greeting and sign-off.
WORD_LIMITS: dict[str, tuple[int, int, int, int]] = {
    LetterKind.THANK_YOU: (60, 100, 200, 220),
    LetterKind.FOLLOW_UP_1: (20, 20, 150, 150),
    LetterKind.FOLLOW_UP_2: (20, 20, 110, 110),
    LetterKind.ANOTHER_CONVERSATION: (20, 20, 170, 170),
}
COPY_RATIO = 0.9

# Matching runs on "spaced" text: lower case, punctuation turned to spaces, one space between words and one at
# each end, so " look forward" finds a word start and " asap " a whole word with a plain substring test.
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "’‘“”—–…«»„¡¿·•", " "))


def _spaced(text: str) -> str:
    return " " + " ".join(text.lower().translate(_PUNCTUATION).split()) + " "


def _phrases(*phrases: str) -> dict[str, str]:
    """Map each phrase's spaced form to the phrase itself, for quoting back in advice."""
    return {(_spaced(p[:-1]).rstrip(" ") if p.endswith("*") else _spaced(p)): p.rstrip("*") for p in phrases}


def _find(text: str, phrases: dict[str, str]) -> str:
    """The first phrase in text; a phrase written with a trailing * matches any word it starts."""
    return next((shown for key, shown in phrases.items() if key in text), "")


_THANKS = _phrases("thank*", "grateful*", "gratitude*", "appreciat*")
_CONTRIBUTION = _phrases(
    "contribut*",
    "help*",
    "succe*",
    "grow*",
    "deliver*",
    "impact*",
    "improv*",
    "efficien*",
    "build*",
    "sales",
    "revenue",
    "bring",
)
_NEXT_STEP = _phrases(
    "next step*",
    "hear from you",
    "hearing from you",
    "hear back",
    "hearing back",
    "look forward",
    "looking forward",
    "follow up",
    "following up",
    "conversation*",
    "question*",
    "decid*",
    "decision*",
    "let me know",
    "timeline*",
    "anything else",
    "anything further",
    "anything more",
    "a call",
    "a short call",
    "speak again",
    "talk again",
)
_PAY = _phrases(
    "salary",
    "salaries",
    "compensation",
    "bonus",
    "bonuses",
    "equity",
    "stock option*",
    "vacation*",
    "pto",
    "paid time off",
    "401k",
    "401 k",
    "pension*",
    "perk",
    "perks",
    "benefits package",
    "health insurance",
    "pay range",
    "pay band",
    "pay rise",
    "pay raise",
    "pay package",
    "salary expectation*",
    "relocation package",
)
PUSHY_PHRASES = (
    "as soon as possible",
    "asap",
    "at your earliest convenience",
    "look forward to your offer",
    "look forward to receiving your offer",
    "look forward to joining",
    "when i start",
    "when do i start",
    "i expect to hear",
    "i expect a response",
    "i expect an answer",
    "i need an answer",
    "i need to know by",
    "please respond by",
    "i will call you",
    "i'll call you",
    "still waiting",
    "you won't regret",
    "you will not regret",
    "the perfect candidate",
    "the best candidate",
    "other offers",
    "competing offer",
    "don't miss out",
)
_PUSHY = _phrases(*PUSHY_PHRASES)
# Phrases that take a reader's time and give nothing back; "following up" on its own is a plain next step.
STOCK_PHRASES = (
    "checking in",
    "just checking",
    "check in on",
    "touching base",
    "touch base",
    "circling back",
    "circle back",
    "just wanted to",
    "just following up",
    "just a quick note",
    "per my last email",
    "per my previous email",
    "as per my last",
    "hope this email finds you well",
    "hope this finds you well",
    "hope this message finds you well",
    "bumping this",
    "reaching out to see",
)
_STOCK = _phrases(*STOCK_PHRASES)
# Words people type into a notes box to remind themselves; in a letter they read as the note pasted in.
# Matched only where a sentence or clause opens, so "one thing I meant to say when we spoke" is fine.
LEAD_INS = (
    "i meant to say",
    "i meant to mention",
    "i did not mention that",
    "i didn't mention that",
    "i forgot to mention",
    "i forgot to say",
    "i should have said",
    "i should have mentioned",
    "note to self",
    "remember to mention",
)
_LEAD_IN = re.compile(
    r"(?:^|[.!?:;]\s+|\n\s*|[-–—]\s+)[\"“‘'(]?\s*(" + "|".join(re.escape(p) for p in LEAD_INS) + r")\b",
    re.IGNORECASE,
)
SUBJECT_MAX = 60
SHARED_SENTENCE_WORDS = 6
KIND_NAMES: dict[str, str] = {
    LetterKind.THANK_YOU: "thank-you",
    LetterKind.FOLLOW_UP_1: "first follow-up",
    LetterKind.FOLLOW_UP_2: "second follow-up",
    LetterKind.ANOTHER_CONVERSATION: "request for another conversation",
}
_SLANG = _phrases(
    "gonna",
    "wanna",
    "gotta",
    "kinda",
    "lol",
    "omg",
    "btw",
    "thx",
    "tbh",
    "imo",
    "awesome",
    "super excited",
    "cool",
    "hey",
    "yeah",
    "yep",
)
_STOCK_GREETING = _phrases(
    "dear hiring manager",
    "dear sir or madam",
    "dear sir madam",
    "dear recruiter",
    "dear interviewer",
    "to whom it may concern",
)
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U0001f1e6-\U0001f1ff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d]"
)
_PLACEHOLDER = re.compile(r"\[[^\]\n]{0,60}\]|\{[^}\n]{0,60}\}|<[^>\n]{0,60}>|\bX{2,}\b|\b(TODO|TBD|FIXME)\b")
_PLACEHOLDER_HINTS = ("[", "{", "<", "XX", "TODO", "TBD", "FIXME")
_WORD = re.compile(r"[^\W_][\w'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SIGN_OFF = re.compile(
    r"^(best|kind|warm|warmest|many thanks|thanks|thank you|sincerely|regards|cheers|all the best|"
    r"with thanks|yours|respectfully)\b[^,]{0,20},$",
    re.IGNORECASE,
)
_STOPWORD_TEXT = """
    about above after again against along among another around because before being below between could
    doing during every first further great having other their there these those thing things think through
    under until where which while would should might really still since today discussed discuss talked
    conversation interview spoke especially including
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# --- Reading a draft ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    greeting: str
    opening: str  # the first two sentences after the greeting, spaced
    content: str  # everything between the greeting and the sign-off, spaced
    text: str  # the same, as typed, one paragraph a line
    words: frozenset[str]
    word_count: int

    @classmethod
    def of(cls, body: str) -> "_Reading":
        lines = body.strip().splitlines()
        rest = lines[1:]
        end = next((i for i in range(len(rest) - 1, -1, -1) if _SIGN_OFF.match(rest[i].strip())), len(rest))
        content = " ".join(rest[:end]).strip()
        matchable = _spaced(content)
        return cls(
            greeting=lines[0].strip() if lines else "",
            opening=_spaced(" ".join(_SENTENCE_END.split(content, maxsplit=2)[:2])),
            content=matchable,
            text="\n".join(line.strip() for line in rest[:end] if line.strip()),
            words=frozenset(matchable.split()),
            word_count=len(_WORD.findall(content)),
        )

    def sentences(self) -> list[tuple[str, str]]:
        """(spaced, as typed) for each sentence of SHARED_SENTENCE_WORDS words or more."""
        found = []
        for paragraph in self.text.splitlines():
            for sentence in _SENTENCE_END.split(paragraph):
                spaced = _spaced(sentence)
                if len(spaced.split()) >= SHARED_SENTENCE_WORDS:
                    found.append((spaced, sentence.strip()))
        return found


@dataclass(frozen=True)
class OtherLetter:
    """Another letter of the same interview, to compare with: its kind, whom it is to, and its text."""

    kind: str
    name: str
    body: str


def _has_name(text: str, name: str) -> bool:
    """Whether name stands as a word of its own in text: "Park" is not found in "Parker"."""
    start = text.find(name)
    while start >= 0:
        before, after = text[start - 1 : start], text[start + len(name) : start + len(name) + 1]
        if not _is_letter(before) and not _is_letter(after):
            return True
        start = text.find(name, start + 1)
    return False


def _is_letter(char: str) -> bool:
    # Chinese and Japanese names run straight into honorifics such as 先生 or さん, so those scripts have no
    # word boundary to check.
    return char.isalnum() and ord(char) < 0x2E80


def _meaningful_words(*texts: str) -> set[str]:
    return {w for t in texts for w in _spaced(t).split() if len(w) >= 5} - STOPWORDS


def _normalized_words(body: str) -> list[str]:
    # The greeting goes first: two letters that differ only in whom they greet are still copies.
    return " ".join(body.strip().splitlines()[1:]).lower().split()


# --- The checks ---------------------------------------------------------------------------------------


def _check(key: str, label: str, ok: bool, advice: str) -> Check:
    return Check(key=key, label=label, ok=ok, advice="" if ok else advice)


def _addressed_by_name(r: _Reading, recipient: Recipient) -> Check:
    name = one_line(recipient.name)
    names = {n for n in (name, first_name(name), last_name(name)) if n}
    return _check(
        "addressed_by_name",
        "Addressed by name",
        any(_has_name(r.greeting, n) for n in names),
        f"Open with their name, spelled as entered: “Dear {name},”."
        if name
        else "Add the person's name to the contact so the letter can greet them by name.",
    )


def _thanks_early(r: _Reading, kind: str) -> Check:
    if kind in FOLLOW_UPS:
        return _check(
            "thanks_early", "Thanks them", bool(_find(r.content, _THANKS)), "Thank them for their time."
        )
    return _check(
        "thanks_early",
        "Thanks them early",
        bool(_find(r.opening, _THANKS)),
        "Thank them in the first sentence or two, and say you appreciated their time.",
    )


def _role_and_company(r: _Reading, interview: LetterFacts) -> Check:
    missing = [
        what
        for what, value in (("the role", interview.role), ("the company", interview.company))
        if _spaced(value).strip() and _spaced(value) not in r.content
    ]
    return _check(
        "role_and_company",
        "Names the role and company",
        not missing,
        f"Name {' and '.join(missing)}, so they know at once which interview you mean.",
    )


def _specific(r: _Reading, kind: str, interview: LetterFacts, recipient: Recipient) -> Check:
    sources = [recipient.discussed, interview.topics]
    if kind in FOLLOW_UPS:
        # A follow-up brings a new point, so what counts as specific widens to the rest of the notes.
        sources += [interview.missed_point, interview.why_role, interview.contribution]
    wanted = _meaningful_words(*sources)
    advice = (
        "Mention one thing you really discussed with them."
        if wanted
        else "Note what you discussed with this person, then mention one thing from it in the letter."
    )
    return _check("specific", "Mentions something you discussed", bool(wanted & r.words), advice)


def _contribution(r: _Reading, interview: LetterFacts) -> Check:
    ok = bool(_find(r.content, _CONTRIBUTION)) or bool(_meaningful_words(interview.contribution) & r.words)
    return _check(
        "contribution",
        "Says how you would contribute",
        ok,
        "Add a sentence on how you would help the company succeed.",
    )


def _next_step(r: _Reading) -> Check:
    return _check(
        "next_step",
        "Suggests a next step",
        bool(_find(r.content, _NEXT_STEP)),
        "Close with a next step, such as offering anything further or looking forward to hearing from them.",
    )


def _length(r: _Reading, kind: str) -> Check:
    low, ideal_low, ideal_high, high = WORD_LIMITS.get(kind, WORD_LIMITS[LetterKind.THANK_YOU])
    count = r.word_count
    target = (
        f"{ideal_low}–{ideal_high} words" if kind == LetterKind.THANK_YOU else f"under {ideal_high} words"
    )
    verb = "Shorten" if count > high else "Add a little more to"
    return _check(
        "length",
        "Right length",
        low <= count <= high,
        f"{verb} the letter: it has {count} words, and {target} reads best.",
    )


def _no_pay_talk(r: _Reading) -> Check:
    found = _find(r.content, _PAY)
    # "The benefits of caching" is fine; "the benefits" of a job is not.
    if not found and r.content.count(" benefits ") > r.content.count(" benefits of "):
        found = "benefits"
    return _check(
        "no_pay_talk",
        "No talk of pay or benefits",
        not found,
        f"Leave out “{found}”: keep the letter on what you would contribute.",
    )


def _no_pushy_phrases(r: _Reading) -> Check:
    found = _find(r.content, _PUSHY)
    return _check(
        "no_pushy_phrases",
        "No pushy phrases",
        not found,
        f"Rephrase “{found}” as a polite question rather than a demand.",
    )


def _no_emoji(body: str) -> Check:
    return _check("no_emoji", "No emoji", _EMOJI.search(body) is None, "Remove the emoji.")


def _calm_tone(r: _Reading, body: str) -> Check:
    slang = _find(r.content, _SLANG)
    shouting = body.count("!") > 1
    advice = (
        "Keep at most one exclamation mark."
        if shouting
        else f"Replace “{slang}” with plain professional wording."
    )
    return _check("calm_tone", "Calm, professional tone", not shouting and not slang, advice)


def _no_placeholder(subject: str, body: str, recipient: Recipient) -> Check:
    text = f"{subject}\n{body}"
    found = ""
    if any(hint in text for hint in _PLACEHOLDER_HINTS):
        match = _PLACEHOLDER.search(text)
        found = match.group(0) if match else ""
    if not found and one_line(recipient.name):
        found = _find(_spaced(body), _STOCK_GREETING)
    return _check(
        "no_placeholder",
        "No placeholders left",
        not found,
        f"Replace “{found}” with the real detail.",
    )


def _is_near_copy(mine: list[str], mine_counts: Counter[str], other: str) -> bool:
    theirs = _normalized_words(other)
    if not mine or not theirs:
        return mine == theirs
    # Shared words bound the similarity from above; most letters fail this cheap test and skip difflib.
    shared = sum((mine_counts & Counter(theirs)).values())
    if 2 * shared / (len(mine) + len(theirs)) <= COPY_RATIO:
        return False
    return difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio() > COPY_RATIO


def _not_a_copy(body: str, other_bodies: tuple[str, ...]) -> Check:
    mine = _normalized_words(body)
    counts = Counter(mine)
    return _check(
        "not_a_copy",
        "Different from your other letters",
        not any(_is_near_copy(mine, counts, other) for other in other_bodies),
        "Make this letter your own for this person: lead with what you discussed with them.",
    )


def _quote(sentence: str, words: int = 8) -> str:
    shown = sentence.split()
    return " ".join(shown[:words]) + ("…" if len(shown) > words else "")


def _no_shared_sentence(r: _Reading, others: tuple[OtherLetter, ...]) -> Check:
    mine = r.sentences()
    shared = None
    if mine:
        for other in others:
            theirs = {spaced for spaced, _ in _Reading.of(other.body).sentences()}
            shared = next(((typed, other) for spaced, typed in mine if spaced in theirs), None)
            if shared:
                break
    advice = ""
    if shared:
        typed, other = shared
        where = KIND_NAMES.get(other.kind, "letter")
        to = f" to {one_line(other.name)}" if one_line(other.name) else ""
        advice = (
            f"“{_quote(typed)}” is also in your {where}{to}: word it afresh here, since people at one "
            "company compare letters and notice a repeat."
        )
    return _check("no_shared_sentence", "No sentence repeated from your other letters", not shared, advice)


def _short_subject(subject: str) -> Check:
    length = len(one_line(subject))
    return _check(
        "short_subject",
        "Short subject",
        length <= SUBJECT_MAX,
        f"Shorten the subject to {SUBJECT_MAX} characters or fewer (it has {length}), so the inbox shows "
        "all of it.",
    )


def _no_lead_in(r: _Reading) -> Check:
    match = _LEAD_IN.search(r.text.replace("’", "'"))
    found = match.group(1) if match else ""
    shown = found[:1].upper() + found[1:]
    return _check(
        "no_lead_in",
        "No notes pasted in as they were typed",
        not found,
        f"Take out “{shown}” and make the point itself: it reads as a note to yourself pasted into the letter.",
    )


def _no_stock_phrases(r: _Reading, subject: str) -> Check:
    found = _find(r.content, _STOCK) or _find(_spaced(subject), _STOCK)
    return _check(
        "no_stock_phrases",
        "No stock phrases",
        not found,
        f"Replace “{found}” with what you are writing about: readers skim past stock phrases.",
    )


def _enough_detail(
    r: _Reading,
    kind: str,
    interview: LetterFacts,
    recipient: Recipient,
    done: dict[str, bool],
    other_bodies: tuple[str, ...],
) -> Check:
    """For a sparse letter, the one addition that would do the most for it, in the advice's own order.

    A point that another letter of this kind already makes to someone else on the panel (how the
    candidate would contribute, the point not made) is never advised again: colleagues compare notes, and
    each should hear something of their own.
    """
    ideal_low = WORD_LIMITS.get(kind, WORD_LIMITS[LetterKind.THANK_YOU])[1]
    sparse = not done["specific"] or r.word_count < max(ideal_low, 40)
    name = one_line(recipient.name)
    who = first_name(name) or name or "this person"
    elsewhere = set().union(*(_Reading.of(body).words for body in other_bodies)) if other_bodies else set()

    def worth_adding(text: str) -> bool:
        # Read the way the composer reads it: lead-ins gone, and pay never worth adding.
        wanted = _meaningful_words(" ".join(n.text for n in notes_from(text or "", about_reader=False)))
        # Most of its words in another letter: made there already, in that letter's own framing.
        made_elsewhere = len(wanted & elsewhere) >= 0.6 * len(wanted)
        return bool(wanted) and not wanted & r.words and not made_elsewhere

    discussed = [n for n in notes_from(recipient.discussed or "") if n.kind == WORK]
    missing = ""
    if sparse:
        # What was discussed with the reader makes a letter theirs; then what a follow-up or a thank-you
        # most needs; the rest only where it was noted and left out.
        if not discussed or not any(_meaningful_words(n.text) & r.words for n in discussed):
            missing = f"Add what you discussed with {who}: one real detail makes the letter theirs."
        elif kind in FOLLOW_UPS:
            if not _meaningful_words(interview.since_we_spoke) & r.words:
                missing = (
                    "Add one thing that is new since you spoke, such as a link to your work, a relevant "
                    f"piece of news or a thought on a problem {who} raised."
                )
        elif kind == LetterKind.THANK_YOU and worth_adding(interview.contribution):
            missing = f"Add how you would help with what {who} needs, tied to something you have done."
        elif kind == LetterKind.THANK_YOU and worth_adding(interview.missed_point):
            missing = "Add, briefly, the point you did not get to make in the interview."
    return _check("enough_detail", "Enough detail to be theirs", not missing, missing)


def check_letter(
    *,
    kind: str,
    subject: str,
    body: str,
    interview: LetterFacts,
    recipient: Recipient,
    sender: Sender,
    other_bodies: tuple[str, ...] = (),
    other_letters: tuple[OtherLetter, ...] = (),
) -> list[Check]:
    """Every check, in the module's order.

    `other_bodies` are the letters of the same kind to the interview's other people (near copies);
    `other_letters` every other letter of the interview, of any kind (sentences said twice).
    """
    r = _Reading.of(body)
    checks = [
        _addressed_by_name(r, recipient),
        _thanks_early(r, kind),
        _role_and_company(r, interview),
        _specific(r, kind, interview, recipient),
        _contribution(r, interview),
        _next_step(r),
        _length(r, kind),
        _no_pay_talk(r),
        _no_pushy_phrases(r),
        _no_emoji(body),
        _calm_tone(r, body),
        _no_placeholder(subject, body, recipient),
        _not_a_copy(body, other_bodies),
        _no_shared_sentence(r, other_letters),
        _short_subject(subject),
        _no_lead_in(r),
        _no_stock_phrases(r, subject),
    ]
    done = {c.key: c.ok for c in checks}
    checks.append(_enough_detail(r, kind, interview, recipient, done, other_bodies))
    return checks
