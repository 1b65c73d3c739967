/* trellis-checkin-dialog.c
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

#define G_LOG_DOMAIN "trellis-checkin-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-checkin-dialog.h"
#include "trellis-goal-util.h"
#include "trellis-person-chooser.h"

struct _TrellisCheckinDialog
{
  AdwWindow             parent_instance;

  TrellisWorkspace     *workspace;
  TrellisGoalTree      *tree;
  TrellisGoal          *goal;
  GPtrArray            *key_results;   /* borrowed from the goal */
  GPtrArray            *files;         /* GFile */

  AdwWindowTitle       *window_title;
  AdwComboRow          *kr_row;
  GtkLabel             *current_label;
  AdwActionRow         *value_row;
  GtkSpinButton        *value_spin;
  GtkLabel             *unit_label;
  AdwActionRow         *done_row;
  GtkSwitch            *done_switch;
  GtkLabel             *preview_label;
  GtkScale             *confidence_scale;
  GtkLabel             *abnormal_label;
  GtkTextView          *note_view;
  GtkListBox           *evidence_list;
  TrellisPersonChooser *author_chooser;
  GtkLabel             *error_label;
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (TrellisCheckinDialog, trellis_checkin_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (TrellisCheckinDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    trellis_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static double
read_value (TrellisCheckinDialog *self,
            TrellisKeyResult     *kr)
{
  if (trellis_key_result_get_measure (kr) == TRELLIS_MEASURE_MILESTONE)
    return gtk_switch_get_active (self->done_switch) ? 1.0 : 0.0;
  gtk_spin_button_update (self->value_spin);
  return gtk_spin_button_get_value (self->value_spin);
}

static void
update_preview (TrellisCheckinDialog *self)
{
  TrellisKeyResult *kr = trellis_checkin_dialog_get_key_result (self);
  const TrellisOkrThresholds *thresholds;
  double before, after;
  g_autofree char *after_text = NULL;

  if (kr == NULL)
    return;

  thresholds = trellis_goal_tree_get_thresholds (self->tree);
  before = trellis_key_result_get_progress (kr);
  after = trellis_okr_progress (trellis_key_result_get_measure (kr),
                                trellis_key_result_get_baseline (kr),
                                trellis_key_result_get_target (kr),
                                read_value (self, kr));
  after_text = trellis_format_percent (after);
  gtk_label_set_text (self->preview_label, after_text);

  if (trellis_key_result_get_last_checkin_at (kr) != NULL &&
      trellis_okr_is_abnormal_change (before, after, thresholds))
    {
      g_autofree char *before_text = trellis_format_percent (before);
      g_autofree char *text = NULL;

      if (after < before)
        text = g_strdup_printf (_("Progress would go back from %s to %s: the goal will be flagged as abnormal. Say why in the note."),
                                before_text, after_text);
      else
        text = g_strdup_printf (_("Progress would jump from %s to %s: the goal will be flagged as abnormal. Say why in the note."),
                                before_text, after_text);
      gtk_label_set_text (self->abnormal_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->abnormal_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->abnormal_label), FALSE);
}

static void
show_key_result (TrellisCheckinDialog *self)
{
  TrellisKeyResult *kr = trellis_checkin_dialog_get_key_result (self);
  gboolean milestone;
  g_autofree char *current = NULL;
  const char *unit;

  if (kr == NULL)
    return;

  milestone = trellis_key_result_get_measure (kr) == TRELLIS_MEASURE_MILESTONE;
  current = trellis_format_key_result_value (kr);
  gtk_label_set_text (self->current_label, current);

  gtk_widget_set_visible (GTK_WIDGET (self->value_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->done_row), milestone);
  gtk_switch_set_active (self->done_switch, trellis_key_result_get_current (kr) >= 1.0);
  gtk_spin_button_set_value (self->value_spin, trellis_key_result_get_current (kr));

  unit = trellis_key_result_get_measure (kr) == TRELLIS_MEASURE_PERCENTAGE ? "%" : trellis_key_result_get_unit (kr);
  gtk_label_set_text (self->unit_label, unit != NULL ? unit : "");

  if (trellis_key_result_get_confidence (kr) >= 0)
    gtk_range_set_value (GTK_RANGE (self->confidence_scale), trellis_key_result_get_confidence (kr));

  update_preview (self);
  show_error (self, NULL);
}

static void
on_kr_selected_cb (TrellisCheckinDialog *self)
{
  show_key_result (self);
}

static void
on_value_changed_cb (TrellisCheckinDialog *self)
{
  update_preview (self);
}

static void
on_remove_file_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  TrellisCheckinDialog *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GFile *file = g_object_get_data (G_OBJECT (row), "file");
  guint index;

  if (g_ptr_array_find (self->files, file, &index))
    g_ptr_array_remove_index (self->files, index);
  gtk_list_box_remove (self->evidence_list, row);
}

static void
on_save_clicked_cb (TrellisCheckinDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!trellis_checkin_dialog_save (self, &error))
    show_error (self, error->message);
}

