/* trellis-cli-goals.c
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

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-cli.h"

/* Prints the goal cascade with every number as src/core computes it: the
 * same TrellisGoalTree the application shows, so scripts (and the roll-up
 * test) can check the numbers against the exported data. */

static char    *opt_cycle = NULL;
static char    *opt_today = NULL;
static gboolean opt_json = FALSE;
static gboolean opt_check_weights = FALSE;

static const GOptionEntry goals_entries[] = {
  { "cycle", 'c', 0, G_OPTION_ARG_STRING, &opt_cycle,
    N_("Only this cycle, with the cycles around it (“2026-Q4” also shows the year's company "
       "goals and the half's department goals); default: every cycle"), N_("ID") },
  { "today", 't', 0, G_OPTION_ARG_STRING, &opt_today,
    N_("The day progress is measured against (default: the clock's today)"), N_("YYYY-MM-DD") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
    N_("Print JSON instead of an indented tree"), NULL },
  { "check-weights", 0, 0, G_OPTION_ARG_NONE, &opt_check_weights,
    N_("List the goal and key-result weights that do not add up to 100 %"), NULL },
  { NULL }
};

/* "87.5 %": one decimal, whatever the locale. */
static char *
format_percent (double fraction)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.1f", fraction * 100.0);
  return g_strconcat (number, " %", NULL);
}

static char *
format_fixed (double      value,
              const char *format)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, format, value);
  return g_strdup (number);
}

static guint
depth_of (TrellisGoalTree *tree,
          TrellisGoal     *goal)
{
  g_autoptr(GPtrArray) path = trellis_goal_tree_get_alignment_path (tree, goal);

  return path->len > 0 ? path->len - 1 : 0;
}

static void
print_text (TrellisGoalTree *tree)
{
  GListModel *goals = trellis_goal_tree_get_goals (tree);
  guint n = g_list_model_get_n_items (goals);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);
      g_autofree char *indent = g_strnfill (2 * depth_of (tree, goal), ' ');
      g_autofree char *weight = format_percent (trellis_goal_get_weight (goal));
      g_autofree char *progress = format_percent (trellis_goal_get_progress (goal));
      g_autofree char *score = format_fixed (trellis_goal_get_score (goal), "%.1f");
      g_autoptr(GString) line = g_string_new (NULL);
      const char *parent_kr = trellis_goal_get_parent_kr_id (goal);
      const char *parent_goal = trellis_goal_get_parent_goal_id (goal);

      g_string_append_printf (line, "%s%s  %s", indent, trellis_goal_get_id (goal),
                              trellis_goal_get_title (goal));
      if (parent_kr != NULL)
        g_string_append_printf (line, _("  (aligned to %s)"), parent_kr);
      else if (parent_goal != NULL)
        g_string_append_printf (line, _("  (aligned to %s)"), parent_goal);
      g_print ("%s\n", line->str);

      g_string_truncate (line, 0);
      g_string_append_printf (line, "%s    %s (%s) · %s · %s %s · %s %s",
                              indent, trellis_goal_get_owner_name (goal),
                              trellis_goal_get_owner_id (goal), trellis_goal_get_cycle_id (goal),
                              _("weight"), weight, _("progress"), progress);
      if (trellis_goal_get_n_children (goal) > 0)
        {
          g_autofree char *aligned = format_percent (trellis_goal_get_aligned_progress (goal));
          g_string_append_printf (line, " · %s %s", _("aligned"), aligned);
        }
      /* Words for people here; --json keeps the stable English keys. */
      g_string_append_printf (line, " · %s %s · %s · %s", _("score"), score,
                              trellis_goal_status_label (trellis_goal_get_progress_status (goal)),
                              trellis_goal_state_label (trellis_goal_get_state (goal)));
      if (trellis_goal_get_lagging (goal))
        g_string_append_printf (line, " · %s", _("LAGGING"));
      if (trellis_goal_get_abnormal (goal))
        g_string_append_printf (line, " · %s", _("ABNORMAL"));
      g_print ("%s\n", line->str);
    }

  if (n == 0)
    g_print ("%s\n", _("No goals in this scope."));
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
build_key_result (JsonBuilder      *builder,
                  TrellisKeyResult *kr)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", trellis_key_result_get_id (kr));
  add_string_or_null (builder, "title", trellis_key_result_get_title (kr));
  add_double (builder, "weight", trellis_key_result_get_weight (kr));
  add_double (builder, "baseline", trellis_key_result_get_baseline (kr));
  add_double (builder, "target", trellis_key_result_get_target (kr));
  add_double (builder, "current", trellis_key_result_get_current (kr));
  add_double (builder, "progress", trellis_key_result_get_progress (kr));
  add_double (builder, "score", trellis_key_result_get_score (kr));
  add_string_or_null (builder, "status",
                      trellis_progress_status_to_string (trellis_key_result_get_progress_status (kr)));
  json_builder_set_member_name (builder, "abnormal");
  json_builder_add_boolean_value (builder, trellis_key_result_get_abnormal (kr));
  json_builder_end_object (builder);
}

