from everthread.core.errors import InvalidInput, NotFound


class BulletinNotFound(NotFound):
    code = "bulletin_not_found"


class BulletinInvalid(InvalidInput):
    code = "bulletin_invalid"


class PromotionNotFound(NotFound):
    code = "promotion_not_found"


class PromotionInvalid(InvalidInput):
    code = "promotion_invalid"
