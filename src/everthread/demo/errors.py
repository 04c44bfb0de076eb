from everthread.core.errors import Conflict


class DemoDatabaseTaken(Conflict):
    code = "demo_database_taken"


class GeneratedBaseExists(Conflict):
    code = "generated_base_exists"


class OtherCustomersPresent(Conflict):
    code = "other_customers_present"
