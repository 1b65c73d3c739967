/* trellis-date.h
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

/* An ISO 8601 week: the year is the ISO week-year, which differs from the
 * calendar year around New Year (2026-12-31 is in 2026-W53, 2027-01-04 in 2027-W01). */
typedef struct {
  int year;
  int week;
} TrellisIsoWeek;

#define TRELLIS_TYPE_ISO_WEEK (trellis_iso_week_get_type ())

GType           trellis_iso_week_get_type       (void) G_GNUC_CONST;
TrellisIsoWeek *trellis_iso_week_copy           (const TrellisIsoWeek *week);
void            trellis_iso_week_free           (TrellisIsoWeek       *week);
TrellisIsoWeek  trellis_iso_week_from_date      (const GDate          *date);
/* Monday of the week. */
void            trellis_iso_week_get_start      (const TrellisIsoWeek *week,
                                                 GDate                *out_date);
int             trellis_iso_week_compare        (const TrellisIsoWeek *a,
                                                 const TrellisIsoWeek *b);
gboolean        trellis_iso_week_equal          (const TrellisIsoWeek *a,
                                                 const TrellisIsoWeek *b);
int             trellis_iso_weeks_in_year       (int                   iso_year);
TrellisIsoWeek  trellis_iso_week_add            (const TrellisIsoWeek *week,
                                                 int                   n_weeks);
/* "2026-W53" */
char           *trellis_iso_week_to_string      (const TrellisIsoWeek *week);
gboolean        trellis_iso_week_parse          (const char           *text,
                                                 TrellisIsoWeek       *out_week);

/* Dates are stored and exchanged as "YYYY-MM-DD". */
gboolean        trellis_date_parse              (const char           *text,
                                                 GDate                *out_date);
char           *trellis_date_to_string          (const GDate          *date);
/* Days from @a to @b (negative when @b is earlier). */
int             trellis_date_days_between       (const GDate          *a,
                                                 const GDate          *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisIsoWeek, trellis_iso_week_free)

G_END_DECLS
