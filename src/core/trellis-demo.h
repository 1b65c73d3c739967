/* trellis-demo.h
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

#define TRELLIS_DEMO_DEFAULT_EMPLOYEES 2100
#define TRELLIS_DEMO_DEFAULT_SEED      4

typedef struct {
  guint   n_employees;
  guint64 seed;
  /* The current year: cycles are built for it and hire dates end before it. */
  int     year;
  /* The day the demo is "as of": goals of later quarters are not set yet and
   * check-ins stop here. trellis_demo_options_init() sets 31 December of
   * @year (a finished year); the application passes its clock's today. */
  GDate   today;
  /* FALSE writes the organisation and cycles only (quicker, for tests of
   * the organisation). TRUE by default. */
  gboolean with_goals;
} TrellisDemoOptions;

void     trellis_demo_options_init (TrellisDemoOptions       *options,
                                    int                       year);
/* Fills an empty store with the organisation of seed 004: a medical-device
 * distributor with a head office and 17 sales-and-service regions. The same
 * options always give the same workspace. Runs in one transaction; on error
 * or cancellation nothing is written. */
gboolean trellis_demo_generate     (TrellisStore             *store,
                                    const TrellisDemoOptions *options,
                                    TrellisProgressFunc       progress,
                                    gpointer                  progress_data,
                                    GCancellable             *cancellable,
                                    GError                  **error);

G_END_DECLS
