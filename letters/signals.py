"""What the letters app announces; reminders listen to stop or re-arm what they would send.

Both signals are sent synchronously inside the transaction that changed the letter, so a listener's writes
commit or roll back with it.
"""

from django.dispatch import Signal

# A letter was marked sent. kwargs: letter.
letter_sent = Signal()

# A sent letter was marked not sent again. kwargs: letter.
letter_unsent = Signal()
