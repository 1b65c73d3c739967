/* trellis-template-dialog.c
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

#define G_LOG_DOMAIN "trellis-template-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-util.h"
#include "trellis-progress-relay.h"
#include "trellis-template-dialog.h"

typedef struct {
  char         *path;
  TrellisClock *clock;
  char         *template_id;
  GStrv         employee_ids;
  char         *cycle_id;
  char         *parent_goal_id;
  char         *parent_kr_id;
  double        weight;
  TrellisProgressRelay *progress;
} AssignJob;

struct _TrellisTemplateDialog
{
  AdwWindow            parent_instance;

  TrellisWorkspace    *workspace;
  TrellisGoalTree     *tree;
  GPtrArray           *templates;      /* TrellisGoalTemplate */
  GPtrArray           *cycles;         /* TrellisCycle */
  GPtrArray           *parent_goal_ids;
  GPtrArray           *parent_kr_ids;
  GStrv                employee_ids;
  GCancellable        *cancellable;
  TrellisProgressRelay *progress;

  GtkButton           *cancel_button;
  GtkButton           *assign_button;
  GtkStack            *stack;
  AdwPreferencesGroup *form_group;
  AdwComboRow         *template_row;
  AdwActionRow        *department_row;
  GtkDropDown         *department_drop_down;
  AdwComboRow         *cycle_row;
  AdwComboRow         *parent_row;
  GtkSpinButton       *weight_spin;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisTemplateDialog, trellis_template_dialog, ADW_TYPE_WINDOW)

enum {
  ASSIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
assign_job_free (AssignJob *job)
{
  g_free (job->path);
  g_clear_object (&job->clock);
  g_free (job->template_id);
  g_strfreev (job->employee_ids);
  g_free (job->cycle_id);
  g_free (job->parent_goal_id);
  g_free (job->parent_kr_id);
  g_clear_pointer (&job->progress, trellis_progress_relay_unref);
  g_free (job);
}

static void
assign_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AssignJob *job = task_data;
  g_autoptr(TrellisStore) store = NULL;
  GError *error = NULL;
  gint created;

  store = trellis_store_open (job->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  trellis_store_set_clock (store, job->clock);

  created = trellis_goal_template_bulk_assign (store, job->template_id,
                                               (const char * const *) job->employee_ids,
                                               job->cycle_id, job->parent_goal_id, job->parent_kr_id,
                                               job->weight, trellis_progress_relay_report, job->progress,
                                               cancellable, &error);
  if (created < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, created);
}

static void
set_running (TrellisTemplateDialog *self,
             gboolean               running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button), !running);
  gtk_widget_set_visible (self->progress_box, running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_label_set_text (self->progress_label, _("Creating goals…"));
    }
}

static void
on_assigned_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TrellisTemplateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize created = g_task_propagate_int (G_TASK (result), &error);
  guint n_people = self->employee_ids != NULL ? g_strv_length (self->employee_ids) : 0;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, trellis_progress_relay_close);

  /* Closed while it ran: it was cancelled, nothing to show. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  set_running (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->error_label, _("Cancelled: no goals were created."));
      else
        gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[ASSIGNED], 0, (int) created, (int) (n_people - MIN ((guint) created, n_people)));
  gtk_window_close (GTK_WINDOW (self));
}

static TrellisDepartment *
get_department (TrellisTemplateDialog *self)
{
  return trellis_department_drop_down_get_selected (self->department_drop_down);
}

static void
update_people (TrellisTemplateDialog *self)
{
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (self->workspace);
  TrellisDepartment *department = get_department (self);
  GListModel *employees = trellis_organisation_get_employees (organisation);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *subtitle = NULL;
  const char *root_id = department != NULL ? trellis_department_get_id (department) : NULL;
  guint selected = self->templates != NULL ? adw_combo_row_get_selected (self->template_row) : GTK_INVALID_LIST_POSITION;
  const TrellisGoalTemplate *template_ = selected < self->templates->len ? g_ptr_array_index (self->templates, selected)
                                                                          : NULL;
  guint n = 0;

  g_clear_pointer (&self->employee_ids, g_strfreev);
  for (guint i = 0; i < g_list_model_get_n_items (employees); i++)
    {
      g_autoptr(TrellisEmployee) employee = g_list_model_get_item (employees, i);

      if (!trellis_employee_get_active (employee))
        continue;
      if (root_id != NULL &&
          !trellis_organisation_department_is_within (organisation, trellis_employee_get_department_id (employee),
                                                      root_id))
        continue;
      /* Only the people the template is made for: its level and department. */
      if (template_ != NULL && !trellis_goal_template_fits (template_, organisation, employee))
        continue;
      g_strv_builder_add (builder, trellis_employee_get_id (employee));
      n++;
    }
  self->employee_ids = g_strv_builder_end (builder);

  if (template_ != NULL && template_->level != NULL && template_->level[0] != '\0')
    /* Translators: how many people get the template; %s is a level prefix such as "P" */
    subtitle = g_strdup_printf (ngettext ("%'u person at level %s…", "%'u people at levels %s…", n), n, template_->level);
  else
    subtitle = g_strdup_printf (ngettext ("%'u person", "%'u people", n), n);
  adw_action_row_set_subtitle (self->department_row, subtitle);
}

