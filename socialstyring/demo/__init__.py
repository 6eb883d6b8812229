"""Demo data: Region Midtjylland as seed data for `make run` and the tests — its operators
and offers reproducing the agreement's published management information 2016–2017, four
budgeted offers with 2018 rate calculations, the reporting state, the published figures and
five demo users. Nothing in production imports this package; the CLI's `demo` command and
the tests do.

    from socialstyring.demo import indlaes_demo, demo_logins
"""

from socialstyring.demo.indlaes import DEMO_ADGANGSKODE, DEMO_BRUGERE, DEMO_TILBUD, demo_logins, indlaes_demo

__all__ = ["DEMO_ADGANGSKODE", "DEMO_BRUGERE", "DEMO_TILBUD", "demo_logins", "indlaes_demo"]
