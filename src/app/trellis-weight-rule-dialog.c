/* trellis-weight-rule-dialog.c
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

#define G_LOG_DOMAIN "trellis-weight-rule-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-goal-util.h"
#include "trellis-key-result-chooser.h"
#include "trellis-weight-rule-dialog.h"
#include "trellis-workflow-labels.h"

/* In the order of the comparison row's items. */
static const char * const comparisons[] = { ">", ">=", "<", "<=" };

struct _TrellisWeightRuleDialog
{
  AdwWindow                parent_instance;

  TrellisWorkspace        *workspace;
  char                    *error_text;
  TrellisWeightRuleField   error_field;

  AdwEntryRow             *name_row;
  GtkLabel                *name_error_label;
  AdwActionRow            *watch_row;
  TrellisKeyResultChooser *watch_chooser;
  AdwComboRow             *metric_row;
  AdwComboRow             *comparison_row;
  AdwEntryRow             *threshold_row;
  GtkLabel                *threshold_unit_label;
  GtkLabel                *when_error_label;
  AdwActionRow            *target_row;
  TrellisKeyResultChooser *target_chooser;
  AdwActionRow            *weight_row;
  GtkSpinButton           *weight_spin;
  GtkLabel                *then_error_label;
  GtkTextView             *explanation_view;
  GtkLabel                *error_label;
  GtkButton               *add_button;
};

G_DEFINE_FINAL_TYPE (TrellisWeightRuleDialog, trellis_weight_rule_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
get_metric (TrellisWeightRuleDialog *self)
{
  return adw_combo_row_get_selected (self->metric_row) == 1 ? "progress" : "value";
}

static const char *
get_comparison (TrellisWeightRuleDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->comparison_row);

  return selected < G_N_ELEMENTS (comparisons) ? comparisons[selected] : NULL;
}

/* The threshold in the store's terms (progress as a fraction), or NaN when
 * the text is not a number, which the core then reports. The unit shown
 * next to the entry may be typed along. */
static double
read_threshold (TrellisWeightRuleDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->threshold_row))));
  const char *unit = gtk_label_get_text (self->threshold_unit_label);
  char *end = NULL;
  double value;

  if (*unit != '\0' && g_str_has_suffix (text, unit))
    {
      text[strlen (text) - strlen (unit)] = '\0';
      g_strstrip (text);
    }
  if (*text == '\0')
    return NAN;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return NAN;
  return g_str_equal (get_metric (self), "progress") ? value / 100.0 : value;
}

