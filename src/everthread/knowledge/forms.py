"""The article editor and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from everthread.conversations.models import Journey
from everthread.core.models import Staff
from everthread.customers.forms import DomainErrorForm
from everthread.knowledge.models import Article
from everthread.knowledge.services import ArticleDraft


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Title or summary", max_length=200, required=False)
    kind = forms.ChoiceField(choices=[("", "Any"), *Article.Kind.choices], required=False)
    due_for_review = forms.BooleanField(label="Past review only", required=False)


class ArticleForm(DomainErrorForm):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Article.Kind.choices)
    summary = forms.CharField(
        max_length=300, required=False, help_text="One line: what it answers, shown in search."
    )
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))
    checklist = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Playbooks: one step a line, in order. Staff tick them on the journey.",
    )
    owner = forms.ModelChoiceField(
        queryset=Staff.objects.filter(is_active=True),
        required=False,
        help_text="Who keeps it true. An article needs an owner to be published.",
    )
    review_by = forms.DateField(
        label="Review by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="After this date it is flagged as due for review.",
    )
    journey_kinds = forms.MultipleChoiceField(
        label="Suggest beside these journeys",
        choices=Journey.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def of(cls, article: Article, data: Any = None) -> ArticleForm:
        latest = article.versions.order_by("-number").first()
        words = latest or article
        return cls(
            data,
            initial={
                "title": words.title,
                "kind": article.kind,
                "summary": words.summary,
                "body": words.body,
                "checklist": "\n".join(words.checklist),
                "owner": article.owner,
                "review_by": article.review_by,
                "journey_kinds": article.journey_kinds,
            },
        )

    def draft(self) -> ArticleDraft:
        data = self.cleaned_data
        return ArticleDraft(
            title=data["title"],
            body=data["body"],
            kind=data["kind"],
            summary=data["summary"],
            checklist=tuple(line for line in data["checklist"].splitlines() if line.strip()),
            owner=data["owner"],
            review_by=data["review_by"],
            journey_kinds=tuple(data["journey_kinds"]),
        )


class ArticleEditForm(ArticleForm):
    why = forms.CharField(
        label="Why it changed",
        max_length=300,
        help_text="Kept in the history, so the next reader knows.",
    )


class ReviewedForm(forms.Form):
    next_review = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
