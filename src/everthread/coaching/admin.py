"""Back office views of coaching records: read here, written through the coaching pages and API
(a version that has been scored must never be edited in place)."""

from django.contrib import admin

from everthread.coaching.models import (
    Answer,
    Assignment,
    Criterion,
    Module,
    MysteryShopAnswer,
    MysteryShopForm,
    MysteryShopQuestion,
    MysteryShopVisit,
    Observation,
    PracticeAttempt,
    PracticeEntry,
    PracticeScenario,
    PracticeScore,
    PracticeStep,
    Question,
    Rubric,
    Score,
)
from everthread.core.admin import ReadOnlyAdmin


@admin.register(Rubric)
class RubricAdmin(ReadOnlyAdmin):
    list_display = ("name", "version", "is_current", "scale_max", "created_at")
    list_filter = ("is_current",)


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("observed", "rubric", "observer", "channel", "observed_at")
    list_select_related = ("observed", "rubric", "observer")
    list_filter = ("channel",)


@admin.register(Module)
class ModuleAdmin(ReadOnlyAdmin):
    list_display = ("title", "behaviour", "minutes", "created_at")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("module", "learner", "source", "due_on", "completed_at")
    list_select_related = ("module", "learner")


@admin.register(MysteryShopForm)
class MysteryShopFormAdmin(ReadOnlyAdmin):
    list_display = ("name", "created_at")


@admin.register(MysteryShopVisit)
class MysteryShopVisitAdmin(ReadOnlyAdmin):
    list_display = ("form", "store", "channel", "visited_on", "staff")
    list_select_related = ("form", "store", "staff")


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("rubric", "behaviour", "label", "position")
    list_select_related = ("rubric",)


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("observation", "criterion", "value")
    list_select_related = ("observation__observed", "observation__rubric", "criterion")


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("module", "text", "position")
    list_select_related = ("module",)


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "question", "correct", "answered_at")
    list_select_related = ("assignment__module", "assignment__learner", "question")


@admin.register(MysteryShopQuestion)
class MysteryShopQuestionAdmin(ReadOnlyAdmin):
    list_display = ("form", "text", "kind", "behaviour", "position")
    list_select_related = ("form",)


@admin.register(MysteryShopAnswer)
class MysteryShopAnswerAdmin(ReadOnlyAdmin):
    list_display = ("visit", "question", "value")
    list_select_related = ("visit__form", "question")


@admin.register(PracticeScenario)
class PracticeScenarioAdmin(ReadOnlyAdmin):
    list_display = ("title", "channel", "rubric", "is_archived", "created_at")
    list_select_related = ("rubric",)


@admin.register(PracticeStep)
class PracticeStepAdmin(ReadOnlyAdmin):
    list_display = ("scenario", "position", "kind", "channel", "minutes_before")
    list_select_related = ("scenario",)


@admin.register(PracticeAttempt)
class PracticeAttemptAdmin(ReadOnlyAdmin):
    list_display = ("scenario", "learner", "candidate_name", "status", "started_at")
    list_select_related = ("scenario", "learner")
    list_filter = ("status",)


@admin.register(PracticeEntry)
class PracticeEntryAdmin(ReadOnlyAdmin):
    list_display = ("attempt", "kind", "channel", "title", "occurred_at", "by_learner")
    list_select_related = ("attempt__scenario", "attempt__learner")


@admin.register(PracticeScore)
class PracticeScoreAdmin(ReadOnlyAdmin):
    list_display = ("attempt", "criterion", "source", "value")
    list_select_related = ("attempt__scenario", "attempt__learner", "criterion")
