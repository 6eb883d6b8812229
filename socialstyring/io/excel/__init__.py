"""Excel workbooks in and out: one framework (`faelles` for the templates users fill in, its
`rapport` for the reports they read) and the workbooks built on it."""
