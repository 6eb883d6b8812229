"""Accounts and the yearly result: a tilbud's accounts (form and Excel), the engine's
result and settlement, and its transfer into a later rate."""
