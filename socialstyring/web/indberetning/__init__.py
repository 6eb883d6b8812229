"""The yearly rate reporting: the operator's report (form and Excel), submission, the
secretariat's overview, approval, reopening and reminders."""
