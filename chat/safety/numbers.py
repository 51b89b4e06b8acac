"""Whom to call: the emergency number and crisis line where the app runs (EMERGENCY_NUMBER, CRISIS_LINE)."""

from django.conf import settings


def emergency_number() -> str:
    return settings.EMERGENCY_NUMBER


def crisis_line() -> str:
    return settings.CRISIS_LINE
