/* trellis-migrations.h
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes; PRAGMA user_version of a current file. */
int      trellis_migrations_latest_version (void);
/* Applies every migration above @from_version in one transaction. */
gboolean trellis_migrations_apply          (sqlite3  *db,
                                            int       from_version,
                                            GError  **error);

G_END_DECLS
