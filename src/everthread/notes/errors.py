from everthread.core.errors import Conflict, NotFound


class NoteNotFound(NotFound):
    code = "note_not_found"


class NoteNotEditable(Conflict):
    code = "note_not_editable"
