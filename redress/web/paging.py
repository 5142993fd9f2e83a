"""Paging helpers shared by the pages and the API lists."""

from __future__ import annotations

import math


def page_bounds(page: int, count: int, page_size: int) -> tuple[int, int, int]:
    """(page, pages, start) for a requested page of `count` items: a page past the last gives the last.

    A page number of any size is safe: the offset given to the database never passes `count`.
    """
    pages = max(1, math.ceil(count / page_size))
    page = min(max(page, 1), pages)
    return page, pages, (page - 1) * page_size
