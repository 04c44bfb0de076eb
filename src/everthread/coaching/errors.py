from everthread.core.errors import InvalidInput, NotFound


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
