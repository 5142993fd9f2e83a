"""Forms of the web shell, with GOV.UK error messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.forms.boundfield import BoundField
from django.http import HttpRequest
from django.utils import timezone

from redress.core.calendar import FIRST_YEAR, LAST_YEAR
from redress.core.clocks import CLOCKS, ClockDefinition
from redress.councils.models import User
from redress.councils.sign_in import client_address, locked_until, sign_in_wait

_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))


class RadioSelect(forms.RadioSelect):
    """Django's radios, labelled by the first option so the error summary has something to link to.

    (Django leaves a radio group's label target empty.) Keeps the class name so the shared field
    partial still recognises the widget as `radioselect`.
    """

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index if index is not None else "0")


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes, posted as `<name>_day`, `_month`, `_year`."""

    def __init__(self) -> None:
        super().__init__(widgets={name: forms.TextInput for name, _, _ in _PARTS})

    def decompress(self, value: Any) -> list[Any]:
        return [value.day, value.month, value.year] if isinstance(value, dt.date) else [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""


class DateBoundField(BoundField):
    @property
    def parts(self) -> list[dict[str, Any]]:
        """The day, month and year boxes with what was typed in them, for web/_date_input.html."""
        value = self.value()
        typed = self.field.widget.decompress(value) if isinstance(value, dt.date) or value is None else value
        return [
            {"name": name, "label": label, "width": width, "value": "" if part is None else part}
            for (name, label, width), part in zip(_PARTS, typed, strict=False)
        ]


class GovukDateField(forms.MultiValueField):
    """A date typed into the GOV.UK date input, checked with the Design System's error messages."""

    widget = DateInputWidget
    bound_field_class = DateBoundField

    def __init__(self, *, noun: str, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR, **kwargs: Any):
        self.noun = noun
        self.first_year, self.last_year = first_year, last_year
        kwargs.setdefault("error_messages", {"required": f"Enter the {noun}"})
        kwargs.setdefault("help_text", "For example, 5 5 2023")
        super().__init__(
            fields=tuple(forms.CharField(required=False, strip=True) for _ in _PARTS),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> dt.date | None:
        day, month, year = (data_list or ["", "", ""])[:3]
        if not (day or month or year):
            return None
        missing = [
            name
            for name, value in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not value
        ]
        if missing:
            raise forms.ValidationError(f"{self.noun.capitalize()} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"{self.noun.capitalize()} must be a real date")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"{self.noun.capitalize()} must be a real date") from None
        if not self.first_year <= value.year <= self.last_year:
            raise forms.ValidationError(
                f"{self.noun.capitalize()} must be between {self.first_year} and {self.last_year}"
            )
        return value


class SignInForm(forms.Form):
    """Email address and password. One message for every failure, so it never says who has an account."""

    FAILED = "Enter a correct email address and password"
    EXPIRED = "Your one-time password has expired: ask your complaints manager for a new one"
    SLOWED = ("There have been several failed sign-ins to this account or from this network. "
              "Wait {seconds}, then try again")
    LOCKED = ("Sign-in to this account or from this network is locked after too many failed tries. "
              "Try again after {time}, or ask your complaints manager to unlock it")

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = forms.CharField(
        label="Password", strip=False, error_messages={"required": "Enter your password"}
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        self.locked = False
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email, password = data.get("email"), data.get("password")
        if email and password and self.request is not None:
            address = client_address(self.request)
            # A locked account or address says so before anything else; axes refuses it again below.
            until = locked_until(email=email, address=address)
            wait = 0 if until else sign_in_wait(email=email, address=address)
            if until is not None:
                self._lock(until)
                return data
            if wait > 0:
                self.add_error("email", forms.ValidationError(self.SLOWED.format(seconds=f"{wait} second{'' if wait == 1 else 's'}"), code="slowed"))
                return data
            user = authenticate(self.request, email=email.lower(), password=password)
            if getattr(self.request, "axes_locked_out", False):
                self._lock(locked_until(email=email, address=address) or timezone.now() + settings.AXES_COOLOFF_TIME)
            elif not isinstance(user, User):
                self.add_error("email", forms.ValidationError(self.FAILED, code="invalid_login"))
            elif user.one_time_password_expired(timezone.now()):
                # Said only to someone who knows the password, so it tells nobody else who has an account.
                self.add_error("password", forms.ValidationError(self.EXPIRED, code="password_expired"))
            else:
                self.user = user
        return data

    def _lock(self, until: dt.datetime) -> None:
        self.locked = True
        time = timezone.localtime(until).strftime("%-I:%M%p").lower()
        self.add_error("email", forms.ValidationError(self.LOCKED.format(time=time), code="locked"))

    def get_user(self) -> User | None:
        """The signed-in user, for Django's LoginView."""
        return self.user


def _clock_label(clock: ClockDefinition) -> str:
    limit = f"{clock.limit_wd} working days"
    if clock.extended_wd:
        limit += f", up to {clock.extended_wd} if extended"
    return f"{clock.title} ({limit})"


class DeadlineForm(forms.Form):
    """Which clock, when it started, and whether it was extended."""

    clock = forms.ChoiceField(
        label="Which clock?",
        choices=[(name, _clock_label(clock)) for name, clock in CLOCKS.items()],
        widget=RadioSelect,
        error_messages={"required": "Select a clock", "invalid_choice": "Select a clock from the list"},
    )
    start = GovukDateField(label="When did the clock start?", noun="start date")
    extended = forms.BooleanField(label="The time limit was extended", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        clock = CLOCKS.get(data.get("clock") or "")
        if clock is not None and data.get("extended") and clock.extended_wd is None:
            self.add_error("extended", f"The {clock.title.lower()} clock cannot be extended")
        return data

    @property
    def clock_definition(self) -> ClockDefinition:
        return CLOCKS[self.cleaned_data["clock"]]

    @property
    def extended_to(self) -> int | None:
        """The extended limit in working days when the extension box is ticked (the clock's standard one)."""
        return self.clock_definition.extended_wd if self.cleaned_data["extended"] else None


class YearForm(forms.Form):
    year = forms.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "Year must be a number, like 2024",
            "min_value": f"Year must be {FIRST_YEAR} or later",
            "max_value": f"Year must be {LAST_YEAR} or earlier",
        },
    )


class CouncilHolidayForm(forms.Form):
    """A day the council has made a non-working day."""

    day = GovukDateField(label="Date", noun="date")
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="For example, Funeral of Her Majesty Queen Elizabeth II",
        error_messages={
            "required": "Enter the name of the day",
            "max_length": "Name must be 120 characters or fewer",
        },
    )
