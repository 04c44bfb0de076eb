from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "everthread.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.insights.repeats.views import repeats_section

        customer_page_section_register(
            "repeats",
            template="insights/repeats/_section.html",
            load=repeats_section,
            slot="main",
            order=60,
        )
