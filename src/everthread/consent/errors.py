from everthread.core.errors import Conflict, InvalidInput


class InvalidConsent(InvalidInput):
    code = "invalid_consent"


class EvidenceMissing(InvalidInput):
    code = "consent_evidence_missing"


class ObjectionStands(Conflict):
    code = "objection_stands"
