/* trellis-library-entry-dialog.c
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

#define G_LOG_DOMAIN "trellis-library-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-library-entry-dialog.h"
#include "trellis-template-util.h"

struct _TrellisLibraryEntryDialog
{
  AdwWindow         parent_instance;

  TrellisWorkspace *workspace;
  char             *entry_id;        /* NULL while the entry is new */
  GPtrArray        *department_ids;  /* in step with department_row; NULL first */

  AdwWindowTitle   *window_title;
  AdwEntryRow      *title_row;
  AdwComboRow      *measure_row;
  AdwActionRow     *baseline_row;
  GtkSpinButton    *baseline_spin;
  AdwActionRow     *target_row;
  GtkSpinButton    *target_spin;
  AdwEntryRow      *unit_row;
  AdwComboRow      *commitment_row;
  AdwComboRow      *cycle_kind_row;
  AdwEntryRow      *level_row;
  AdwComboRow      *department_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisLibraryEntryDialog, trellis_library_entry_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TrellisMeasure
get_measure (TrellisLibraryEntryDialog *self)
{
  return (TrellisMeasure)adw_combo_row_get_selected (self->measure_row);
}

static void
show_error (TrellisLibraryEntryDialog *self,
            const char                *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    trellis_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static void
on_measure_changed_cb (TrellisLibraryEntryDialog *self)
{
  TrellisMeasure measure = get_measure (self);

  /* A milestone is done or not; a percentage carries its own unit. */
  gtk_widget_set_visible (GTK_WIDGET (self->baseline_row), measure != TRELLIS_MEASURE_MILESTONE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), measure != TRELLIS_MEASURE_MILESTONE);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), measure == TRELLIS_MEASURE_NUMERIC);
}

static char *
dup_stripped_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
on_save_clicked_cb (TrellisLibraryEntryDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = dup_stripped_text (self->title_row);
  g_autofree char *unit = dup_stripped_text (self->unit_row);
  g_autofree char *level = dup_stripped_text (self->level_row);
  g_autofree char *id = NULL;
  TrellisStore *store = trellis_workspace_get_store (self->workspace);
  guint department_index = adw_combo_row_get_selected (self->department_row);
  guint cycle_kind_index = adw_combo_row_get_selected (self->cycle_kind_row);
  TrellisLibraryKeyResult entry = {
    .id = self->entry_id,
    .title = title,
    .measure = get_measure (self),
    .commitment = (TrellisCommitment)adw_combo_row_get_selected (self->commitment_row),
    .level = level,
  };

  gtk_spin_button_update (self->baseline_spin);
  gtk_spin_button_update (self->target_spin);
  if (entry.measure == TRELLIS_MEASURE_MILESTONE)
    {
      entry.baseline = 0.0;
      entry.target = 1.0;
    }
  else
    {
      entry.baseline = gtk_spin_button_get_value (self->baseline_spin);
      entry.target = gtk_spin_button_get_value (self->target_spin);
    }
  if (entry.measure == TRELLIS_MEASURE_NUMERIC)
    entry.unit = unit;
  if (department_index < self->department_ids->len)
    entry.department_id = g_ptr_array_index (self->department_ids, department_index);
  /* The first choice is "Any Cycle". */
  if (cycle_kind_index != GTK_INVALID_LIST_POSITION && cycle_kind_index > 0)
    entry.cycle_kind = (char *)trellis_template_cycle_kind_at (cycle_kind_index - 1);

  if (self->entry_id == NULL)
    id = trellis_goal_template_add_library_key_result (store, &entry, &error);
  else if (trellis_goal_template_update_library_key_result (store, &entry, &error))
    id = g_strdup (self->entry_id);

  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
trellis_library_entry_dialog_dispose (GObject *object)
{
  TrellisLibraryEntryDialog *self = TRELLIS_LIBRARY_ENTRY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_library_entry_dialog_parent_class)->dispose (object);
}

static void
trellis_library_entry_dialog_finalize (GObject *object)
{
  TrellisLibraryEntryDialog *self = TRELLIS_LIBRARY_ENTRY_DIALOG (object);

  g_free (self->entry_id);
  g_clear_pointer (&self->department_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_library_entry_dialog_parent_class)->finalize (object);
}

static void
trellis_library_entry_dialog_class_init (TrellisLibraryEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_library_entry_dialog_dispose;
  object_class->finalize = trellis_library_entry_dialog_finalize;

  /**
   * TrellisLibraryEntryDialog::saved:
   * @id: the library entry's id
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-library-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, measure_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, baseline_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, commitment_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, cycle_kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisLibraryEntryDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
trellis_library_entry_dialog_init (TrellisLibraryEntryDialog *self)
{
  g_autoptr(GtkStringList) cycle_kinds = gtk_string_list_new (NULL);
  const char *kind;

  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->baseline_spin);
  trellis_spin_button_activates_default (self->target_spin);

  self->department_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (cycle_kinds, trellis_template_cycle_kind_label (NULL));
  for (guint i = 0; (kind = trellis_template_cycle_kind_at (i)) != NULL; i++)
    gtk_string_list_append (cycle_kinds, trellis_template_cycle_kind_label (kind));
  adw_combo_row_set_model (self->cycle_kind_row, G_LIST_MODEL (cycle_kinds));

  on_measure_changed_cb (self);
}

TrellisLibraryEntryDialog *
trellis_library_entry_dialog_new (GtkWindow                     *parent,
                                  TrellisWorkspace              *workspace,
                                  const TrellisLibraryKeyResult *entry)
{
  TrellisLibraryEntryDialog *self;
  g_autoptr(GtkStringList) departments = gtk_string_list_new (NULL);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_LIBRARY_ENTRY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);

  trellis_template_department_choices (trellis_workspace_get_organisation (workspace), departments,
                                       self->department_ids);
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (departments));

  if (entry != NULL)
    {
      int cycle_kind_index = trellis_template_cycle_kind_index (entry->cycle_kind);

      self->entry_id = g_strdup (entry->id);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Library Key Result"));
      adw_window_title_set_title (self->window_title, _("Edit Library Key Result"));

      gtk_editable_set_text (GTK_EDITABLE (self->title_row), entry->title != NULL ? entry->title : "");
      adw_combo_row_set_selected (self->measure_row, entry->measure);
      gtk_spin_button_set_value (self->baseline_spin, entry->baseline);
      gtk_spin_button_set_value (self->target_spin, entry->target);
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), entry->unit != NULL ? entry->unit : "");
      adw_combo_row_set_selected (self->commitment_row, entry->commitment);
      adw_combo_row_set_selected (self->cycle_kind_row, cycle_kind_index + 1);
      gtk_editable_set_text (GTK_EDITABLE (self->level_row), entry->level != NULL ? entry->level : "");
      for (guint i = 1; i < self->department_ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->department_ids, i), entry->department_id) == 0)
          adw_combo_row_set_selected (self->department_row, i);
    }

  return self;
}