static void
on_files_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  TrellisCheckinDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          trellis_checkin_dialog_add_evidence (self, file);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_add_files_clicked_cb (TrellisCheckinDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Evidence"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_files_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
trellis_checkin_dialog_dispose (GObject *object)
{
  TrellisCheckinDialog *self = TRELLIS_CHECKIN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_CHECKIN_DIALOG);
  g_clear_object (&self->goal);
  g_clear_object (&self->tree);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_checkin_dialog_parent_class)->dispose (object);
}

static void
trellis_checkin_dialog_class_init (TrellisCheckinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_checkin_dialog_dispose;

  /**
   * TrellisCheckinDialog::saved:
   * @key_result_id: the key result checked in
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_PERSON_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-checkin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, kr_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, value_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, done_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, done_switch);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, confidence_scale);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, abnormal_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, author_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCheckinDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_files_clicked_cb);
}

static void
trellis_checkin_dialog_init (TrellisCheckinDialog *self)
{
  GtkWidget *placeholder;

  self->files = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->value_spin);

  placeholder = gtk_label_new (_("No files attached."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "detail-row");
  gtk_list_box_set_placeholder (self->evidence_list, placeholder);
}

TrellisCheckinDialog *
trellis_checkin_dialog_new (GtkWindow        *parent,
                            TrellisWorkspace *workspace,
                            TrellisGoalTree  *tree,
                            TrellisGoal      *goal,
                            TrellisKeyResult *key_result)
{
  TrellisCheckinDialog *self;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  TrellisOrganisation *organisation;
  TrellisEmployee *owner;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (tree), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  self = g_object_new (TRELLIS_TYPE_CHECKIN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->tree = g_object_ref (tree);
  self->goal = g_object_ref (goal);
  self->key_results = trellis_goal_get_key_results (goal);

  adw_window_title_set_subtitle (self->window_title, trellis_goal_get_title (goal));

  for (guint i = 0; i < self->key_results->len; i++)
    gtk_string_list_append (titles, trellis_key_result_get_title (g_ptr_array_index (self->key_results, i)));
  adw_combo_row_set_model (self->kr_row, G_LIST_MODEL (titles));
  if (key_result != NULL)
    {
      guint index;

      if (g_ptr_array_find (self->key_results, key_result, &index))
        adw_combo_row_set_selected (self->kr_row, index);
    }
  g_signal_connect_object (self->kr_row, "notify::selected", G_CALLBACK (on_kr_selected_cb),
                           self, G_CONNECT_SWAPPED);

  /* The owner checks in, or their manager on their behalf. */
  organisation = trellis_workspace_get_organisation (workspace);
  owner = trellis_goal_get_owner_person (goal, organisation);
  if (owner != NULL)
    {
      g_autoptr(GPtrArray) chain = trellis_organisation_get_manager_chain (organisation,
                                                                           trellis_employee_get_id (owner));

      g_ptr_array_add (suggestions, owner);
      for (guint i = 0; chain != NULL && i < chain->len && i < 2; i++)
        g_ptr_array_add (suggestions, g_ptr_array_index (chain, i));
    }
  trellis_person_chooser_set_organisation (self->author_chooser, organisation);
  trellis_person_chooser_set_suggestions (self->author_chooser, suggestions);
  trellis_person_chooser_set_employee (self->author_chooser, owner);

  show_key_result (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->value_spin));

  return self;
}

TrellisKeyResult *
trellis_checkin_dialog_get_key_result (TrellisCheckinDialog *self)
{
  guint selected;

  g_return_val_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self), NULL);

  if (self->key_results == NULL)
    return NULL;
  selected = adw_combo_row_get_selected (self->kr_row);
  if (selected >= self->key_results->len)
    return NULL;
  return g_ptr_array_index (self->key_results, selected);
}

void
trellis_checkin_dialog_set_key_result (TrellisCheckinDialog *self,
                                       const char           *key_result_id)
{
  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));

  for (guint i = 0; self->key_results != NULL && i < self->key_results->len; i++)
    if (g_strcmp0 (trellis_key_result_get_id (g_ptr_array_index (self->key_results, i)), key_result_id) == 0)
      adw_combo_row_set_selected (self->kr_row, i);
}

double
trellis_checkin_dialog_get_value (TrellisCheckinDialog *self)
{
  TrellisKeyResult *kr;

  g_return_val_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self), 0.0);

  kr = trellis_checkin_dialog_get_key_result (self);
  return kr != NULL ? read_value (self, kr) : 0.0;
}

