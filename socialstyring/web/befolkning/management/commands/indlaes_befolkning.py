"""`indlaes_befolkning FIL.csv`: population per municipality, year and age band from a FOLK1A
export (`befolkning.services.indlaes_befolkning`). A bad file stops the command with the
reader's message, which names the file, the row and the field; nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialstyring.io.kilder.folk1a import Folk1aFejl
from socialstyring.web.befolkning.services import indlaes_befolkning


class Command(BaseCommand):
    help = (
        "Indlæser befolkningstal (0–17, 18–64 og 65+ år) pr. kommune og år fra et FOLK1A-udtræk "
        "fra Danmarks Statistik (CSV). Alt eller intet: en fejl i filen indlæser intet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fil", type=Path, help="FOLK1A-udtræk (CSV, semikolon-adskilt)")

    def handle(self, *args: Any, **options: Any) -> None:
        fil: Path = options["fil"]
        try:
            r = indlaes_befolkning(fil)
        except Folk1aFejl as fejl:
            raise CommandError(f"{fejl}\nIntet er indlæst.") from fejl
        aar = ", ".join(str(a) for a in r.aar)
        self.stdout.write(
            f"Befolkningstal for {r.kommuner} kommuner ({aar}): {r.nye} nye og {r.aendrede} ændrede rækker."
        )
