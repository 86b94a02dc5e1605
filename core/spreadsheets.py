"""Spreadsheet exports that a name cannot turn into a formula.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets when a CSV is opened (OWASP "CSV injection"): a person
named `=HYPERLINK("http://x")` would become a live link in an administrator's export. Every
CSV export prefixes such a cell with an apostrophe, which spreadsheets show as text. The XLSX
export needs nothing: Wagtail writes every cell openpyxl takes for a formula as a string.
"""

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv_cell(value):
    """The value as a CSV cell no spreadsheet will evaluate; non-strings unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCSVExportMixin:
    """For views with Wagtail's `SpreadsheetExportMixin`: every CSV cell neutralised.

    `preprocess_field_value` is where Wagtail turns each value into what `write_csv_row` writes
    (after `to_row_dict`, custom preprocessors and `force_str`), so every column passes here.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_csv_cell(value)
        return value
