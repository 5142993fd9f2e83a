"""`links_to` gives what `reverse` gives, for every id, under a script prefix too."""

from __future__ import annotations

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from redress.web.links import links_to


@pytest.mark.parametrize("prefix", ["/", "/redress/"])
def test_links_are_what_reverse_gives(prefix: str) -> None:
    set_script_prefix(prefix)
    try:
        complaint_page, correct_event = links_to("complaints:detail"), links_to("complaints:correct-event", 2)
        for n in (1, 9, 10, 918273645, 2**31 - 1):
            assert complaint_page(n) == reverse("complaints:detail", args=[n])
            assert correct_event(n, 3) == reverse("complaints:correct-event", args=[n, 3])
        assert complaint_page(7).startswith(prefix)
    finally:
        clear_script_prefix()


def test_the_wrong_number_of_arguments_is_refused() -> None:
    with pytest.raises(TypeError, match="takes 2 arguments, not 1"):
        links_to("complaints:correct-event", 2)(5)
