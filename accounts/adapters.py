from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Stores emails lower-cased, so that uniqueness and login ignore case everywhere."""

    def clean_email(self, email: str) -> str:
        return super().clean_email(email).strip().lower()
