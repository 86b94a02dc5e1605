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


def bulk_insert(objects):
    """`bulk_create(objects)` for new instances of one model, with plain column types.

    On PostgreSQL one INSERT from one binary array per column (`unnest`), where Django's
    compiles every value of every row and quotes it into the SQL: for a thousand schools that
    was most of the time of the write. Values are prepared as bulk_create prepares them
    (`pre_save`, so `auto_now` fields are set; `get_db_prep_save`); the primary keys come back
    in order, as bulk_create sets them. Elsewhere, and for instances with a primary key already,
    bulk_create itself.
    """
    if not objects:
        return objects
    model = type(objects[0])
    opts = model._meta
    if (
        connection.vendor != "postgresql"
        or any(o.pk is not None for o in objects)
        or any(f.has_db_default() for f in opts.concrete_fields)
    ):
        return model._default_manager.bulk_create(objects)
    for o in objects:
        o._prepare_related_fields_for_save(operation_name="bulk_create")
    fields = [f for f in opts.concrete_fields if not f.generated and f is not opts.pk]
    arrays = [
        [f.get_db_prep_save(f.pre_save(o, True), connection) for o in objects] for f in fields
    ]
    quote = connection.ops.quote_name
    columns = [quote(f.column) for f in fields]
    # Arrays of the column's type without its length (varchar, not varchar(255)): a cast would
    # cut a long value short, where the INSERT refuses it as it refuses Django's.
    types = [f.db_type(connection).split("(")[0] for f in fields]
    statement = f"""
        INSERT INTO {quote(opts.db_table)} ({", ".join(columns)})
        SELECT {", ".join(f"r.{c}" for c in columns)}
        FROM unnest({", ".join(f"%b::{t}[]" for t in types)}) WITH ORDINALITY
             AS r({", ".join(columns)}, _position)
        ORDER BY r._position
        RETURNING {quote(opts.pk.column)}
    """  # noqa: S608 (names only; every value is a parameter)
    with binary_cursor() as cursor:
        cursor.execute(statement, arrays)
        pks = [pk for (pk,) in cursor.fetchall()]
    for o, pk in zip(objects, pks, strict=True):
        o.pk = pk
        o._state.adding = False
        o._state.db = connection.alias
    return objects


def bulk_update(objects, field_names):
    """`bulk_update(objects, field_names)` for saved instances of one model, with plain column
    types.

    On PostgreSQL one `UPDATE ... FROM unnest(...)` with a binary array per column, where
    Django's builds a `CASE WHEN id = ... THEN ...` per field per row: for a thousand schools
    renamed, seconds of Python and a statement PostgreSQL takes long to plan. Values are
    prepared as bulk_update prepares them (no `pre_save`: `auto_now` is the caller's to set).
    Elsewhere bulk_update itself.
    """
    if not objects:
        return
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objects, field_names)
        return
    opts = model._meta
    fields = [opts.get_field(name) for name in field_names]
    for o in objects:
        o._prepare_related_fields_for_save(operation_name="bulk_update", fields=fields)
    fields = [opts.pk, *fields]
    arrays = [
        [f.get_db_prep_save(getattr(o, f.attname), connection) for o in objects] for f in fields
    ]
    quote = connection.ops.quote_name
    columns = [quote(f.column) for f in fields]
    types = [f.db_type(connection).split("(")[0] for f in fields]
    table = quote(opts.db_table)
    statement = f"""
        UPDATE {table} SET {", ".join(f"{c} = r.{c}" for c in columns[1:])}
        FROM unnest({", ".join(f"%b::{t}[]" for t in types)}) AS r({", ".join(columns)})
        WHERE {table}.{columns[0]} = r.{columns[0]}
    """  # noqa: S608 (names only; every value is a parameter)
    with binary_cursor() as cursor:
        cursor.execute(statement, arrays)
