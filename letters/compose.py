"""Compose thank-you and follow-up letters from what the user recorded about an interview."""

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from followup import limits
from letters import phrasing as ph
from letters.kinds import LetterKind
from letters.notes import (
    LOGISTICS,
    PROCESS,
    WORK,
    Note,
    joined,
    notes_from,
    share_substance,
    shorter_forms,
    starts_with_wh,
    substance,
)

KINDS = tuple(LetterKind)
FORMAL, FRIENDLY = "formal", "friendly"
SUBJECT_LIMIT = 59


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
class LetterFacts:
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
    since_we_spoke: str = ""
    # What was discussed with each of `other_people`, in the same order (blank where unknown).
    others_discussed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


# --- Text helpers -------------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
# A capitalised word after a lower-case word or a comma: a name the user typed ("jobs to Kafka").
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,]) ([A-Z][\w-]*[a-z][\w-]*)")
# A topic about the writer's own work ("the profiler I wrote") is asked and spoken about differently.
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|mine|I've|I'd)\b")
_HONORIFICS = {
    "dr": "Dr.",
    "mr": "Mr.",
    "ms": "Ms.",
    "mrs": "Mrs.",
    "mx": "Mx.",
    "prof": "Prof.",
    "professor": "Professor",
    "miss": "Miss",
}
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
_DANGLING_NAME_WORDS = frozenset(
    {"&", "and", "of", "the", "for", "de", "du", "des", "la", "le", "-", "–", "—"}
)
_COMPANY_SUFFIXES = re.compile(
    r",?\s+(?:inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|s\.a|bv|b\.v|corp|corporation|co|pty)\.?$",
    re.IGNORECASE,
)
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


def split_honorific(name: str, honorific: str = "") -> tuple[str, str]:
    """(honorific, name) with an honorific typed into the name ("Dr. Amara Singh") moved out of it."""
    words = one_line(name).split(" ")
    found = one_line(honorific)
    while len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        typed = _HONORIFICS[words.pop(0).rstrip(".").lower()]
        found = found or typed
    return found, " ".join(w for w in words if w)


def first_name(name: str) -> str:
    words = split_honorific(name)[1].split(" ")
    return words[0] if words else ""


def last_name(name: str) -> str:
    words = [w for w in split_honorific(name)[1].split(" ") if w]
    if not words:
        return ""
    start = len(words) - 1
    while start > 1 and words[start - 1] in _SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[start:])


