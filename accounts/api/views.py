"""Logging in and out with JWTs, who am I, and deleting my account. Lifetimes come from SIMPLE_JWT in settings."""

import dataclasses

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from accounts.api import serializers
from accounts.audit import AUDIT_EVENTS_PER_PAGE, audit_context, audit_events_for_user
from accounts.services import user_delete
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
