"""Why the engine could not compute, in its own (Danish) words, for a page or a message."""

from __future__ import annotations

from pydantic import ValidationError as PydanticValidationError

MOTORFEJL = (PydanticValidationError, ValueError, KeyError)
"""What the engine raises on input it refuses or a rule the rulebook lacks."""


def pydantic_tekst(fejl: PydanticValidationError) -> str:
    """The engine's own (Danish) messages of a validation error, without pydantic's prefix."""
    return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in fejl.errors())


def motorfejl(fejl: Exception) -> str:
    """A validation error's messages, otherwise the exception's message (ValueError,
    KeyError from the rulebook)."""
    if isinstance(fejl, PydanticValidationError):
        return pydantic_tekst(fejl)
    return str(fejl.args[0]) if fejl.args else repr(fejl)
