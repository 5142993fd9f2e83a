"""Links for a page's many rows at the cost of one `reverse`.

Django's `reverse` costs about 50 µs here: 50 a caseload page, one a row, were a tenth of its time.
`links_to(name)` reverses `name` once, with stand-in arguments, and gives a function that puts each
row's own in their place, giving what `reverse(name, args=...)` gives (the test compares them).
Integer arguments only (the `<int:...>` converters), so nothing needs quoting.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_STAND_INS = (918273645, 918273646, 918273647, 918273648)


def links_to(name: str, arity: int = 1) -> Callable[..., str]:
    """A function of `arity` integers giving `reverse(name, args=[...])`."""
    path = reverse(name, args=_STAND_INS[:arity])
    parts = []
    for stand_in in _STAND_INS[:arity]:
        head, _, path = path.partition(str(stand_in))
        parts.append(head)

    def link(*args: int) -> str:
        if len(args) != arity:
            raise TypeError(f"{name} takes {arity} arguments, not {len(args)}")
        return "".join(f"{head}{int(arg)}" for head, arg in zip(parts, args, strict=True)) + path

    return link
