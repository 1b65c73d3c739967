/* trellis-workflow-labels.c
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

#define G_LOG_DOMAIN "trellis-workflow-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-workflow-labels.h"

const char *
trellis_approver_role_title (TrellisApproverRole role)
{
  switch (role)
    {
    case TRELLIS_APPROVER_MANAGER:
      return _("Manager");
    case TRELLIS_APPROVER_SKIP_LEVEL_MANAGER:
      return _("Skip-level manager");
    case TRELLIS_APPROVER_DEPARTMENT_HEAD:
      return _("Department head");
    case TRELLIS_APPROVER_HR:
    default:
      return _("HR");
    }
}

const char *
trellis_approver_role_description (TrellisApproverRole role)
{
  switch (role)
    {
    case TRELLIS_APPROVER_MANAGER:
      return _("Whom the goal’s owner reports to");
    case TRELLIS_APPROVER_SKIP_LEVEL_MANAGER:
      return _("The manager’s manager");
    case TRELLIS_APPROVER_DEPARTMENT_HEAD:
      return _("The head of the owner’s department, or of the one above");
    case TRELLIS_APPROVER_HR:
    default:
      return _("Anyone acting for HR");
    }
}

char *
trellis_approval_chain_describe_owners (const char *owner_kind,
                                        const char *level_prefix)
{
  TrellisOwnerKind kind = TRELLIS_OWNER_EMPLOYEE;
  gboolean any_level = level_prefix == NULL || *level_prefix == '\0';

  trellis_owner_kind_from_string (owner_kind, &kind);
  /* Each combination is a whole sentence so that translations can order
   * the words as their language needs. */
  switch (kind)
    {
    case TRELLIS_OWNER_COMPANY:
      if (any_level)
        return g_strdup (_("Company goals, any level"));
      /* Translators: %s is the start of the head's level, such as M or P3 */
      return g_strdup_printf (_("Company goals, levels %s…"), level_prefix);
    case TRELLIS_OWNER_DEPARTMENT:
      if (any_level)
        return g_strdup (_("Department goals, any level"));
      /* Translators: %s is the start of the head's level, such as M or P3 */
      return g_strdup_printf (_("Department goals, levels %s…"), level_prefix);
    case TRELLIS_OWNER_EMPLOYEE:
    default:
      if (any_level)
        return g_strdup (_("Employee goals, any level"));
      /* Translators: %s is the start of the employee's level, such as M or P3 */
      return g_strdup_printf (_("Employee goals, levels %s…"), level_prefix);
    }
}

char *
trellis_approval_chain_describe_steps (GArray *roles)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      if (i > 0)
        g_string_append (text, " → ");
      g_string_append (text, trellis_approver_role_title (g_array_index (roles, TrellisApproverRole, i)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
trellis_weight_rule_threshold_unit (const char                       *metric,
                                    const TrellisWeightRuleKeyResult *watched)
{
  if (g_strcmp0 (metric, "progress") == 0)
    return "%";
  if (watched == NULL || watched->measure == TRELLIS_MEASURE_MILESTONE)
    return "";
  if (watched->unit != NULL && *watched->unit != '\0')
    return watched->unit;
  return watched->measure == TRELLIS_MEASURE_PERCENTAGE ? "%" : "";
}

static const char *
comparison_phrase (const char *comparison)
{
  if (g_strcmp0 (comparison, ">") == 0)
    return _("more than");
  if (g_strcmp0 (comparison, ">=") == 0)
    return _("at least");
  if (g_strcmp0 (comparison, "<") == 0)
    return _("less than");
  if (g_strcmp0 (comparison, "<=") == 0)
    return _("at most");
  return comparison;
}

char *
trellis_weight_rule_describe (const TrellisWeightRule          *rule,
                              const TrellisWeightRuleKeyResult *watched,
                              const TrellisWeightRuleKeyResult *target)
{
  gboolean progress = g_strcmp0 (rule->metric, "progress") == 0;
  const char *unit = trellis_weight_rule_threshold_unit (rule->metric, watched);
  g_autofree char *number = trellis_format_number (progress ? rule->threshold * 100.0 : rule->threshold);
  /* No-break spaces keep "15 %" together where the subtitle wraps. */
  g_autofree char *threshold = *unit != '\0' ? g_strdup_printf ("%s\u00a0%s", number, unit) : g_strdup (number);
  g_autofree char *percent = trellis_format_percent (rule->new_weight);
  g_auto(GStrv) percent_parts = g_strsplit (percent, " ", -1);
  g_autofree char *weight = g_strjoinv ("\u00a0", percent_parts);
  const char *watched_title = watched != NULL ? watched->title : rule->watch_kr_id;
  const char *owner = watched != NULL && watched->owner_name != NULL ? watched->owner_name : "—";
  const char *target_title = target != NULL ? target->title : rule->target_kr_id;

  if (progress)
    /* Translators: "When the progress of “Satisfaction” (Eve) is at least 80 %, set the weight of
     * “Repeat orders” to 40 %" */
    return g_strdup_printf (_("When the progress of “%s” (%s) is %s %s, set the weight of “%s” to %s"),
                            watched_title, owner, comparison_phrase (rule->comparison), threshold,
                            target_title, weight);
  /* Translators: "When the value of “Signings growth” (North) is more than 15 %, set the weight of
   * “First-order conversion” to 35 %" */
  return g_strdup_printf (_("When the value of “%s” (%s) is %s %s, set the weight of “%s” to %s"),
                          watched_title, owner, comparison_phrase (rule->comparison), threshold,
                          target_title, weight);
}
