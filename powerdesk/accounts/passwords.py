"""Passwords bounded, and a login's refusals said as they are (probe73 L10, walk73 L3).

A password has at most ``PASSWORD_MAX`` characters: one longer is refused when it is set or
changed (``MaximumLengthValidator``, saying the limit) and at the login without being hashed (a
2 MB password was hashed for 1.5 s). A turned-off account whose right password was given is told
so, to ask the station's administrator, instead of "the user name or password is wrong" (the
person would try again until locked out); a wrong password never says whether the name exists
or is turned off.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext

__all__ = ["PASSWORD_MAX", "BoundedPasswordChangeForm", "LoginForm", "MaximumLengthValidator"]

PASSWORD_MAX = 128


def _too_long() -> str:
    return ngettext(
        "A password has at most %(count)d character.",
        "A password has at most %(count)d characters.",
        PASSWORD_MAX,
    ) % {"count": PASSWORD_MAX}


class MaximumLengthValidator:
    """``AUTH_PASSWORD_VALIDATORS``' bound: a password set or changed (the password page, the
    administration's, ``changepassword``) has at most ``PASSWORD_MAX`` characters."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > PASSWORD_MAX:
            raise ValidationError(_too_long(), code="password_too_long")

    def get_help_text(self) -> str:
        return _too_long()


def _bounded(field: forms.Field) -> None:
    """``field`` refuses more than ``PASSWORD_MAX`` characters, saying the limit, before any
    hashing or validator reads it."""
    assert isinstance(field, forms.CharField)
    field.validators.append(_LongRefused())
    field.widget.attrs["maxlength"] = str(PASSWORD_MAX)


class _LongRefused:
    def __call__(self, value: str) -> None:
        MaximumLengthValidator().validate(value or "")


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "inactive": gettext_lazy(
            "This account is turned off. Ask your station's administrator to turn it on again."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bounded(self.fields["password"])

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            self._turned_off()  # the right password of a turned-off account: said so
            raise

    def _turned_off(self) -> None:
        request = self.request
        if request is not None and getattr(request, "axes_locked_out", False):
            return  # locked out: nothing more is said, the password is not even checked
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return
        model = get_user_model()
        try:
            user = model._default_manager.get_by_natural_key(username)
        except model.DoesNotExist:
            return
        if not user.is_active and user.check_password(password):
            raise ValidationError(self.error_messages["inactive"], code="inactive")


class BoundedPasswordChangeForm(PasswordChangeForm):
    """The password page's form: each of its passwords bounded as the login's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("old_password", "new_password1", "new_password2"):
            _bounded(self.fields[name])
