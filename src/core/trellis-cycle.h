/* trellis-cycle.h
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

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  TRELLIS_CYCLE_YEAR,
  TRELLIS_CYCLE_HALF,
  TRELLIS_CYCLE_QUARTER,
  TRELLIS_CYCLE_MONTH,
  TRELLIS_CYCLE_WEEK,
} TrellisCycleKind;

#define TRELLIS_TYPE_CYCLE (trellis_cycle_get_type ())
G_DECLARE_FINAL_TYPE (TrellisCycle, trellis_cycle, TRELLIS, CYCLE, GObject)

/* Ids are readable and stable: "2026", "2026-H1", "2026-Q3", "2026-07", "2026-W53". */
TrellisCycle     *trellis_cycle_new              (const char       *id,
                                                  TrellisCycleKind  kind,
                                                  const char       *name,
                                                  const GDate      *start,
                                                  const GDate      *end,
                                                  const char       *parent_id);
const char       *trellis_cycle_get_id           (TrellisCycle     *self);
TrellisCycleKind  trellis_cycle_get_kind         (TrellisCycle     *self);
const char       *trellis_cycle_get_name         (TrellisCycle     *self);
const char       *trellis_cycle_get_parent_id    (TrellisCycle     *self);
void              trellis_cycle_get_start        (TrellisCycle     *self,
                                                  GDate            *out_date);
/* Inclusive last day. */
void              trellis_cycle_get_end          (TrellisCycle     *self,
                                                  GDate            *out_date);
int               trellis_cycle_get_n_days       (TrellisCycle     *self);
gboolean          trellis_cycle_contains         (TrellisCycle     *self,
                                                  const GDate      *date);
/* Fraction of the cycle elapsed at the end of @today, clamped to 0..1. */
double            trellis_cycle_elapsed_fraction (TrellisCycle     *self,
                                                  const GDate      *today);

const char       *trellis_cycle_kind_to_string   (TrellisCycleKind  kind);
gboolean          trellis_cycle_kind_from_string (const char       *text,
                                                  TrellisCycleKind *out_kind);

/* The year, its halves, quarters, months and the ISO weeks whose Thursday
 * falls in it (each week's parent is the month holding its Thursday),
 * parents before children. */
GPtrArray        *trellis_cycle_build_year       (int               year);

G_END_DECLS
