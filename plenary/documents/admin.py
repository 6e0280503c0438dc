from django.contrib import admin

from plenary.documents.models import DocumentBatch


@admin.register(DocumentBatch)
class DocumentBatchAdmin(admin.ModelAdmin):
    """Batches are requested from the secretariat's documents page; the admin only shows them."""

    list_display = ["track", "kind", "language", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [field.name for field in DocumentBatch._meta.fields]

    def has_add_permission(self, request):
        return False
