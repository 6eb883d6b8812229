"""The settings mypy's Django plugin reads (pyproject.toml, `[tool.django-stubs]`): the web app's
own settings (`socialstyring.web.settings`) in the development configuration, so type checking
needs no production secret. Outside `web/`, as it belongs to no area."""

import os

os.environ["SOCIALSTYRING_DEBUG"] = "1"
os.environ.setdefault("SOCIALSTYRING_SECRET_KEY", "kun-til-typetjek-udviklingskonfigurationen")

from socialstyring.web.settings import *  # noqa: F403