static void
build_goal (JsonBuilder *builder,
            TrellisGoal *goal)
{
  GPtrArray *krs = trellis_goal_get_key_results (goal);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", trellis_goal_get_id (goal));
  add_string_or_null (builder, "title", trellis_goal_get_title (goal));
  add_string_or_null (builder, "parent_goal", trellis_goal_get_parent_goal_id (goal));
  add_string_or_null (builder, "parent_kr", trellis_goal_get_parent_kr_id (goal));
  add_string_or_null (builder, "owner_kind", trellis_owner_kind_to_string (trellis_goal_get_owner_kind (goal)));
  add_string_or_null (builder, "owner_id", trellis_goal_get_owner_id (goal));
  add_string_or_null (builder, "owner_name", trellis_goal_get_owner_name (goal));
  add_string_or_null (builder, "cycle", trellis_goal_get_cycle_id (goal));
  add_double (builder, "weight", trellis_goal_get_weight (goal));
  add_double (builder, "progress", trellis_goal_get_progress (goal));
  add_double (builder, "aligned_progress", trellis_goal_get_aligned_progress (goal));
  json_builder_set_member_name (builder, "n_children");
  json_builder_add_int_value (builder, trellis_goal_get_n_children (goal));
  add_double (builder, "score", trellis_goal_get_score (goal));
  add_string_or_null (builder, "status",
                      trellis_progress_status_to_string (trellis_goal_get_progress_status (goal)));
  add_string_or_null (builder, "state", trellis_goal_state_to_string (trellis_goal_get_state (goal)));
  json_builder_set_member_name (builder, "lagging");
  json_builder_add_boolean_value (builder, trellis_goal_get_lagging (goal));
  json_builder_set_member_name (builder, "abnormal");
  json_builder_add_boolean_value (builder, trellis_goal_get_abnormal (goal));
  json_builder_set_member_name (builder, "key_results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < krs->len; i++)
    build_key_result (builder, g_ptr_array_index (krs, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return fwrite (text, 1, length, stdout) == length && fputc ('\n', stdout) != EOF &&
         fflush (stdout) == 0;
}

static gboolean
print_goals_json (TrellisGoalTree *tree)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *goals = trellis_goal_tree_get_goals (tree);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);
      build_goal (builder, goal);
    }
  json_builder_end_array (builder);

  return print_json (builder);
}

