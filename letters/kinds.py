"""The kinds of letter, one name each: the letter tables, the reminders that carry them and the pure code
that writes and checks them all use these, never the strings."""

import enum


class LetterKind(enum.StrEnum):
    THANK_YOU = "thank_you"
    FOLLOW_UP_1 = "follow_up_1"
    FOLLOW_UP_2 = "follow_up_2"
    ANOTHER_CONVERSATION = "another_conversation"


# The kinds a reminder is sent for; a request for another conversation is written when the user asks.
REMINDED_KINDS = (LetterKind.THANK_YOU, LetterKind.FOLLOW_UP_1, LetterKind.FOLLOW_UP_2)
FOLLOW_UP_KINDS = (LetterKind.FOLLOW_UP_1, LetterKind.FOLLOW_UP_2)
