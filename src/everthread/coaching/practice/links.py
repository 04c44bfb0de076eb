"""Signed candidate links: one practice attempt, reachable without signing in, until it expires.

The token names the attempt and a nonce kept on it, signed with the site's secret; the
expiry is the attempt's own (set when the coach made the link). A changed token fails the
signature; a link for another attempt, or an old one, fails the nonce.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from everthread.coaching.errors import PracticeLinkExpired, PracticeLinkInvalid
from everthread.coaching.models import PracticeAttempt

_SALT = "everthread.coaching.practice-candidate"


def guest_token(attempt: PracticeAttempt) -> str:
    return signing.dumps({"attempt": attempt.pk, "nonce": attempt.link_nonce}, salt=_SALT)


def guest_url(attempt: PracticeAttempt) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "coaching:practice_guest", args=[guest_token(attempt)]
    )


def guest_attempt_read(token: str) -> PracticeAttempt:
    """The attempt a candidate's link opens, or why it does not."""
    try:
        signed = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise PracticeLinkInvalid(
            "This practice link is not one we made: it may have been cut short or changed. "
            "Use the link exactly as you received it."
        ) from None
    signed = signed if isinstance(signed, dict) else {}
    attempt_id, nonce = signed.get("attempt"), str(signed.get("nonce", ""))
    attempt = (
        PracticeAttempt.objects.select_related("scenario")
        .filter(pk=attempt_id, learner__isnull=True, link_nonce=nonce)
        .exclude(link_nonce="")
        .first()
        if isinstance(attempt_id, int) and nonce
        else None
    )
    if attempt is None:
        raise PracticeLinkInvalid("This practice link is no longer valid.")
    if attempt.link_expires_at is None or attempt.link_expires_at <= timezone.now():
        raise PracticeLinkExpired(
            "This practice link has expired: ask the person who sent it for a new one."
        )
    return attempt
