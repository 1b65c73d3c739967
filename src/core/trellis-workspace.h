/* trellis-workspace.h
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

#include "trellis-clock.h"
#include "trellis-organisation.h"
#include "trellis-progress.h"
#include "trellis-store.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_WORKSPACE (trellis_workspace_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWorkspace, trellis_workspace, TRELLIS, WORKSPACE, GObject)

/* What the application passes down instead of singletons: the store, the
 * clock and the organisation loaded from the store. */
TrellisWorkspace    *trellis_workspace_open              (const char          *path,
                                                          TrellisClock        *clock,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
/* Opens and loads in a worker thread. */
void                 trellis_workspace_open_async        (const char          *path,
                                                          TrellisClock        *clock,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
TrellisWorkspace    *trellis_workspace_open_finish       (GAsyncResult        *result,
                                                          GError             **error);
/* Generates the demo organisation into a new file at @path (replacing any
 * file there only once generation succeeded) and opens it, in a worker
 * thread. @progress is called from that thread. */
void                 trellis_workspace_create_demo_async (const char          *path,
                                                          guint                n_employees,
                                                          guint64              seed,
                                                          TrellisClock        *clock,
                                                          TrellisProgressFunc  progress,
                                                          gpointer             progress_data,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
TrellisWorkspace    *trellis_workspace_create_demo_finish (GAsyncResult       *result,
                                                          GError             **error);

const char          *trellis_workspace_get_path          (TrellisWorkspace    *self);
TrellisStore        *trellis_workspace_get_store         (TrellisWorkspace    *self);
TrellisClock        *trellis_workspace_get_clock         (TrellisWorkspace    *self);
TrellisOrganisation *trellis_workspace_get_organisation  (TrellisWorkspace    *self);
/* The name of the top department, or the file's base name. */
char                *trellis_workspace_dup_title         (TrellisWorkspace    *self);

G_END_DECLS
