"""The customer list's export read back by the customer import (probe73 L8): the export heads
its columns with their names in the reader's language ("户号,名称,电话…", "Account number,Name,
Phone…"), the import with the import's own (``account_number,name,phones…``). Each export
header, in every language of the site, names its import column; its values are the import's
too (yes/no and 是/否 for flags, a transformer by its name or code)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from powerdesk.customers.models import Customer

__all__ = ["export_headers"]

# The export's columns (``customers.exports``): the model's field → the import's column.
_FIELDS = {
    "account_number": "account_number",
    "name": "name",
    "address": "address",
    "village": "village",
    "group": "group",
    "transformer": "transformer",
    "elderly_alone": "elderly_alone",
    "hardship": "hardship",
    "medical_need": "medical_need",
    "important": "important",
    "has_smart_meter": "smart_meter",
}


def export_headers() -> dict[str, str]:
    """Each header of the customer export, in every language of the site → its import column."""
    headers: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for path, column in _FIELDS.items():
                label = capfirst(str(getattr(Customer._meta.get_field(path), "verbose_name", path)))
                headers[str(label)] = column
            headers[gettext("Phone")] = "phones"
    return headers
