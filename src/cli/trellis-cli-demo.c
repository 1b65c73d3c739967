/* trellis-cli-demo.c
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
#include <glib/gstdio.h>

#include "trellis-cli.h"

typedef struct {
  const char         *path;
  gboolean            replace;
  TrellisDemoOptions  options;
  TrellisCliProgress  progress;
  gint64              n_employees;
  gint64              n_departments;
  gint64              n_goals;
  gint64              n_checkins;
} DemoJob;

static int      opt_employees = TRELLIS_DEMO_DEFAULT_EMPLOYEES;
static gint64   opt_seed = TRELLIS_DEMO_DEFAULT_SEED;
static int      opt_year = 0;
static char    *opt_today = NULL;
static char    *opt_out = NULL;
static gboolean opt_force = FALSE;

static gboolean opt_organisation_only = FALSE;

static const GOptionEntry demo_entries[] = {
  { "employees", 'n', 0, G_OPTION_ARG_INT, &opt_employees,
    N_("Number of employees (default 2100)"), N_("N") },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed,
    N_("Random seed; the same options give the same workspace (default 4)"), N_("S") },
  { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year,
    N_("The current year of the demo (default: this year)"), N_("Y") },
  { "today", 't', 0, G_OPTION_ARG_STRING, &opt_today,
    N_("The demo's today: goals exist for the quarters begun by then and check-ins stop there "
       "(default: today in this year, 31 December in another)"), N_("YYYY-MM-DD") },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("The workspace to create (required)"), N_("FILE") },
  { "organisation-only", 0, 0, G_OPTION_ARG_NONE, &opt_organisation_only,
    N_("Write the organisation and cycles only, without goals and check-ins"), NULL },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &opt_force,
    N_("Replace FILE if it exists"), NULL },
  { NULL }
};

static gboolean
fill_demo (TrellisStore  *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  DemoJob *job = data;

  if (!trellis_demo_generate (store, &job->options, trellis_cli_progress_update,
                              &job->progress, cancellable, error))
    return FALSE;

  job->n_employees = trellis_store_count_rows (store, "employees", error);
  if (job->n_employees < 0)
    return FALSE;

  job->n_departments = trellis_store_count_rows (store, "departments", error);
  if (job->n_departments < 0)
    return FALSE;

  job->n_goals = trellis_store_count_rows (store, "goals", error);
  if (job->n_goals < 0)
    return FALSE;

  job->n_checkins = trellis_store_count_rows (store, "checkins", error);
  if (job->n_checkins < 0)
    return FALSE;

  return TRUE;
}

static gboolean
demo_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  DemoJob *job = data;

  return trellis_cli_create_workspace (job->path, job->replace, fill_demo, job,
                                       cancellable, error);
}

static int
run_demo (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *n_employees = NULL;
  g_autofree char *n_departments = NULL;
  g_autofree char *n_goals = NULL;
  g_autofree char *n_checkins = NULL;
  g_autofree char *today_text = NULL;
  g_autoptr(TrellisClock) clock = trellis_clock_new ();
  GDate clock_today, today;
  DemoJob job = { 0 };
  GStatBuf info;
  gint64 started;
  double seconds;

  if (argc != 1)
    return trellis_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (opt_out == NULL)
    return trellis_cli_usage_error (command, _("--out FILE is required"));
  if (opt_employees < 1)
    return trellis_cli_usage_error (command, _("--employees must be at least 1"));
  if (opt_seed < 0)
    return trellis_cli_usage_error (command, _("--seed must not be negative"));
  if (opt_year != 0 && (opt_year < 1900 || opt_year > 9999))
    return trellis_cli_usage_error (command, _("--year must be between 1900 and 9999"));

  g_date_clear (&clock_today, 1);
  g_date_clear (&today, 1);
  trellis_clock_get_today (clock, &clock_today);

  if (opt_today != NULL)
    {
      if (!trellis_date_parse (opt_today, &today) || !g_date_valid (&today))
        return trellis_cli_usage_error (command, _("--today must be a date in the form YYYY-MM-DD, not “%s”"),
                                        opt_today);
      if (opt_year != 0 && g_date_get_year (&today) != opt_year)
        return trellis_cli_usage_error (command, _("--today %s is not in --year %d"), opt_today, opt_year);
      opt_year = g_date_get_year (&today);
    }

  if (opt_year == 0)
    opt_year = g_date_get_year (&clock_today);

  /* A past or future year is shown as it stands on 31 December. */
  if (opt_today == NULL)
    {
      if (g_date_get_year (&clock_today) == opt_year)
        today = clock_today;
      else
        g_date_set_dmy (&today, 31, G_DATE_DECEMBER, opt_year);
    }

  display = g_filename_display_name (opt_out);

  /* Checked here as well, so the message comes before any work. */
  if (!opt_force && g_file_test (opt_out, G_FILE_TEST_EXISTS))
    return trellis_cli_fail (_("%s already exists (use --force to replace it)"), display);

  job.path = opt_out;
  job.replace = opt_force;
  trellis_demo_options_init (&job.options, opt_year);
  job.options.n_employees = opt_employees;
  job.options.seed = opt_seed;
  job.options.year = opt_year;
  job.options.today = today;
  job.options.with_goals = !opt_organisation_only;
  trellis_cli_progress_init (&job.progress);

  started = g_get_monotonic_time ();
  if (!trellis_cli_run_cancellable (demo_work, &job, &error))
    {
      trellis_cli_progress_finish (&job.progress);
      return trellis_cli_fail ("%s", error->message);
    }
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  trellis_cli_progress_finish (&job.progress);

  if (g_stat (opt_out, &info) != 0)
    info.st_size = 0;

  /* Numbers are formatted first: G_GINT64_FORMAT cannot appear inside a
   * translatable string. */
  n_employees = g_strdup_printf ("%" G_GINT64_FORMAT, job.n_employees);
  n_departments = g_strdup_printf ("%" G_GINT64_FORMAT, job.n_departments);
  n_goals = g_strdup_printf ("%" G_GINT64_FORMAT, job.n_goals);
  n_checkins = g_strdup_printf ("%" G_GINT64_FORMAT, job.n_checkins);
  today_text = trellis_date_to_string (&today);
  g_print (_("Generated %s employees in %s departments, %s goals and %s check-ins up to %s "
             "in %.2f s; %s is %.1f MB\n"),
           n_employees, n_departments, n_goals, n_checkins, today_text, seconds, display,
           info.st_size / 1e6);

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_demo_command = {
  .name = "demo",
  .parameters = N_("--out FILE"),
  .summary = N_("Generate a demo workspace"),
  .description = N_("Generates the demo organisation (a medical-device distributor with a head\n"
                    "office and 17 regions) into a new workspace. The file appears only once\n"
                    "generation succeeded; Ctrl+C leaves nothing behind. Set TRELLIS_NOW=YYYY-MM-DD\n"
                    "to choose the default year and today. The goals: a year of company, department\n"
                    "and personal objectives with weekly check-ins up to --today."),
  .entries = demo_entries,
  .run = run_demo,
};
