"""Give Material's in-browser search the customers' own words.

Material's lunr index ranks a section by its title (boost 1000) and text (boost 1);
an item's aliases sit in its text and lose to any title sharing one word with the
query. Material also indexes a 'tags' field and shows tags with each result, so
the section of each scope item, plan, channel and severity, and each guide, gets
its aliases as tags, and the field boosts are set
to values measured on tests/search/queries.yml: in-browser recall@3 went from
0.62 (Material's 1000/1/1,000,000) to 0.92 with 10/1/10; 20/1/10 gave 0.90 and
10/1/30 gave 0.87, as one generic word in a title or alias outweighed the rest.

Material shows a result's title, text and tags as HTML. Its own index holds
titles and text escaped; the aliases are escaped here on their way in, so a
customer's phrasing such as '<meta http-equiv=refresh …>' shows as typed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from generator.content.resolve import Policy
from generator.render import urls

FIELD_BOOSTS = {"title": {"boost": 10.0}, "text": {"boost": 1.0}, "tags": {"boost": 10.0}}


def search_tags(policy: Policy) -> dict[str, list[str]]:
    """Customers' phrasings by the search location of the section they belong to:
    scope items, plans, channels and severities on each product's pages, guides."""
    tags: dict[str, list[str]] = {}
    for item in policy.scope_items():
        tags[urls.scope_item(str(item.product), item.id).location] = list(item.aliases)
    for product in policy.products.values():
        for plan in policy.plans_for(product):
            tags[urls.plan(product.id, plan.id).location] = list(plan.aliases)
        for severity in policy.severities_for(product):
            tags[urls.severity(product.id, severity.id).location] = list(severity.aliases)
        for channel in policy.channels_for(product):
            tags[urls.channel(product.id, channel.id).location] = list(channel.aliases)
    for channel in policy.channels.values():
        tags.setdefault(urls.channel(None, channel.id).location, list(channel.aliases))
    for article in policy.articles.values():
        tags[urls.guide(article.slug).location] = list(article.meta.aliases)
    return {location: aliases for location, aliases in tags.items() if aliases}


def tag_sections(tags: dict[str, list[str]], verdicts: dict[str, str], search_index: Path) -> int:
    """Add the tags to their sections in Material's index, and each scope item's
    verdict (a field Material does not index: our worker shows it with the result);
    return how many were tagged."""
    data = json.loads(search_index.read_text())
    data["config"]["fields"] = FIELD_BOOSTS
    tagged = 0
    for doc in data["docs"]:
        if doc["location"] in verdicts:
            doc["verdict"] = html.escape(verdicts[doc["location"]], quote=False)
        if doc["location"] in tags:
            doc["tags"] = [html.escape(tag, quote=False) for tag in tags[doc["location"]]]
            tagged += 1
    search_index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return tagged
