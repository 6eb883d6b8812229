"""Public data sources: municipalities, population (FOLK1A) and published figures, with their data files."""
