"""State reimbursement in particularly expensive cases (statsrefusion i særligt dyre
enkeltsager, serviceloven § 176 / barnets lov § 198) for a municipality's staff: the
citizens' monthly costs (entered per month, by a pseudonymous key, never a CPR number), the
quarterly claim statement computed by the engine (`beregning.refusion`) with its trace, its
submission as a frozen version (a correction is a new version showing the difference), next
year's forecast, and the secretariat's totals per municipality."""
