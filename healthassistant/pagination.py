"""The API's page-numbered lists (files, the audit trail): one way to page, one way to refuse a bad page."""

from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination


class PageNumbers(PageNumberPagination):
    """`?page=N`; a page that is not a whole number, or past the end, is a field error that says what to do."""

    def get_page_number(self, request, paginator):
        try:
            return serializers.IntegerField(min_value=1).run_validation(
                request.query_params.get(self.page_query_param, "1")
            )
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({self.page_query_param: error.detail}) from None

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound:
            raise exceptions.ValidationError(
                {self.page_query_param: ["No such page: start without `page` and follow the `next` links."]}
            ) from None
