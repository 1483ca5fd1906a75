"""Every form's text with a limit says its limit in the product's words, naming the field
(walkthrough 32, finding 4: an outreach visit's cancel reason still said Django's "确保该变量包含不
超过 300 字符"). A guard over every form class of the project."""

from __future__ import annotations

import importlib
import pkgutil

from django import forms
from django.test import SimpleTestCase
from django.utils import translation

import powerdesk


def project_forms() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(powerdesk.__path__, "powerdesk."):
        name = module_info.name
        if "forms" not in name.rsplit(".", 1)[-1] or ".migrations" in name:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                found[f"{name}.{value.__name__}"] = value
    return list(found.values())


# Drawn as hidden inputs or chosen from a list by the page: never typed by a person.
NEVER_TYPED = {
    "powerdesk.arrears.forms.StepForm.method",
    "powerdesk.network.forms.ImportConfirmForm.token",
    "powerdesk.outreach.forms.CardsGivenForm.channel",
    "powerdesk.servicedesk.forms.IntakeForm.action",
    "powerdesk.servicedesk.forms.IntakeForm.form_token",
    "powerdesk.servicedesk.forms.IntakeForm.cti_call_id",
}
# Said in their own words, naming the field otherwise than by its label (答复内容).
OWN_WORDS = {"powerdesk.servicedesk.forms.IntakeForm.answer"}


def errors_of(field: forms.Field, value: str) -> list[str]:
    try:
        field.clean(value)
    except forms.ValidationError as error:
        return [str(m) for m in error.messages]
    return []


class NamedLengthsEverywhereTests(SimpleTestCase):
    def test_every_limited_text_of_every_form_says_its_limit_naming_its_field(self) -> None:
        checked = 0
        unnamed: list[str] = []
        for form_class in project_forms():
            for name, field in form_class.base_fields.items():
                if not isinstance(field, forms.CharField) or field.max_length is None:
                    continue
                if isinstance(field.widget, forms.HiddenInput):
                    continue  # the page's own value (a token, an action), never typed
                typed = "字" * (field.max_length + 1)
                with translation.override("zh-hans"):
                    said = " ".join(errors_of(field, typed))
                    label = str(field.label or name)
                where = f"{form_class.__module__}.{form_class.__name__}.{name}"
                if where in NEVER_TYPED:
                    continue
                checked += 1
                named = (
                    (label in said or where in OWN_WORDS)
                    and str(len(typed)) in said
                    and str(field.max_length) in said
                    and "变量" not in said
                )
                if not named:
                    unnamed.append(
                        f"{form_class.__module__}.{form_class.__name__}.{name}: {said!r}"
                    )
        self.assertGreater(checked, 20)
        self.assertEqual(unnamed, [], "\n".join(unnamed))
