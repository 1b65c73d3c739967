/* trellis-store.h
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

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "trellis-clock.h"

G_BEGIN_DECLS

/* "TRLS": written to PRAGMA application_id so other SQLite files are recognised. */
#define TRELLIS_APPLICATION_ID 0x54524C53

#define TRELLIS_STORE_ERROR (trellis_store_error_quark ())

typedef enum {
  TRELLIS_STORE_ERROR_OPEN,
  TRELLIS_STORE_ERROR_NOT_A_WORKSPACE,
  TRELLIS_STORE_ERROR_NEWER_VERSION,
  TRELLIS_STORE_ERROR_SQL,
  TRELLIS_STORE_ERROR_CONSTRAINT,
  TRELLIS_STORE_ERROR_READ_ONLY,
} TrellisStoreError;

#define TRELLIS_TYPE_STORE (trellis_store_get_type ())
G_DECLARE_FINAL_TYPE (TrellisStore, trellis_store, TRELLIS, STORE, GObject)

GQuark        trellis_store_error_quark          (void);
int           trellis_store_schema_version       (void);

/* Opens (creating with mode 0600 if missing) and migrates a workspace.
 * ":memory:" gives a private in-memory workspace. */
TrellisStore *trellis_store_open                 (const char    *path,
                                                  GError       **error);
const char   *trellis_store_get_path             (TrellisStore  *self);
int           trellis_store_get_user_version     (TrellisStore  *self);
sqlite3      *trellis_store_get_handle           (TrellisStore  *self);
/* Stops the statement running on the connection, from any thread: a
 * search that the person has already typed past. */
void          trellis_store_interrupt            (TrellisStore  *self);

/* Returns a cached, reset statement with bindings cleared; owned by the store. */
sqlite3_stmt *trellis_store_prepare              (TrellisStore  *self,
                                                  const char    *sql,
                                                  GError       **error);
gboolean      trellis_store_exec                 (TrellisStore  *self,
                                                  const char    *sql,
                                                  GError       **error);
/* Steps a statement that returns no rows and resets it. */
gboolean      trellis_store_step_done            (TrellisStore  *self,
                                                  sqlite3_stmt  *stmt,
                                                  GError       **error);
gboolean      trellis_store_begin                (TrellisStore  *self,
                                                  GError       **error);
gboolean      trellis_store_commit               (TrellisStore  *self,
                                                  GError       **error);
void          trellis_store_rollback             (TrellisStore  *self);
gboolean      trellis_store_in_transaction       (TrellisStore  *self);
gint64        trellis_store_count_rows           (TrellisStore  *self,
                                                  const char    *table,
                                                  GError       **error);
/* Every user table in the schema, in dependency order (parents first). */
const char * const *trellis_store_list_tables    (void);
void          trellis_store_set_error            (TrellisStore  *self,
                                                  GError       **error,
                                                  const char    *what);
void          trellis_store_close                (TrellisStore  *self);

/* The clock and the person acting, as recorded by the audit trail. Without a
 * clock the store uses trellis_clock_new (). */
void          trellis_store_set_clock            (TrellisStore  *self,
                                                  TrellisClock  *clock);
TrellisClock *trellis_store_get_clock            (TrellisStore  *self);
void          trellis_store_set_actor            (TrellisStore  *self,
                                                  const char    *employee_id);
const char   *trellis_store_get_actor            (TrellisStore  *self);
/* "2026-11-22T09:30:00Z": how timestamps are stored (UTC, sortable). */
char         *trellis_store_dup_now              (TrellisStore  *self);

/* Binding helpers: NULL or empty text binds SQL NULL. */
void          trellis_stmt_bind_text_or_null     (sqlite3_stmt  *stmt,
                                                  int            index,
                                                  const char    *text);
const char   *trellis_stmt_column_text           (sqlite3_stmt  *stmt,
                                                  int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
