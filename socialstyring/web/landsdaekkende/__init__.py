"""Objectively financed national offers (lands- og landsdelsdækkende tilbud, e.g. Kofoedsminde):
each year's cost per inhabitant, the region's and the municipalities' amounts, the charge for use
beyond the financed places and the operator's 5 % of a surplus or deficit (`beregning.
landsdaekkende`), entered by the agreement's secretariat and compared with the printed figures."""
