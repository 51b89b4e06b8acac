"""allauth's account app under its own heading in the admin.

allauth calls it "Accounts", as we call ours: the admin showed two "Accounts" sections. Ours keeps the
name (people, their keys, their audit trail), and allauth's, which holds only email addresses, says so.
The app's label stays "account", so its tables and migrations are allauth's own.
"""

from allauth.account.apps import AccountConfig


class EmailAddressesConfig(AccountConfig):
    verbose_name = "Email addresses"
