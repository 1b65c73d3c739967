/* trellis-goal-settings-page.c
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

#define G_LOG_DOMAIN "trellis-goal-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-settings-page.h"
#include "trellis-goal-util.h"

struct _TrellisGoalSettingsPage
{
  AdwPreferencesPage  parent_instance;

  TrellisWorkspace   *workspace;
  int                 year;
  gboolean            loading;

  GtkAdjustment      *behind_adjustment;
  GtkAdjustment      *at_risk_adjustment;
  GtkAdjustment      *lagging_adjustment;
  GtkAdjustment      *abnormal_adjustment;
  GtkAdjustment      *max_adjustment;
  AdwActionRow       *adjustment_row;
};

G_DEFINE_FINAL_TYPE (TrellisGoalSettingsPage, trellis_goal_settings_page, ADW_TYPE_PREFERENCES_PAGE)

static void
show_error (TrellisGoalSettingsPage *self,
            const char              *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static char *
year_id (TrellisGoalSettingsPage *self)
{
  return g_strdup_printf ("%04d", self->year);
}

/* Shows what the workspace holds; the setters below write it back. */
static void
load_values (TrellisGoalSettingsPage *self)
{
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  g_autofree char *year = year_id (self);
  TrellisOkrThresholds thresholds;

  self->loading = TRUE;
  trellis_goal_repository_load_thresholds (store, &thresholds);
  gtk_adjustment_set_value (self->behind_adjustment, thresholds.behind_gap);
  gtk_adjustment_set_value (self->at_risk_adjustment, thresholds.at_risk_gap);
  gtk_adjustment_set_value (self->lagging_adjustment, thresholds.lagging_days);
  gtk_adjustment_set_value (self->abnormal_adjustment, thresholds.abnormal_jump * 100.0);
  gtk_adjustment_set_value (self->max_adjustment,
                            trellis_goal_repository_get_max_adjustment (store, year) * 100.0);
  self->loading = FALSE;
}

static void
on_threshold_changed_cb (TrellisGoalSettingsPage *self)
{
  g_autoptr(GError) error = NULL;
  TrellisOkrThresholds thresholds;

  if (self->loading || self->workspace == NULL)
    return;

  thresholds.behind_gap = gtk_adjustment_get_value (self->behind_adjustment);
  thresholds.at_risk_gap = gtk_adjustment_get_value (self->at_risk_adjustment);
  thresholds.lagging_days = (int)gtk_adjustment_get_value (self->lagging_adjustment);
  thresholds.abnormal_jump = gtk_adjustment_get_value (self->abnormal_adjustment) / 100.0;

  if (!trellis_goal_repository_save_thresholds (trellis_workspace_get_store (self->workspace),
                                                &thresholds, &error))
    {
      show_error (self, error->message);
      load_values (self);
    }
}

/* The limit is set per cycle; here it applies to the whole current year. */
static void
on_max_adjustment_changed_cb (TrellisGoalSettingsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  g_autofree char *prefix = NULL;
  TrellisStore *store;
  double limit;

  if (self->loading || self->workspace == NULL)
    return;

  store = trellis_workspace_get_store (self->workspace);
  limit = gtk_adjustment_get_value (self->max_adjustment) / 100.0;
  prefix = year_id (self);

  cycles = trellis_org_repository_list_cycles (store, &error);
  if (cycles == NULL || !trellis_store_begin (store, &error))
    goto failed;

  for (guint i = 0; i < cycles->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (cycles, i);

      if (trellis_cycle_get_kind (cycle) == TRELLIS_CYCLE_WEEK ||
          !g_str_has_prefix (trellis_cycle_get_id (cycle), prefix))
        continue;
      if (!trellis_goal_repository_set_max_adjustment (store, trellis_cycle_get_id (cycle), limit, &error))
        {
          trellis_store_rollback (store);
          goto failed;
        }
    }

  if (trellis_store_commit (store, &error))
    return;

failed:
  show_error (self, error->message);
  load_values (self);
}

static void
trellis_goal_settings_page_dispose (GObject *object)
{
  TrellisGoalSettingsPage *self = (TrellisGoalSettingsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_GOAL_SETTINGS_PAGE);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_goal_settings_page_parent_class)->dispose (object);
}

static void
trellis_goal_settings_page_class_init (TrellisGoalSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_goal_settings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-goal-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, behind_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, at_risk_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, lagging_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, abnormal_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, max_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalSettingsPage, adjustment_row);
}

static void
trellis_goal_settings_page_init (TrellisGoalSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));

  g_signal_connect_swapped (self->behind_adjustment, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
  g_signal_connect_swapped (self->at_risk_adjustment, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
  g_signal_connect_swapped (self->lagging_adjustment, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
  g_signal_connect_swapped (self->abnormal_adjustment, "value-changed", G_CALLBACK (on_threshold_changed_cb), self);
  g_signal_connect_swapped (self->max_adjustment, "value-changed", G_CALLBACK (on_max_adjustment_changed_cb), self);
}

GtkWidget *
trellis_goal_settings_page_new (TrellisWorkspace *workspace)
{
  TrellisGoalSettingsPage *self;
  g_autofree char *subtitle = NULL;
  GDate today;

  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_SETTINGS_PAGE, NULL);
  self->workspace = g_object_ref (workspace);
  trellis_clock_get_today (trellis_workspace_get_clock (workspace), &today);
  self->year = g_date_get_year (&today);

  /* Translators: %d is a year */
  subtitle = g_strdup_printf (_("How far a target or weight may move from its original value, for every cycle of %d"),
                              self->year);
  adw_action_row_set_subtitle (self->adjustment_row, subtitle);
  load_values (self);

  return GTK_WIDGET (self);
}
