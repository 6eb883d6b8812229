"""YAML that keeps numbers exact: decimals are read as Decimal, never float."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml


class _DecimalLoader(yaml.SafeLoader):
    pass


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    tekst = loader.construct_scalar(node)  # type: ignore[arg-type]
    return Decimal(str(tekst).replace("_", ""))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def laes_yaml(tekst: str) -> Any:
    """Parse YAML text; raises yaml.YAMLError with line and column on bad syntax."""
    return yaml.load(tekst, Loader=_DecimalLoader)
