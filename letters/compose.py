"""Compose thank-you and follow-up letters from what the user recorded about an interview."""

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from followup import limits

KINDS = ("thank_you", "follow_up_1", "follow_up_2", "another_conversation")
FORMAL, FRIENDLY = "formal", "friendly"
# The longest subject a letter holds (letters.models.Letter.subject); a subject never needs more.
SUBJECT_MAX = 300


@dataclass(frozen=True)
class Sender:
    full_name: str
    email: str = ""
    signature: str = ""


@dataclass(frozen=True)
class Recipient:
    name: str
    honorific: str = ""
    title: str = ""
    email: str = ""
    role: str = ""
    address_style: str = "formal"
    discussed: str = ""


@dataclass(frozen=True)
class InterviewFacts:
    company: str
    role: str
    date: dt.date
    round: str = ""
    format: str = ""
    topics: str = ""
    missed_point: str = ""
    why_role: str = ""
    contribution: str = ""
    decision_date: dt.date | None = None
    other_people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


# --- Text helpers -------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_INNER_COLON = re.compile(r"\s*:\s+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?…]+$")
# People often type "We talked about X" into a "what was discussed" box; the letter supplies its own verb.
_DISCUSSED_PREFIX = re.compile(
    r"^(?:(?:we|i)\s+(?:talked|spoke|chatted|discussed|covered|went over)|talked|spoke|chatted|discussed)"
    r"(?:\s+(?:about|through|over))?\s+",
    re.IGNORECASE,
)
_HONORIFIC_WORDS = frozenset({"dr", "mr", "ms", "mrs", "mx", "prof", "professor", "miss", "sir"})
_SURNAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "del",
        "della",
        "der",
        "den",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "bin",
        "al",
    }
)
# "The Guardian" must not keep "The" capitalized in "our conversation about The roadmap".
_COMMON_NAME_WORDS = frozenset({"the", "a", "an", "and", "of", "for", "&"})
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    return _WHITESPACE.sub(" ", text or "").strip()


def first_name(name: str) -> str:
    words = [w for w in one_line(name).split(" ") if w]
    while len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFIC_WORDS:
        words.pop(0)
    return words[0] if words else ""


