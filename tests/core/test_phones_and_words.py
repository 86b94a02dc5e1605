"""Pure rules on what people type: phone numbers dial with ASCII digits only, and a search is
at most a dozen words."""

import pytest

from core.phones import phone_problem, tel_target
from core.text import MAX_SEARCH_WORDS, search_words


@pytest.mark.parametrize("number", ["0²²²² ²²²²²²", "٠١٩٠٥ ٨٢٢٦٦٦", "01905 ８２２６６６"])
def test_digits_other_than_ascii_are_refused_and_never_dialled(number):
    assert phone_problem(number) == "Use only digits, spaces, brackets, hyphens and a leading +"
    assert set(tel_target(number)) <= set("0123456789+")


def test_a_phone_number_as_people_write_it_dials():
    assert phone_problem("(01527) 64252 1") == ""
    assert tel_target("+44 1905 822666") == "+441905822666"


def test_a_search_keeps_the_first_dozen_words():
    typed = " ".join(f"w{n}" for n in range(100))
    assert search_words(typed).split() == [f"w{n}" for n in range(MAX_SEARCH_WORDS)]
