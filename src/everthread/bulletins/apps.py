from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "everthread.bulletins"
    label = "bulletins"
    verbose_name = "Bulletins and promotions"

    def ready(self) -> None:
        from everthread.bulletins.views import promotions_section
        from everthread.customers.page_sections import customer_page_section_register

        # Internal news and the brand's own offers: no customer data, so no merge rule or
        # personal-data entry. The panel loads itself after the page, outside its budget.
        customer_page_section_register(
            "promotions",
            template="bulletins/_promotions_section.html",
            load=promotions_section,
            slot="side",
            order=90,
        )
