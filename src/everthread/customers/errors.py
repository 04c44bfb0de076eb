from everthread.core.errors import Conflict, InvalidInput, NotFound


class InvalidContactPoint(InvalidInput):
    code = "invalid_contact_point"


class ContactPointTaken(Conflict):
    code = "contact_point_taken"


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class InvalidProfile(InvalidInput):
    code = "invalid_profile"


class MergeRefused(Conflict):
    code = "merge_refused"


class CustomerImportNotFound(NotFound):
    code = "customer_import_not_found"
