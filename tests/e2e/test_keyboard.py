"""The interview form with the keyboard alone, on a phone: focus always visible, in reading order, and a
contact found through the search box."""

import pytest
from playwright.sync_api import expect

from followup.models import Interview
from tests.factories import CompanyFactory, ContactFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# What the focused element is, where it is, and whether it shows that it has focus.
FOCUSED = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const painted = (color) => !/^(transparent|rgba\(.*,\s*0\))$/.test(color);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && painted(style.outlineColor);
  const shadowed = style.boxShadow !== "none" && painted(style.boxShadow.split(")")[0] + ")");
  return {
    key: el.name || el.id || el.textContent.trim(),
    tag: el.tagName.toLowerCase(),
    inMain: Boolean(el.closest("main")),
    visibleFocus: outlined || shadowed,
    style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
    top: box.top + window.scrollY,
    left: box.left + window.scrollX,
    width: box.width,
    height: box.height,
  };
}"""

TYPED = {
    "company_name": "Contoso Health",
    "role": "Product Designer",
    "round": "Final panel",
    "location": "Video call",
    "people-0-name": "Dana Whitfield",
    "people-0-title": "Design Director",
    "people-0-discussed": "the patient onboarding redesign",
    "people-1-name": "Omar Haddad",
    "people-1-discussed": "accessibility reviews before release",
    "topics": "design systems and research with patients",
}
EXPECTED_ORDER = [
    "invite_file",  # the calendar invite box comes first: most interviews arrive as an invite
    "invite_text",
    "import_invite",
    "company_name",
    "role",
    "round",
    "format",
    "starts_at",
    "ends_at",
    "location",
    *(f"people-0-{field}" for field in ("contact_search", "name", "title", "email", "discussed")),
    "add_person",  # Space here adds person 2 and moves focus into the new row
    *(f"people-1-{field}" for field in ("contact_search", "name", "title", "email", "discussed")),
    "add_person",
    "topics",
    "missed_point",
    "why_role",
    "contribution",
    "decision_date",
    "since_we_spoke",
    "notes",
    "status",
    "Save interview",
]


def test_the_interview_form_can_be_filled_and_saved_with_the_keyboard_alone(open_browser):
    user = UserFactory(time_zone="Europe/Berlin")
    phone = open_browser("phone", session_for=user)
    page, keyboard = phone.page, phone.page.keyboard
    page.goto("/interviews/new/")

    # The first stop is the skip link, shown when focused; it leads straight to the form.
    keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    keyboard.press("Enter")

    order: list[str] = []
    stops: list[dict] = []
    added_person = False
    for _ in range(150):
        keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused is not None, f"Focus fell off the page after {order}"
        assert focused["visibleFocus"], (
            f"{focused['key']} ({focused['tag']}) shows no focus indicator: {focused['style']}"
        )
        assert focused["width"] > 0 and focused["height"] > 0, f"{focused['key']} has focus but is not shown"
        if order and order[-1] == focused["key"]:
            continue  # the next part (day, month, hour…) of the same date box
        assert focused["inMain"], f"Focus left the form after {order}, at {focused['key']}"
        if stops:
            # Tab moves down the page; a stop beside the last one (Save, then Cancel) moves right.
            previous = stops[-1]
            assert focused["top"] >= previous["top"] - 1, f"{focused['key']} is above {previous['key']}"
            if abs(focused["top"] - previous["top"]) < 1:
                assert focused["left"] > previous["left"], f"{focused['key']} is left of {previous['key']}"
        order.append(focused["key"])
        stops.append(focused)
        if focused["key"] in TYPED:
            keyboard.type(TYPED[focused["key"]])
        elif focused["key"] == "add_person" and not added_person:
            added_person = True
            keyboard.press("Space")
            new_row = page.get_by_role("group", name="Person 2")
            expect(new_row.get_by_label("Search your contacts")).to_be_focused()
            focused = page.evaluate(FOCUSED)
            order.append(focused["key"])
            stops.append(focused)
        elif focused["key"] == "Save interview":
            break
    assert order == EXPECTED_ORDER
    phone.check("keyboard-form-filled")

    keyboard.press("Enter")
    expect(page.get_by_text("Interview saved.")).to_be_visible()
    interview = Interview.objects.get(user=user)
    assert (interview.company.name, interview.role, interview.round) == (
        "Contoso Health",
        "Product Designer",
        "Final panel",
    )
    assert [p.contact.name for p in interview.participants.order_by("position")] == [
        "Dana Whitfield",
        "Omar Haddad",
    ]
    phone.check("keyboard-interview-saved")


def test_a_contact_is_found_and_picked_with_the_keyboard_on_a_phone(open_browser):
    user = UserFactory(time_zone="Europe/Berlin")
    acme = CompanyFactory(user=user, name="Acme Robotics")
    ContactFactory(user=user, company=acme, name="Priya Singh", title="Engineering Manager")
    ContactFactory(user=user, company=acme, name="Priyanka Rao", title="Recruiter")
    stranger = UserFactory()
    ContactFactory(
        user=stranger, name="Priya Theirs", company=CompanyFactory(user=stranger, name="Elsewhere")
    )
    phone = open_browser("phone", session_for=user)
    page, keyboard = phone.page, phone.page.keyboard
    page.goto("/interviews/new/")
    page.locator('[name="company_name"]').fill("Acme Robotics")
    page.locator('[name="role"]').fill("Data Engineer")
    person = page.get_by_role("group", name="Person 1")

    person.get_by_label("Search your contacts").focus()
    keyboard.type("PRIYA")
    expect(person.get_by_role("button", name="Priyanka Rao (Recruiter), Acme Robotics")).to_be_visible()
    expect(
        person.get_by_role("button", name="Priya Singh (Engineering Manager), Acme Robotics")
    ).to_be_visible()
    expect(page.get_by_text("Priya Theirs")).to_have_count(0)
    keyboard.press("ArrowDown")
    expect(
        person.get_by_role("button", name="Priya Singh (Engineering Manager), Acme Robotics")
    ).to_be_focused()
    keyboard.press("Enter")

    expect(
        person.get_by_text("Someone in your contacts: Priya Singh (Engineering Manager), Acme Robotics")
    ).to_be_visible()
    expect(person.get_by_role("button", name="Change")).to_be_focused()
    phone.check("interview-contact-picked")
    person.get_by_label("What you discussed with them").fill("the data platform migration")
    page.get_by_role("button", name="Save interview").focus()
    keyboard.press("Enter")

    expect(page.get_by_text("Interview saved.")).to_be_visible()
    interview = Interview.objects.get(user=user)
    assert [(p.contact.name, p.discussed) for p in interview.participants.all()] == [
        ("Priya Singh", "the data platform migration")
    ]
