"""After recording: change the officer, change the complainant's details, and the same-people warning."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.councils.models import AuditEntry, Council, User
from tests.complaints.conftest import STAGE2_HISTORY, date_of, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]
DETAILS = {"complainant_name": "Mrs Sarah Walker", "child_name": "Ellie", "complainant_email": "sarah@example.com",
           "complainant_phone": "01632 960 001", "complainant_address": "1 High Street\nNorthtown", "contact_preference": "email"}




def test_the_officer_is_changed_from_the_complaint_page(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager)
    page = signed_in(officer).get(reverse("complaints:detail", args=[complaint.pk]))
    url = reverse("complaints:change-officer", args=[complaint.pk])
    assert url.encode() in page.content
    form = signed_in(officer).get(url)
    assert form.status_code == 200
    assert b"Change officer" in form.content
    response = signed_in(officer).post(url, {"officer": str(officer.pk)})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).officer == officer
    assert AuditEntry.objects.get(action="complaint.assigned").data == {"officer": officer.email, "before": None}
    unassigned = signed_in(officer).post(url, {"officer": ""})
    assert unassigned.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).officer is None


def test_an_officer_of_another_council_cannot_be_chosen(council: Council, officer: User, other_officer: User) -> None:
    complaint = import_history(council, officer)
    response = signed_in(officer).post(reverse("complaints:change-officer", args=[complaint.pk]), {"officer": str(other_officer.pk)})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Choose an officer from the list" in response.content
    assert Complaint.objects.get(pk=complaint.pk).officer is None


def test_changing_details_saves_them_with_an_audit_and_shows_them(council: Council, officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Sarah Walker", child_name="Ellie")
    url = reverse("complaints:change-details", args=[complaint.pk])
    form = signed_in(officer).get(url)
    assert form.status_code == 200
    assert b'value="Ms Sarah Walker"' in form.content
    response = signed_in(officer).post(url, DETAILS)
    assert response.status_code == 302
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.complainant_name, stored.complainant_email, stored.contact_preference) == ("Mrs Sarah Walker", "sarah@example.com", "email")
    audit = AuditEntry.objects.get(action="complaint.details-changed")
    assert audit.data["before"]["complainant_name"] == "Ms Sarah Walker"
    assert audit.data["after"]["complainant_name"] == "Mrs Sarah Walker"
    page = signed_in(officer).get(reverse("complaints:detail", args=[complaint.pk]))
    assert b"sarah@example.com" in page.content
    assert b"1 High Street<br>Northtown" in page.content


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"complainant_name": ""}, "id_complainant_name", b"Enter the complainant&#x27;s name"),
        ({"complainant_email": "not-an-email"}, "id_complainant_email", b"Enter an email address in the correct format"),
        ({"complainant_phone": "call me"}, "id_complainant_phone", b"Enter a phone number, like"),
        ({"complainant_email": "", "contact_preference": "email"}, "id_complainant_email", b"Enter an email address, or choose another way"),
        ({"complainant_address": "", "contact_preference": "letter"}, "id_complainant_address", b"Enter an address, or choose another way"),
    ],
)
def test_bad_details_show_a_linked_error_and_change_nothing(
    council: Council, officer: User, change: dict[str, str], field: str, message: bytes
) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Sarah Walker")
    response = signed_in(officer).post(reverse("complaints:change-details", args=[complaint.pk]), {**DETAILS, **change})
    assert response.status_code == 200
    assert message in response.content
    assert f'href="#{field}"'.encode() in response.content
    assert b"<title>Error:" in response.content
    assert Complaint.objects.get(pk=complaint.pk).complainant_name == "Ms Sarah Walker"
    assert not AuditEntry.objects.filter(action="complaint.details-changed").exists()


def test_read_only_users_and_other_councils_cannot_change(council: Council, officer: User, reader: User, other_officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Sarah Walker")
    page = signed_in(reader).get(reverse("complaints:detail", args=[complaint.pk]))
    assert reverse("complaints:change-details", args=[complaint.pk]).encode() not in page.content
    for name in ("complaints:change-details", "complaints:change-officer"):
        url = reverse(name, args=[complaint.pk])
        assert signed_in(reader).get(url).status_code == 403
        assert signed_in(reader).post(url, {**DETAILS, "officer": ""}).status_code == 403
        assert signed_in(other_officer).get(url).status_code == 404
        assert signed_in(other_officer).post(url, {**DETAILS, "officer": ""}).status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).complainant_name == "Ms Sarah Walker"
    assert not AuditEntry.objects.filter(action__in=["complaint.details-changed", "complaint.assigned"]).exists()


def test_a_new_complaint_from_people_with_an_open_one_shows_a_warning(council: Council, officer: User) -> None:
    earlier = import_history(council, officer, complainant_name="Ms Sarah Walker", child_name="Ellie")
    form = {"complainant_name": "ms sarah walker", "complainant_role": "parent", "child_name": "Ellie", **date_of("2024-06-21", "received_on"),
            "via": "email", "officer": "", "point_1_text": "Contact was cancelled", "point_1_about": "contact",
            "complainant_email": "sarah@example.com", "contact_preference": "email"}
    response = signed_in(officer).post(reverse("complaints:new"), form, follow=True)
    assert response.status_code == 200
    assert b"recorded under Children&#x27;s social care complaints (England)" in response.content
    assert b"already has an open complaint" in response.content
    assert reverse("complaints:detail", args=[earlier.pk]).encode() in response.content
    created = Complaint.objects.exclude(pk=earlier.pk).get()
    assert (created.complainant_email, created.contact_preference) == ("sarah@example.com", "email")
    other = signed_in(officer).get(reverse("complaints:detail", args=[earlier.pk]))
    assert created.reference.encode() in other.content


def test_no_warning_without_another_open_complaint(council: Council, officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Sarah Walker", child_name="Ellie")
    import_history(council, officer, complainant_name="Ms Sarah Walker", child_name="Tom")
    page = signed_in(officer).get(reverse("complaints:detail", args=[complaint.pk]))
    assert b"already has an open complaint" not in page.content


def test_a_closed_complaint_is_not_offered_to_be_joined_to_an_open_one(council: Council, manager: User) -> None:
    """#17 walk: a closed complaint still said "Check whether this one should be joined" to the open ones."""
    import_history(council, manager, complainant_name="Ms Sarah Walker", child_name="Ellie")
    data = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-20", "type": "complaint.closed"}]}
    closed = import_history(council, manager, data, complainant_name="Ms Sarah Walker", child_name="Ellie")
    page = signed_in(manager).get(reverse("complaints:detail", args=[closed.pk]))
    assert b">Closed<" in page.content
    assert b"already has an open complaint" not in page.content
    assert b"should be joined" not in page.content


def test_a_receipt_date_after_today_is_refused_naming_it(council: Council, officer: User) -> None:
    form = {"complainant_name": "Ms Walker", "complainant_role": "parent", "child_name": "", **date_of("2024-07-09", "received_on"),
            "via": "email", "officer": "", "point_1_text": "Contact was cancelled", "point_1_about": "contact"}
    response = signed_in(officer).post(reverse("complaints:new"), form)
    assert response.status_code == 200
    assert b"Date received must be today or in the past: 9 Jul 2024 is after today" in response.content
    assert b'href="#id_received_on_day"' in response.content
    assert not Complaint.objects.exists()
