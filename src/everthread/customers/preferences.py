"""The structured preferences a profile keeps: what the seeds' industries ask about."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from everthread.core.models import Channel

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


class SizePreference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: Phrase = Field(description="What the size is for, e.g. Dresses, Shoes.")
    size: Phrase = Field(description="e.g. UK 12, EU 43.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""


class ImportantDate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: Phrase = Field(description="e.g. Sister's wedding, Anniversary.")
    date: datetime.date


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minimum: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "GBP"

    @model_validator(mode="after")
    def _in_order(self) -> Budget:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("the lowest budget is above the highest")
        return self

    def __str__(self) -> str:
        symbol = CURRENCY_SYMBOLS.get(self.currency, f"{self.currency} ")
        if self.minimum is not None and self.maximum is not None:
            return f"{symbol}{self.minimum}–{symbol}{self.maximum}"
        if self.maximum is not None:
            return f"up to {symbol}{self.maximum}"
        if self.minimum is not None:
            return f"from {symbol}{self.minimum}"
        return ""


class Preferences(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sizes: list[SizePreference] = []
    fits: list[Phrase] = []
    colours: list[Phrase] = []
    budget: Budget | None = None
    important_dates: list[ImportantDate] = Field(
        default=[], description="Occasions and dates that matter."
    )
    dietary: list[Phrase] = []
    accessibility: list[Phrase] = []
    fitness_goals: list[Phrase] = []
    preferred_channel: Channel | None = None

    def stored(self) -> dict:
        """The JSON kept on the customer row: only what is set."""
        return self.model_dump(mode="json", exclude_defaults=True)
