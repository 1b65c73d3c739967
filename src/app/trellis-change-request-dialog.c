/* trellis-change-request-dialog.c
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

#define G_LOG_DOMAIN "trellis-change-request-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-change-request-dialog.h"
#include "trellis-goal-util.h"
#include "trellis-person-chooser.h"

/* One thing that may be changed. */
typedef struct {
  TrellisKeyResult   *key_result;   /* NULL: the goal's weight */
  TrellisChangeField  field;
} Subject;

struct _TrellisChangeRequestDialog
{
  AdwWindow             parent_instance;

  TrellisWorkspace     *workspace;
  TrellisGoal          *goal;
  GArray               *subjects;
  double                max_adjustment;
  char                 *error_text;

  AdwWindowTitle       *window_title;
  AdwComboRow          *subject_row;
  GtkLabel             *original_label;
  GtkLabel             *current_label;
  AdwActionRow         *range_row;
  GtkLabel             *range_label;
  GtkSpinButton        *value_spin;
  GtkLabel             *unit_label;
  GtkTextView          *reason_view;
  TrellisPersonChooser *requester_chooser;
  GtkLabel             *error_label;
  GtkButton            *submit_button;
};

G_DEFINE_FINAL_TYPE (TrellisChangeRequestDialog, trellis_change_request_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const Subject *
get_subject (TrellisChangeRequestDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->subject_row);

  if (self->subjects == NULL || selected >= self->subjects->len)
    return NULL;
  return &g_array_index (self->subjects, Subject, selected);
}

static void
show_error (TrellisChangeRequestDialog *self,
            const char                 *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    trellis_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static char *
get_reason (TrellisChangeRequestDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reason_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
format_value (const Subject *subject,
              double         value)
{
  return subject->field == TRELLIS_CHANGE_WEIGHT ? trellis_format_percent (value) : trellis_format_number (value);
}

/* The value in the store's terms: weights are fractions, shown as percent. */
static double
read_value (TrellisChangeRequestDialog *self,
            const Subject              *subject)
{
  double value;

  gtk_spin_button_update (self->value_spin);
  value = gtk_spin_button_get_value (self->value_spin);
  return subject->field == TRELLIS_CHANGE_WEIGHT ? value / 100.0 : value;
}

static void
update_sensitivity (TrellisChangeRequestDialog *self)
{
  g_autofree char *reason = get_reason (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button),
                            get_subject (self) != NULL && reason[0] != '\0');
}

static void
show_subject (TrellisChangeRequestDialog *self)
{
  const Subject *subject = get_subject (self);
  double original, current, spread, low, high;
  g_autofree char *original_text = NULL;
  g_autofree char *current_text = NULL;
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *range_text = NULL;

  if (subject == NULL)
    return;

  if (subject->key_result == NULL)
    {
      original = trellis_goal_get_original_weight (self->goal);
      current = trellis_goal_get_weight (self->goal);
    }
  else if (subject->field == TRELLIS_CHANGE_TARGET)
    {
      original = trellis_key_result_get_original_target (subject->key_result);
      current = trellis_key_result_get_target (subject->key_result);
    }
  else
    {
      original = trellis_key_result_get_original_weight (subject->key_result);
      current = trellis_key_result_get_weight (subject->key_result);
    }

  /* The same rule the store applies: at most max × |original| either way. */
  spread = self->max_adjustment * fabs (original);
  low = original - spread;
  high = original + spread;
  if (subject->field == TRELLIS_CHANGE_WEIGHT)
    {
      low = MAX (low, 0.0);
      high = MIN (high, 1.0);
    }

  original_text = format_value (subject, original);
  current_text = format_value (subject, current);
  low_text = format_value (subject, low);
  high_text = format_value (subject, high);
  max_text = trellis_format_percent (self->max_adjustment);
  /* Translators: the allowed range: "108 to 132" */
  range_text = g_strdup_printf (_("%s to %s"), low_text, high_text);

  gtk_label_set_text (self->original_label, original_text);
  gtk_label_set_text (self->current_label, current_text);
  gtk_label_set_text (self->range_label, range_text);
  {
    /* Translators: the cycle's limit on changes, e.g. "At most ± 10 % of the original value" */
    g_autofree char *limit = g_strdup_printf (_("At most ± %s of the original value"), max_text);

    adw_action_row_set_subtitle (self->range_row, limit);
  }

  if (subject->field == TRELLIS_CHANGE_WEIGHT)
    {
      gtk_spin_button_set_digits (self->value_spin, 1);
      gtk_spin_button_set_range (self->value_spin, 0.0, 100.0);
      gtk_spin_button_set_value (self->value_spin, current * 100.0);
      gtk_label_set_text (self->unit_label, "%");
    }
  else
    {
      const char *unit = trellis_key_result_get_measure (subject->key_result) == TRELLIS_MEASURE_PERCENTAGE
                         ? "%" : trellis_key_result_get_unit (subject->key_result);

      gtk_spin_button_set_digits (self->value_spin, 2);
      gtk_spin_button_set_range (self->value_spin, -1e12, 1e12);
      gtk_spin_button_set_value (self->value_spin, current);
      gtk_label_set_text (self->unit_label, unit != NULL ? unit : "");
    }

  show_error (self, NULL);
  update_sensitivity (self);
}

static void
on_subject_selected_cb (TrellisChangeRequestDialog *self)
{
  show_subject (self);
}

static void
on_changed_cb (TrellisChangeRequestDialog *self)
{
  update_sensitivity (self);
}

static void
on_submit_clicked_cb (TrellisChangeRequestDialog *self)
{
  trellis_change_request_dialog_submit (self, NULL);
}

static void
trellis_change_request_dialog_dispose (GObject *object)
{
  TrellisChangeRequestDialog *self = TRELLIS_CHANGE_REQUEST_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_CHANGE_REQUEST_DIALOG);
  g_clear_pointer (&self->subjects, g_array_unref);
  g_clear_object (&self->goal);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_change_request_dialog_parent_class)->dispose (object);
}

