"""Template context shared by every page."""

NAV_LINKS = [
    ("/interviews/", "Interviews"),
    ("/contacts/", "Contacts"),
    ("/companies/", "Companies"),
    ("/reminders/", "Reminders"),
    ("/settings/", "Settings"),
]


def navigation(request):
    path = request.path
    return {"nav_links": [(url, label, path.startswith(url)) for url, label in NAV_LINKS]}
