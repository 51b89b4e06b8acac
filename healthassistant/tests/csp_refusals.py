"""What the Content-Security-Policy refused in a browser page: it must refuse nothing the app itself does."""


def csp_refusals(page) -> list[str]:
    """A list that fills with the console's reports of a script, style or connection the policy blocked."""
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused
