"""`{% jinja "name" key=value ... %}`: a Jinja2 partial (`redress.web.jinja`) rendered inside a Django template.

The partial sees only the values given to it, by name, and the request.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context: template.Context, name: str, **values: Any) -> SafeString:
    partial = engines["jinja2"].get_template(name)
    return mark_safe(partial.render(values, request=context.get("request")))  # every value escaped as it was printed
