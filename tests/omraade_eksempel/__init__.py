"""A trivial area, used only by tests/test_nyt_omraade.py to try docs/arkitektur.md's "how to add
a new area": an app with its access rule, a menu item, a front-page card and one page."""
