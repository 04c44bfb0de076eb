from everthread.core.errors import Conflict, InvalidInput, NotFound


class InvalidArticle(InvalidInput):
    code = "invalid_article"


class ArticleNotFound(NotFound):
    code = "article_not_found"


class ArticleNeedsOwner(Conflict):
    code = "article_needs_owner"


class InvalidSearch(InvalidInput):
    code = "invalid_search"


class ChecklistItemNotFound(NotFound):
    code = "checklist_item_not_found"
