"""Django admin for the core models."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from followup.models import Company, Contact, Heartbeat, Interview, Participant, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "time_zone", "country", "reminders_enabled", "is_staff"]
    list_filter = [
        "is_staff",
        "is_active",
        "reminders_enabled",
        "follow_up_digest",
        ("onboarded_at", admin.EmptyFieldListFilter),
        "country",
        "date_joined",
    ]
    search_fields = ["email", "full_name"]
    readonly_fields = ["onboarded_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": list(User.PROFILE_FIELDS)}),
        ("Reminders", {"fields": list(User.REMINDER_FIELDS)}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "onboarded_at"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "website", "created_at"]
    search_fields = ["name", "website", "user__email"]
    list_filter = ["created_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "company", "title", "role", "user"]
    search_fields = ["name", "title", "email", "company__name", "user__email"]
    list_filter = ["role", "address_style", "honorific", "created_at"]
    list_select_related = ["company", "user"]
    raw_id_fields = ["user", "company"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    raw_id_fields = ["contact"]
    extra = 0


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["role", "company", "starts_at", "status", "user"]
    search_fields = ["role", "round", "company__name", "user__email"]
    list_filter = ["status", "format", "starts_at", "decision_date"]
    list_select_related = ["company", "user"]
    raw_id_fields = ["user", "company"]
    inlines = [ParticipantInline]
    date_hierarchy = "starts_at"


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["contact", "interview", "position"]
    search_fields = ["contact__name", "interview__role", "interview__company__name", "interview__user__email"]
    list_filter = ["contact__role"]
    list_select_related = ["contact", "interview", "interview__company"]
    raw_id_fields = ["interview", "contact"]


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at"]
