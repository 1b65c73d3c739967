/* trellis-migrations.c
 *
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-migrations"

#include "config.h"

#include "trellis-migrations.h"
#include "trellis-store.h"

/* Each entry takes the schema from version i to i + 1. Never edit an entry
 * that has shipped: add a new one. Foreign keys are deferred so that a
 * transaction can insert records in any order (managers after reports,
 * departments after their heads); they are checked at COMMIT. */
static const char * const migrations[] = {
  /* 0 → 1: organisation and cycles */
  "CREATE TABLE workspace_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE departments ("
  "  id        TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  name      TEXT NOT NULL CHECK (length (name) > 0),"
  "  kind      TEXT NOT NULL CHECK (kind IN ('company', 'region', 'department', 'team')),"
  "  parent_id TEXT REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,"
  "  head_id   TEXT REFERENCES employees (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,"
  "  CHECK (parent_id IS NULL OR parent_id <> id)"
  ") STRICT;"
  "CREATE INDEX departments_by_parent ON departments (parent_id);"
  /* SQLite looks child rows up by the referencing column when a parent row
   * is written: without this index every new employee scans departments. */
  "CREATE INDEX departments_by_head ON departments (head_id);"

  "CREATE TABLE employees ("
  "  id            TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  name          TEXT NOT NULL CHECK (length (name) > 0),"
  "  english_name  TEXT,"
  "  email         TEXT,"
  "  title         TEXT,"
  "  level         TEXT,"
  "  department_id TEXT NOT NULL REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,"
  "  manager_id    TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  hire_date     TEXT CHECK (hire_date IS NULL OR date (hire_date) = hire_date),"
  "  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  CHECK (manager_id IS NULL OR manager_id <> id)"
  ") STRICT;"
  "CREATE INDEX employees_by_department ON employees (department_id);"
  "CREATE INDEX employees_by_manager ON employees (manager_id);"

  "CREATE TABLE cycles ("
  "  id         TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('year', 'half', 'quarter', 'month', 'week')),"
  "  name       TEXT NOT NULL,"
  "  start_date TEXT NOT NULL CHECK (date (start_date) = start_date),"
  "  end_date   TEXT NOT NULL CHECK (date (end_date) = end_date),"
  "  parent_id  TEXT REFERENCES cycles (id) DEFERRABLE INITIALLY DEFERRED,"
  "  CHECK (end_date >= start_date)"
  ") STRICT;"
  "CREATE INDEX cycles_by_parent ON cycles (parent_id);",
};

int
trellis_migrations_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
trellis_migrations_apply (sqlite3  *db,
                          int       from_version,
                          GError  **error)
{
  char *message = NULL;
  int latest = trellis_migrations_latest_version ();

  g_return_val_if_fail (from_version >= 0 && from_version <= latest, FALSE);

  if (from_version == latest)
    return TRUE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    goto failed;

  for (int v = from_version; v < latest; v++)
    {
      if (sqlite3_exec (db, migrations[v], NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_SQL,
                       "Could not upgrade the workspace to version %d: %s",
                       v + 1, message);
          sqlite3_free (message);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  {
    g_autofree char *pragmas =
      g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                       TRELLIS_APPLICATION_ID, latest);
    if (sqlite3_exec (db, pragmas, NULL, NULL, &message) != SQLITE_OK)
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        goto failed;
      }
  }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  return TRUE;

failed:
  g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_SQL,
               "Could not upgrade the workspace: %s", message ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}
