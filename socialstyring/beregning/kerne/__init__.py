"""What every engine module shares, each defined once: exact money and its rounding
(`penge`), the trace (`spor`), input and result models and case registration (`model`),
the window on the rulebook (`regelbrug`), calendar and deadline rules (`kalender`), the
largest-remainder split (`fordeling`) and the domain's shared types (`typer`).

An engine module imports from here and from nothing else of the engine, except the
building blocks it is composed of (see docs/arkitektur.md).
"""
