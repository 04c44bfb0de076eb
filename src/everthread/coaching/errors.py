from everthread.core.errors import Conflict, InvalidInput, NotFound


class InvalidRubric(InvalidInput):
    code = "invalid_rubric"


class RubricNotFound(NotFound):
    code = "rubric_not_found"


class InvalidObservation(InvalidInput):
    code = "invalid_observation"


class ObservationNotFound(NotFound):
    code = "observation_not_found"


class StaffNotFound(NotFound):
    code = "staff_not_found"


class InvalidModule(InvalidInput):
    code = "invalid_module"


class ModuleNotFound(NotFound):
    code = "module_not_found"


class AssignmentNotFound(NotFound):
    code = "assignment_not_found"


class InvalidAnswer(InvalidInput):
    code = "invalid_answer"


class InvalidMysteryShop(InvalidInput):
    code = "invalid_mystery_shop"


class MysteryShopFormNotFound(NotFound):
    code = "mystery_shop_form_not_found"


class InvalidScenario(InvalidInput):
    code = "invalid_scenario"


class ScenarioNotFound(NotFound):
    code = "scenario_not_found"


class InvalidPractice(InvalidInput):
    code = "invalid_practice"


class AttemptNotFound(NotFound):
    code = "attempt_not_found"


class AttemptClosed(Conflict):
    """A write to an attempt that was already submitted: nothing more can be added."""

    code = "attempt_closed"


class PracticeLinkInvalid(InvalidInput):
    code = "practice_link_invalid"


class PracticeLinkExpired(PracticeLinkInvalid):
    code, http_status = "practice_link_expired", 410