static char *
get_explanation (TrellisWeightRuleDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->explanation_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static GtkWidget *
field_widget (TrellisWeightRuleDialog *self,
              TrellisWeightRuleField   field)
{
  switch (field)
    {
    case TRELLIS_WEIGHT_RULE_FIELD_NAME:
      return GTK_WIDGET (self->name_row);
    case TRELLIS_WEIGHT_RULE_FIELD_WATCHED:
      return GTK_WIDGET (self->watch_row);
    case TRELLIS_WEIGHT_RULE_FIELD_METRIC:
      return GTK_WIDGET (self->metric_row);
    case TRELLIS_WEIGHT_RULE_FIELD_COMPARISON:
      return GTK_WIDGET (self->comparison_row);
    case TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD:
      return GTK_WIDGET (self->threshold_row);
    case TRELLIS_WEIGHT_RULE_FIELD_TARGET:
      return GTK_WIDGET (self->target_row);
    case TRELLIS_WEIGHT_RULE_FIELD_NEW_WEIGHT:
      return GTK_WIDGET (self->weight_row);
    case TRELLIS_WEIGHT_RULE_FIELD_NONE:
    default:
      return NULL;
    }
}

/* The label under the group that holds the field. */
static GtkLabel *
field_error_label (TrellisWeightRuleDialog *self,
                   TrellisWeightRuleField   field)
{
  switch (field)
    {
    case TRELLIS_WEIGHT_RULE_FIELD_NAME:
      return self->name_error_label;
    case TRELLIS_WEIGHT_RULE_FIELD_WATCHED:
    case TRELLIS_WEIGHT_RULE_FIELD_METRIC:
    case TRELLIS_WEIGHT_RULE_FIELD_COMPARISON:
    case TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD:
      return self->when_error_label;
    case TRELLIS_WEIGHT_RULE_FIELD_TARGET:
    case TRELLIS_WEIGHT_RULE_FIELD_NEW_WEIGHT:
      return self->then_error_label;
    case TRELLIS_WEIGHT_RULE_FIELD_NONE:
    default:
      return self->error_label;
    }
}

static void
show_error (TrellisWeightRuleDialog *self,
            TrellisWeightRuleField   field,
            const char              *message)
{
  GtkWidget *widget = field_widget (self, self->error_field);

  /* Only one problem is shown: the first the core finds. */
  if (widget != NULL)
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  set_label (field_error_label (self, self->error_field), NULL);

  g_free (self->error_text);
  self->error_text = g_strdup (message);
  self->error_field = message != NULL ? field : TRELLIS_WEIGHT_RULE_FIELD_NONE;
  if (message == NULL)
    return;

  set_label (field_error_label (self, field), message);
  widget = field_widget (self, field);
  if (widget != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_widget_grab_focus (widget);
    }
}

static void
update_threshold_unit (TrellisWeightRuleDialog *self)
{
  const TrellisWeightRuleKeyResult *watched = trellis_key_result_chooser_get_key_result (self->watch_chooser);

  gtk_label_set_text (self->threshold_unit_label, trellis_weight_rule_threshold_unit (get_metric (self), watched));
}

/* "Grow the North · North · 2026-Q4" */
static char *
describe_owner (const TrellisWeightRuleKeyResult *key_result)
{
  if (key_result == NULL)
    return NULL;
  /* Translators: a key result's goal, the goal's owner and its cycle */
  return g_strdup_printf (_("%s · %s · %s"), key_result->goal_title,
                          key_result->owner_name != NULL ? key_result->owner_name : "—", key_result->cycle_id);
}

static void
on_name_changed_cb (TrellisWeightRuleDialog *self)
{
  if (self->error_field == TRELLIS_WEIGHT_RULE_FIELD_NAME)
    show_error (self, TRELLIS_WEIGHT_RULE_FIELD_NONE, NULL);
}

static void
on_field_changed_cb (TrellisWeightRuleDialog *self)
{
  if (self->error_field != TRELLIS_WEIGHT_RULE_FIELD_NAME)
    show_error (self, TRELLIS_WEIGHT_RULE_FIELD_NONE, NULL);
}

static void
on_metric_changed_cb (TrellisWeightRuleDialog *self)
{
  update_threshold_unit (self);
  on_field_changed_cb (self);
}

static void
on_watch_changed_cb (TrellisWeightRuleDialog *self)
{
  const TrellisWeightRuleKeyResult *watched = trellis_key_result_chooser_get_key_result (self->watch_chooser);
  g_autofree char *owner = describe_owner (watched);

  adw_action_row_set_subtitle (self->watch_row, owner != NULL ? owner : "");
  /* The usual case reweights a key result of the same goal. */
  trellis_key_result_chooser_set_suggested_search (self->target_chooser, watched != NULL ? watched->goal_id : NULL);
  update_threshold_unit (self);
  on_field_changed_cb (self);
}

static void
on_target_changed_cb (TrellisWeightRuleDialog *self)
{
  const TrellisWeightRuleKeyResult *target = trellis_key_result_chooser_get_key_result (self->target_chooser);
  g_autofree char *owner = describe_owner (target);
  g_autofree char *weight = NULL;
  g_autofree char *subtitle = NULL;

  adw_action_row_set_subtitle (self->target_row, owner != NULL ? owner : "");
  if (target != NULL)
    {
      weight = trellis_format_percent (target->weight);
      /* Translators: %s is the key result's weight now, e.g. "25 %" */
      subtitle = g_strdup_printf (_("Now %s. The other key results of its goal share the rest."), weight);
    }
  adw_action_row_set_subtitle (self->weight_row, subtitle != NULL ? subtitle : "");
  on_field_changed_cb (self);
}

static void
on_add_clicked_cb (TrellisWeightRuleDialog *self)
{
  g_autofree char *id = trellis_weight_rule_dialog_add (self, NULL);
}

static void
trellis_weight_rule_dialog_dispose (GObject *object)
{
  TrellisWeightRuleDialog *self = TRELLIS_WEIGHT_RULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_WEIGHT_RULE_DIALOG);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_weight_rule_dialog_parent_class)->dispose (object);
}

