"""Services of the portability app: exporting, restoring and importing contacts."""
