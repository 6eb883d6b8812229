"""YAML that keeps numbers exact: decimals are read as Decimal, never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.constructor import ConstructorError


class _DecimalLoader(yaml.SafeLoader):
    pass


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    tekst = loader.construct_scalar(node)  # type: ignore[arg-type]
    try:
        return Decimal(str(tekst).replace("_", ""))
    except InvalidOperation:
        # YAML's float tag also matches .inf and .nan, which are no amount; report it with
        # its position like any other bad YAML instead of a bare decimal error.
        raise ConstructorError(None, None, f"'{tekst}' er ikke et tal", node.start_mark) from None


def _dato(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date as YAML reads it; an impossible one (2018-13-01) stays text, so the
    rule file's validation names it with its key and line instead of YAML failing."""
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)
_DecimalLoader.add_constructor("tag:yaml.org,2002:timestamp", _dato)


def laes_yaml(tekst: str) -> Any:
    """Parse YAML text; raises yaml.YAMLError with line and column on bad syntax."""
    return yaml.load(tekst, Loader=_DecimalLoader)


def laes_yaml_med_noder(tekst: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into its data and its node tree (one pass, same loader as
    `laes_yaml`); the nodes carry the line and column of every key and value.
    Raises yaml.YAMLError like `laes_yaml`; empty text gives (None, None)."""
    loader = _DecimalLoader(tekst)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node
