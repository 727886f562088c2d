"""Services of the core app: keyword-only functions that change state across models (CONTRIBUTING.md: Where code goes)."""
