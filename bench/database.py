"""A benchmark's own database: created on the local server if it is not there, migrated, Django set up."""

from __future__ import annotations

import os


def setup_django(database_url: str) -> None:
    """Point Django at `database_url` (a PostgreSQL one is created first if missing), set it up and migrate."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("REDRESS_DEBUG", "false")
    os.environ.setdefault("REDRESS_TESTING", "true")  # plain static storage; fast password hashing
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    if database_url.startswith("postgres"):
        import psycopg

        server, name = database_url.rsplit("/", 1)
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
