"""Notebook outputs as valid HTML.

pandas writes ``<style scoped>`` before every DataFrame table it renders; ``scoped`` is not
HTML (vnu reports each one) and the same three rules repeat per table. The blocks are removed
from the pages and the rules live once in ``site.css`` (``.dataframe``).
"""

from __future__ import annotations

import re
from typing import Any

_PANDAS_STYLE = re.compile(
    r"<style scoped>\s*\.dataframe tbody tr th:only-of-type \{[^<]*?\.dataframe thead th \{"
    r"[^<]*?\}\s*</style>\s*"
)


def drop_pandas_styles(body: str) -> str:
    """Remove pandas' ``<style scoped>`` blocks (their rules are in site.css)."""
    return _PANDAS_STYLE.sub("", body)


def page_context(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Remove pandas' style blocks from the page body."""
    body = context.get("body")
    if isinstance(body, str) and "<style scoped>" in body:
        context["body"] = drop_pandas_styles(body)
