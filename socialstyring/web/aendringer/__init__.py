"""In-year changes of rate and capacity: filing, the engine's assessment of when, how and
at what cost, and the notification as page and letter."""
