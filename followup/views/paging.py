"""How every list page is cut into pages: one page size, and a page number that never gives a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.views.generic.list import MultipleObjectMixin

# Rows per page and per section: a page costs the same whether a user has ten rows or thousands.
PAGE_SIZE = 25

# The mixin's method uses the list view it is mixed into; the type checker is told so.
if TYPE_CHECKING:
    _ListView = MultipleObjectMixin[Any]
else:
    _ListView = object


class ClampedPaginationMixin(_ListView):
    """A page number past the end shows the last page, and garbage shows the first, instead of 404."""

    request: HttpRequest

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, Any, Any, bool]:
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
