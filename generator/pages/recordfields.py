"""A record's fields as the generic page of a kind shows them (a kind with no page of its own)."""

from __future__ import annotations

from typing import Any

from generator.pages.escape import Trusted, escape_text
from generator.pages.linker import Linker
from generator.pages.wording import long_date
from generator.schema import kinds
from generator.schema.annotations import unwrap

__all__ = ["record_fields"]


def record_fields(ln: Linker, record: Any) -> list[tuple[str, Trusted]]:
    """A record's fields as (name, value) for the generic page: references as links, dates in
    words, lists joined; its id, label and cites are shown elsewhere."""
    kind = next(k for k in kinds.KINDS if isinstance(record, k.model))
    out: list[tuple[str, Trusted]] = []
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        if name in ("id", "cites", kind.label) or value is None or value == []:
            continue
        field = unwrap(info.annotation, info.metadata)
        items = value if field.is_list else [value]
        if field.ref is not None:
            shown = [ln.reference(kinds.targets(field.ref.kind)[0].name, v) for v in items]
        else:
            shown = [Trusted(escape_text(_plain(v))) for v in items]
        out.append((name.replace("_", " ").capitalize(), Trusted(", ".join(shown))))
    return out


def _plain(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return long_date(value)
    return str(getattr(value, "value", value))
