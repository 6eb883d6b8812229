"""Management information A–E of an agreement for a pair of years: tables with every figure
traced, charts, Excel and PDF, and the comparison with published figures."""
