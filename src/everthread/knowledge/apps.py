from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "everthread.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge"

    def ready(self) -> None:
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.knowledge.views import knowledge_section

        customer_page_section_register(
            "knowledge",
            template="knowledge/_section.html",
            load=knowledge_section,
            slot="side",
            order=60,
        )