void
trellis_checkin_dialog_set_value (TrellisCheckinDialog *self,
                                  double                value)
{
  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));

  gtk_spin_button_set_value (self->value_spin, value);
  gtk_switch_set_active (self->done_switch, value >= 1.0);
}

void
trellis_checkin_dialog_set_confidence (TrellisCheckinDialog *self,
                                       int                   confidence)
{
  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));

  gtk_range_set_value (GTK_RANGE (self->confidence_scale), CLAMP (confidence, 0, 10));
}

void
trellis_checkin_dialog_set_note (TrellisCheckinDialog *self,
                                 const char           *note)
{
  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
}

void
trellis_checkin_dialog_set_author (TrellisCheckinDialog *self,
                                   const char           *employee_id)
{
  TrellisOrganisation *organisation;

  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));

  organisation = trellis_workspace_get_organisation (self->workspace);
  trellis_person_chooser_set_employee (self->author_chooser,
                                       trellis_organisation_find_employee (organisation, employee_id));
}

void
trellis_checkin_dialog_add_evidence (TrellisCheckinDialog *self,
                                     GFile                *file)
{
  GtkWidget *row;
  GtkWidget *remove;
  g_autofree char *name = NULL;

  g_return_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->files, g_object_ref (file));

  name = g_file_get_basename (file);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_file_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
  gtk_list_box_append (self->evidence_list, row);
}

gboolean
trellis_checkin_dialog_save (TrellisCheckinDialog  *self,
                             GError               **error)
{
  TrellisStore *store;
  TrellisKeyResult *kr;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  g_autofree char *at = NULL;
  g_autofree char *saved_actor = NULL;
  g_autofree char *kr_id = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) rule_error = NULL;
  const char *author;
  double value;
  int confidence;
  gint64 checkin_id;

  g_return_val_if_fail (TRELLIS_IS_CHECKIN_DIALOG (self), FALSE);

  kr = trellis_checkin_dialog_get_key_result (self);
  if (kr == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Choose the key result to check in on."));
      return FALSE;
    }

  store = trellis_workspace_get_store (self->workspace);
  kr_id = g_strdup (trellis_key_result_get_id (kr));
  value = read_value (self, kr);
  confidence = (int) gtk_range_get_value (GTK_RANGE (self->confidence_scale));
  author = trellis_person_chooser_get_employee_id (self->author_chooser);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (note[0] == '\0')
    g_clear_pointer (&note, g_free);

  /* One timestamp for the store and the tree, so both agree on order. */
  at = trellis_store_dup_now (store);

  saved_actor = g_strdup (trellis_store_get_actor (store));
  trellis_store_set_actor (store, author);

  if (!trellis_store_begin (store, error))
    goto failed_actor;

  checkin_id = trellis_goal_repository_add_checkin (store, kr_id, value, confidence, note, author, at, error);
  if (checkin_id == 0)
    goto failed;

  for (guint i = 0; i < self->files->len; i++)
    if (trellis_goal_repository_add_evidence_file (store, checkin_id, g_ptr_array_index (self->files, i),
                                                   NULL, error) == 0)
      goto failed;

  if (!trellis_store_commit (store, error))
    goto failed_actor;

  trellis_store_set_actor (store, saved_actor);

  /* The row, its parent's roll-up and the pane follow at once. */
  trellis_goal_tree_apply_checkin (self->tree, kr_id, value, confidence, at);

  /* A dynamic weight rule may fire on the new value. */
  changed = trellis_weight_rule_run_for (store, kr_id, &rule_error);
  if (changed == NULL)
    g_warning ("Could not run the weight rules for %s: %s", kr_id, rule_error->message);
  else if (changed->len > 0)
    {
      g_autoptr(GHashTable) goals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      const char *goal_id;

      for (guint i = 0; i < changed->len; i++)
        {
          g_autoptr(TrellisKeyResult) weighted = trellis_goal_tree_lookup_key_result (self->tree, g_ptr_array_index (changed, i));

          if (weighted != NULL)
            g_hash_table_add (goals, g_strdup (trellis_key_result_get_goal_id (weighted)));
        }

      g_hash_table_iter_init (&iter, goals);
      while (g_hash_table_iter_next (&iter, (gpointer *) &goal_id, NULL))
        {
          g_autoptr(GError) sync_error = NULL;

          if (!trellis_goal_tree_reload_goal (self->tree, store, goal_id, NULL, &sync_error))
            g_warning ("Could not update goal %s: %s", goal_id, sync_error->message);
        }
    }

  g_signal_emit (self, signals[SAVED], 0, kr_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;

failed:
  trellis_store_rollback (store);
failed_actor:
  trellis_store_set_actor (store, saved_actor);
  return FALSE;
}
