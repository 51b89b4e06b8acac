"""Logging in and out with JWTs, who am I and where, my "About me", my API keys, and deleting my account.

Token lifetimes: SIMPLE_JWT.
"""

import dataclasses

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from accounts.api import serializers
from accounts.api_keys import API_KEYS_PER_USER, api_key_create, api_key_get_for_user, api_key_revoke, api_keys_for_user
from accounts.audit import AUDIT_EVENTS_PER_PAGE, audit_context, audit_events_for_user
from accounts.health_profile import health_profile_for_user, health_profile_update
from accounts.services import user_country_set, user_delete
from healthassistant.api_errors import ApiAutoSchema, ErrorSerializer
from healthassistant.pagination import PageNumbers

_BAD_TOKEN = OpenApiResponse(ErrorSerializer, description="The refresh token is invalid, expired or blacklisted.")
_USED_TOKEN = OpenApiResponse(
    ErrorSerializer,
    description="The refresh token is invalid, revoked or its login over (log in again); `token_reused`: it was"
    " already used, so every token of the account is now revoked.",
)


class TokenObtainView(jwt_views.TokenObtainPairView):
    """Send the email and password you log in with on the website.

    Failed attempts count against the same limit as the login page. Send the access token as
    `Authorization: Bearer <access>`; when it expires, trade the refresh token for a new pair.
    """

    schema = ApiAutoSchema()
    parser_classes = [JSONParser]
    serializer_class = serializers.TokenObtainSerializer

    @extend_schema(
        operation_id="auth_token_obtain",
        summary="Log in: email and password in, an access and a refresh token out",
        responses={
            200: serializers.TokenPairSerializer,
            401: OpenApiResponse(
                ErrorSerializer,
                description="Wrong email or password, an inactive account, or a second factor's code missing"
                " (`second_factor_required`) or wrong (`second_factor_wrong`).",
            ),
            403: OpenApiResponse(ErrorSerializer, description="The email address must be verified first."),
        },
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class TokenRefreshView(jwt_views.TokenRefreshView):
    """Refresh tokens are single use: keep the new one from the response, the one you sent is now used up.

    Sending a used refresh token again revokes every token of the account (it must have been copied).
    The new refresh token expires when the login does, JWT_REFRESH_DAYS after it: refreshing never extends it.
    """

    schema = ApiAutoSchema()
    parser_classes = [JSONParser]
    serializer_class = serializers.TokenRefreshSerializer

    @extend_schema(
        operation_id="auth_token_refresh",
        summary="Trade a refresh token for a new pair; the old refresh token stops working",
        responses={200: serializers.TokenPairSerializer, 401: _USED_TOKEN},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class TokenBlacklistView(jwt_views.TokenBlacklistView):
    """Revoke a refresh token. Access tokens can't be revoked: they expire within minutes."""

    schema = ApiAutoSchema()
    parser_classes = [JSONParser]
    serializer_class = serializers.TokenBlacklistSerializer

    @extend_schema(
        operation_id="auth_token_blacklist",
        summary="Log out: the refresh token stops working (access tokens expire on their own)",
        responses={204: OpenApiResponse(description="Logged out."), 401: _BAD_TOKEN},
        auth=[],
    )
    def post(self, request, *args, **kwargs):
        super().post(request, *args, **kwargs)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    schema = ApiAutoSchema()

    @extend_schema(operation_id="me", summary="The logged-in user", responses=serializers.MeSerializer)
    def get(self, request):
        return Response(serializers.MeSerializer(request.user).data)

    @extend_schema(
        operation_id="me_update",
        summary="Change where you are (`country`): the emergency number and crisis line you are given",
        request=serializers.MeSerializer,
        responses={
            200: serializers.MeSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A country the app has no numbers for: see `fields`."),
        },
    )
    def patch(self, request):
        data = serializers.MeSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        if "country" in data.validated_data:
            user_country_set(user=request.user, country=data.validated_data["country"])
        return Response(serializers.MeSerializer(request.user).data)

    @extend_schema(
        operation_id="me_delete",
        summary="Delete your account and everything in it; your tokens stop working",
        request=serializers.AccountDeleteSerializer,
        responses={
            200: serializers.AccountDeletedSerializer,
            400: OpenApiResponse(ErrorSerializer, description="No password, or not the account's password."),
        },
    )
    def delete(self, request):
        data = serializers.AccountDeleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deleted = user_delete(user=request.user, password=data.validated_data["password"], audit=audit_context(request))
        return Response({"deleted": dataclasses.asdict(deleted)})


_INVALID_PROFILE = OpenApiResponse(
    ErrorSerializer, description="A field is invalid (too long, or an age outside 0 to 130): see `fields`."
)


class MeProfileView(APIView):
    """Your "About me": given to the assistant with every question while `enabled`, and encrypted at rest.

    Only ever your own: there is no id to ask for anyone else's.
    """

    schema = ApiAutoSchema()
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="me_profile",
        summary='Your health profile ("About me"); empty until you first save it',
        responses=serializers.HealthProfileSerializer,
    )
    def get(self, request):
        return Response(serializers.HealthProfileSerializer(health_profile_for_user(user=request.user)).data)

    @extend_schema(
        operation_id="me_profile_replace",
        summary="Replace your health profile: fields left out are emptied",
        request=serializers.HealthProfileSerializer,
        responses={200: serializers.HealthProfileSerializer, 400: _INVALID_PROFILE},
    )
    def put(self, request):
        return self._update(request, partial=False)

    @extend_schema(
        operation_id="me_profile_update",
        summary="Change some fields of your health profile; the others stay as they are",
        request=serializers.HealthProfileSerializer,
        responses={200: serializers.HealthProfileSerializer, 400: _INVALID_PROFILE},
    )
    def patch(self, request):
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        data = serializers.HealthProfileSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        profile = health_profile_update(user=request.user, **data.validated_data)
        return Response(serializers.HealthProfileSerializer(profile).data)


class AuditPagination(PageNumbers):
    page_size = AUDIT_EVENTS_PER_PAGE


class MeAuditView(generics.ListAPIView):
    """Your security activity: sign-ins, tokens, password changes, deletions; newest first, never any content."""

    schema = ApiAutoSchema()
    serializer_class = serializers.AuditEventSerializer
    pagination_class = AuditPagination

    def get_queryset(self):
        return audit_events_for_user(user=self.request.user)

    @extend_schema(operation_id="me_audit", summary="Your security activity, newest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ApiKeyPagination(PageNumbers):
    # An account has at most API_KEYS_PER_USER keys: they always fit on one page.
    page_size = API_KEYS_PER_USER


class MeKeysView(generics.ListAPIView):
    """Your API keys, for tools that speak the OpenAI API: base URL `<site>/v1`, the model from GET /v1/models.

    A key asks questions as you there and works nowhere else: not here, under /api/v1/, nor on the
    website. Expired keys stay listed (`expired`) until you revoke them.
    """

    schema = ApiAutoSchema()
    parser_classes = [JSONParser]
    serializer_class = serializers.ApiKeySerializer
    pagination_class = ApiKeyPagination

    def get_queryset(self):
        return api_keys_for_user(user=self.request.user)

    @extend_schema(operation_id="me_keys", summary="Your API keys, newest first, without the keys themselves")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="me_keys_create",
        summary="Make an API key: the reply holds the key itself, shown this once",
        request=serializers.ApiKeyCreateSerializer,
        responses={
            201: serializers.ApiKeyCreatedSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="A field is invalid (see `fields`: no name, too long, an expiry not in the future),"
                f" or `too_many_api_keys`: you have {API_KEYS_PER_USER} already.",
            ),
        },
    )
    def post(self, request, *args, **kwargs):
        data = serializers.ApiKeyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        key, raw = api_key_create(owner=request.user, audit=audit_context(request), **data.validated_data)
        reply = {**serializers.ApiKeySerializer(key).data, "key": raw}
        return Response(reply, status=status.HTTP_201_CREATED)


class MeKeyDetailView(APIView):
    schema = ApiAutoSchema()

    @extend_schema(
        operation_id="me_keys_revoke",
        summary="Revoke an API key: it stops working at once",
        responses={204: OpenApiResponse(description="Revoked.")},
    )
    def delete(self, request, key_id):
        key = api_key_get_for_user(user=request.user, key_id=key_id)
        api_key_revoke(api_key=key, audit=audit_context(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
