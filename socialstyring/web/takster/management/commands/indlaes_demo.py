"""`indlaes_demo`: load (or refresh) the demo tilbud, rate calculations and users.

Prints nothing; the CLI prints the logins from `demo_logins()`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from socialstyring.web.takster.demo import demo_logins, indlaes_demo

__all__ = ["Command", "demo_logins"]


class Command(BaseCommand):
    help = "Indlæser demodata: tilbud i Region Midtjylland med takstberegninger for 2018 og demobrugere."

    def handle(self, *args: Any, **options: Any) -> None:
        indlaes_demo()
