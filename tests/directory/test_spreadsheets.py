"""The one rule that keeps a spreadsheet from evaluating an exported cell."""

import pytest

from core.spreadsheets import neutralise_csv_cell


@pytest.mark.parametrize("value", ["=1+1", "+44 1905", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_starting_like_a_formula_becomes_text(value):
    assert neutralise_csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Abbey Primary", "", "a=b", 42, None, "'quoted"])
def test_other_cells_are_left_alone(value):
    assert neutralise_csv_cell(value) == value
