"""Django's own admin words whose Chinese reads wrong to the station's staff (walk56, L4): the
sidebar's hidden table headings read aloud by a screen reader ("型号名称", "增加连接": a model is
no product type and a link no electrical connection) and the password page's choices. Said here
so that ``makemessages`` keeps them in the project's catalogue, which is read before Django's
(``LOCALE_PATHS``); each msgid is Django's, word for word."""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext

__all__ = ["DJANGO_JS_PLURALS", "DJANGO_MISSING", "DJANGO_WORDS", "django_js_words"]

DJANGO_WORDS = (
    # admin/app_list.html: the sidebar's and the index's table headings.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # The password page (its choice: the county administrator's only, ``admin_password``).
    gettext_noop("Password-based authentication"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
)

# Django's own words its Chinese catalogue has no translation of yet (walk64, L4), each msgid
# Django's word for word: admin/date_hierarchy.html, above a list by date.
DJANGO_MISSING = (gettext_noop("Filter by %(field_name)s"),)

# The date and time fields' note (admin/js/admin/DateTimeShortcuts.js) when the browser's clock
# is in another time zone than the station's: Django's own catalogue has no Chinese for it
# (walk64, L4). Its JavaScript reads the admin's JavaScript catalogue, which takes these from
# the project's (``admin_site.PowerDeskAdminSite.i18n_javascript``).
DJANGO_JS_PLURALS = (
    (
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours ahead.)",
    ),
    (
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours behind.)",
    ),
)


def django_js_words(n: int) -> list[str]:
    """The notes above, for ``n`` hours, in the active language (spelt out for makemessages)."""
    return [
        ngettext(
            "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
            "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours ahead.)",
            n,
        ),
        ngettext(
            "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
            "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours behind.)",
            n,
        ),
    ]
