"""An opt-out in other words ("please stop texting me") is not a keyword: it is flagged on
the customer page as a likely objection, for staff to decide on."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from consenting import GRANTED, client_of, isabelle, record
from everthread.consent.selectors import consent_standing
from everthread.consent.services import consent_flag_check, consent_keyword_apply
from everthread.consent.views import consent_section


@pytest.mark.parametrize(
    "text",
    ["please stop texting me", "Don't send me these messages anymore", "take me off your list"],
)
def test_an_opt_out_in_other_words_is_flagged_not_applied(organisation, text: str) -> None:
    henry = client_of(None, "Henry", "Adeyemi", "+447700900112")
    record(henry, "sms", "marketing", GRANTED)

    reply = consent_keyword_apply(customer=henry, channel="sms", text=text)

    standing = consent_standing(customer_id=henry.pk)
    assert reply is None
    assert standing.state("sms", "marketing").granted
    assert [flag.wording for flag in standing.flags] == [text]


def test_the_flag_shows_on_the_customer_page_until_checked(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    consent_keyword_apply(customer=henry, channel="sms", text="please stop texting me")
    request = RequestFactory().get("/")
    request.user = advisor

    shown = render_to_string(
        "consent/_section.html", {"section": consent_section(request, henry)}, request=request
    )
    assert "Possible objection to check" in shown
    assert "please stop texting me" in shown

    consent_flag_check(customer=henry, actor=advisor, note="He meant the delivery texts.")
    assert consent_standing(customer_id=henry.pk).flags == []
