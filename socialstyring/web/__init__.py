"""The Django web app: data model, pages, permissions. Thin: views call the engine."""