static void
update_parents (TrellisTemplateDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  TrellisDepartment *department = get_department (self);

  g_ptr_array_set_size (self->parent_goal_ids, 0);
  g_ptr_array_set_size (self->parent_kr_ids, 0);
  trellis_alignment_choices_build (self->tree, trellis_workspace_get_organisation (self->workspace),
                                   department != NULL ? trellis_department_get_id (department) : NULL,
                                   NULL, labels, self->parent_goal_ids, self->parent_kr_ids);
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->parent_row, 0);
}

static void
on_department_selected_cb (TrellisTemplateDialog *self)
{
  update_people (self);
  update_parents (self);
}

static void
on_assign_clicked_cb (TrellisTemplateDialog *self)
{
  trellis_template_dialog_start (self);
}

static void
on_cancel_clicked_cb (TrellisTemplateDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
trellis_template_dialog_close_request (GtkWindow *window)
{
  TrellisTemplateDialog *self = TRELLIS_TEMPLATE_DIALOG (window);

  /* Everything is one transaction: cancelling leaves nothing behind. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (trellis_template_dialog_parent_class)->close_request (window);
}

static void
trellis_template_dialog_dispose (GObject *object)
{
  TrellisTemplateDialog *self = TRELLIS_TEMPLATE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_TEMPLATE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, trellis_progress_relay_close);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->parent_goal_ids, g_ptr_array_unref);
  g_clear_pointer (&self->parent_kr_ids, g_ptr_array_unref);
  g_clear_pointer (&self->employee_ids, g_strfreev);
  g_clear_object (&self->tree);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_template_dialog_parent_class)->dispose (object);
}

static void
trellis_template_dialog_class_init (TrellisTemplateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = trellis_template_dialog_dispose;
  window_class->close_request = trellis_template_dialog_close_request;

  /**
   * TrellisTemplateDialog::assigned:
   * @created: goals created
   * @skipped: people who had a goal from the template already
   */
  signals[ASSIGNED] =
    g_signal_new ("assigned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-template-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, assign_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, department_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisTemplateDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_assign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
}

static void
trellis_template_dialog_init (TrellisTemplateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_widget_protect_spin_buttons (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));
  trellis_spin_button_activates_default (self->weight_spin);

  self->parent_goal_ids = g_ptr_array_new_with_free_func (g_free);
  self->parent_kr_ids = g_ptr_array_new_with_free_func (g_free);
}

TrellisTemplateDialog *
trellis_template_dialog_new (GtkWindow        *parent,
                             TrellisWorkspace *workspace,
                             TrellisGoalTree  *tree,
                             const char       *cycle_id,
                             const char       *department_id)
{
  TrellisTemplateDialog *self;
  TrellisStore *store;
  g_autoptr(GtkStringList) template_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) cycle_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all_cycles = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (tree), NULL);

  self = g_object_new (TRELLIS_TYPE_TEMPLATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->tree = g_object_ref (tree);
  store = trellis_workspace_get_store (workspace);

  self->templates = trellis_goal_template_list (store, &error);
  if (self->templates == NULL)
    {
      g_warning ("Could not read the templates: %s", error->message);
      self->templates = g_ptr_array_new ();
      g_clear_error (&error);
    }
  for (guint i = 0; i < self->templates->len; i++)
    {
      TrellisGoalTemplate *template_ = g_ptr_array_index (self->templates, i);

      gtk_string_list_append (template_names, template_->name != NULL ? template_->name : template_->title);
    }
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (template_names));

  /* Years, halves, quarters and months: the cycles goals are set for. */
  self->cycles = g_ptr_array_new_with_free_func (g_object_unref);
  all_cycles = trellis_org_repository_list_cycles (store, &error);
  for (guint i = 0; all_cycles != NULL && i < all_cycles->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (all_cycles, i);

      if (trellis_cycle_get_kind (cycle) == TRELLIS_CYCLE_WEEK)
        continue;
      g_ptr_array_add (self->cycles, g_object_ref (cycle));
      gtk_string_list_append (cycle_names, trellis_cycle_get_name (cycle));
    }
  {
    guint selected = 0;

    for (guint i = 0; i < self->cycles->len; i++)
      if (g_strcmp0 (trellis_cycle_get_id (g_ptr_array_index (self->cycles, i)), cycle_id) == 0)
        selected = i;
    adw_combo_row_set_model (self->cycle_row, G_LIST_MODEL (cycle_names));
    adw_combo_row_set_selected (self->cycle_row, selected);
  }

  trellis_department_drop_down_set_organisation (self->department_drop_down,
                                                 trellis_workspace_get_organisation (workspace));
  trellis_department_drop_down_select (self->department_drop_down, department_id);
  g_signal_connect_object (self->department_drop_down, "notify::selected",
                           G_CALLBACK (on_department_selected_cb), self, G_CONNECT_SWAPPED);
  /* Another template fits other people. */
  g_signal_connect_object (self->template_row, "notify::selected",
                           G_CALLBACK (update_people), self, G_CONNECT_SWAPPED);
  on_department_selected_cb (self);

  gtk_stack_set_visible_child_name (self->stack, self->templates->len > 0 ? "form" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button), self->templates->len > 0);

  return self;
}

