"""Quarterly occupancy: operators report used days per service and quarter (form and
Excel), the engine computes the occupancy and flags deviations from the budget."""
