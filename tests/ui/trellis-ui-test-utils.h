/* trellis-ui-test-utils.h
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "trellis-core.h"

G_BEGIN_DECLS

/* Loads what TrellisApplication would: the project stylesheet and the
 * icons in the resource. */
void              trellis_test_load_resources    (void);
/* A fresh demo workspace file in a new temporary folder. */
char             *trellis_test_create_demo       (guint        n_employees,
                                                  char       **out_dir);
void              trellis_test_remove_demo       (const char  *dir,
                                                  const char  *path);
TrellisWorkspace *trellis_test_open_workspace    (const char  *path);
/* Spins the main loop until @widget's frame clock has painted a frame. */
void              trellis_test_wait_for_frame    (GtkWidget   *widget);
/* Spins the main loop until @condition holds or @timeout_ms passes. */
gboolean          trellis_test_spin_until        (gboolean   (*condition) (gpointer data),
                                                  gpointer     data,
                                                  guint        timeout_ms);
void              trellis_test_spin              (guint        milliseconds);

G_END_DECLS
