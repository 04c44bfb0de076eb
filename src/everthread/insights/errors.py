from everthread.core.errors import DomainError, Forbidden, InvalidInput


class InvalidScope(InvalidInput):
    code = "invalid_scope"


class OutOfReach(Forbidden):
    code = "out_of_reach"


class SurveyLinkInvalid(InvalidInput):
    code = "survey_link_invalid"


class SurveyNotSent(DomainError):
    code, http_status = "survey_not_sent", 409
