/* trellis-store.c
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

#define G_LOG_DOMAIN "trellis-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "trellis-migrations.h"
#include "trellis-store.h"

struct _TrellisStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* SQL text → sqlite3_stmt*, finalized when the store closes. */
  GHashTable *statements;
  TrellisClock *clock;
  char       *actor_id;
  int         user_version;
  guint       transaction_depth;
  /* An inner rollback dooms the outer transaction; its commit then fails. */
  gboolean    transaction_doomed;
};

G_DEFINE_FINAL_TYPE (TrellisStore, trellis_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (trellis-store-error-quark, trellis_store_error)

static const char * const tables[] = {
  "workspace_meta",
  "departments",
  "employees",
  "cycles",
  "goals",
  "key_results",
  "checkins",
  "checkin_evidence",
  "approval_steps",
  "goal_approvals",
  "change_requests",
  "weight_rules",
  "notices",
  "kr_library",
  "goal_templates",
  "goal_template_key_results",
  "audit_log",
  NULL
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static int
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return TRELLIS_STORE_ERROR_CONSTRAINT;
    case SQLITE_READONLY:
      return TRELLIS_STORE_ERROR_READ_ONLY;
    case SQLITE_NOTADB:
      return TRELLIS_STORE_ERROR_NOT_A_WORKSPACE;
    default:
      return TRELLIS_STORE_ERROR_SQL;
    }
}

void
trellis_store_set_error (TrellisStore  *self,
                         GError       **error,
                         const char    *what)
{
  int code = sqlite3_extended_errcode (self->db);

  g_set_error (error, TRELLIS_STORE_ERROR, error_code_for (code),
               "%s: %s", what, sqlite3_errmsg (self->db));
}

static void
trellis_store_finalize (GObject *object)
{
  TrellisStore *self = (TrellisStore *)object;

  trellis_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor_id, g_free);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (trellis_store_parent_class)->finalize (object);
}

static void
sql_now (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  TrellisStore *self = sqlite3_user_data (context);
  g_autofree char *now = trellis_store_dup_now (self);

  sqlite3_result_text (context, now, -1, SQLITE_TRANSIENT);
}

static void
sql_actor (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  TrellisStore *self = sqlite3_user_data (context);

  if (self->actor_id != NULL)
    sqlite3_result_text (context, self->actor_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_null (context);
}

static void
trellis_store_class_init (TrellisStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_store_finalize;
}

static void
trellis_store_init (TrellisStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  g_set_error (error, TRELLIS_STORE_ERROR, error_code_for (sqlite3_extended_errcode (db)),
               "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

/* Creates the file ourselves so it is 0600 from the first byte: a workspace
 * holds personal data. SQLite gives its -wal and -shm files the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;

      g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_OPEN,
                   "Could not create “%s”: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/* Reads the identity of an existing file without writing to it, so a file we
 * refuse is left exactly as it was. */
static gboolean
check_identity (TrellisStore  *self,
                int           *out_version,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  int application_id = 0;
  int user_version = 0;
  int n_tables = 0;
  int latest = trellis_migrations_latest_version ();

  if (!query_int (self->db, "PRAGMA application_id", &application_id, &local_error) ||
      !query_int (self->db, "PRAGMA user_version", &user_version, &local_error) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_schema", &n_tables, &local_error))
    {
      if (g_error_matches (local_error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_NOT_A_WORKSPACE))
        g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_NOT_A_WORKSPACE,
                     "“%s” is not a Trellis workspace: it is not an SQLite database",
                     self->path);
      else
        g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_OPEN,
                     "Could not read “%s”: %s", self->path, local_error->message);
      return FALSE;
    }

  if ((application_id != 0 && application_id != TRELLIS_APPLICATION_ID) ||
      (application_id == 0 && n_tables > 0))
    {
      g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_NOT_A_WORKSPACE,
                   "“%s” is not a Trellis workspace: it is an SQLite database of another application",
                   self->path);
      return FALSE;
    }

  if (user_version > latest)
    {
      g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_NEWER_VERSION,
                   "“%s” was written by a newer version of Trellis (workspace format %d; "
                   "this version reads up to %d). Update Trellis to open it; the file was not changed.",
                   self->path, user_version, latest);
      return FALSE;
    }

  *out_version = user_version;
  return TRUE;
}

TrellisStore *
trellis_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(TrellisStore) self = NULL;
  gboolean in_memory;
  int from_version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  in_memory = g_str_equal (path, ":memory:");

  if (!in_memory)
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_OPEN,
                       "“%s” is a folder, not a Trellis workspace", path);
          return NULL;
        }
      if (!create_private_file (path, error))
        return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_OPEN,
                   "Could not open “%s”: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  /* Used by the audit triggers; not deterministic, so SQLite never caches them. */
  sqlite3_create_function (self->db, "trellis_now", 0, SQLITE_UTF8, self, sql_now, NULL, NULL);
  sqlite3_create_function (self->db, "trellis_actor", 0, SQLITE_UTF8, self, sql_actor, NULL, NULL);

  if (!check_identity (self, &from_version, error))
    return NULL;

  if (!trellis_store_exec (self,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA temp_store = MEMORY;",
                           error))
    return NULL;

  if (!in_memory)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean is_wal = FALSE;

      if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        is_wal = g_ascii_strcasecmp ((const char *)sqlite3_column_text (stmt, 0), "wal") == 0;
      sqlite3_finalize (stmt);

      if (!is_wal)
        {
          trellis_store_set_error (self, error, "Could not switch the workspace to WAL journal mode");
          return NULL;
        }
    }

  if (!trellis_migrations_apply (self->db, from_version, error))
    return NULL;

  self->user_version = trellis_migrations_latest_version ();

  return g_steal_pointer (&self);
}

