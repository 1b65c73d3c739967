/* trellis-interchange.h
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

#include "trellis-progress.h"
#include "trellis-store.h"

G_BEGIN_DECLS

/* The JSON interchange format, documented in docs/file-format.md. */
#define TRELLIS_INTERCHANGE_VERSION 1

#define TRELLIS_IMPORT_ERROR (trellis_import_error_quark ())

typedef enum {
  TRELLIS_IMPORT_ERROR_PARSE,
  TRELLIS_IMPORT_ERROR_FORMAT,
  TRELLIS_IMPORT_ERROR_VERSION,
  TRELLIS_IMPORT_ERROR_INVALID_RECORD,
} TrellisImportError;

GQuark   trellis_import_error_quark      (void);

/* Deterministic output: records sorted by id, keys in a fixed order. */
char    *trellis_interchange_export      (TrellisStore         *store,
                                          GError              **error);
gboolean trellis_interchange_export_file (TrellisStore         *store,
                                          const char           *path,
                                          GError              **error);
/* Validates everything, then writes in one transaction. Records may refer to
 * ones already in the workspace; an id that already exists is an error. On
 * any error the workspace is unchanged and the message names the source, the
 * record ("employees[12] (id "E00013")"), the field and the reason. */
gboolean trellis_interchange_import      (TrellisStore         *store,
                                          const char           *json,
                                          gssize                length,
                                          const char           *source_name,
                                          TrellisProgressFunc   progress,
                                          gpointer              progress_data,
                                          GCancellable         *cancellable,
                                          GError              **error);
gboolean trellis_interchange_import_file (TrellisStore         *store,
                                          const char           *path,
                                          TrellisProgressFunc   progress,
                                          gpointer              progress_data,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
