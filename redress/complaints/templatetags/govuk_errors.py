"""The GOV.UK error summary's lines: each error once, each linked to the field it is about."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def error_summary(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(href, message) for every error of `form`, in field order, without repeats.

    A field's link goes to its first input (the day box of a date, the first radio); an error not
    about one field goes to the form's first field, where the person starts putting it right.
    """
    items: list[tuple[str, str]] = []
    seen: set[str] = set()
    visible = [field for field in form if not field.is_hidden]
    first = f"#{_target(visible[0])}" if visible else "#main-content"
    for error in form.non_field_errors():
        message = str(error)
        if message not in seen:
            seen.add(message)
            items.append((first, message))
    for field in visible:
        for error in field.errors:
            message = str(error)
            if message not in seen:
                seen.add(message)
                items.append((f"#{_target(field)}", message))
    return items


def _target(field: forms.BoundField) -> str:
    return field.id_for_label or f"{field.auto_id}_0"
