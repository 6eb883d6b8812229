"""Population figures per municipality, year and age band (FOLK1A), and their import."""
