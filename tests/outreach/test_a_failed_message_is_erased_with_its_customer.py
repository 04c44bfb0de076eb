"""Erasing a customer leaves nothing personal on their failed messages: the reason a
message failed can name the address, so it goes too; a retry is then refused."""

from __future__ import annotations

from everthread.outreach.delivery import outreach_deliver
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_retry
from everthread.privacy.services import customer_erase
from factories import ContactPointFactory, StaffFactory
from outboxing import daytime, queue_message


def test_the_reason_goes_with_the_address(provider, charlotte, advisor) -> None:
    ContactPointFactory(customer=charlotte, kind="phone", value="+447700900990")
    message = queue_message(charlotte, advisor, "sms", address="+447700900990")
    failed = outreach_deliver(message_id=message.pk, now=daytime())
    assert failed is not None and "+447700900990" in failed.last_error
    officer = StaffFactory(username="officer", role="privacy_officer")

    customer_erase(actor=officer, customer_id=charlotte.pk)

    erased = OutboundMessage.objects.get(pk=message.pk)
    assert (erased.address, erased.last_error, erased.status) == ("", "", "dead")
    manager = StaffFactory(username="manager", role="manager")
    retried = outreach_retry(message_id=message.pk, actor=manager)
    assert retried.outcome == "refused"
    assert OutboundMessage.objects.get(pk=message.pk).status == "dead"