static void
trellis_change_request_dialog_finalize (GObject *object)
{
  TrellisChangeRequestDialog *self = TRELLIS_CHANGE_REQUEST_DIALOG (object);

  g_free (self->error_text);

  G_OBJECT_CLASS (trellis_change_request_dialog_parent_class)->finalize (object);
}

static void
trellis_change_request_dialog_class_init (TrellisChangeRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_change_request_dialog_dispose;
  object_class->finalize = trellis_change_request_dialog_finalize;

  /**
   * TrellisChangeRequestDialog::submitted:
   * @request_id: the new request
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (TRELLIS_TYPE_PERSON_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-change-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, original_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, range_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, value_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, reason_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, requester_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisChangeRequestDialog, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_clicked_cb);
}

static void
trellis_change_request_dialog_init (TrellisChangeRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->value_spin);

  g_signal_connect_object (gtk_text_view_get_buffer (self->reason_view), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
}

TrellisChangeRequestDialog *
trellis_change_request_dialog_new (GtkWindow        *parent,
                                   TrellisWorkspace *workspace,
                                   TrellisGoalTree  *tree,
                                   TrellisGoal      *goal,
                                   TrellisKeyResult *key_result)
{
  TrellisChangeRequestDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  TrellisOrganisation *organisation;
  TrellisEmployee *owner;
  GPtrArray *krs;
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  self = g_object_new (TRELLIS_TYPE_CHANGE_REQUEST_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->goal = g_object_ref (goal);
  self->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  self->max_adjustment = trellis_goal_repository_get_max_adjustment (trellis_workspace_get_store (workspace),
                                                                      trellis_goal_get_cycle_id (goal));
  adw_window_title_set_subtitle (self->window_title, trellis_goal_get_title (goal));

  krs = trellis_goal_get_key_results (goal);
  for (guint i = 0; i < krs->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (krs, i);
      const char *title = trellis_key_result_get_title (kr);

      if (trellis_key_result_get_measure (kr) != TRELLIS_MEASURE_MILESTONE)
        {
          Subject subject = { kr, TRELLIS_CHANGE_TARGET };
          /* Translators: %s is a key result */
          g_autofree char *label = g_strdup_printf (_("Target of “%s”"), title);

          if (kr == key_result && selected == 0)
            selected = self->subjects->len;
          g_array_append_val (self->subjects, subject);
          gtk_string_list_append (labels, label);
        }
      /* A lone key result always weighs 100 %. */
      if (krs->len > 1)
        {
          Subject subject = { kr, TRELLIS_CHANGE_WEIGHT };
          g_autofree char *label = g_strdup_printf (_("Weight of “%s”"), title);

          g_array_append_val (self->subjects, subject);
          gtk_string_list_append (labels, label);
        }
    }
  {
    Subject subject = { NULL, TRELLIS_CHANGE_WEIGHT };

    g_array_append_val (self->subjects, subject);
    gtk_string_list_append (labels, _("Weight of the whole goal"));
  }

  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->subject_row, selected);
  g_signal_connect_object (self->subject_row, "notify::selected", G_CALLBACK (on_subject_selected_cb),
                           self, G_CONNECT_SWAPPED);

  organisation = trellis_workspace_get_organisation (workspace);
  owner = trellis_goal_get_owner_person (goal, organisation);
  trellis_person_chooser_set_organisation (self->requester_chooser, organisation);
  if (owner != NULL)
    {
      g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();

      g_ptr_array_add (suggestions, owner);
      trellis_person_chooser_set_suggestions (self->requester_chooser, suggestions);
    }
  trellis_person_chooser_set_employee (self->requester_chooser, owner);

  show_subject (self);
  return self;
}

