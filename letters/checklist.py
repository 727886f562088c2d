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
"""

import difflib
import re
import string
from collections import Counter
from dataclasses import dataclass

from letters.compose import InterviewFacts, Recipient, Sender, first_name, last_name, one_line


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    advice: str


FOLLOW_UPS = ("follow_up_1", "follow_up_2")

# (lowest acceptable, ideal low, ideal high, highest acceptable) words between greeting and sign-off.
WORD_LIMITS = {
    "thank_you": (60, 100, 200, 220),
    "follow_up_1": (20, 20, 150, 150),
    "follow_up_2": (20, 20, 110, 110),
    "another_conversation": (20, 20, 170, 170),
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
    "per my last email",
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
            words=frozenset(matchable.split()),
            word_count=len(_WORD.findall(content)),
        )


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


def _role_and_company(r: _Reading, interview: InterviewFacts) -> Check:
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


def _specific(r: _Reading, kind: str, interview: InterviewFacts, recipient: Recipient) -> Check:
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


def _contribution(r: _Reading, interview: InterviewFacts) -> Check:
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
    low, ideal_low, ideal_high, high = WORD_LIMITS.get(kind, WORD_LIMITS["thank_you"])
    count = r.word_count
    target = f"{ideal_low}–{ideal_high} words" if kind == "thank_you" else f"under {ideal_high} words"
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


def _is_near_copy(mine: list[str], mine_counts: Counter, other: str) -> bool:
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


def check_letter(
    *,
    kind: str,
    subject: str,
    body: str,
    interview: InterviewFacts,
    recipient: Recipient,
    sender: Sender,
    other_bodies: tuple[str, ...] = (),
) -> list[Check]:
    r = _Reading.of(body)
    return [
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
    ]
