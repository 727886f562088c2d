"""Turn what people type into the boxes of an interview into material a letter can use.

Notes arrive as fragments, as first-person reminders ("I meant to say I led the migration"), in the third
person about the very reader of the letter ("their level editor"), or as lists mixing the work with the
logistics. `notes_from` splits such text into items, drops the lead-ins, fixes case and end punctuation,
speaks to the reader in the second person and says what each item is about (`classify`). Nothing here adds
a fact: a noun phrase stays a noun phrase, and the letter's frames supply only words of their own.
"""

import functools
import re
from dataclasses import dataclass

from followup import limits

WORK, LOGISTICS, PAY, PROCESS = "work", "logistics", "pay", "process"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WHITESPACE = re.compile(r"\s+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?…]+$")
_LEADING_PUNCT = re.compile(r"^[\s\-–—•*·,;:.]+")
# Our sentences may introduce the text with a colon; a second colon inside it reads as a stutter.
_INNER_COLON = re.compile(r"\s*:\s+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")
_LIST_ITEMS = re.compile(r"\s*[;,\n•]\s*|(?<=[.!?])\s+")

# Lead-ins people type before the point itself. Each is removed from the start, repeatedly, so "Also, I
# meant to say that X" leaves X.
_LEAD_INS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:also|and|plus|oh|btw|ps|p\.s\.|note|reminder|one more thing|another thing|finally|lastly)\b[,:.!-]*\s+",
        r"^i\s+(?:just\s+|also\s+|really\s+)?(?:meant|wanted|forgot|wished|intended|planned|would\s+have\s+liked|"
        r"would\s+like|should\s+have\s+liked)\s+to\s+(?:say|mention|add|tell\s+(?:you|them|him|her)|"
        r"bring\s+up|note|point\s+out|talk\s+about|share|explain)\b(?:\s+that\b|\s+about\b)?[,:]?\s*",
        r"^i\s+(?:also\s+)?(?:did\s+not|didn't|didn’t|never|could\s+not|couldn't|couldn’t|forgot\s+to)\s+"
        r"(?:get\s+to\s+|have\s+(?:the|a)\s+chance\s+to\s+|manage\s+to\s+)?(?:mention|say|bring\s+up|"
        r"talk\s+about|add|explain|tell\s+(?:you|them|him|her))\b(?:\s+that\b|\s+about\b)?[,:]?\s*",
        r"^i\s+should\s+have\s+(?:said|mentioned|added|brought\s+up)\b(?:\s+that\b)?[,:]?\s*",
        r"^(?:forgot\s+to\s+(?:mention|say)|did\s+not\s+mention|didn't\s+mention|to\s+mention|mention|"
        r"missed|point|topic|topics|re|about|regarding)\b(?:\s+that\b)?\s*[,:-]?\s+",
        r"^(?:we|i)\s+(?:also\s+)?(?:talked|spoke|chatted|discussed|covered|went\s+over|touched\s+on|"
        r"went\s+through|dug\s+into|got\s+into)(?:\s+(?:about|through|over|on))?\b[,:]?\s*",
        r"^(?:talked|spoke|chatted|discussed|covered)(?:\s+(?:about|through|over|on))?\b[,:]?\s*",
    )
]

# Words that mark an item as logistics, pay or the interview process rather than the work itself. Pay is
# looked for first: it never reaches a letter. "Payments" and "payroll" are subjects of work, not pay.
_PAY = re.compile(
    r"\b(?:salary|salaries|pay|compensation|comp|bonus(?:es)?|equity|stock\s+options?|rsus?|"
    r"benefits?|pension|401\s?\(?k\)?|pto|vacation|holiday\s+allowance|day\s+rate|hourly\s+rate|"
    r"wages?|pay\s+rise|perks?|relocation\s+package|sign[- ]on)\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(
    r"\b(?:start(?:ing)?\s+dates?|when\s+i\s+(?:could|can)\s+start|notice\s+period|(?:the|a|my|your|our|hybrid|working|work|shift|office)\s+schedule|hybrid|remote|office\s+moves?|"
    r"office\s+days?|in[- ]office|commute|relocat\w*|visa|sponsorship|work\s+permit|travel|hours|"
    r"time\s+zones?\s+(?:i|we)\s+work|location|parking|dress\s+code|contract\s+length|part[- ]time|"
    r"full[- ]time|availability|onboarding\s+dates?)\b",
    re.IGNORECASE,
)
_PROCESS = re.compile(
    r"\b(?:next\s+(?:round|step|steps|stage|interview)|(?:interview|hiring)\s+process|rounds?|timeline|"
    r"timing|references?|background\s+check|take[- ]home|exercise|whiteboard|coding\s+test|case\s+study|"
    r"system\s+design\s+question|questions?\s+for\s+(?:me|them)|my\s+background|background|"
    r"introductions?|my\s+cv|my\s+resume|résumé|why\s+(?:i|this|the)\b)",
    re.IGNORECASE,
)
# "Why Northwind" and "background" alone are the routine of an interview, not a subject to write about.
_ROUTINE = re.compile(r"^(?:why\s+\S+|background|introductions?|questions?)$", re.IGNORECASE)