void
trellis_change_request_dialog_set_subject (TrellisChangeRequestDialog *self,
                                           const char                 *key_result_id,
                                           TrellisChangeField          field)
{
  g_return_if_fail (TRELLIS_IS_CHANGE_REQUEST_DIALOG (self));

  for (guint i = 0; i < self->subjects->len; i++)
    {
      Subject *subject = &g_array_index (self->subjects, Subject, i);
      const char *id = subject->key_result != NULL ? trellis_key_result_get_id (subject->key_result) : NULL;

      if (g_strcmp0 (id, key_result_id) == 0 && subject->field == field)
        {
          adw_combo_row_set_selected (self->subject_row, i);
          return;
        }
    }
}

void
trellis_change_request_dialog_set_value (TrellisChangeRequestDialog *self,
                                         double                      value)
{
  const Subject *subject;

  g_return_if_fail (TRELLIS_IS_CHANGE_REQUEST_DIALOG (self));

  subject = get_subject (self);
  gtk_spin_button_set_value (self->value_spin,
                             subject != NULL && subject->field == TRELLIS_CHANGE_WEIGHT ? value * 100.0 : value);
}

void
trellis_change_request_dialog_set_reason (TrellisChangeRequestDialog *self,
                                          const char                 *reason)
{
  g_return_if_fail (TRELLIS_IS_CHANGE_REQUEST_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->reason_view), reason != NULL ? reason : "", -1);
}

const char *
trellis_change_request_dialog_get_error (TrellisChangeRequestDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_CHANGE_REQUEST_DIALOG (self), NULL);

  return self->error_text;
}

gint64
trellis_change_request_dialog_submit (TrellisChangeRequestDialog  *self,
                                      GError                     **error)
{
  const Subject *subject;
  g_autofree char *reason = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_CHANGE_REQUEST_DIALOG (self), 0);

  subject = get_subject (self);
  if (subject == NULL)
    return 0;

  reason = get_reason (self);
  id = trellis_change_request_submit (trellis_workspace_get_store (self->workspace),
                                      trellis_workspace_get_organisation (self->workspace),
                                      self->goal,
                                      subject->key_result != NULL ? trellis_key_result_get_id (subject->key_result) : NULL,
                                      subject->field,
                                      read_value (self, subject),
                                      reason,
                                      trellis_person_chooser_get_employee_id (self->requester_chooser),
                                      &local_error);
  if (id == 0)
    {
      /* The core's message states the limit and the allowed range. */
      show_error (self, local_error->message);
      if (error != NULL)
        *error = g_steal_pointer (&local_error);
      return 0;
    }

  g_signal_emit (self, signals[SUBMITTED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  return id;
}
