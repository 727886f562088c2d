"""Followup's allauth adapter: rate limits keyed on the client's real address behind trusted proxies."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from followup.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_address(
            remote_addr=request.META.get("REMOTE_ADDR", ""),
            forwarded_for=request.headers.get("X-Forwarded-For", ""),
            trusted_proxies=settings.TRUSTED_PROXY_COUNT,
        ) or super().get_client_ip(request)