def date_in_words(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"


def _proper_words(interview: LetterFacts, recipient: Recipient) -> frozenset[str]:
    """Words that keep their capitals inside a sentence.

    The words of the company's and the people's names, and any word the user capitalised in the middle of
    a sentence of their notes ("moving jobs to Kafka"), so "Kafka migration" does not become "kafka".
    """
    names = [interview.company, recipient.name, *interview.other_people]
    words = {w.split("'")[0].split("’")[0] for n in names for w in one_line(n).split(" ")}
    notes = (
        interview.topics,
        interview.missed_point,
        interview.why_role,
        interview.contribution,
        interview.since_we_spoke,
        recipient.discussed,
        *interview.others_discussed,
    )
    words |= {m.group(1) for text in notes for m in _MID_SENTENCE_CAPITAL.finditer(text or "")}
    return frozenset(w for w in words if w and w.lower() not in _COMMON_NAME_WORDS)


def _role_noun(role: str) -> str:
    return "" if role.split(" ")[-1].lower() in ("role", "position", "job", "opening") else " role"


def _about(interview: LetterFacts) -> str:
    role, company = one_line(interview.role), one_line(interview.company)
    if role:
        noun = _role_noun(role)
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


def _formal_name(recipient: Recipient) -> str:
    honorific, name = split_honorific(recipient.name, recipient.honorific)
    if not name:
        return ""
    return f"{honorific} {last_name(name)}" if honorific else name


def greeting(recipient: Recipient, tone: str) -> str:
    """The greeting line: "Dear Dr. Singh," when formal, "Hi Amara," when friendly, "Hello," with no name."""
    if tone == FRIENDLY:
        name = first_name(recipient.name)
        return f"Hi {name}," if name else "Hello,"
    name = _formal_name(recipient)
    return f"Dear {name}," if name else "Hello,"


def print_greeting(recipient: Recipient, tone: str) -> str:
    if tone == FRIENDLY:
        name = first_name(recipient.name)
        return f"Dear {name}," if name else "Hello,"
    name = _formal_name(recipient)
    # A business letter closes a formal salutation with a colon.
    return f"Dear {name}:" if name else "Hello,"


# --- Choosing wording ---------------------------------------------------------------------------------


class _Chooser:
    """Picks one phrasing per slot, the same every time for the same letter.

    Everyone met in one interview shares a seed (the kind of letter, the company, the role and the people,
    never a date), and each person's place in the sorted list of names moves every choice one step. Every
    slot offers at least eight phrasings, so the people of a panel of up to eight never share a sentence.
    """

    def __init__(self, kind: str, interview: LetterFacts, recipient: Recipient):
        name = one_line(recipient.name)
        people = sorted({one_line(p) for p in interview.other_people} | {name})
        self.position = people.index(name)
        key = "\x1f".join((kind, one_line(interview.company), one_line(interview.role), *people))
        self.digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()

    def pick(self, slot: int, options: Sequence[str]) -> str:
        return options[(self.digest[slot] + self.position) % len(options)]


# Slots index the digest; each kind of sentence has its own so the choices vary independently.
(_OPENING, _TOPIC, _BRIDGE, _WHY, _MISSED, _SUCCESS, _NEXT, _ASK, _INTEREST, _NEWS, _TIE, _LOOP) = range(12)

_CONTRACTIONS = (
    ("I would", "I'd"),
    ("I am", "I'm"),
    ("I will", "I'll"),
    ("It is", "It's"),
    ("it is", "it's"),
    ("That is", "That's"),
    ("that is", "that's"),
    ("do not", "don't"),
    ("did not", "didn't"),
    ("you are", "you're"),
    ("would not", "wouldn't"),
)


@functools.lru_cache(maxsize=1024)
def _in_tone(frame: str, tone: str) -> str:
    """A friendly letter speaks as people do, with contractions in the project's own words."""
    if tone != FRIENDLY:
        return frame
    for long, short in _CONTRACTIONS:
        # Never before "not" ("I will not" stays) or at the end of a clause ("if it is, …").
        frame = re.sub(rf"\b{long}\b(?! not\b)(?=\s+[\w{{])", short, frame)
    return frame


# --- What the letter draws on -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    text: str
    clause: bool
    work: bool


@dataclass(frozen=True)
class _Parts:
    """The inserts every letter draws on, each already cleaned for its place in a sentence."""

    about: str
    when: str
    met: str
    co: str
    dd: str
    topic: _Topic | None
    contribution: str
    gist: str  # a shorter form of the contribution, for a reader who does not hear all of it
    why: str
    missed: Note | None
    since: str
    asked: str  # a noun phrase of this person's work topics, for a question in the first follow-up
    bridged: bool  # the contribution shares substance with the person's topic
    holds: frozenset[str]  # which of the interview's shared points this person's letters carry

    @classmethod
    def build(cls, interview: LetterFacts, recipient: Recipient) -> "_Parts":
        proper = _proper_words(interview, recipient)
        contribution = _joined_text(notes_from(interview.contribution, proper=proper))
        why = _joined_text(notes_from(interview.why_role, proper=proper, about_reader=False))
        missed = _one_note(notes_from(interview.missed_point, proper=proper, about_reader=False))
        since = _joined_text(notes_from(interview.since_we_spoke, proper=proper))
        notes = _person_notes(recipient.discussed, proper)
        topic = _topic(notes, interview, proper)
        asked = [n.text for n in notes if n.kind == WORK and not n.clause]
        if not asked and topic and topic.work and not topic.clause:
            asked = [topic.text]
        people = _people(interview, recipient, proper)
        shared = _share_out(
            people, (("c", contribution), ("w", why), ("m", missed.text if missed else ""), ("s", since))
        )
        name = one_line(recipient.name)
        holds = shared.get(name, frozenset())
        gist = ""
        forms = shorter_forms(contribution) if contribution and "c" not in holds else ()
        if forms:
            # Each of the others hears the contribution in brief, the shorter forms taken in turn.
            others = [n for n, _, _ in people if "c" not in shared.get(n, ())]
            gist = forms[others.index(name) % len(forms)]
        return cls(
            about=_about(interview),
            when=date_in_words(interview.date),
            met=_MET_BY_FORMAT.get(one_line(interview.format).lower(), "speaking with me"),
            co=one_line(interview.company) or "the team",
            dd=date_in_words(interview.decision_date) if interview.decision_date else "",
            topic=topic,
            contribution=contribution,
            gist=gist,
            why=why,
            missed=missed,
            since=since,
            asked=joined(asked[:3]),
            bridged=bool(topic and topic.work and contribution and share_substance(topic.text, contribution)),
            holds=holds,
        )


def _person_notes(discussed: str, proper: frozenset[str]) -> list[Note]:
    discussed = discussed or ""
    # A note with several commas or semicolons is a list of subjects, whatever box it was typed into.
    return notes_from(discussed, proper=proper, as_list=discussed.count(",") >= 2 or ";" in discussed)


def _people(
    interview: LetterFacts, recipient: Recipient, proper: frozenset[str]
) -> tuple[tuple[str, str, str], ...]:
    """Everyone met, sorted by name, each with the work discussed with them.

    Someone with nothing noted is taken to have heard the interview's work topics, which count for less
    than a person's own notes when a shared point looks for its reader.
    """
    discussed = dict(zip(interview.other_people, interview.others_discussed, strict=False))
    discussed[recipient.name] = recipient.discussed
    topics = " ".join(
        n.text for n in notes_from(interview.topics, proper=proper, as_list=True) if n.kind == WORK
    )
    people: dict[str, tuple[str, str]] = {}
    for name, note in discussed.items():
        own = _person_notes(note, proper)
        work = " ".join(n.text for n in own if n.kind == WORK)
        if not people.get(one_line(name), ("", ""))[0] and (work or not people.get(one_line(name))):
            people[one_line(name)] = (work, "" if own else topics)
    for name in interview.other_people:
        people.setdefault(one_line(name), ("", topics))
    return tuple(sorted((name, work, heard) for name, (work, heard) in people.items()))


@functools.lru_cache(maxsize=256)
def _share_out(
    people: tuple[tuple[str, str, str], ...], points: tuple[tuple[str, str], ...]
) -> dict[str, frozenset[str]]:
    """Who of a panel hears which shared point, so that no two of them get the same one word for word.

    The contribution ("c") and the news since the interview ("s") go to the person whose discussion they
    share most substance with (their own notes first, then the topics of someone with none); the reason for
    wanting the role ("w") and the missed point ("m") to whoever has least so far, in order of name. The
    second follow-up's angle ("a", the reason for wanting the role) goes to someone who did not hear it in
    the thank-you. One person alone hears everything.
    """
    names = [name for name, _, _ in people]
    present = [(key, text) for key, text in points if text]
    if len(names) <= 1:
        everything = frozenset(key for key, _ in present) | ({"a"} if "w" in dict(present) else set())
        return dict.fromkeys(names, everything)
    held: dict[str, set[str]] = {name: set() for name in names}
    for key, text in present:
        # The thank-you's points are shared among the panel; the follow-up's news is a separate round.
        counted = ("s",) if key == "s" else ("c", "w", "m")
        load = {name: len(held[name] & set(counted)) for name in names}
        holder = min(names, key=lambda name: (load[name], names.index(name)))
        if key in ("c", "s"):
            wanted = substance(text)
            overlap = {
                name: (len(substance(own) & wanted), len(substance(heard) & wanted))
                for name, own, heard in people
            }
            best = max(names, key=lambda name: overlap[name])
            if any(overlap[best]):
                holder = best
        held[holder].add(key)
        if key == "w":
            held[names[(names.index(holder) + 1) % len(names)]].add("a")
    return {name: frozenset(keys) for name, keys in held.items()}


# The four kinds of letter to one person draw on the same parts.
_parts = functools.lru_cache(maxsize=256)(_Parts.build)


def _joined_text(notes: list[Note]) -> str:
    return "; ".join(n.text for n in notes if n.kind in (WORK, PROCESS))


def _one_note(notes: list[Note]) -> Note | None:
    notes = [n for n in notes if n.kind in (WORK, PROCESS)]
    if not notes:
        return None
    if len(notes) == 1:
        return notes[0]
    return Note(text="; ".join(n.text for n in notes), kind=WORK, clause=notes[0].clause)


def _topic(own: list[Note], interview: LetterFacts, proper: frozenset[str]) -> _Topic | None:
    """What leads this person's letter: what was discussed with them, else the interview's work topics."""
    work = [n for n in own if n.kind == WORK]
    if work:
        phrases = [n.text for n in work if not n.clause]
        if work[0].clause or len(phrases) == 1:
            return _Topic(text=work[0].text, clause=work[0].clause, work=True)
        return _Topic(text=joined(phrases[:3]), clause=False, work=True)
    practical = [n for n in own if n.kind in (LOGISTICS, PROCESS)]
    if practical:
        return _Topic(text=practical[0].text, clause=practical[0].clause, work=False)
    topics = [n for n in notes_from(interview.topics, proper=proper, as_list=True) if n.kind == WORK]
    if not topics:
        return None
    if topics[0].clause:
        return _Topic(text=topics[0].text, clause=True, work=True)
    return _Topic(text=joined([n.text for n in topics if not n.clause][:3]), clause=False, work=True)


# --- The letters --------------------------------------------------------------------------------------


class _Letter:
    """Builds the paragraphs of one letter, each sentence chosen for this person and put in tone."""

    def __init__(self, parts: _Parts, tone: str, choose: _Chooser):
        self.p = parts
        self.tone = tone
        self.choose = choose

    def say(self, slot: int, options: Sequence[str], **values: str) -> str:
        frame = _in_tone(self.choose.pick(slot, options), self.tone)
        return frame.format(**values)

    def topic(
        self, *, work: Sequence[str], mine: Sequence[str], clause: Sequence[str], practical: Sequence[str]
    ) -> str:
        t = self.p.topic
        if t is None:
            return ""
        if t.clause:
            options = clause
        elif not t.work:
            options = practical
        else:
            options = mine if _FIRST_PERSON.search(t.text) else work
        return self.say(_TOPIC, options, discussed=t.text)

    def strength(self) -> list[str]:
        """What the candidate would bring, said to this reader: in full to one person of a panel, in brief
        to the others; tied to the reader's topic only where the two share substance."""
        p, t = self.p, self.p.topic
        if p.contribution and "c" in p.holds:
            bridged = p.bridged
            said = self.say(_BRIDGE, ph.BRIDGE if bridged else ph.ALONE, contribution=p.contribution)
        elif p.gist:
            bridged = bool(t and t.work and share_substance(t.text, p.gist))
            said = self.say(_BRIDGE, ph.PART_BRIDGE if bridged else ph.PART_ALONE, contribution=p.gist)
        else:
            return []
        if not bridged:
            return [said, self.say(_TIE, ph.TY_OFFER)]
        return [said, self.say(_TIE, ph.TY_USE)]


def _thank_you(p: _Parts, letter: _Letter) -> list[str]:
    middle = [
        letter.topic(
            work=ph.TY_TOPIC, mine=ph.TY_TOPIC_MINE, clause=ph.TY_TOPIC_CLAUSE, practical=ph.TY_PRACTICAL
        )
    ]
    middle += letter.strength()
    if p.why and "w" in p.holds and not (p.contribution and "c" in p.holds):
        middle.append(letter.say(_WHY, ph.TY_WHY, why_role=p.why))
    missed = ""
    if p.missed and "m" in p.holds:
        missed = letter.say(
            _MISSED, ph.TY_MISSED if p.missed.clause else ph.TY_MISSED_NOUN, missed_point=p.missed.text
        )
    next_step = (
        letter.say(_NEXT, ph.TY_NEXT_DATED, decision_date=p.dd) if p.dd else letter.say(_NEXT, ph.TY_NEXT)
    )
    return [
        letter.say(_OPENING, ph.TY_OPENINGS[letter.tone], met=p.met, about=p.about, when=p.when),
        " ".join(filter(None, middle)),
        missed,
        letter.say(_SUCCESS, ph.TY_SUCCESS, company=p.co) + " " + next_step,
    ]


# "double-entry ledgers and why they keep reconciliation simple": a question asks after the ledgers.
_TRAILING_WH = re.compile(r",? and (?:how|why|what|where|when|whether|which)\b.*$")


def _asked_after(topic: str) -> str:
    """The part of a topic a question can ask after: the subject, without a clause explaining it."""
    head = _TRAILING_WH.sub("", topic)
    return head if len(head.split()) >= 2 else topic


def _follow_up_1(p: _Parts, letter: _Letter) -> list[str]:
    # The new point is news since the interview; without it, one question about this person's own topic.
    news = []
    if p.since and "s" in p.holds:
        news.append(letter.say(_NEWS, ph.FU1_SINCE, since=p.since))
        if p.asked and share_substance(p.since, p.asked):
            news.append(letter.say(_TIE, ph.FU1_TIE, discussed=p.asked))
    elif p.asked:
        if _FIRST_PERSON.search(p.asked):
            news.append(letter.say(_NEWS, ph.FU1_QUESTION_MINE, discussed=p.asked))
        elif starts_with_wh(p.asked):
            news.append(letter.say(_NEWS, ph.FU1_QUESTION_ABOUT, discussed=p.asked))
        else:
            news.append(letter.say(_NEWS, ph.FU1_QUESTION, discussed=_asked_after(p.asked)))
    elif p.topic and p.topic.work and p.topic.clause:
        news.append(letter.say(_NEWS, ph.FU1_CLAUSE, discussed=p.topic.text))
        news.append(letter.say(_TIE, ph.FU1_CLAUSE_ASK))
    timing = (
        letter.say(_NEXT, ph.FU1_TIMING_DATED, decision_date=p.dd)
        if p.dd
        else letter.say(_NEXT, ph.FU1_TIMING)
    )
    return [
        letter.say(_OPENING, ph.FU1_OPENINGS, about=p.about, when=p.when)
        + " "
        + letter.say(_INTEREST, ph.FU1_INTEREST, company=p.co),
        " ".join(news),
        timing + " " + letter.say(_SUCCESS, ph.FU_THANKS),
    ]


FU2_WORDS = 88


def _follow_up_2(p: _Parts, letter: _Letter) -> list[str]:
    # Short and from a new angle: why the role matters (to one person of a panel) or their own topic, when
    # that still leaves the letter short.
    opening = letter.say(_OPENING, ph.FU2_OPENINGS, about=p.about, when=p.when)
    close = letter.say(_LOOP, ph.FU2_LOOP, company=p.co) + " " + letter.say(_SUCCESS, ph.FU2_THANKS)
    if p.why and "a" in p.holds:
        angle = letter.say(_WHY, ph.FU2_ANGLE, why_role=p.why)
    elif p.asked:
        angle = letter.say(_WHY, ph.FU2_TOPIC, discussed=p.asked)
    elif p.topic and p.topic.work and p.topic.clause:
        angle = letter.say(_WHY, ph.FU2_TOPIC_CLAUSE, discussed=p.topic.text)
    else:
        angle = ""
    if len(f"{opening} {angle} {close}".split()) > FU2_WORDS:
        angle = ""
    return [" ".join(filter(None, (opening, angle))), close]


def _another_conversation(p: _Parts, letter: _Letter) -> list[str]:
    idea = [
        letter.topic(
            work=ph.AC_TOPIC,
            mine=ph.AC_TOPIC_MINE,
            clause=ph.AC_TOPIC_CLAUSE,
            practical=ph.AC_TOPIC_PRACTICAL,
        )
    ]
    if p.contribution and "c" in p.holds:
        idea.append(letter.say(_BRIDGE, ph.AC_IDEA, contribution=p.contribution))
    elif p.topic and p.topic.work:
        idea.append(letter.say(_BRIDGE, ph.AC_HELP))
    elif p.topic:
        # Logistics are no place to offer help; the wish to learn more about the work stands on its own.
        idea.append(letter.say(_TOPIC, ph.AC_NOTHING))
    if not any(idea):
        idea = [letter.say(_TOPIC, ph.AC_NOTHING)]
    return [
        letter.say(_OPENING, ph.AC_OPENINGS, about=p.about, when=p.when),
        " ".join(filter(None, idea)),
        letter.say(_ASK, ph.AC_ASK) + " " + letter.say(_SUCCESS, ph.AC_THANKS),
    ]


# Keyed by the kind's value, so a kind given as a plain string finds its entry too.
_BUILDERS: dict[str, Callable[[_Parts, _Letter], list[str]]] = {
    LetterKind.THANK_YOU: _thank_you,
    LetterKind.FOLLOW_UP_1: _follow_up_1,
    LetterKind.FOLLOW_UP_2: _follow_up_2,
    LetterKind.ANOTHER_CONVERSATION: _another_conversation,
}

_SUBJECT_ENDINGS: dict[str, str] = {
    LetterKind.THANK_YOU: "thank you",
    LetterKind.FOLLOW_UP_1: "following up",
    LetterKind.FOLLOW_UP_2: "a last note",
    LetterKind.ANOTHER_CONVERSATION: "another conversation?",
}


def short_company(company: str) -> str:
    """The company's name without "Inc.", "Ltd" and the like."""
    return _COMPANY_SUFFIXES.sub("", one_line(company)).strip(" ,")


def subject_for(kind: str, interview: LetterFacts) -> str:
    """Role first, then the company, then what the letter is; the company gives way before the role."""
    ending = _SUBJECT_ENDINGS[kind]
    role = one_line(interview.role)
    company = short_company(interview.company)
    if not role:
        role, company = company, ""
    if not role:
        return "Thank you for your time" if kind == LetterKind.THANK_YOU else ending[:1].upper() + ending[1:]
    words = company.split(" ") if company else []
    while words:
        subject = f"{role} at {' '.join(words)}: {ending}"
        if len(subject) <= SUBJECT_LIMIT:
            return subject
        words.pop()
        # "Kestrel & Finch" shortens to "Kestrel", never to "Kestrel &".
        while words and words[-1].lower() in _DANGLING_NAME_WORDS:
            words.pop()
    subject = f"{role}: {ending}"
    if len(subject) <= SUBJECT_LIMIT:
        return subject
    room = SUBJECT_LIMIT - len(ending) - 3
    return f"{role[:room].rsplit(' ', 1)[0] if ' ' in role[:room] else role[:room]}…: {ending}"


def compose(
    *, kind: str, interview: LetterFacts, recipient: Recipient, sender: Sender, tone: str | None = None
) -> Draft:
    if kind not in _BUILDERS:
        raise ValueError(f"Unknown letter kind: {kind!r}")
    if tone not in (FORMAL, FRIENDLY):
        tone = default_tone(recipient)
    parts = _parts(interview, recipient)
    paragraphs = _BUILDERS[kind](parts, _Letter(parts, tone, _Chooser(kind, interview, recipient)))
    sign_off = ph.SIGN_OFFS.get((tone, kind), "Best regards," if tone == FORMAL else "Best,")
    body = [greeting(recipient, tone), *(p for p in paragraphs if p)]
    body.append("\n".join([sign_off, *_signature_block(sender)]))
    return Draft(subject=subject_for(kind, interview), body="\n\n".join(body))