# Third person about the reader and their team, and its second-person form.
_THIRD_PERSON = {
    "their": "your",
    "theirs": "yours",
    "they": "you",
    "them": "you",
    "themselves": "yourselves",
    "they're": "you're",
    "they’re": "you’re",
    "they've": "you've",
    "they’ve": "you’ve",
    "they'd": "you'd",
    "they’d": "you’d",
    "they'll": "you'll",
    "they’ll": "you’ll",
}
_SINGULAR_THIRD = {
    "she": "you",
    "he": "you",
    "his": "your",
    "him": "you",
    "herself": "yourself",
    "himself": "yourself",
}
_PRONOUNS = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in (*_THIRD_PERSON, *_SINGULAR_THIRD, "her")) + r")\b",
    re.IGNORECASE,
)
_AGREEMENT = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
# Words after "her" that show it is an object ("asked her about"), not a possessive ("her team").
_AFTER_OBJECT = _words(
    """
    about on for to and or with at in from by if how what why when where whether that which this the
    a an
    """
)
_NOT_PLURAL = _words(
    """
    this his its was has does is us plus yes always perhaps across less unless process business
    class access success focus status bus gas chaos bias analysis basis crisis series news
    kubernetes postgres redis aws ios macos windows rails express js as thus whereas
    """
)
_ADVERBS = _words("always also often never just still even already usually sometimes")
_PLURAL_WORDS = _words("people children staff users customers patrons clients")
_WORD = re.compile(r"[\w'’-]+")