static gboolean
print_weight_problems (TrellisGoalTree *tree)
{
  g_autoptr(GPtrArray) problems = trellis_goal_tree_check_weights (tree);
  guint owner_width = 0, cycle_width = 0;

  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        {
          TrellisWeightProblem *p = g_ptr_array_index (problems, i);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "owner", p->owner_name);
          add_string_or_null (builder, "cycle", p->cycle_id);
          add_string_or_null (builder, "goal", p->goal_id);
          add_double (builder, "sum", p->sum);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      return print_json (builder);
    }

  if (problems->len == 0)
    {
      g_print ("%s\n", _("All goal and key-result weights add up to 100 %."));
      return TRUE;
    }

  /* A table: owner (or objective) and cycle columns padded to the widest,
   * by display width, since most names are Chinese. */
  for (guint i = 0; i < problems->len; i++)
    {
      TrellisWeightProblem *p = g_ptr_array_index (problems, i);

      owner_width = MAX (owner_width, trellis_cli_display_width (p->owner_name));
      cycle_width = MAX (cycle_width, trellis_cli_display_width (p->cycle_id));
    }

  for (guint i = 0; i < problems->len; i++)
    {
      TrellisWeightProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *sum = format_percent (p->sum);
      g_autofree char *owner = trellis_cli_pad (p->owner_name, owner_width, TRELLIS_CLI_ALIGN_START);
      g_autofree char *cycle = trellis_cli_pad (p->cycle_id, cycle_width, TRELLIS_CLI_ALIGN_START);
      g_autofree char *what = NULL;

      /* A goal id means the key results of that objective; none, an
       * owner's goals in the cycle. */
      if (p->goal_id != NULL)
        what = g_strdup_printf (_("key results of %s add up to %s"), p->goal_id, sum);
      else
        what = g_strdup_printf (_("goals add up to %s"), sum);
      g_print ("%s  %s  %s\n", owner, cycle, what);
    }
  return TRUE;
}

static int
run_goals (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  g_autoptr(TrellisStore) store = NULL;
  g_autoptr(TrellisOrganisation) organisation = NULL;
  g_autoptr(TrellisGoalTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  gboolean ok;

  if (argc != 2)
    return trellis_cli_usage_error (command, _("expected one FILE"));

  g_date_clear (&today, 1);
  if (opt_today != NULL)
    {
      if (!trellis_date_parse (opt_today, &today) || !g_date_valid (&today))
        return trellis_cli_usage_error (command, _("--today must be a date in the form YYYY-MM-DD, not “%s”"),
                                        opt_today);
    }
  else
    {
      g_autoptr(TrellisClock) clock = trellis_clock_new ();
      trellis_clock_get_today (clock, &today);
    }

  store = trellis_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return trellis_cli_fail ("%s", error->message);

  organisation = trellis_organisation_load (store, NULL, &error);
  if (organisation == NULL)
    return trellis_cli_fail ("%s", error->message);

  if (opt_cycle != NULL)
    {
      g_autoptr(GPtrArray) cycles = trellis_org_repository_list_cycles (store, &error);
      gboolean known = FALSE;

      if (cycles == NULL)
        return trellis_cli_fail ("%s", error->message);
      for (guint i = 0; i < cycles->len && !known; i++)
        known = g_str_equal (trellis_cycle_get_id (g_ptr_array_index (cycles, i)), opt_cycle);
      if (!known)
        return trellis_cli_fail (_("There is no cycle “%s” in %s"), opt_cycle, argv[1]);
    }

  tree = trellis_goal_tree_load (store, organisation, opt_cycle, &today, NULL, &error);
  if (tree == NULL)
    return trellis_cli_fail ("%s", error->message);

  if (opt_check_weights)
    ok = print_weight_problems (tree);
  else if (opt_json)
    ok = print_goals_json (tree);
  else
    {
      print_text (tree);
      ok = fflush (stdout) == 0;
    }

  if (!ok)
    return trellis_cli_fail (_("Could not write to standard output: %s"), g_strerror (errno));

  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_goals_command = {
  .name = "goals",
  .parameters = N_("FILE"),
  .summary = N_("Show the goal cascade with its progress"),
  /* xgettext:no-c-format */
  .description = N_("Prints every goal of FILE in cascade order (company, then what aligns to it)\n"
                    "with its owner, cycle, weight, progress, aligned progress, score, status,\n"
                    "workflow state and the lagging/abnormal flags, as the application computes\n"
                    "them for --today. --check-weights lists the weights that do not add up to\n"
                    "100 % instead (exit status 0 either way)."),
  .entries = goals_entries,
  .run = run_goals,
};
