from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The pages anyone may open without a login: a station's outages, and reports from
    villagers (the page and Open311). Nothing personal of anyone is ever shown on them."""

    name = "powerdesk.public"
    verbose_name = _("Public outage page")
