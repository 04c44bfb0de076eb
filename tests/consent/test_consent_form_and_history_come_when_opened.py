"""The consent panel shows the grid at once, but fetches the change form and the history only
when staff open them: a customer who has changed their mind two hundred times costs the
page no more than one who never did, and the form and the whole history are one click away,
with JavaScript (HTMX) or without."""

from __future__ import annotations

import re

from consenting import GRANTED, WITHDRAWN, client_of, isabelle, record
from everthread.core.models import AuditEvent
from factories import StaffFactory
from opening import panel_opened, signed_in_as


def test_the_history_comes_when_opened_newest_first_a_page_at_a_time(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    for n in range(30):
        record(charlotte, "email", "marketing", WITHDRAWN if n % 2 else GRANTED, days_ago=40 - n)
    history = f"/customers/{charlotte.pk}/consent/history/"
    client = signed_in_as(advisor)

    opened = panel_opened(client, customer_id=charlotte.pk, url=history)
    [older] = re.findall(r'hx-get="([^"]*cursor=[^"]*)"', opened.piece)
    rest = client.get(older, headers={"HX-Request": "true"}).content.decode()

    assert "History (30)" in opened.page and f'hx-get="{history}"' in opened.page
    assert "Yes, send me new arrivals." not in opened.page
    # The newest 25 when opened, then the 5 older ones in place of the "Older" link.
    assert "<html" not in opened.piece and opened.piece.count("<li>") == 25
    assert "<ul" not in rest and rest.count("<li>") == 5 and "Older" not in rest
    # The last change was a withdrawal: it comes first.
    assert opened.piece.index("Withdrawn") < opened.piece.index("Granted")
    assert "<html" in opened.full and opened.full.count("Yes, send me new arrivals.") == 25
    assert f'href="{older}"' in opened.full  # without JavaScript, a page of its own
    views = AuditEvent.objects.filter(action="customer.viewed", customer_id=charlotte.pk)
    assert views.count() == 4  # opening the history is a view of the customer, like the page


def test_a_broken_history_link_says_so(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    record(charlotte, "email", "marketing", GRANTED)

    response = signed_in_as(advisor).get(
        f"/customers/{charlotte.pk}/consent/history/?cursor=not-a-cursor",
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 400
    assert "That page link is not valid" in response.content.decode()


def test_the_form_comes_when_opened_and_records(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    client = signed_in_as(advisor)
    change = f"/customers/{charlotte.pk}/consent/"

    opened = panel_opened(client, customer_id=charlotte.pk, url=change)
    saved = client.post(
        change,
        {
            "consent-change": "granted",
            "consent-channel": "sms",
            "consent-purpose": "service",
            "consent-source": "in_store",
            "consent-wording": "Yes, text me when it is ready.",
        },
    )

    assert "Record a consent change" in opened.page and f'hx-get="{change}"' in opened.page
    assert 'id="id_consent-change"' not in opened.page
    assert 'id="id_consent-change"' in opened.piece and "<html" not in opened.piece
    assert 'name="csrfmiddlewaretoken"' in opened.piece
    assert "<html" in opened.full and 'id="id_consent-change"' in opened.full
    assert saved.status_code == 302
    assert charlotte.consent_events.get().wording == "Yes, text me when it is ready."


def test_a_role_that_may_not_record_consent_gets_no_form(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    record(charlotte, "email", "marketing", GRANTED)
    coach = signed_in_as(StaffFactory(role="coach"))
    htmx = {"HX-Request": "true"}

    page = coach.get(f"/customers/{charlotte.pk}/").content.decode()
    form = coach.get(f"/customers/{charlotte.pk}/consent/", headers=htmx)
    history = coach.get(f"/customers/{charlotte.pk}/consent/history/", headers=htmx)

    assert "Record a consent change" not in page and "History (1)" in page
    assert form.status_code == 403
    assert history.status_code == 200
    assert "Yes, send me new arrivals." in history.content.decode()
