"""A misspelled or unknown variable is refused when the template is saved, naming it and the
variable that was probably meant; nothing is stored."""

from __future__ import annotations

import re

import pytest

from everthread.core.models import Organisation
from everthread.message_templates.errors import InvalidTemplate, UnknownVariable
from everthread.message_templates.models import MessageTemplate
from everthread.message_templates.services import TemplateDraft, message_template_create


def _create(manager, **fields) -> MessageTemplate:
    draft = TemplateDraft(
        **{"name": "Wedding", "channel": "sms", "purpose": "service", "body": "Hi", **fields}
    )
    return message_template_create(
        actor=manager, organisation=Organisation.objects.get(), draft=draft
    )


@pytest.mark.parametrize(
    ("field", "text", "named", "meant"),
    [
        ("body", "Hi {{ customer.frist_name }}!", "customer.frist_name", "customer.first_name"),
        ("body", "Hi {{customer.firstname}}", "customer.firstname", "customer.first_name"),
        ("body", "From {{ staf.first_name }}", "staf.first_name", "staff.first_name"),
        ("body", "About {{ journey.subjct }}", "journey.subjct", "journey.subject"),
        ("body", "Born {{ customer.date_of_birth }}", "customer.date_of_birth", None),
    ],
)
def test_the_refusal_names_the_variable_and_suggests_the_nearest(
    manager, field: str, text: str, named: str, meant: str | None
) -> None:
    with pytest.raises(UnknownVariable) as refused:
        _create(manager, **{field: text})

    assert refused.value.field == field
    assert f"{{{{ {named} }}}} is not a variable templates can use." in refused.value.message
    if meant:
        assert f"Did you mean {{{{ {meant} }}}}?" in refused.value.message
    else:
        assert "Did you mean" not in refused.value.message
    assert not MessageTemplate.objects.exists()


def test_a_misspelled_variable_in_an_email_subject_is_refused_there(manager) -> None:
    with pytest.raises(UnknownVariable, match=r"Did you mean \{\{ customer.first_name \}\}") as e:
        _create(manager, channel="email", subject="For {{ customer.first }}", body="Hello")

    assert e.value.field == "subject"


def test_template_tags_are_refused(manager) -> None:
    with pytest.raises(InvalidTemplate, match=re.escape("not {% … %} tags")):
        _create(manager, body="{% if customer %}Hi{% endif %}")


def test_every_listed_variable_is_accepted(manager) -> None:
    body = (
        "Hi {{ customer.first_name }}, {{ journey.subject }} at {{ store.name }}. "
        "{{ staff.first_name }}, {{ organisation.name }}"
    )

    template = _create(manager, body=body)

    assert MessageTemplate.objects.get().body == template.body == body
