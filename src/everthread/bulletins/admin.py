from django.contrib import admin

from everthread.bulletins.models import Bulletin, BulletinTarget, Promotion, PromotionChannel


class BulletinTargetInline(admin.TabularInline):
    model = BulletinTarget
    extra = 0


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "publish_at", "expires_at", "acknowledgement_required")
    list_filter = ("acknowledgement_required",)
    search_fields = ("title", "body")
    date_hierarchy = "publish_at"
    raw_id_fields = ("author",)
    inlines = (BulletinTargetInline,)


class PromotionChannelInline(admin.TabularInline):
    model = PromotionChannel
    extra = 0


@admin.register(Promotion)
class PromotionAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_at", "ends_at", "updated_by")
    search_fields = ("name", "description", "eligibility")
    date_hierarchy = "starts_at"
    raw_id_fields = ("created_by", "updated_by")
    inlines = (PromotionChannelInline,)
