"""Where things live in the generated site, shared by render and the search index."""

from __future__ import annotations

from generator.content.resolve import Policy


def channel_pages(policy: Policy) -> dict[str, str]:
    """Each channel's describing page: its product's help page, or contact for none.

    A channel listed by several products is described on the first one's page.
    """
    pages: dict[str, str] = {}
    for product in policy.products.values():
        for channel in policy.channels_for(product):
            pages.setdefault(channel.id, f"{product.id}/help.md")
    return {channel: pages.get(channel, "contact.md") for channel in policy.channels}
