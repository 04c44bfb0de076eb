"""Message templates per channel, purpose and language, and the organisation's brand voice."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from everthread.consent.models import ConsentChannel, Purpose
from everthread.core.models import Channel, Organisation, Staff


class TemplateChannel(models.TextChoices):
    """The consent channels Everthread writes messages for (calls and letters are not typed)."""

    EMAIL = ConsentChannel.EMAIL.value, ConsentChannel.EMAIL.label
    SMS = ConsentChannel.SMS.value, ConsentChannel.SMS.label
    WHATSAPP = ConsentChannel.WHATSAPP.value, ConsentChannel.WHATSAPP.label
    SOCIAL_DM = ConsentChannel.SOCIAL_DM.value, ConsentChannel.SOCIAL_DM.label

    @property
    def timeline_channel(self) -> str:
        """The timeline channel a message of this kind is checked and recorded in."""
        return Channel.INSTAGRAM if self == TemplateChannel.SOCIAL_DM else self.value


class MessageTemplate(models.Model):
    """A reusable message with variables, for one channel, purpose and language."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="message_templates"
    )
    name = models.CharField(max_length=120)
    channel = models.CharField(max_length=12, choices=TemplateChannel.choices)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    language = models.CharField(max_length=16, default="en-GB", help_text="BCP 47, e.g. en-GB.")
    subject = models.CharField(max_length=200, blank=True, help_text="Email only.")
    preheader = models.CharField(
        max_length=150, blank=True, help_text="Email only: the line inboxes show after the subject."
    )
    body = models.TextField()
    # Outside WhatsApp's 24-hour service window only a template Meta approved may be sent.
    whatsapp_approved = models.BooleanField(default=False, verbose_name="approved by Meta")
    provider_template_name = models.CharField(
        max_length=512, blank=True, help_text="WhatsApp: the template's name at Meta."
    )
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "channel", "language", "name"],
                name="message_template_name_per_channel_language",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["organisation", "name", "id"], name="message_template_list"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_channel_display()}, {self.language})"


class BrandVoice(models.Model):
    """How the organisation sounds: what the tone check holds every message to."""

    class Formality(models.TextChoices):
        FORMAL = "formal", "Formal"
        NEUTRAL = "neutral", "Neutral"
        CASUAL = "casual", "Casual"

    class EmojiPolicy(models.TextChoices):
        NEVER = "never", "Never"
        SPARINGLY = "sparingly", "Sparingly: at most one, and never in email"
        ALLOWED = "allowed", "Allowed"

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="brand_voice"
    )
    formality = models.CharField(max_length=8, choices=Formality.choices, default=Formality.NEUTRAL)
    emoji_policy = models.CharField(
        max_length=10, choices=EmojiPolicy.choices, default=EmojiPolicy.SPARINGLY
    )
    greetings = models.JSONField(
        default=list, blank=True, help_text="e.g. “Hello”, “Good morning”."
    )
    sign_offs = models.JSONField(default=list, blank=True, help_text="e.g. “Kind regards”.")
    words_to_avoid = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Brand voice of {self.organisation}"
