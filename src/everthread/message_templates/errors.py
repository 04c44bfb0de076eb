from everthread.core.errors import InvalidInput, NotFound


class InvalidTemplate(InvalidInput):
    code = "invalid_template"


class UnknownVariable(InvalidTemplate):
    code = "unknown_template_variable"


class TemplateNotFound(NotFound):
    code = "template_not_found"


class InvalidBrandVoice(InvalidInput):
    code = "invalid_brand_voice"
