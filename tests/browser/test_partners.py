"""Anyone tells a coordinator a detail is wrong, and a partner keeps their own details right, on
a phone as people would."""

from playwright.sync_api import expect

from directory.models import ChangeSuggestion, Person

from .helpers import PHONE, horizontal_overflow, screenshot, sign_in


def test_a_visitor_on_a_phone_tells_the_coordinator_an_lct_detail_is_wrong(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo_site}/partnerships/redditch/")

    page.get_by_role("link", name="Suggest a change to Redditch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggest a change")
    page.get_by_role("button", name="Send to the coordinator").click()
    expect(page.get_by_role("alert")).to_contain_text("Tell us what is wrong")
    screenshot(page, "suggest a change error")

    page.get_by_label("What is wrong").fill("The chair changed in September.")
    page.get_by_label("Your email address (optional)").fill("parent@example.org")
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    page.get_by_role("button", name="Send to the coordinator").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Suggestion sent")
    screenshot(page, "suggestion sent")
    suggestion = ChangeSuggestion.objects.get()
    assert suggestion.area.slug == "redditch"
    assert suggestion.email == "parent@example.org"


def test_a_partner_makes_their_phone_number_public_from_their_account(page, demo_site):
    page.set_viewport_size(PHONE)
    sign_in(page, demo_site, "partner")
    page.get_by_role("link", name="Change your contact details").click()

    page.get_by_label("Work phone number").fill("01527 64252")
    page.get_by_label("Public: anyone").check()
    screenshot(page, "own contact details")
    assert horizontal_overflow(page) is None, horizontal_overflow(page)
    page.get_by_role("button", name="Save your details").click()

    page.wait_for_url("**/account/")
    expect(page.get_by_text("Your contact details have been saved.")).to_be_visible()
    person = Person.objects.get(user__username="partner")
    assert (person.phone, person.visibility) == ("01527 64252", "public")