void
trellis_template_dialog_start (TrellisTemplateDialog *self)
{
  g_autoptr(GTask) task = NULL;
  AssignJob *job;
  TrellisGoalTemplate *template_;
  TrellisCycle *cycle;
  guint template_index, cycle_index, parent_index;

  g_return_if_fail (TRELLIS_IS_TEMPLATE_DIALOG (self));

  template_index = adw_combo_row_get_selected (self->template_row);
  cycle_index = adw_combo_row_get_selected (self->cycle_row);
  parent_index = adw_combo_row_get_selected (self->parent_row);
  if (self->cancellable != NULL || template_index >= self->templates->len || cycle_index >= self->cycles->len)
    return;

  template_ = g_ptr_array_index (self->templates, template_index);
  cycle = g_ptr_array_index (self->cycles, cycle_index);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->cancellable = g_cancellable_new ();
  self->progress = trellis_progress_relay_new (self->progress_bar, self->progress_label);

  job = g_new0 (AssignJob, 1);
  job->path = g_strdup (trellis_workspace_get_path (self->workspace));
  job->clock = g_object_ref (trellis_workspace_get_clock (self->workspace));
  job->template_id = g_strdup (template_->id);
  job->employee_ids = g_strdupv (self->employee_ids);
  job->cycle_id = g_strdup (trellis_cycle_get_id (cycle));
  if (parent_index < self->parent_goal_ids->len)
    {
      job->parent_goal_id = g_strdup (g_ptr_array_index (self->parent_goal_ids, parent_index));
      job->parent_kr_id = g_strdup (g_ptr_array_index (self->parent_kr_ids, parent_index));
    }
  job->weight = gtk_spin_button_get_value (self->weight_spin) / 100.0;
  job->progress = trellis_progress_relay_ref (self->progress);

  set_running (self, TRUE);

  task = g_task_new (NULL, self->cancellable, on_assigned_cb, g_object_ref (self));
  g_task_set_source_tag (task, trellis_template_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) assign_job_free);
  g_task_run_in_thread (task, assign_thread);
}

gboolean
trellis_template_dialog_get_running (TrellisTemplateDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_TEMPLATE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
