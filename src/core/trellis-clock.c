/* trellis-clock.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-clock"

#include "config.h"

#include <string.h>

#include "trellis-clock.h"
#include "trellis-date.h"

struct _TrellisClock
{
  GObject    parent_instance;

  /* NULL: follow the system clock. */
  GDateTime *fixed_now;
};

G_DEFINE_FINAL_TYPE (TrellisClock, trellis_clock, G_TYPE_OBJECT)

static void
trellis_clock_finalize (GObject *object)
{
  TrellisClock *self = (TrellisClock *)object;

  g_clear_pointer (&self->fixed_now, g_date_time_unref);

  G_OBJECT_CLASS (trellis_clock_parent_class)->finalize (object);
}

static void
trellis_clock_class_init (TrellisClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_clock_finalize;
}

static void
trellis_clock_init (TrellisClock *self)
{
}

static GDateTime *
parse_now (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GDate date;

  if (text == NULL || *text == '\0')
    return NULL;

  if (strlen (text) == 10 && trellis_date_parse (text, &date))
    return g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 12, 0, 0);

  return g_date_time_new_from_iso8601 (text, tz);
}

TrellisClock *
trellis_clock_new (void)
{
  TrellisClock *self = g_object_new (TRELLIS_TYPE_CLOCK, NULL);
  const char *env = g_getenv ("TRELLIS_NOW");

  self->fixed_now = parse_now (env);
  if (env != NULL && *env != '\0' && self->fixed_now == NULL)
    g_warning ("Ignoring TRELLIS_NOW=“%s”: expected YYYY-MM-DD or an ISO 8601 date and time", env);

  return self;
}

TrellisClock *
trellis_clock_new_fixed (GDateTime *now)
{
  TrellisClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_CLOCK, NULL);
  self->fixed_now = g_date_time_ref (now);
  return self;
}

void
trellis_clock_set_now (TrellisClock *self,
                       GDateTime    *now)
{
  g_return_if_fail (TRELLIS_IS_CLOCK (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
}

gboolean
trellis_clock_is_fixed (TrellisClock *self)
{
  g_return_val_if_fail (TRELLIS_IS_CLOCK (self), FALSE);
  return self->fixed_now != NULL;
}

GDateTime *
trellis_clock_get_now (TrellisClock *self)
{
  g_return_val_if_fail (TRELLIS_IS_CLOCK (self), NULL);

  if (self->fixed_now != NULL)
    return g_date_time_ref (self->fixed_now);

  return g_date_time_new_now_local ();
}

void
trellis_clock_get_today (TrellisClock *self,
                         GDate        *out_date)
{
  g_autoptr(GDateTime) now = trellis_clock_get_now (self);

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}
