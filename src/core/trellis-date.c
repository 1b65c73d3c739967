/* trellis-date.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-date"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "trellis-date.h"

G_DEFINE_BOXED_TYPE (TrellisIsoWeek, trellis_iso_week, trellis_iso_week_copy, trellis_iso_week_free)

TrellisIsoWeek *
trellis_iso_week_copy (const TrellisIsoWeek *week)
{
  return g_memdup2 (week, sizeof *week);
}

void
trellis_iso_week_free (TrellisIsoWeek *week)
{
  g_free (week);
}

/* ISO 8601: a week belongs to the year that holds its Thursday. */
TrellisIsoWeek
trellis_iso_week_from_date (const GDate *date)
{
  TrellisIsoWeek result = { 0, 0 };
  GDate thursday = *date;
  int weekday;

  g_return_val_if_fail (g_date_valid (date), result);

  weekday = g_date_get_weekday (date); /* Monday = 1 … Sunday = 7 */
  if (weekday < 4)
    g_date_add_days (&thursday, 4 - weekday);
  else if (weekday > 4)
    g_date_subtract_days (&thursday, weekday - 4);

  result.year = g_date_get_year (&thursday);
  result.week = (g_date_get_day_of_year (&thursday) - 1) / 7 + 1;
  return result;
}

void
trellis_iso_week_get_start (const TrellisIsoWeek *week,
                            GDate                *out_date)
{
  GDate jan4;
  int weekday;

  /* 4 January is always in week 1. */
  g_date_clear (&jan4, 1);
  g_date_set_dmy (&jan4, 4, G_DATE_JANUARY, week->year);
  weekday = g_date_get_weekday (&jan4);

  *out_date = jan4;
  g_date_subtract_days (out_date, weekday - 1);
  g_date_add_days (out_date, (week->week - 1) * 7);
}

int
trellis_iso_week_compare (const TrellisIsoWeek *a,
                          const TrellisIsoWeek *b)
{
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->week != b->week)
    return a->week < b->week ? -1 : 1;
  return 0;
}

gboolean
trellis_iso_week_equal (const TrellisIsoWeek *a,
                        const TrellisIsoWeek *b)
{
  return trellis_iso_week_compare (a, b) == 0;
}

/* 28 December is always in the last week of its ISO year. */
int
trellis_iso_weeks_in_year (int iso_year)
{
  GDate dec28;

  g_date_clear (&dec28, 1);
  g_date_set_dmy (&dec28, 28, G_DATE_DECEMBER, iso_year);
  return trellis_iso_week_from_date (&dec28).week;
}

TrellisIsoWeek
trellis_iso_week_add (const TrellisIsoWeek *week,
                      int                   n_weeks)
{
  GDate start;

  trellis_iso_week_get_start (week, &start);
  if (n_weeks >= 0)
    g_date_add_days (&start, n_weeks * 7);
  else
    g_date_subtract_days (&start, -n_weeks * 7);
  return trellis_iso_week_from_date (&start);
}

char *
trellis_iso_week_to_string (const TrellisIsoWeek *week)
{
  return g_strdup_printf ("%04d-W%02d", week->year, week->week);
}

gboolean
trellis_iso_week_parse (const char     *text,
                        TrellisIsoWeek *out_week)
{
  int year, week;
  char tail;

  if (text == NULL || sscanf (text, "%4d-W%2d%c", &year, &week, &tail) != 2)
    return FALSE;
  if (strlen (text) != 8 || year < 1 || week < 1 || week > trellis_iso_weeks_in_year (year))
    return FALSE;

  out_week->year = year;
  out_week->week = week;
  return TRUE;
}

gboolean
trellis_date_parse (const char *text,
                    GDate      *out_date)
{
  int year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

char *
trellis_date_to_string (const GDate *date)
{
  g_return_val_if_fail (g_date_valid (date), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

int
trellis_date_days_between (const GDate *a,
                           const GDate *b)
{
  return (int)g_date_get_julian (b) - (int)g_date_get_julian (a);
}
