"""Who may see the benchmarks (`rules` permissions): every user with a role. The accounts and
the population are published by Danmarks Statistik; the page compares a municipality of the
user's agreements (another agreement's municipality is 404) with all municipalities."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import har_rolle

SE = "benchmark.se"

saet_regel(SE, har_rolle)
