"""Each demo brand has its voice and a handful of templates; every template, filled in for
the demo's first customer, passes its own brand's tone check; running the demo again keeps
what is there (and a manager's changes to the voice)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from everthread.core.models import Organisation, Staff
from everthread.customers.models import Customer
from everthread.message_templates.models import BrandVoice, MessageTemplate
from everthread.message_templates.selectors import template_render
from everthread.message_templates.tone import tone_assess

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("industry", "formality", "templates"),
    [("retail", "neutral", 5), ("fitness", "casual", 3), ("hospitality", "formal", 3)],
)
def test_each_demo_has_a_voice_and_templates_that_pass_it(
    demo: Callable[..., str], industry: str, formality: str, templates: int
) -> None:
    demo(industry=industry, customers=0)
    organisation = Organisation.objects.get()
    voice = BrandVoice.objects.get(organisation=organisation)
    customer = Customer.objects.order_by("id").first()
    sender = Staff.objects.filter(role="associate").order_by("id").first()

    assert voice.formality == formality
    assert MessageTemplate.objects.count() == templates
    for template in MessageTemplate.objects.all():
        text = template_render(
            template=template, customer=customer, staff=sender, organisation=organisation
        ).body
        channel = "instagram" if template.channel == "social_dm" else template.channel
        assert tone_assess(text, channel=channel, voice=voice) == [], template.name


def test_running_it_again_adds_no_template_and_keeps_the_managers_voice(
    demo: Callable[..., str],
) -> None:
    demo(customers=0)
    BrandVoice.objects.update(emoji_policy="never")

    output = demo(customers=0)

    assert MessageTemplate.objects.count() == 5
    assert BrandVoice.objects.get().emoji_policy == "never"
    assert "templates     0 new,    5 already here" in output
