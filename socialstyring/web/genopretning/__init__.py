"""Reduction plans (genopretningsplaner): a municipality's multi-year reduction targets, the
initiatives that are to meet them, their expected and realised effect by quarter, and what is
still outstanding with the plan's carry-forward of a year's shortfall (`beregning.genopretning`).
A municipality's plan is its own staff's: no one else sees it."""
