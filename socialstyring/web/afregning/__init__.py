"""Inter-municipal billing (mellemkommunal afregning) on the web: an operator's monthly
statements to the paying municipalities for the stays in its offers, computed by the billing
engine (`beregning.afregning`), sent as frozen versions, read by the paying municipality, and
downloaded as Excel, PDF and a booking file (`io.bogfoering`)."""
