"""What every page shares: the base templates (layout, login, 403/404, messages, the trace
panel), Danish number formatting (template tags `dansk`), form fields, file responses,
the trace's view structures, the front page and the navigation bar, and the registry in
which each app declares its menu items and front-page cards (`omraader`)."""
