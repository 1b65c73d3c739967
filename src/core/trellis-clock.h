/* trellis-clock.h
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

#define TRELLIS_TYPE_CLOCK (trellis_clock_get_type ())
G_DECLARE_FINAL_TYPE (TrellisClock, trellis_clock, TRELLIS, CLOCK, GObject)

/* The system clock, unless TRELLIS_NOW=YYYY-MM-DD[THH:MM:SS] is set in the
 * environment (for reproducible demos and screenshots). */
TrellisClock *trellis_clock_new           (void);
/* A clock stopped at @now; tests move it with trellis_clock_set_now(). */
TrellisClock *trellis_clock_new_fixed     (GDateTime    *now);
void          trellis_clock_set_now       (TrellisClock *self,
                                           GDateTime    *now);
gboolean      trellis_clock_is_fixed      (TrellisClock *self);
GDateTime    *trellis_clock_get_now       (TrellisClock *self);
void          trellis_clock_get_today     (TrellisClock *self,
                                           GDate        *out_date);

G_END_DECLS
