from everthread.core.errors import InvalidInput, NotFound


class InvalidInteraction(InvalidInput):
    code = "invalid_interaction"


class JourneyNotFound(NotFound):
    code = "journey_not_found"


class InteractionNotFound(NotFound):
    code = "interaction_not_found"
