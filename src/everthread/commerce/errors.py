from everthread.core.errors import Conflict, InvalidInput, NotFound


class InvalidProduct(InvalidInput):
    code = "invalid_product"


class ProductNotFound(NotFound):
    code = "product_not_found"


class LocationNotFound(NotFound):
    code = "location_not_found"


class InvalidStock(InvalidInput):
    code = "invalid_stock"


class NotEnoughStock(Conflict):
    code = "not_enough_stock"


class HoldNotActive(Conflict):
    code = "hold_not_active"


class InvalidOrder(InvalidInput):
    code = "invalid_order"


class OrderNotFound(NotFound):
    code = "order_not_found"


class OrderConflict(Conflict):
    """The order exists and cannot become what was asked: another customer's, or settled."""

    code = "order_conflict"


class InvalidReturn(InvalidInput):
    code = "invalid_return"


class HoldRefused(InvalidInput):
    code = "hold_refused"


class HoldNotFound(NotFound):
    code = "hold_not_found"


class ReturnNotFound(NotFound):
    code = "return_not_found"


class WishlistItemNotFound(NotFound):
    code = "wishlist_item_not_found"


class InvalidAppointment(InvalidInput):
    code = "invalid_appointment"


class AppointmentClash(Conflict):
    """The host already has an appointment then."""

    code = "appointment_clash"


class OutsideOpeningHours(InvalidInput):
    code = "outside_opening_hours"


class AppointmentNotFound(NotFound):
    code = "appointment_not_found"


class AppointmentClosed(Conflict):
    code = "appointment_closed"
