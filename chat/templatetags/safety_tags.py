"""The red-flag check in templates: computed from the question's text, never from the model."""

from django import template

from chat.safety import SafetyResult, safety_check

register = template.Library()


@register.filter
def question_safety(message) -> SafetyResult:
    return safety_check(message.content)
