/* test-date.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "trellis-core.h"

static GDate
date_from (const char *text)
{
  GDate date;

  g_assert_true (trellis_date_parse (text, &date));
  return date;
}

/* Worked out from ISO 8601's rule (the week holding the Thursday). */
static const struct {
  const char *date;
  int         year;
  int         week;
} iso_cases[] = {
  { "2026-01-01", 2026, 1 },   /* Thursday: the year starts in week 1 */
  { "2025-12-29", 2026, 1 },   /* Monday of 2026-W01 is still in 2025 */
  { "2026-11-22", 2026, 47 },  /* Sunday: end of week 47 */
  { "2026-12-31", 2026, 53 },  /* Thursday: 2026 has 53 weeks */
  { "2027-01-01", 2026, 53 },
  { "2027-01-03", 2026, 53 },  /* Sunday: still 2026-W53 */
  { "2027-01-04", 2027, 1 },
  { "2024-12-30", 2025, 1 },   /* Monday in December, week 1 of the next year */
  { "2020-12-31", 2020, 53 },
  { "2021-01-03", 2020, 53 },
  { "2008-12-29", 2009, 1 },
  { "2010-01-03", 2009, 53 },
};

static void
test_iso_week_from_date (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (iso_cases); i++)
    {
      GDate date = date_from (iso_cases[i].date);
      TrellisIsoWeek week = trellis_iso_week_from_date (&date);

      g_test_message ("%s", iso_cases[i].date);
      g_assert_cmpint (week.year, ==, iso_cases[i].year);
      g_assert_cmpint (week.week, ==, iso_cases[i].week);
    }
}

