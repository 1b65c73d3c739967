/* trellis-cli-bench.c
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

#define G_LOG_DOMAIN "trellis-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "trellis-cli.h"

/* Measures the design's speed budgets on a real workspace. Budgets are
 * checked by running this, never by timed tests: the machines are shared. */

static char *opt_cycle = NULL;
static char *opt_today = NULL;
static int opt_checkins = 1000;
static int opt_repeat = 5;

static const GOptionEntry bench_entries[] = {
  { "cycle", 0, 0, G_OPTION_ARG_STRING, &opt_cycle,
    N_("The cycle whose goal tree is measured (default: the quarter holding today)"), N_("ID") },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today,
    N_("The date the numbers are computed for (default: the clock's today)"), N_("YYYY-MM-DD") },
  { "checkins", 0, 0, G_OPTION_ARG_INT, &opt_checkins,
    N_("How many incremental check-ins to time (default: 1000)"), N_("N") },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat,
    N_("How many times to repeat each whole-workspace step (default: 5)"), N_("N") },
  { NULL }
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return samples->len ? g_array_index (samples, double, samples->len / 2) : 0.0;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Resident memory in MB, from /proc (Linux). */
static double
resident_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0.0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0.0;
}

/* The step's column: wide enough for the longest English step. */
#define STEP_WIDTH 44

static void
report (const char *what,
        double      measured,
        const char *unit,
        double      budget)
{
  /* Translated steps are wider in bytes than in columns: pad by columns. */
  g_autofree char *step = trellis_cli_pad (what, STEP_WIDTH, TRELLIS_CLI_ALIGN_START);
  g_autofree char *unit_column = trellis_cli_pad (unit, 3, TRELLIS_CLI_ALIGN_START);

  if (budget > 0)
    /* Translators: the limit a measurement is checked against, in the
     * benchmark's table: "budget 500.0 ms" */
    g_print ("  %s %10.2f %s  %s %7.1f %s  %s\n", step, measured, unit_column, _("budget"), budget,
             unit_column, measured <= budget ? _("ok") : _("OVER"));
  else
    g_print ("  %s %10.2f %s\n", step, measured, unit);
}

static char *
default_cycle (const GDate *today)
{
  return g_strdup_printf ("%04d-Q%d", g_date_get_year (today), (g_date_get_month (today) - 1) / 3 + 1);
}

static int
run_bench (const TrellisCliCommand *command,
           int                      argc,
           char                   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = NULL;
  g_autoptr(TrellisOrganisation) organisation = NULL;
  g_autoptr(TrellisGoalTree) tree = NULL;
  g_autoptr(TrellisClock) clock = trellis_clock_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cycle = NULL;
  guint n_key_results;
  double open_ms, load_ms, worst = 0.0, total = 0.0, organisation_mb;
  GDate today;
  gint64 start;
  guint64 rng = 4;

  if (argc != 2)
    return trellis_cli_usage_error (command, _("Expected one workspace file"));

  if (opt_today != NULL)
    {
      if (!trellis_date_parse (opt_today, &today))
        return trellis_cli_usage_error (command, _("“%s” is not a date like 2026-11-22"), opt_today);
    }
  else
    trellis_clock_get_today (clock, &today);
  cycle = opt_cycle ? g_strdup (opt_cycle) : default_cycle (&today);

  g_print (_("Trellis benchmark of %s (cycle %s)\n"), argv[1], cycle);

  /* Opening: the store and the organisation, what the window needs before
   * its first frame. */
  start = g_get_monotonic_time ();
  store = trellis_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return trellis_cli_fail ("%s", error->message);
  organisation = trellis_organisation_load (store, NULL, &error);
  if (organisation == NULL)
    return trellis_cli_fail ("%s", error->message);
  open_ms = elapsed_ms (start);
  organisation_mb = resident_mb ();

  for (int i = 0; i < opt_repeat; i++)
    {
      g_autoptr(TrellisGoalTree) sample = NULL;

      start = g_get_monotonic_time ();
      sample = trellis_goal_tree_load (store, organisation, cycle, &today, NULL, &error);
      if (sample == NULL)
        return trellis_cli_fail ("%s", error->message);
      g_array_append_val (samples, (double) { elapsed_ms (start) });
      if (i == opt_repeat - 1)
        tree = g_steal_pointer (&sample);
    }
  load_ms = median (samples);
  g_array_set_size (samples, 0);

  for (int i = 0; i < opt_repeat; i++)
    {
      start = g_get_monotonic_time ();
      trellis_goal_tree_recompute (tree);
      g_array_append_val (samples, (double) { elapsed_ms (start) });
    }

  n_key_results = trellis_goal_tree_get_n_key_results (tree);
  g_print (_("%u employees, %u goals, %u key results in scope\n\n"),
           trellis_organisation_get_n_employees (organisation),
           trellis_goal_tree_get_n_goals (tree), n_key_results);

  report (_("open workspace and load organisation"), open_ms, "ms", 500);
  report (_("load goal tree (SQL, build, roll-up), median"), load_ms, "ms", 0);
  report (_("full goal roll-up, median"), median (samples), "ms", 1000);

  /* Check-ins on random key results, each dated after the last. */
  for (int i = 0; i < opt_checkins && n_key_results > 0; i++)
    {
      g_autoptr(TrellisKeyResult) kr = NULL;
      g_autofree char *at = NULL;
      double ms;

      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      kr = trellis_goal_tree_lookup_key_result (tree, trellis_goal_tree_get_key_result_id (tree, (rng >> 33) % n_key_results));
      at = g_strdup_printf ("%04d-%02d-%02dT23:%02d:%02dZ", g_date_get_year (&today),
                            g_date_get_month (&today), g_date_get_day (&today), (i / 60) % 60, i % 60);

      start = g_get_monotonic_time ();
      trellis_goal_tree_apply_checkin (tree, trellis_key_result_get_id (kr),
                                       trellis_key_result_get_current (kr) + 1, 7, at);
      ms = elapsed_ms (start);
      total += ms;
      worst = MAX (worst, ms);
    }

  if (opt_checkins > 0 && n_key_results > 0)
    {
      report (_("incremental update of one check-in, mean"), total / opt_checkins, "ms", 5);
      report (_("incremental update of one check-in, worst"), worst, "ms", 5);
    }

  report (_("resident memory with the organisation"), organisation_mb, "MB", 0);
  report (_("resident memory with the goal tree too"), resident_mb (), "MB", 0);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_bench_command = {
  .name = "bench",
  .parameters = N_("FILE"),
  .summary = N_("Measure opening, roll-up and check-in speed against the design budgets"),
  .description = N_("Read-only: check-ins are applied to the goal tree in memory, never written."),
  .entries = bench_entries,
  .run = run_bench,
};
