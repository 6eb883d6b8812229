"""Expenditure forecasts (udgiftsprognose) of a municipality's area, e.g. adults with
disabilities: known citizens (entered or fetched from the stays), leavers, expected new citizens
with their uncertainty, price development, initiatives and reimbursement against the frame for
four years (`beregning.prognose`), with the simulated bands and a fan chart."""
