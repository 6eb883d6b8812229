"""Stays (ophold, indskrivninger): a citizen — pseudonymised, never by CPR number — in a
service of an offer, with the acting and the paying municipality, start, notice and end, the
package changes as dated events and, for a free choice of a long-term residential offer, the
check of its price against the offer the municipality referred to (`beregning.frit_valg`)."""
