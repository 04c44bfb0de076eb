from everthread.core.errors import Conflict


class DemoDatabaseTaken(Conflict):
    code = "demo_database_taken"
