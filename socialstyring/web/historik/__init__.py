"""Every change to an offer's data, who made it and when, and the restore of an earlier version."""
