"""A municipality's quarterly claims of state reimbursement in particularly expensive cases:
the statement, its submission as a frozen version, the forecast and the secretariat's totals
(`views`). Its data are the area `refusion`'s, read and written through its selectors and
services."""