static void
trellis_weight_rule_dialog_finalize (GObject *object)
{
  TrellisWeightRuleDialog *self = TRELLIS_WEIGHT_RULE_DIALOG (object);

  g_free (self->error_text);

  G_OBJECT_CLASS (trellis_weight_rule_dialog_parent_class)->finalize (object);
}

static void
trellis_weight_rule_dialog_class_init (TrellisWeightRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_weight_rule_dialog_dispose;
  object_class->finalize = trellis_weight_rule_dialog_finalize;

  /**
   * TrellisWeightRuleDialog::added:
   * @rule_id: the new rule
   */
  signals[ADDED] =
    g_signal_new ("added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_KEY_RESULT_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-weight-rule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, watch_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, watch_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, metric_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, comparison_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, threshold_unit_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, when_error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, target_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, weight_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, then_error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWeightRuleDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_metric_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_watch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
trellis_weight_rule_dialog_init (TrellisWeightRuleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->weight_spin);
  update_threshold_unit (self);
}

TrellisWeightRuleDialog *
trellis_weight_rule_dialog_new (GtkWindow        *parent,
                                TrellisWorkspace *workspace)
{
  TrellisWeightRuleDialog *self;
  TrellisStore *store;
  g_autofree char *today_text = NULL;
  GDate today;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_WEIGHT_RULE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);

  /* A rule only fires at a check-in, so key results of ended cycles are
   * left out of the search. */
  store = trellis_workspace_get_store (workspace);
  trellis_clock_get_today (trellis_workspace_get_clock (workspace), &today);
  today_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today), g_date_get_month (&today),
                                g_date_get_day (&today));
  trellis_key_result_chooser_set_store (self->watch_chooser, store, today_text);
  trellis_key_result_chooser_set_store (self->target_chooser, store, today_text);

  return self;
}

char *
trellis_weight_rule_dialog_add (TrellisWeightRuleDialog  *self,
                                GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *id = NULL;
  TrellisWeightRuleField field = TRELLIS_WEIGHT_RULE_FIELD_NONE;
  TrellisStore *store;
  const char *name;
  const char *watch_id;
  const char *target_id;
  const char *metric;
  const char *comparison;
  double threshold;
  double weight;

  g_return_val_if_fail (TRELLIS_IS_WEIGHT_RULE_DIALOG (self), NULL);

  store = trellis_workspace_get_store (self->workspace);
  gtk_spin_button_update (self->weight_spin);
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  watch_id = trellis_key_result_chooser_get_key_result_id (self->watch_chooser);
  target_id = trellis_key_result_chooser_get_key_result_id (self->target_chooser);
  metric = get_metric (self);
  comparison = get_comparison (self);
  threshold = read_threshold (self);
  weight = gtk_spin_button_get_value (self->weight_spin) / 100.0;
  explanation = get_explanation (self);

  /* Checked first so the message lands next to its field. */
  if (!trellis_weight_rule_validate (store, name, watch_id, metric, comparison, threshold, target_id, weight,
                                     &field, &local_error))
    goto failed;

  id = trellis_weight_rule_add (store, name, watch_id, metric, comparison, threshold, target_id, weight,
                                explanation, &local_error);
  if (id == NULL)
    goto failed;

  show_error (self, TRELLIS_WEIGHT_RULE_FIELD_NONE, NULL);
  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  return g_steal_pointer (&id);

failed:
  show_error (self, field, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

const char *
trellis_weight_rule_dialog_get_error (TrellisWeightRuleDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_WEIGHT_RULE_DIALOG (self), NULL);

  return self->error_text;
}

TrellisWeightRuleField
trellis_weight_rule_dialog_get_error_field (TrellisWeightRuleDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_WEIGHT_RULE_DIALOG (self), TRELLIS_WEIGHT_RULE_FIELD_NONE);

  return self->error_field;
}