int
trellis_store_schema_version (void)
{
  return trellis_migrations_latest_version ();
}

const char *
trellis_store_get_path (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), NULL);
  return self->path;
}

int
trellis_store_get_user_version (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), 0);
  return self->user_version;
}

sqlite3 *
trellis_store_get_handle (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), NULL);
  return self->db;
}

void
trellis_store_interrupt (TrellisStore *self)
{
  g_return_if_fail (TRELLIS_IS_STORE (self));
  sqlite3_interrupt (self->db);
}

sqlite3_stmt *
trellis_store_prepare (TrellisStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      trellis_store_set_error (self, error, "Could not prepare a query");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
trellis_store_exec (TrellisStore  *self,
                    const char    *sql,
                    GError       **error)
{
  char *message = NULL;

  g_return_val_if_fail (TRELLIS_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TRELLIS_STORE_ERROR,
                   error_code_for (sqlite3_extended_errcode (self->db)),
                   "%s", message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
trellis_store_step_done (TrellisStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      trellis_store_set_error (self, error, "Could not save");
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/* Nested calls join the outer transaction; only the outermost commits. */
gboolean
trellis_store_begin (TrellisStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), FALSE);

  if (self->transaction_depth == 0 &&
      !trellis_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

gboolean
trellis_store_commit (TrellisStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth > 1)
    {
      self->transaction_depth--;
      return TRUE;
    }

  if (self->transaction_doomed)
    {
      trellis_store_rollback (self);
      g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_SQL,
                   "Nothing was saved: part of the change failed and was rolled back");
      return FALSE;
    }

  if (!trellis_store_exec (self, "COMMIT", error))
    {
      trellis_store_rollback (self);
      return FALSE;
    }

  self->transaction_depth = 0;
  return TRUE;
}

void
trellis_store_rollback (TrellisStore *self)
{
  g_return_if_fail (TRELLIS_IS_STORE (self));

  if (self->transaction_depth == 0)
    return;

  if (self->transaction_depth > 1)
    {
      self->transaction_depth--;
      self->transaction_doomed = TRUE;
      return;
    }

  self->transaction_depth = 0;
  self->transaction_doomed = FALSE;
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
trellis_store_in_transaction (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), FALSE);
  return self->transaction_depth > 0;
}

const char * const *
trellis_store_list_tables (void)
{
  return tables;
}

gint64
trellis_store_count_rows (TrellisStore  *self,
                          const char    *table,
                          GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (self), -1);
  g_return_val_if_fail (g_strv_contains (tables, table), -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  stmt = trellis_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trellis_store_set_error (self, error, "Could not count rows");
      sqlite3_reset (stmt);
      return -1;
    }

  {
    gint64 n = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    return n;
  }
}

void
trellis_store_close (TrellisStore *self)
{
  g_return_if_fail (TRELLIS_IS_STORE (self));

  if (self->db == NULL)
    return;

  while (self->transaction_depth > 0)
    trellis_store_rollback (self);
  g_hash_table_remove_all (self->statements);
  sqlite3_close (self->db);
  self->db = NULL;
}

void
trellis_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                                int           index,
                                const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
trellis_stmt_column_text (sqlite3_stmt *stmt,
                          int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

void
trellis_store_set_clock (TrellisStore *self,
                         TrellisClock *clock)
{
  g_return_if_fail (TRELLIS_IS_STORE (self));
  g_set_object (&self->clock, clock);
}

TrellisClock *
trellis_store_get_clock (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), NULL);

  if (self->clock == NULL)
    self->clock = trellis_clock_new ();
  return self->clock;
}

void
trellis_store_set_actor (TrellisStore *self,
                         const char   *employee_id)
{
  g_return_if_fail (TRELLIS_IS_STORE (self));

  g_free (self->actor_id);
  self->actor_id = g_strdup (employee_id);
}

const char *
trellis_store_get_actor (TrellisStore *self)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (self), NULL);
  return self->actor_id;
}

char *
trellis_store_dup_now (TrellisStore *self)
{
  TrellisClock *clock = trellis_store_get_clock (self);
  /* The system clock in UTC directly: local time would stat /etc/localtime
   * on every audit row. */
  g_autoptr(GDateTime) now = trellis_clock_is_fixed (clock) ? trellis_clock_get_now (clock)
                                                             : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
