from allauth.account.adapter import DefaultAccountAdapter

from healthassistant.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Stores emails lower-cased, so that uniqueness and login ignore case everywhere."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()

    def get_client_ip(self, request) -> str:
        # allauth's login and signup limits count by this: X-Forwarded-For only from trusted proxies.
        return client_ip(request.META) or "unknown"
