"""The SQL that keeps each user's DataStamp moving, and how a page reads it.

Every table whose rows a user's pages show gets a constraint trigger named TRIGGER_NAME. It is deferred to
commit, so the stamp's row lock is taken only as a transaction ends, after every other lock it holds: two
transactions cannot each hold a row the other's stamp update waits for. The stamp and the rows it covers
become visible in the same commit, and a page reads the stamp before anything else, so a page rendered
under stamp N can only show rows at least as new as N (followup/views/page_cache.py).

A transaction that changes rows of many users at once (the reminder sweeper's claims) first takes their
stamps in ascending order with `stamps_hold`: commit-time triggers fire in the order rows were written,
and two such transactions taking the same stamps in different orders could each wait for the other.

Only PostgreSQL has the triggers; with SQLite (`make run`'s embedded default) pages are not cached.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

TRIGGER_NAME = "followup_data_stamp"

# One trigger function for each way a row leads to its user (the migrations name it by the column):
# "user_id" for most tables, "id" for the user's own row, "interview_id" for rows that belong to an
# interview (the people met: the user is the interview's; when the interview was deleted in the same
# transaction, its own row has moved the stamp). followup_data_stamp_move moves a stamp once per user in a
# statement: deferred triggers all run in the COMMIT statement, so a claim of 2,000 rows for 100 users
# writes 100 stamps, not 2,000; tests that fire them at once (tests/conftest.py) get one per statement.
# The stamp rows exist from the start (SEED_STAMPS, and a new user's first row), so an UPDATE is the
# usual path and the upsert only a fallback.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION followup_data_stamp_move(owner bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    marker text := 'followup.stamp_' || owner;
    now_text text := statement_timestamp()::text;
BEGIN
    IF owner IS NULL OR current_setting(marker, true) IS NOT DISTINCT FROM now_text THEN
        RETURN;
    END IF;
    UPDATE followup_datastamp SET version = version + 1 WHERE user_id = owner;
    IF NOT FOUND THEN
        INSERT INTO followup_datastamp (user_id, version) VALUES (owner, 1)
        ON CONFLICT (user_id) DO UPDATE SET version = followup_datastamp.version + 1;
    END IF;
    PERFORM set_config(marker, now_text, true);
END;
$$;

CREATE OR REPLACE FUNCTION followup_data_stamp_by_user_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN PERFORM followup_data_stamp_move(NEW.user_id); END IF;
    IF TG_OP = 'DELETE' OR NEW.user_id IS DISTINCT FROM OLD.user_id THEN
        PERFORM followup_data_stamp_move(OLD.user_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION followup_data_stamp_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM followup_data_stamp_move(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION followup_data_stamp_by_interview_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    interview bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.interview_id ELSE NEW.interview_id END;
BEGIN
    PERFORM followup_data_stamp_move((SELECT user_id FROM followup_interview WHERE id = interview));
    RETURN NULL;
END;
$$;
"""
DROP_FUNCTION = """
DROP FUNCTION IF EXISTS followup_data_stamp_by_user_id();
DROP FUNCTION IF EXISTS followup_data_stamp_by_id();
DROP FUNCTION IF EXISTS followup_data_stamp_by_interview_id();
DROP FUNCTION IF EXISTS followup_data_stamp_move(bigint);
"""
# Every user has a stamp row from the start (a new user's is written as their row commits), so
# stamps_hold finds a row to lock for anyone.
SEED_STAMPS = (
    "INSERT INTO followup_datastamp (user_id, version) SELECT id, 0 FROM followup_user "
    "ON CONFLICT (user_id) DO NOTHING;"
)


def create_trigger_sql(table: str, owner_column: str) -> str:
    return (
        f"CREATE CONSTRAINT TRIGGER {TRIGGER_NAME} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER_NAME}_by_{owner_column}();"
    )


def drop_trigger_sql(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {table};"


def stamping_operations(tables: dict[str, str]) -> list:
    """Migration operations that add (and on reverse, drop) the trigger on each table, PostgreSQL only."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, owner_column in tables.items():
                schema_editor.execute(create_trigger_sql(table, owner_column))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(drop_trigger_sql(table))

    return [migrations.RunPython(forwards, backwards, elidable=False)]


def stamps_enabled() -> bool:
    return connection.vendor == "postgresql"


def data_stamp(*, user_id: int) -> int:
    """The user's stamp now: 0 until the first change of their rows."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM followup_datastamp WHERE user_id = %s", [user_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def stamps_hold(*, user_ids: Iterable[int]) -> None:
    """Locks these users' stamps in ascending order until the transaction ends; call inside one that is
    about to change rows of several users. Its own triggers then find the stamps held already, and two
    such transactions cannot deadlock (each waiting at commit for a stamp the other holds)."""
    ids = sorted(set(user_ids))
    if not ids or not stamps_enabled():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT user_id FROM followup_datastamp WHERE user_id = ANY(%s) ORDER BY user_id FOR UPDATE",
            [ids],
        )
