"""What bulk writers owe the database: fresh planner statistics, and a cursor for big writes."""

from contextlib import contextmanager

from django.db import connection


def analyze(*models):
    """Refresh PostgreSQL's statistics for these models' tables (every table if none are named)
    after a bulk write, so that its planner knows their real size at once.

    Without it the planner may take a table of 26,000 rows for one of 2,000 until autovacuum
    next runs (minutes later, or never where it is switched off), and pick a nested loop that
    turns a 0.1 s search into minutes. Other databases: nothing to do.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not models:
            cursor.execute("ANALYZE")
        for model in models:
            cursor.execute("ANALYZE " + connection.ops.quote_name(model._meta.db_table))


@contextmanager
def binary_cursor():
    """A PostgreSQL cursor on Django's connection (in its transaction, and logged as its own
    queries are) that sends parameters apart from the SQL: `%b` ones in binary.

    Django's cursors quote every parameter into the SQL text, a few microseconds each: for a
    batch of a thousand rows of a dozen values written as a few arrays (`unnest(%b, %b)`)
    that is most of the time of the write; a binary array goes across about eight times
    faster.
    """
    import psycopg  # noqa: PLC0415 (PostgreSQL only)

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    cursor = (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    )
    with cursor:
        yield cursor
