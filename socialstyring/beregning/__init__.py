"""The calculation engine: pure Python, exact money, every figure traced.

No Django, no file or database access here. Rule values come in through a
`socialstyring.regler.Regelbog` (an in-memory object) and every result carries a
`Spor` (trace) that explains each figure.
"""
