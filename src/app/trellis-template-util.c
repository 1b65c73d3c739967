/* trellis-template-util.c
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

#define G_LOG_DOMAIN "trellis-template-util"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-template-util.h"

/* The kinds the store accepts for templates (see trellis-goal-template.c). */
static const char * const cycle_kinds[] = { "year", "half", "quarter", "month" };

const char *
trellis_template_cycle_kind_at (guint index)
{
  return index < G_N_ELEMENTS (cycle_kinds) ? cycle_kinds[index] : NULL;
}

int
trellis_template_cycle_kind_index (const char *cycle_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (cycle_kinds); i++)
    if (g_strcmp0 (cycle_kind, cycle_kinds[i]) == 0)
      return (int)i;
  return -1;
}

const char *
trellis_template_cycle_kind_label (const char *cycle_kind)
{
  switch (trellis_template_cycle_kind_index (cycle_kind))
    {
    case 0:
      return C_("cycle kind", "Year");
    case 1:
      return C_("cycle kind", "Half-Year");
    case 2:
      return C_("cycle kind", "Quarter");
    case 3:
      return C_("cycle kind", "Month");
    default:
      return cycle_kind != NULL && *cycle_kind != '\0' ? cycle_kind : _("Any Cycle");
    }
}

char *
trellis_template_describe_department (TrellisOrganisation *organisation,
                                      const char          *department_id)
{
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (department_id == NULL)
    return NULL;
  if (organisation == NULL || trellis_organisation_find_department (organisation, department_id) == NULL)
    return g_strdup (department_id);

  /* Sales departments share a name in every region: the path tells them
   * apart. The company above them all goes without saying. */
  path = trellis_organisation_get_department_path (organisation, department_id);
  for (guint i = path->len > 1 ? 1 : 0; i < path->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, " › ");
      g_string_append (text, trellis_department_get_name (g_ptr_array_index (path, i)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
trellis_template_department_choices (TrellisOrganisation *organisation,
                                     GtkStringList       *labels,
                                     GPtrArray           *department_ids)
{
  GListModel *departments;

  g_return_if_fail (GTK_IS_STRING_LIST (labels));
  g_return_if_fail (department_ids != NULL);

  gtk_string_list_append (labels, _("All Departments"));
  g_ptr_array_add (department_ids, NULL);
  if (organisation == NULL)
    return;

  departments = trellis_organisation_get_departments (organisation);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr(TrellisDepartment) department = g_list_model_get_item (departments, i);
      const char *id = trellis_department_get_id (department);
      g_autofree char *label = trellis_template_describe_department (organisation, id);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (department_ids, g_strdup (id));
    }
}

char *
trellis_template_describe_scope (TrellisOrganisation *organisation,
                                 const char          *department_id,
                                 const char          *level,
                                 const char          *cycle_kind)
{
  g_autofree char *department = trellis_template_describe_department (organisation, department_id);
  g_autofree char *level_text = NULL;

  if (level != NULL && *level != '\0')
    /* Translators: a job level such as P or M2 */
    level_text = g_strdup_printf (_("Level %s"), level);
  else
    level_text = g_strdup (_("Every Level"));

  /* Translators: cycle kind · level · department, as in
   * "Quarter · Level P · All Departments" */
  return g_strdup_printf (_("%s · %s · %s"),
                          trellis_template_cycle_kind_label (cycle_kind), level_text,
                          department != NULL ? department : _("All Departments"));
}

static char *
format_value (TrellisMeasure  measure,
              double          value,
              const char     *unit)
{
  g_autofree char *number = trellis_format_number (value);

  if (measure == TRELLIS_MEASURE_PERCENTAGE)
    return g_strdup_printf (_("%s %%"), number);
  if (unit != NULL && *unit != '\0')
    return g_strdup_printf ("%s %s", number, unit);
  return g_steal_pointer (&number);
}

char *
trellis_library_entry_describe (const TrellisLibraryKeyResult *entry)
{
  g_autofree char *baseline = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  /* A milestone is done or not: its 0 → 1 says nothing. */
  if (entry->measure == TRELLIS_MEASURE_MILESTONE)
    return g_strdup_printf ("%s · %s", trellis_measure_label (entry->measure),
                            trellis_commitment_label (entry->commitment));

  /* The unit once, after the target: "0 → 120 万元"; percentages keep both signs. */
  baseline = format_value (entry->measure, entry->baseline, NULL);
  target = format_value (entry->measure, entry->target, entry->unit);
  /* Translators: measure · baseline → target · commitment, as in
   * "Number · 0 → 120 万元 · Committed" */
  return g_strdup_printf (_("%s · %s → %s · %s"), trellis_measure_label (entry->measure), baseline, target,
                          trellis_commitment_label (entry->commitment));
}
