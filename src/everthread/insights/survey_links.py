"""Signed survey links: one journey's question, answerable without signing in."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from everthread.insights.errors import SurveyLinkInvalid

_SALT = "everthread.insights.repeat-survey"
LINK_LIFETIME = datetime.timedelta(days=30)


def survey_token(*, survey_id: int) -> str:
    return signing.dumps(survey_id, salt=_SALT)


def survey_url(*, survey_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "insights:survey", args=[survey_token(survey_id=survey_id)]
    )


def survey_read(token: str, *, max_age: datetime.timedelta = LINK_LIFETIME) -> int:
    """The survey a link answers, or SurveyLinkInvalid saying why not."""
    try:
        survey_id = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise SurveyLinkInvalid(
            "This survey link has expired. Thank you all the same: reply to any of our "
            "messages to tell us how we did."
        ) from None
    except signing.BadSignature:
        raise SurveyLinkInvalid(
            "This survey link is not one we sent: it may have been cut short. Use the link "
            "exactly as it is in our message."
        ) from None
    if not isinstance(survey_id, int):
        raise SurveyLinkInvalid("This survey link is not one we sent.")
    return survey_id
