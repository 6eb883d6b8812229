"""Django's JSON serialiser with times at full precision (registered for "json" in the settings'
SERIALIZATION_MODULES). Django's own encoder cuts a time to milliseconds (ECMA-262), so a backup
would move every history entry's time; this one writes the microseconds, which Django's JSON
reader already reads. Everything else is Django's."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangosSerializer

__all__ = ["Deserializer", "Serializer"]


class PraeciseTider(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(DjangosSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # a private hook the stubs do not declare
        self.json_kwargs["cls"] = PraeciseTider
