/* trellis-demo-goals.h
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

#include "trellis-demo.h"
#include "trellis-progress.h"
#include "trellis-store.h"

G_BEGIN_DECLS

/* The goal year of the demo company (seed 004, step 1 "动态目标看板"):
 * company objectives for the year, HQ department objectives per half,
 * region and sales/service department objectives per quarter, personal
 * business and development objectives per quarter, the workflow states,
 * weekly check-ins up to @options->today, a few goal-change requests and
 * the seed's dynamic weight rule.
 *
 * Reads the organisation and cycles already written to @store (ids as
 * trellis_demo_generate() makes them) and must run inside the caller's
 * transaction. Every random choice comes from @rng, the generator state
 * trellis_demo_generate() used for the organisation, so the same seed gives
 * the same goals. Progress is reported from @progress_from to 1.0; the
 * cancellable is checked every few hundred people. */
gboolean trellis_demo_goals_generate (TrellisStore             *store,
                                      const TrellisDemoOptions *options,
                                      guint64                  *rng,
                                      TrellisProgressFunc       progress,
                                      gpointer                  progress_data,
                                      double                    progress_from,
                                      GCancellable             *cancellable,
                                      GError                  **error);

G_END_DECLS
