"""How much each free-text field holds, sized to what it feeds.

Text that goes into letters (what was discussed, the topics, the point not made, why the role, the
contribution, the signature) is a thought or a few lines: short enough that a letter built from every
one of them at its longest still fits the letter editor (letters.forms.BODY_MAX), which
tests/letters/test_text_limits.py checks by composing every kind of letter from maximal inputs. A new
field that feeds letters takes LETTER_NOTE and is covered by that test once the composer reads it.
Notes that stay on their own page hold more.
"""

# A note that becomes a sentence or two of a letter.
LETTER_NOTE = 1_000
# The lines under the sender's name: phone, links, a postal address for printed letters.
SIGNATURE = 1_000
# Notes shown only on their own page.
NOTES = 10_000


def stated(help_text: str, limit: int) -> str:
    """A field's help text with its limit said in words, as every text box shows it."""
    sentence = f"Up to {limit:,} characters."
    return f"{help_text} {sentence}" if help_text else sentence
