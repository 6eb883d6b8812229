"""Companion purchase during holidays (tilkøb af ledsagelse under ferie): the calculator where a
buying municipality (or the home) enters a trip's times, staff and residents and gets model 2's
price and the residents' own payment, with its trace, Excel and PDF; and the document's worked
example (bilag 2) calculated beside its printed figures."""
