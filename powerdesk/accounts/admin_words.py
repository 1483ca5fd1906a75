"""Django's own admin words whose Chinese reads wrong to the station's staff (walk56, L4): the
sidebar's hidden table headings read aloud by a screen reader ("型号名称", "增加连接": a model is
no product type and a link no electrical connection) and the password page's choices. Said here
so that ``makemessages`` keeps them in the project's catalogue, which is read before Django's
(``LOCALE_PATHS``); each msgid is Django's, word for word."""

from __future__ import annotations

from django.utils.translation import gettext_noop

__all__ = ["DJANGO_WORDS"]

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
