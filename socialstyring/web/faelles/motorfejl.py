"""Why the engine could not compute, in its own (Danish) words, for a page or a message."""

from __future__ import annotations

from pydantic import ValidationError as PydanticValidationError

MOTORFEJL = (PydanticValidationError, ValueError, KeyError)
"""What the engine raises on input it refuses or a rule the rulebook lacks."""

KAN_IKKE_BEREGNES = 409
"""The status of a page that explains why the engine cannot compute on the stored data and
rules (a rule the agreement has not entered, figures that do not add up): the request was
fine and the server did not fail — the data are in a state that does not allow it (409
Conflict), and the page says what is missing. Never 500, which is kept for faults."""


def pydantic_tekst(fejl: PydanticValidationError) -> str:
    """The engine's own (Danish) messages of a validation error, without pydantic's prefix."""
    return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in fejl.errors())


def motorfejl(fejl: Exception) -> str:
    """A validation error's messages, otherwise the exception's message (ValueError,
    KeyError from the rulebook)."""
    if isinstance(fejl, PydanticValidationError):
        return pydantic_tekst(fejl)
    return str(fejl.args[0]) if fejl.args else repr(fejl)