_ALSO = re.compile(r"^(I|we)\s+also\s+", re.IGNORECASE)
_SUBJECT_START = re.compile(r"^(?:i|we|you)\s+(?!and\b|or\b)[\w'’]+", re.IGNORECASE)
_WH_START = re.compile(r"^(?:how|what|why|where|when|whether|which|who|if)\b", re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|shall|must|does|do|did|"
    r"isn't|aren't|wasn't|don't|doesn't|didn't|can't|won't)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(r"\b(?:how|what|why|where|when|whether|which|who|that|if)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    """One item of a note, ready to sit inside a sentence of a letter.

    `text` has no end punctuation and starts in lower case unless its first word is a name or an acronym.
    `clause` tells a statement with its own subject ("I led the migration") from a noun phrase ("the
    profiler I wrote"), which needs a frame around it.
    """

    text: str
    kind: str
    clause: bool

    @property
    def sentence(self) -> str:
        return capitalized(self.text) + "."


def one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def classify(text: str) -> str:
    """What an item is about: the work itself, logistics, pay, or the interview process."""
    if _PAY.search(text):
        return PAY
    if _LOGISTICS.search(text):
        return LOGISTICS
    if _PROCESS.search(text) or _ROUTINE.match(text.strip()):
        return PROCESS
    return WORK


def strip_lead_ins(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        for pattern in _LEAD_INS:
            text = pattern.sub("", text, count=1)
        text = _LEADING_PUNCT.sub("", text)
    return text


def _keeps_capital(word: str, proper: frozenset[str]) -> bool:
    bare = word.strip("\"'“”‘’(").split("'")[0].split("’")[0]
    if bare in ("I", "") or bare in proper:
        return True
    # An acronym or a camel-cased product name ("AWS", "GraphQL", "iOS") keeps its letters.
    return any(c.isupper() for c in bare[1:])


def _fix_case(text: str, proper: frozenset[str]) -> str:
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        text = text.lower()  # typed with caps lock on
    text = re.sub(r"\bi\b(?!\.)", "I", text)
    text = re.sub(r"\bi(?=['’](?:m|ve|d|ll)\b)", "I", text)
    first_word = text.split(" ", 1)[0]
    if _keeps_capital(first_word, proper):
        return text
    return text[0].lower() + text[1:]


def _looks_plural(word: str) -> bool:
    low = word.lower()
    if low in _PLURAL_WORDS:
        return True
    return (
        len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _NOT_PLURAL
    )


def _base_verb(word: str) -> str:
    """The form a verb takes after "you": "explains" becomes "explain"."""
    low = word.lower()
    if low in _AGREEMENT:
        return _AGREEMENT[low]
    if len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "us")):
        return word
    if low.endswith("ies"):
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def to_second_person(text: str, *, about_reader: bool = True) -> str:
    """Speak to the reader where the note speaks of them or their team in the third person.

    "their" after a plural noun ("engineers through their first on-call") is about those people, and
    stays. "she" and "he" are taken to be the reader only when the note is about them (`about_reader`).
    """
    if not _PRONOUNS.search(text):
        return text
    out: list[str] = []
    pos = 0
    seen_plural = False
    fix_next_verb = False
    for match in _WORD.finditer(text):
        word = match.group(0)
        low = word.lower()
        replacement = word
        if fix_next_verb and (low in _ADVERBS or low.endswith("ly")):
            pass  # "she always asks": the verb is the next word
        elif fix_next_verb:
            replacement = _base_verb(word)
            fix_next_verb = False
        elif low in _THIRD_PERSON and not seen_plural:
            replacement = _THIRD_PERSON[low]
        elif about_reader and low in _SINGULAR_THIRD:
            replacement = _SINGULAR_THIRD[low]
            fix_next_verb = low in ("she", "he")
        elif about_reader and low == "her":
            following = text[match.end() :].split(" ", 2)
            after = following[1].lower() if len(following) > 1 else ""
            replacement = "you" if not after or after in _AFTER_OBJECT else "your"
        if replacement != word and word[0].isupper():
            replacement = capitalized(replacement)
        out.append(text[pos : match.start()])
        out.append(replacement)
        pos = match.end()
        if _looks_plural(word) and low not in _THIRD_PERSON:
            seen_plural = True
    out.append(text[pos:])
    return "".join(out)


def starts_with_wh(text: str) -> bool:
    """Whether the item is an indirect question: "how the team ships", "where the ledger is heading"."""
    return bool(_WH_START.match(text))


def is_clause(text: str) -> bool:
    """Whether the item is a statement with a subject of its own rather than a noun phrase."""
    if _SUBJECT_START.match(text):
        return True
    if _WH_START.match(text):
        return False
    finite = _FINITE.search(text)
    if not finite:
        return False
    # "the profiler I wrote and how it could help" — the verb sits inside a subordinate clause.
    subordinate = _SUBORDINATE.search(text)
    return subordinate is None or subordinate.start() > finite.start()


def normalise(text: str, *, proper: frozenset[str] = frozenset(), about_reader: bool = True) -> str:
    """One item as a fragment for a sentence: no lead-in, tidy case, no end punctuation, second person."""
    text = one_line(text)
    text = _TRAILING_PUNCT.sub("", strip_lead_ins(text))
    # "I also speak Spanish" has lost, on its own, whatever it was "also" to.
    text = _ALSO.sub(r"\1 ", text)
    text = _INNER_COLON.sub(" — ", text)
    text = _TRAILING_PUNCT.sub("", text)
    if not text:
        return ""
    return _fix_case(to_second_person(text, about_reader=about_reader), proper)


def notes_from(
    text: str, *, proper: frozenset[str] = frozenset(), as_list: bool = False, about_reader: bool = True
) -> list[Note]:
    """The items of a note, each normalised and classified.

    Pay items are dropped here and never used, and so is the routine of an interview ("background", "why
    Northwind"), which no letter would thank anyone for.

    A list of topics (`as_list`) splits at commas, semicolons and line breaks; other notes split into
    sentences only, so "the profiler I wrote, and how it could help" stays whole.
    """
    return list(_notes(clip(text or "", limits.LETTER_NOTE), proper, as_list, about_reader))


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


