from everthread.core.errors import InvalidInput, NotFound


class InvalidInteraction(InvalidInput):
    code = "invalid_interaction"


class JourneyNotFound(NotFound):
    code = "journey_not_found"
