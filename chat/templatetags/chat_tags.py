from django import template
from django.utils.safestring import mark_safe

from chat.citations import link_citations, source_anchor
from chat.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308  (sanitised by nh3 in render_markdown)


@register.filter
def answer_html(message) -> str:
    """An answer's Markdown as safe HTML, with its [n] markers linked to its Sources list."""
    html = render_markdown(message.content)
    numbers = {source.n for source in message.sources.all()}
    return mark_safe(link_citations(html, message_id=message.pk, numbers=numbers))  # noqa: S308  (nh3-clean HTML)


@register.simple_tag
def source_id(message, source) -> str:
    return source_anchor(message_id=message.pk, n=source.n)
