"""A year's category of an offer: shown with its rule and trace, set by hand with a reason."""
