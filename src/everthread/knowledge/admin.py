from django.contrib import admin

from everthread.knowledge.models import Article, ArticleEmbedding, ArticleVersion, ChecklistTick


class VersionInline(admin.TabularInline):
    model = ArticleVersion
    fields = ("number", "title", "why", "author", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "owner", "review_by", "published_number")
    list_filter = ("kind", "status")
    search_fields = ("title", "summary")
    readonly_fields = ("latest_number", "published_version", "published_number", "published_at")
    inlines = (VersionInline,)


@admin.register(ArticleVersion)
class ArticleVersionAdmin(admin.ModelAdmin):
    list_display = ("article", "number", "author", "created_at", "why")
    search_fields = ("article__title", "why")


@admin.register(ChecklistTick)
class ChecklistTickAdmin(admin.ModelAdmin):
    list_display = ("journey", "article", "item", "ticked_by", "ticked_at")


@admin.register(ArticleEmbedding)
class ArticleEmbeddingAdmin(admin.ModelAdmin):
    list_display = ("article", "model", "updated_at")
    exclude = ("vector",)
