from django.contrib import admin

from everthread.bulletins.models import (
    Bulletin,
    BulletinAcknowledgement,
    BulletinTarget,
    Promotion,
    PromotionChannel,
)


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


@admin.register(BulletinTarget)
class BulletinTargetAdmin(admin.ModelAdmin):
    list_display = ("bulletin", "role", "store", "team", "channel")
    list_select_related = ("bulletin", "store", "team")
    raw_id_fields = ("bulletin",)


@admin.register(BulletinAcknowledgement)
class BulletinAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ("bulletin", "staff", "acknowledged_at")
    list_select_related = ("bulletin", "staff")
    raw_id_fields = ("bulletin", "staff")
    date_hierarchy = "acknowledged_at"


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


@admin.register(PromotionChannel)
class PromotionChannelAdmin(admin.ModelAdmin):
    list_display = ("promotion", "channel")
    list_filter = ("channel",)
    list_select_related = ("promotion",)
    raw_id_fields = ("promotion",)
