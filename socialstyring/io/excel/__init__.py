"""Excel workbooks in and out: one template framework (`faelles`) and the workbooks built on it."""
