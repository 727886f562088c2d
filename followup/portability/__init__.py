"""Your data in and out: the export archive, restoring it, and importing contacts from other programs."""
