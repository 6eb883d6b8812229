"""Benchmarks: a municipality's spending per inhabitant of the area's age group against the
national average and chosen peers, from the municipal accounts by function (Danmarks Statistik
REGK31) and the population (FOLK1A)."""