def last_name(name: str) -> str:
    words = [w for w in one_line(name).split(" ") if w]
    if not words:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1] in _SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def date_in_words(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"


def _keeps_capital(word: str, proper: frozenset[str]) -> bool:
    bare = word.strip("\"'“”‘’(").split("'")[0].split("’")[0]
    if bare in ("I", "") or bare in proper:
        return True
    # An acronym or a camel-cased product name ("AWS", "GraphQL", "iOS") keeps its letters.
    return any(c.isupper() for c in bare[1:])


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word with an ellipsis when it must be cut.

    Forms hold each text to its limit (followup/limits.py); text stored before there were limits may be
    longer, and a letter built from it must still fit the editor.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def _fragment(text: str, proper: frozenset[str] = frozenset(), *, discussed: bool = False) -> str:
    """Free text ready to sit inside one of our sentences: one line, no end punctuation, lower-cased start."""
    text = _TRAILING_PUNCT.sub("", clip(one_line(text), limits.LETTER_NOTE))
    # Our sentences introduce the text with a colon; a second colon inside it reads as a stutter.
    text = _INNER_COLON.sub(" — ", text)
    if discussed:
        text = _DISCUSSED_PREFIX.sub("", text)
    if not text:
        return ""
    first_word = text.split(" ", 1)[0]
    if _keeps_capital(first_word, proper):
        return text
    return text[0].lower() + text[1:]


def _proper_words(interview: InterviewFacts, recipient: Recipient) -> frozenset[str]:
    """Words of the company's and the people's names, which keep their capitals inside a sentence."""
    names = [interview.company, recipient.name, *interview.other_people]
    words = {w.split("'")[0].split("’")[0] for n in names for w in one_line(n).split(" ")}
    return frozenset(w for w in words if w and w.lower() not in _COMMON_NAME_WORDS)


def _about(interview: InterviewFacts) -> str:
    role, company = one_line(interview.role), one_line(interview.company)
    if role:
        noun = "" if role.split(" ")[-1].lower() in ("role", "position", "job", "opening") else " role"
        return f"the {role}{noun} at {company}" if company else f"the {role}{noun}"
    return f"the role at {company}" if company else "the role"


_MET_BY_FORMAT = {
    "phone": "speaking with me by phone",
    "video": "meeting with me by video",
    "onsite": "meeting with me in person",
    "on-site": "meeting with me in person",
    "on site": "meeting with me in person",
    "in person": "meeting with me in person",
    "in-person": "meeting with me in person",
}


def _signature_block(sender: Sender) -> list[str]:
    name = one_line(sender.full_name)
    signature = sender.signature or ""
    if len(signature) > limits.SIGNATURE:
        # Stored before there was a limit: keep the whole lines that fit.
        signature = signature[: limits.SIGNATURE].rsplit("\n", 1)[0]
    lines = [one_line(line) for line in signature.splitlines()]
    lines = [line for line in lines if line and line.strip("-")]
    if name and lines and lines[0].casefold() == name.casefold():
        name = ""
    block = ([name] if name else []) + lines
    if not lines and one_line(sender.email):
        block.append(one_line(sender.email))
    return block


# --- Greetings ----------------------------------------------------------------------------------------


def default_tone(recipient: Recipient) -> str:
    return FRIENDLY if recipient.address_style == "first_name" else FORMAL


def _salutation(recipient: Recipient, tone: str) -> str:
    name = one_line(recipient.name)
    if not name:
        return ""
    if tone == FRIENDLY:
        return f"Dear {first_name(name)}"
    honorific = one_line(recipient.honorific)
    if honorific:
        return f"Dear {honorific} {last_name(name)}"
    return f"Dear {name}"


def greeting(recipient: Recipient, tone: str) -> str:
    salutation = _salutation(recipient, tone)
    return f"{salutation}," if salutation else "Hello,"


def print_greeting(recipient: Recipient, tone: str) -> str:
    salutation = _salutation(recipient, tone)
    if not salutation:
        return "Hello,"
    # A business letter closes a formal salutation with a colon; a first-name greeting keeps the comma.
    return f"{salutation}," if tone == FRIENDLY else f"{salutation}:"


# --- Choosing wording ---------------------------------------------------------------------------------


class _Chooser:
    """Picks one phrasing per slot, the same every time for the same letter.

    Everyone met in one interview shares a seed, and each person's place in the sorted list of names shifts
    every choice, so colleagues comparing notes see different wording, not just different names.
    """

    def __init__(self, kind: str, interview: InterviewFacts, recipient: Recipient):
        name = one_line(recipient.name)
        people = sorted({one_line(p) for p in interview.other_people} | {name})
        self.position = people.index(name)
        # The date stays out of the seed: a letter's wording must not change with the day it is written about.
        key = "\x1f".join((kind, one_line(interview.company), one_line(interview.role), *people))
        self.digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()

    def pick(self, slot: int, options: Sequence[str]) -> str:
        return options[(self.digest[slot] + self.position) % len(options)]


# Slots index the digest; each kind of sentence has its own so the choices vary independently.
_OPENING, _SPECIFIC, _BRIDGE, _WHY, _MISSED, _CLOSE, _NEXT, _ASK, _THANKS = range(9)


# --- Phrasings ----------------------------------------------------------------------------------------
# Fields: {met} how we met, {about} the role at the company, {when} the interview date, {co} the company,
# {d} what was discussed, {c} the contribution, {w} why the role, {m} the missed point, {dd} decision date.

_TY_OPENINGS = {
    FORMAL: (
        "Thank you for {met} about {about} on {when}. I know how full your schedule is, and I appreciated "
        "the time you gave me.",
        "Thank you for taking the time to talk with me about {about} on {when}. I appreciate you making room "
        "for our conversation in a busy week.",
        "I am grateful to you for {met} about {about} on {when}. I know your time is in demand, and I "
        "appreciated it.",
        "Thank you for our conversation about {about} on {when}. I appreciated you setting aside time for it "
        "in a busy schedule.",
    ),
    FRIENDLY: (
        "Thanks so much for {met} about {about} on {when}. I know your days are full, so I really appreciated "
        "the time.",
        "Thank you for taking the time to chat about {about} on {when}. I know how busy things get, and it "
        "meant a lot that you made room for it.",
        "I really appreciated you {met} about {about} on {when}. Thank you for making the time in what I know "
        "is a busy week.",
        "Thank you for the conversation about {about} on {when}. I know your calendar is packed, so I "
        "appreciated the time.",
    ),
}

_TY_SPECIFIC = (
    "I especially enjoyed our conversation about {d}.",
    "It was good to talk through {d} with you.",
    "Our discussion of {d} has stayed with me since we spoke.",
)

_BRIDGE_TIED = (
    "That is an area where I believe I can help: {c}.",
    "I think that is where I could contribute most: {c}.",
    "It connects closely with what I would bring to the team: {c}.",
)
_BRIDGE_ALONE = (
    "I believe I could contribute in a concrete way: {c}.",
    "Here is where I think I could help most: {c}.",
    "What I would bring to the team is this: {c}.",
)
_TY_WHY_TIED = (
    "It is also a large part of why I want this role: {w}.",
    "It ties in with what draws me to the role: {w}.",
    "That is close to the heart of why the role appeals to me: {w}.",
)
_TY_WHY = (
    "As for why I want this role: {w}.",
    "What draws me to the role is this: {w}.",
    "The role appeals to me for a simple reason: {w}.",
)
_TY_MISSED = (
    "One point I did not get to make: {m}.",
    "I also wanted to add something I did not have the chance to mention: {m}.",
    "There was one more thing I meant to say when we spoke: {m}.",
)

_TY_SUCCESS = {
    FORMAL: (
        "I would welcome the chance to contribute to the success of {co}.",
        "I would be glad to help {co} reach its goals.",
        "I hope to have the opportunity to help {co} grow.",
        "It would be a pleasure to contribute to the work of {co}.",
        "I would be proud to help {co} succeed.",
    ),
    FRIENDLY: (
        "I'd love the chance to help {co} succeed.",
        "It would be great to help {co} grow.",
        "I'd be really glad to be part of the work at {co}.",
        "I'd be excited to contribute to what {co} does next.",
        "I'd love to help {co} reach its goals.",
    ),
}
_TY_NEXT = {
    FORMAL: (
        "Please let me know if I can share anything further; I look forward to hearing about next steps.",
        "If anything else would be useful, I would be happy to send it, and I look forward to hearing about "
        "next steps.",
        "I would be glad to answer any further questions, and I look forward to hearing from you.",
    ),
    FRIENDLY: (
        "If anything else would help, just let me know. I'm looking forward to hearing about next steps.",
        "Happy to send anything else you need, and I look forward to hearing from you.",
        "If there's anything more I can share, I'm glad to. I look forward to hearing about next steps.",
    ),
}
_TY_NEXT_DATED = {
    FORMAL: (
        "You mentioned a decision around {dd}; in the meantime, I would be happy to share anything else that "
        "would help.",
        "I understand a decision is expected around {dd}, and I am glad to provide anything further before "
        "then.",
        "I look forward to hearing from you around {dd}, and I am happy to send anything you need in the "
        "meantime.",
    ),
    FRIENDLY: (
        "You mentioned a decision around {dd}. Until then, I'm happy to send anything else that would help.",
        "I know you're aiming to decide around {dd}, and I'm glad to share anything that helps before then.",
        "I look forward to hearing from you around {dd}, and I'm happy to send anything you need until then.",
    ),
}

_FU1_OPENINGS = {
    FORMAL: (
        "I hope your week is going well. I am writing to follow up on my interview for {about} on {when}.",
        "I wanted to follow up on our conversation about {about} on {when}.",
        "I am following up on my interview for {about} on {when}.",
    ),
    FRIENDLY: (
        "I hope you're having a good week. I wanted to follow up on our chat about {about} on {when}.",
        "I'm following up on our conversation about {about} on {when}.",
        "I hope things are going well. I'm writing to follow up on {about}, which we talked about on {when}.",
    ),
}
_FU1_INTEREST = (
    "I remain very interested in the position and in helping {co} succeed.",
    "I am still keen on the role and would be glad to contribute to the work of {co}.",
    "My interest in the role is as strong as ever, and I would welcome the chance to help {co} grow.",
)
_FU1_NEW_POINT = {
    "m": (
        "One point I did not get to make when we met: {m}.",
        "I also wanted to add something I did not mention in the interview: {m}.",
        "There is one thing I would like to add to our conversation: {m}.",
    ),
    "w": (
        "I have kept thinking about why the role appeals to me: {w}.",
        "Reflecting on our conversation, what draws me to the role is this: {w}.",
        "It is clear to me why the role appeals: {w}.",
    ),
    "c": (
        "I am confident I could contribute here: {c}.",
        "Thinking it over, this is where I believe I could help most: {c}.",
        "What I would bring to the team is this: {c}.",
    ),
}
_FU1_TIMING = (
    "Could you let me know whether there is an update on the timeline for a decision?",
    "Is there anything you can share about the timeline for next steps?",
    "Would you be able to tell me where things stand with the decision?",
)
_FU1_TIMING_DATED = (
    "You mentioned a decision around {dd}. Is there any update on the timeline you are able to share?",
    "You mentioned a decision around {dd}; could you let me know whether there is any news?",
    "You mentioned a decision around {dd}. Would you be able to tell me where things stand?",
)
_FU_THANKS = (
    "Thank you again for your time and consideration.",
    "Thank you for your time, and I look forward to hearing from you.",
    "Thank you again for considering me.",
)

_FU2_OPENINGS = {
    FORMAL: (
        "I am writing once more about {about}, following our conversation on {when}.",
        "I wanted to check in again about {about}; we spoke on {when}.",
        "I am following up one more time about {about}, which we discussed on {when}.",
    ),
    FRIENDLY: (
        "I wanted to check in once more about {about}, after our conversation on {when}.",
        "I'm writing again about {about}; we spoke on {when}.",
        "I'm sending one more note about {about}, which we talked about on {when}.",
    ),
}
_FU2_ANGLE = (
    "In short, here is what I would bring: {c}.",
    "If it helps your decision, this is the contribution I would most like to make: {c}.",
    "One thing I would still very much like to bring to the team: {c}.",
)
_FU2_OFFER = (
    "If anything else would help with your decision, I would be glad to provide it.",
    "If there is anything I can send that would help you decide, please let me know.",
    "I would be happy to provide anything further that would be useful for your decision.",
)
_FU2_THANKS = (
    "Thank you for your consideration.",
    "Thank you for your time.",
    "Thank you again for considering me.",
)

_AC_OPENINGS = {
    FORMAL: (
        "Thank you again for speaking with me about {about} on {when}.",
        "I am grateful for the time you gave me to discuss {about} on {when}.",
        "Thank you once more for our conversation about {about} on {when}.",
    ),
    FRIENDLY: (
        "Thanks again for talking with me about {about} on {when}.",
        "I really appreciated our conversation about {about} on {when}.",
        "Thank you again for the chat about {about} on {when}.",
    ),
}
_AC_TOPIC = (
    "I have been thinking more about {d}, and I would value the chance to continue that conversation.",
    "Our discussion of {d} has stayed with me, and I would welcome the chance to pick it up again.",
    "I would like to return to {d}, which I found one of the most interesting parts of our conversation.",
)
_AC_IDEA_TIED = (
    "In particular, I have a thought on how I could help: {c}.",
    "I would especially like to talk through how I could contribute: {c}.",
    "There is one idea I would like to put to you: {c}.",
)
_AC_IDEA_ALONE = (
    "I would value the chance to talk further about one idea: {c}.",
    "I have one idea I would like to share with you: {c}.",
    "I would welcome the chance to walk you through one idea: {c}.",
)
_AC_NOTHING = (
    "I would value the chance to continue our conversation and learn more about the role.",
    "I would welcome another conversation to learn more about the team and the work ahead.",
    "I would be glad to continue our conversation and answer anything that is still open.",
)
_AC_ASK = (
    "Would you have twenty minutes in the next week or two for a short call? I am glad to work around your "
    "schedule, and I understand if now is not a good time.",
    "If you could spare twenty minutes for a call in the coming weeks, I would appreciate it; any time that "
    "suits you works for me, and I understand if it is not possible.",
    "Might you have fifteen or twenty minutes for a call soon? I am happy to fit your schedule, and I would "
    "understand if the timing does not suit.",
)
_AC_THANKS = (
    "Thank you for considering it.",
    "Thank you for your time.",
    "Thank you, and I hope to speak again soon.",
)

_SIGN_OFFS = {
    (FORMAL, "thank_you"): "Best regards,",
    (FRIENDLY, "thank_you"): "Thanks again,",
}


# --- Composition --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    """The inserts every letter draws on, each already cleaned for its place in a sentence."""

    about: str
    when: str
    met: str
    co: str
    d: str
    c: str
    w: str
    m: str
    dd: str

    @classmethod
    def build(cls, interview: InterviewFacts, recipient: Recipient) -> "_Parts":
        proper = _proper_words(interview, recipient)
        discussed = recipient.discussed if one_line(recipient.discussed) else interview.topics
        return cls(
            about=_about(interview),
            when=date_in_words(interview.date),
            met=_MET_BY_FORMAT.get(one_line(interview.format).lower(), "speaking with me"),
            co=one_line(interview.company) or "the team",
            d=_fragment(discussed, proper, discussed=True),
            c=_fragment(interview.contribution, proper),
            w=_fragment(interview.why_role, proper),
            m=_fragment(interview.missed_point, proper),
            dd=date_in_words(interview.decision_date) if interview.decision_date else "",
        )


def _thank_you(p: _Parts, tone: str, choose: _Chooser) -> list[str]:
    middle = [choose.pick(_SPECIFIC, _TY_SPECIFIC)] if p.d else []
    if p.c:
        middle.append(choose.pick(_BRIDGE, _BRIDGE_TIED if p.d else _BRIDGE_ALONE))
    elif p.w:
        middle.append(choose.pick(_WHY, _TY_WHY_TIED if p.d else _TY_WHY))
    next_step = choose.pick(_NEXT, (_TY_NEXT_DATED if p.dd else _TY_NEXT)[tone])
    return [
        choose.pick(_OPENING, _TY_OPENINGS[tone]),
        " ".join(middle),
        choose.pick(_MISSED, _TY_MISSED) if p.m else "",
        choose.pick(_CLOSE, _TY_SUCCESS[tone]) + " " + next_step,
    ]


def _follow_up_1(p: _Parts, tone: str, choose: _Chooser) -> list[str]:
    # The thank-you led with what was discussed and the contribution; the missed point is the freshest news.
    new_point = next((key for key in "mwc" if getattr(p, key)), "")
    point = choose.pick(_BRIDGE, _FU1_NEW_POINT[new_point]) if new_point else ""
    timing = choose.pick(_NEXT, _FU1_TIMING_DATED if p.dd else _FU1_TIMING)
    return [
        choose.pick(_OPENING, _FU1_OPENINGS[tone]),
        " ".join(filter(None, (choose.pick(_CLOSE, _FU1_INTEREST), point))),
        timing + " " + choose.pick(_THANKS, _FU_THANKS),
    ]


def _follow_up_2(p: _Parts, tone: str, choose: _Chooser) -> list[str]:
    angle = choose.pick(_BRIDGE, _FU2_ANGLE) if p.c else ""
    return [
        choose.pick(_OPENING, _FU2_OPENINGS[tone]),
        " ".join(filter(None, (angle, choose.pick(_NEXT, _FU2_OFFER), choose.pick(_THANKS, _FU2_THANKS)))),
    ]


def _another_conversation(p: _Parts, tone: str, choose: _Chooser) -> list[str]:
    if p.d:
        idea = [choose.pick(_SPECIFIC, _AC_TOPIC)]
        if p.c:
            idea.append(choose.pick(_BRIDGE, _AC_IDEA_TIED))
    elif p.c:
        idea = [choose.pick(_BRIDGE, _AC_IDEA_ALONE)]
    else:
        idea = [choose.pick(_SPECIFIC, _AC_NOTHING)]
    return [
        choose.pick(_OPENING, _AC_OPENINGS[tone]),
        " ".join(idea),
        choose.pick(_ASK, _AC_ASK) + " " + choose.pick(_THANKS, _AC_THANKS),
    ]


_BUILDERS = {
    "thank_you": _thank_you,
    "follow_up_1": _follow_up_1,
    "follow_up_2": _follow_up_2,
    "another_conversation": _another_conversation,
}


def _subject(kind: str, interview: InterviewFacts, about: str) -> str:
    if kind == "thank_you":
        role = one_line(interview.role)
        subject = f"Thank you — {role} interview" if role else "Thank you for your time"
        return clip(subject, SUBJECT_MAX)
    prefix = {
        "follow_up_1": "Following up on",
        "follow_up_2": "Checking in on",
        "another_conversation": "Continuing our conversation about",
    }[kind]
    subject = f"{prefix} {about}"
    if len(subject) > SUBJECT_MAX:
        # A long role and a long company name together: the reader knows their own company.
        subject = f"{prefix} {_about(dataclasses.replace(interview, company=''))}"
    return clip(subject, SUBJECT_MAX)


def compose(
    *, kind: str, interview: InterviewFacts, recipient: Recipient, sender: Sender, tone: str | None = None
) -> Draft:
    if kind not in _BUILDERS:
        raise ValueError(f"Unknown letter kind: {kind!r}")
    if tone not in (FORMAL, FRIENDLY):
        tone = default_tone(recipient)
    parts = _Parts.build(interview, recipient)
    paragraphs = _BUILDERS[kind](parts, tone, _Chooser(kind, interview, recipient))
    sign_off = _SIGN_OFFS.get((tone, kind), "Best regards," if tone == FORMAL else "Best,")
    body = [greeting(recipient, tone), *(p.format_map(vars(parts)) for p in paragraphs if p)]
    body.append("\n".join([sign_off, *_signature_block(sender)]))
    return Draft(subject=_subject(kind, interview, parts.about), body="\n\n".join(body))
