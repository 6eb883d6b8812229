"""Rates (takster): tilbud, their yearly rate calculations and the pages that explain them."""
