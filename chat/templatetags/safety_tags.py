"""The red-flag check in templates: computed from the question's text, never from the model."""

from django import template

from chat.safety import SafetyResult, contacts_for_request, safety_check

register = template.Library()


@register.simple_tag(takes_context=True)
def question_safety(context, message) -> SafetyResult:
    """The question's check, with the numbers of the person viewing it (the page's request)."""
    return safety_check(message.content, contacts=contacts_for_request(context.get("request")))
