"""The migration history of the former `takster` app, which held the rate pages before each
area got an app of its own. It holds no models and no code: its models moved to `register`
(Takstberegning, Takstindberetning, Katalog), `indberetning` (Paamindelse), `aendringer`,
`regnskab`, `belaegning` and `lukning`, keeping their tables. Its migrations stay so a
database created before the move is migrated in place (the last one, `0005_flyttet`,
removes the models from this app's state once the new apps have taken them over)."""
