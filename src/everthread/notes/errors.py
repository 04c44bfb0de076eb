from everthread.core.errors import Conflict, NotFound


class NoteNotFound(NotFound):
    code = "note_not_found"


class NoteNotEditable(Conflict):
    code = "note_not_editable"

    def __init__(
        self,
        message: str = (
            "Saved notes are part of the record and are not edited; add a new note instead."
        ),
    ) -> None:
        super().__init__(message)
