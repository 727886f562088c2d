"""What the core domain announces; letters and reminders listen, so the core never imports them.

Every signal is sent inside the transaction that made the change, so listeners write their own rows
(letter drafts, reminder schedules) atomically with it.
"""

from django.dispatch import Signal

# An interview was recorded or edited. kwargs: interview, created (bool), changes (set of str drawn from
# "people", "times", "decision_date", "status", "details").
interview_changed = Signal()

# An interview's page was opened (a read, sent outside any transaction). kwargs: interview (with its
# company and participants loaded), now. Letters uses it to write thank-you drafts due since the end.
interview_opened = Signal()

# A user's profile or reminder preferences changed. kwargs: user, changes (set of field names).
preferences_changed = Signal()
