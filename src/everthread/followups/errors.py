from everthread.core.errors import Conflict, InvalidInput, NotFound


class InvalidFollowUp(InvalidInput):
    code = "invalid_followup"


class FollowUpNotFound(NotFound):
    code = "followup_not_found"


class FollowUpClosed(Conflict):
    code = "followup_closed"


class FollowUpTaken(Conflict):
    code = "followup_taken"
