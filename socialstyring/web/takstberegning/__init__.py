"""The rate calculation: a tilbud's budget for a year, the engine's rates with their trace,
and their transfer to the rate report."""
