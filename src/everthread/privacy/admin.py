from django.contrib import admin

from everthread.core.admin import ReadOnlyAdmin
from everthread.privacy.models import ErasureRecord, RetentionPolicy, Suppression


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ("erased_at", "customer_id", "erased_by")
    search_fields = ("customer_id", "erased_by__username")


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "digest", "erasure")
    list_filter = ("kind",)


# Changed on the retention page, which audits each change and asks why.
@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(ReadOnlyAdmin):
    list_display = ("label", "days", "reason", "changed_by", "changed_at")
