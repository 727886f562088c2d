"""Services of the core app: keyword-only functions that change state across models (see STYLE.md)."""