static void
test_iso_week_start (void)
{
  static const struct { int year, week; const char *monday; } cases[] = {
    { 2026, 1, "2025-12-29" },
    { 2026, 53, "2026-12-28" },
    { 2027, 1, "2027-01-04" },
    { 2020, 53, "2020-12-28" },
    { 2026, 47, "2026-11-16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisIsoWeek week = { cases[i].year, cases[i].week };
      g_autofree char *text = NULL;
      GDate start;

      trellis_iso_week_get_start (&week, &start);
      text = trellis_date_to_string (&start);
      g_assert_cmpstr (text, ==, cases[i].monday);
      g_assert_cmpint (g_date_get_weekday (&start), ==, G_DATE_MONDAY);
    }
}

static void
test_iso_weeks_in_year (void)
{
  static const struct { int year, weeks; } cases[] = {
    { 2015, 53 }, { 2020, 53 }, { 2025, 52 }, { 2026, 53 }, { 2027, 52 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (trellis_iso_weeks_in_year (cases[i].year), ==, cases[i].weeks);
}

static void
test_iso_week_arithmetic (void)
{
  TrellisIsoWeek w52 = { 2026, 52 };
  TrellisIsoWeek w53 = { 2026, 53 };
  TrellisIsoWeek next = trellis_iso_week_add (&w52, 1);
  TrellisIsoWeek after = trellis_iso_week_add (&w52, 2);
  TrellisIsoWeek back;
  g_autofree char *text = NULL;

  g_assert_true (trellis_iso_week_equal (&next, &w53));
  g_assert_cmpint (after.year, ==, 2027);
  g_assert_cmpint (after.week, ==, 1);
  back = trellis_iso_week_add (&after, -1);
  g_assert_true (trellis_iso_week_equal (&back, &w53));
  g_assert_cmpint (trellis_iso_week_compare (&w52, &w53), <, 0);
  g_assert_cmpint (trellis_iso_week_compare (&after, &w53), >, 0);

  text = trellis_iso_week_to_string (&w53);
  g_assert_cmpstr (text, ==, "2026-W53");
}

static void
test_iso_week_parse (void)
{
  static const struct { const char *text; gboolean valid; int year, week; } cases[] = {
    { "2026-W53", TRUE, 2026, 53 },
    { "2027-W01", TRUE, 2027, 1 },
    { "2027-W53", FALSE }, /* 2027 has 52 weeks */
    { "2026-W00", FALSE },
    { "2026W01", FALSE },
    { "2026-W1", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisIsoWeek week = { 0, 0 };

      g_assert_cmpint (trellis_iso_week_parse (cases[i].text, &week), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_cmpint (week.year, ==, cases[i].year);
          g_assert_cmpint (week.week, ==, cases[i].week);
        }
    }
}

static void
test_date_parse (void)
{
  static const struct { const char *text; gboolean valid; } cases[] = {
    { "2026-02-28", TRUE },
    { "2024-02-29", TRUE },
    { "2026-02-29", FALSE },
    { "2026-13-01", FALSE },
    { "2026-1-01", FALSE },
    { "2026-01-01T00:00", FALSE },
    { "26-01-01", FALSE },
    { "abcd-ef-gh", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_assert_cmpint (trellis_date_parse (cases[i].text, &date), ==, cases[i].valid);
    }
}

static TrellisCycle *
find_cycle (GPtrArray  *cycles,
            const char *id)
{
  for (guint i = 0; i < cycles->len; i++)
    if (g_str_equal (trellis_cycle_get_id (g_ptr_array_index (cycles, i)), id))
      return g_ptr_array_index (cycles, i);
  return NULL;
}

static void
assert_cycle (GPtrArray        *cycles,
              const char       *id,
              TrellisCycleKind  kind,
              const char       *start,
              const char       *end,
              const char       *parent)
{
  TrellisCycle *cycle = find_cycle (cycles, id);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  GDate date;

  g_test_message ("cycle %s", id);
  g_assert_nonnull (cycle);
  g_assert_cmpint (trellis_cycle_get_kind (cycle), ==, kind);
  trellis_cycle_get_start (cycle, &date);
  start_text = trellis_date_to_string (&date);
  trellis_cycle_get_end (cycle, &date);
  end_text = trellis_date_to_string (&date);
  g_assert_cmpstr (start_text, ==, start);
  g_assert_cmpstr (end_text, ==, end);
  g_assert_cmpstr (trellis_cycle_get_parent_id (cycle), ==, parent);
}

static void
test_cycles (void)
{
  g_autoptr(GPtrArray) y2026 = trellis_cycle_build_year (2026);
  g_autoptr(GPtrArray) y2027 = trellis_cycle_build_year (2027);
  g_autoptr(GPtrArray) y2024 = trellis_cycle_build_year (2024);

  /* year + 2 halves + 4 quarters + 12 months + ISO weeks */
  g_assert_cmpuint (y2026->len, ==, 1 + 2 + 4 + 12 + 53);
  g_assert_cmpuint (y2027->len, ==, 1 + 2 + 4 + 12 + 52);

  assert_cycle (y2026, "2026", TRELLIS_CYCLE_YEAR, "2026-01-01", "2026-12-31", NULL);
  assert_cycle (y2026, "2026-H2", TRELLIS_CYCLE_HALF, "2026-07-01", "2026-12-31", "2026");
  assert_cycle (y2026, "2026-Q3", TRELLIS_CYCLE_QUARTER, "2026-07-01", "2026-09-30", "2026-H2");
  assert_cycle (y2026, "2026-02", TRELLIS_CYCLE_MONTH, "2026-02-01", "2026-02-28", "2026-Q1");
  assert_cycle (y2024, "2024-02", TRELLIS_CYCLE_MONTH, "2024-02-01", "2024-02-29", "2024-Q1");
  /* Weeks cross year ends and belong to the month of their Thursday. */
  assert_cycle (y2026, "2026-W01", TRELLIS_CYCLE_WEEK, "2025-12-29", "2026-01-04", "2026-01");
  assert_cycle (y2026, "2026-W53", TRELLIS_CYCLE_WEEK, "2026-12-28", "2027-01-03", "2026-12");
  assert_cycle (y2027, "2027-W01", TRELLIS_CYCLE_WEEK, "2027-01-04", "2027-01-10", "2027-01");
  assert_cycle (y2026, "2026-W05", TRELLIS_CYCLE_WEEK, "2026-01-26", "2026-02-01", "2026-01");

  /* Parents always come before their children. */
  for (guint i = 0; i < y2026->len; i++)
    {
      const char *parent = trellis_cycle_get_parent_id (g_ptr_array_index (y2026, i));
      if (parent == NULL)
        continue;
      for (guint j = i; j < y2026->len; j++)
        g_assert_cmpstr (trellis_cycle_get_id (g_ptr_array_index (y2026, j)), !=, parent);
    }
}

static void
test_cycle_elapsed (void)
{
  g_autoptr(GPtrArray) cycles = trellis_cycle_build_year (2026);
  TrellisCycle *q4 = find_cycle (cycles, "2026-Q4");
  TrellisCycle *q1_2024;
  g_autoptr(GPtrArray) y2024 = trellis_cycle_build_year (2024);
  GDate today = date_from ("2026-11-22");
  GDate before = date_from ("2026-09-30");
  GDate after = date_from ("2027-01-01");

  q1_2024 = find_cycle (y2024, "2024-Q1");
  g_assert_cmpint (trellis_cycle_get_n_days (q4), ==, 92);
  g_assert_cmpint (trellis_cycle_get_n_days (q1_2024), ==, 31 + 29 + 31);
  /* 31 days of October + 22 of November = 53 of 92 */
  g_assert_cmpfloat_with_epsilon (trellis_cycle_elapsed_fraction (q4, &today), 53.0 / 92.0, 1e-9);
  g_assert_cmpfloat (trellis_cycle_elapsed_fraction (q4, &before), ==, 0.0);
  g_assert_cmpfloat (trellis_cycle_elapsed_fraction (q4, &after), ==, 1.0);
  g_assert_true (trellis_cycle_contains (q4, &today));
  g_assert_false (trellis_cycle_contains (q4, &after));
}

static void
test_clock (void)
{
  g_autoptr(GDateTime) fixed = g_date_time_new_utc (2026, 12, 31, 23, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2027, 1, 4, 9, 0, 0);
  g_autoptr(TrellisClock) clock = trellis_clock_new_fixed (fixed);
  TrellisIsoWeek week;
  GDate today;

  g_assert_true (trellis_clock_is_fixed (clock));
  trellis_clock_get_today (clock, &today);
  week = trellis_iso_week_from_date (&today);
  g_assert_cmpint (week.year, ==, 2026);
  g_assert_cmpint (week.week, ==, 53);

  trellis_clock_set_now (clock, later);
  trellis_clock_get_today (clock, &today);
  week = trellis_iso_week_from_date (&today);
  g_assert_cmpint (week.year, ==, 2027);
  g_assert_cmpint (week.week, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/iso-week-from-date", test_iso_week_from_date);
  g_test_add_func ("/core/date/iso-week-start", test_iso_week_start);
  g_test_add_func ("/core/date/iso-weeks-in-year", test_iso_weeks_in_year);
  g_test_add_func ("/core/date/iso-week-arithmetic", test_iso_week_arithmetic);
  g_test_add_func ("/core/date/iso-week-parse", test_iso_week_parse);
  g_test_add_func ("/core/date/parse", test_date_parse);
  g_test_add_func ("/core/cycle/build-year", test_cycles);
  g_test_add_func ("/core/cycle/elapsed", test_cycle_elapsed);
  g_test_add_func ("/core/clock/fixed", test_clock);

  return g_test_run ();
}
