"""Social supervision (socialtilsyn): a supervision unit's budget, rates per size group,
intensified supervision and objective financing per municipality, year by year, beside the
figures it published (engine: `beregning.socialtilsyn`)."""
