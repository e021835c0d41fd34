"""Where things live in the generated site, shared by render and the search index."""

from __future__ import annotations

from .models import Channel
from .resolve import Policy


def channel_page(policy: Policy, channel: Channel) -> str:
    """The help page that describes a channel: its product's, or the first that lists it."""
    for product in policy.products.values():
        if channel in policy.channels_for(product):
            return f"{product.id}/help.md"
    return "contact.md"
