"""The REST API's authentication: simplejwt's bearer tokens, which stop working as soon as they are revoked."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework import exceptions
from rest_framework_simplejwt import authentication

from accounts.models import User
from accounts.tokens import LoginEnded, token_user


class JWTAuthentication(authentication.JWTAuthentication):
    """An access token works until it expires, unless its account's tokens were revoked since (accounts.tokens)."""

    def get_user(self, validated_token) -> User:
        try:
            return token_user(validated_token)
        except LoginEnded as ended:
            # DRF expects authentication to fail with an APIException; the message already says what to do.
            raise exceptions.AuthenticationFailed(ended.message, ended.code) from ended


class JWTScheme(SimpleJWTScheme):
    """The OpenAPI schema's bearer scheme, as for simplejwt's own class (drf-spectacular matches classes exactly)."""

    target_class = "accounts.api.authentication.JWTAuthentication"
