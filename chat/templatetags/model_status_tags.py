"""The model's status line: the operator's how-to, with its `commands` shown as code."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_BACKTICKED = re.compile(r"`([^`]+)`")


@register.filter
def inline_code(text: str) -> SafeString:
    """`make run HEALTH_MODEL=tiny` as <code>, the rest escaped."""
    return mark_safe(_BACKTICKED.sub(r"<code>\1</code>", escape(text)))  # noqa: S308 -- escaped first
