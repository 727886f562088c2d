"""Admin for letters: find a user's drafts and sent letters when helping them."""

from django.contrib import admin

from letters.models import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ("__str__", "interview", "user", "kind", "tone", "status", "sent_on", "updated_at")
    list_filter = ("status", "kind", "tone", "sent_on")
    search_fields = ("subject", "contact__name", "contact__email", "interview__company__name", "user__email")
    list_select_related = ("contact", "interview__company", "user")
    raw_id_fields = ("user", "interview", "contact")
    readonly_fields = ("version", "created_at", "updated_at")
    date_hierarchy = "updated_at"
