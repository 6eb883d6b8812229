"""Savings scenarios (besparelsesscenarier): an agreement's secretariat builds sets of scenarios
on a year's offers from the register; everyone in the agreement reads them side by side, with
the effects per operator and paying municipality (`beregning.scenarie`), as Excel and as a PDF
decision paper."""