# Every person of an interview, in every kind of letter, reads the same notes: read them once.
@functools.lru_cache(maxsize=4096)
def _notes(text: str, proper: frozenset[str], as_list: bool, about_reader: bool) -> tuple[Note, ...]:
    text = (text or "").strip()
    if not text:
        return ()
    pieces = (_LIST_ITEMS if as_list else _SENTENCES).split(text)
    notes = []
    for piece in pieces:
        if _PAY.search(piece) or _ROUTINE.match(piece.strip(" .")):
            continue
        fragment = normalise(piece, proper=proper, about_reader=about_reader)
        if not fragment or not any(c.isalnum() for c in fragment):
            continue
        notes.append(Note(text=fragment, kind=classify(fragment), clause=is_clause(fragment)))
    return tuple(notes)


def joined(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- Shared substance ---------------------------------------------------------------------------------

_STOP = _words(
    """
    a an the and or but of for to in on at by with from into onto about over under as is are was
    were be been being it its this that these those there their your you our we i me my mine he she
    they them his her how what why when where which who whom whether if then than so such very more
    most much many some any all each every both few other same own just also only not no nor can
    could would should will shall may might must do does did done have has had having get got make
    made making team teams work working role company people thing things way ways lot help helping
    helped bring new good great well time times one two up out down off again further once here both
    experience experiences think
    """
)


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


@functools.lru_cache(maxsize=4096)
def substance(text: str) -> frozenset[str]:
    """The stems of the words that carry a note's meaning."""
    return frozenset(_stem(w) for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2 and w not in _STOP)


def share_substance(a: str, b: str) -> bool:
    return bool(substance(a) & substance(b))


# --- Shorter forms ------------------------------------------------------------------------------------

# Places where a note can end early and still say something whole: after its main clause ("I can make hot
# paths faster — profiling, caching"), before a result or a reason ("…, so retries never charge twice"), or
# before a trailing phrase ("by 18 percent with a shorter form").
_CUTS = re.compile(
    r"\s+[—–-]\s+|\s*[:;]\s+|,\s+(?:so|and|which|because|but|while|as)\s+|"
    r"\s+(?=(?:so|because|before|after|which|that|with|for|on|at|during|would|could|will)\s)"
)
_STRONG = re.compile(r"\s+[—–-]\s+|\s*[:;]\s+")
_SUBJECT = re.compile(r"^(?:I|we)\b", re.IGNORECASE)
_MODALS = _words("would could will")
# A shorter form never ends on a word that needs another after it.
_NEEDS_MORE = _words(
    """
    a an the to of for with by in on at from into and or but so as that which my our your their its is are
    was were be been have has had would could can will should may might must do does did very more most
    """
)


@functools.lru_cache(maxsize=1024)
def shorter_forms(text: str) -> tuple[str, ...]:
    """The whole-sounding beginnings of a note, longest first: what it says in brief.

    "I have built retry handling for a card processor, so retries never charge twice" gives "I have built
    retry handling for a card processor" and "I have built retry handling". Each keeps at least five words,
    and "that" is cut before only when a clause follows it ("a model that flagged claims"), never when it
    points ("would shorten that migration").
    """
    forms: set[str] = set()
    strong = _STRONG.search(text)
    for match in _CUTS.finditer(text):
        if strong and match.start() > strong.start():
            break  # a list after a dash or a colon is detail: the form ends before it
        head = text[: match.start()].rstrip(" ,")
        rest = text[match.end() :].split()
        words = head.split()
        if len(words) < 5 or words[-1].lower() in _NEEDS_MORE:
            continue
        if rest[:1] == ["that"] and len(rest) < 4 or re.search(r",\s+(?:so|and|but)\s", head):
            continue
        # "my experience moving jobs to Kafka" may end before its verb; "I" may not.
        if rest[:1] and rest[0] in _MODALS and _SUBJECT.match(head):
            continue
        forms.add(head)
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))
