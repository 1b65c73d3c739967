/* trellis-approval-steps-dialog.c
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

#define G_LOG_DOMAIN "trellis-approval-steps-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-approval-steps-dialog.h"
#include "trellis-goal-util.h"
#include "trellis-workflow-labels.h"

/* In the order of the owner row's items. */
static const char * const owner_kinds[] = { "company", "department", "employee" };

struct _TrellisApprovalStepsDialog
{
  AdwWindow            parent_instance;

  TrellisWorkspace    *workspace;
  /* The chain being edited, NULL for a new one. */
  char                *original_owner_kind;
  char                *original_level_prefix;
  GArray              *roles;
  GPtrArray           *step_rows;
  char                *error_text;

  AdwWindowTitle      *window_title;
  AdwComboRow         *owner_row;
  AdwEntryRow         *level_row;
  AdwPreferencesGroup *steps_group;
  GtkLabel            *error_label;
  GtkButton           *save_button;
};

G_DEFINE_FINAL_TYPE (TrellisApprovalStepsDialog, trellis_approval_steps_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (TrellisApprovalStepsDialog *self,
            const char                 *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    trellis_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static GtkWidget *
create_step_button (const char *icon_name,
                    const char *tooltip,
                    const char *action_name,
                    guint       index,
                    gboolean    enabled)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  /* The first step cannot move up nor the last down. */
  gtk_widget_set_sensitive (button, enabled);
  return button;
}

/* The list shows self->roles; rebuilt whole, it is a handful of rows. */
static void
show_roles (TrellisApprovalStepsDialog *self)
{
  for (guint i = 0; i < self->step_rows->len; i++)
    adw_preferences_group_remove (self->steps_group, g_ptr_array_index (self->step_rows, i));
  g_ptr_array_set_size (self->step_rows, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->roles->len > 0);

  if (self->roles->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No approvers yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Add at least one: the goal goes to them in order."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->steps_group, row);
      g_ptr_array_add (self->step_rows, row);
      return;
    }

  for (guint i = 0; i < self->roles->len; i++)
    {
      TrellisApproverRole role = g_array_index (self->roles, TrellisApproverRole, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *number_label = gtk_label_new (number);

      gtk_widget_add_css_class (number_label, "numeric");
      gtk_widget_add_css_class (number_label, "dim-label");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_approver_role_title (role));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), trellis_approver_role_description (role));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_step_button ("go-up-symbolic", _("Move Up"), "steps.move-up", i, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_step_button ("go-down-symbolic", _("Move Down"), "steps.move-down", i,
                                                     i + 1 < self->roles->len));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_step_button ("user-trash-symbolic", _("Remove"), "steps.remove", i, TRUE));
      adw_preferences_group_add (self->steps_group, row);
      g_ptr_array_add (self->step_rows, row);
    }
}

static void
roles_changed (TrellisApprovalStepsDialog *self)
{
  show_error (self, NULL);
  show_roles (self);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TrellisApprovalStepsDialog *self = TRELLIS_APPROVAL_STEPS_DIALOG (widget);
  TrellisApproverRole role;

  if (!trellis_approver_role_from_string (g_variant_get_string (parameter, NULL), &role))
    return;
  g_array_append_val (self->roles, role);
  roles_changed (self);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisApprovalStepsDialog *self = TRELLIS_APPROVAL_STEPS_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);
  guint other = g_str_equal (action_name, "steps.move-up") ? index - 1 : index + 1;
  TrellisApproverRole swapped;

  /* index - 1 wraps round for the first step: out of range as well. */
  if (index >= self->roles->len || other >= self->roles->len)
    return;
  swapped = g_array_index (self->roles, TrellisApproverRole, index);
  g_array_index (self->roles, TrellisApproverRole, index) = g_array_index (self->roles, TrellisApproverRole, other);
  g_array_index (self->roles, TrellisApproverRole, other) = swapped;
  roles_changed (self);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TrellisApprovalStepsDialog *self = TRELLIS_APPROVAL_STEPS_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->roles->len)
    return;
  g_array_remove_index (self->roles, index);
  roles_changed (self);
}

static void
on_changed_cb (TrellisApprovalStepsDialog *self)
{
  show_error (self, NULL);
}

static void
on_save_clicked_cb (TrellisApprovalStepsDialog *self)
{
  trellis_approval_steps_dialog_save (self, NULL);
}

static void
trellis_approval_steps_dialog_dispose (GObject *object)
{
  TrellisApprovalStepsDialog *self = TRELLIS_APPROVAL_STEPS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_APPROVAL_STEPS_DIALOG);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_approval_steps_dialog_parent_class)->dispose (object);
}

static void
trellis_approval_steps_dialog_finalize (GObject *object)
{
  TrellisApprovalStepsDialog *self = TRELLIS_APPROVAL_STEPS_DIALOG (object);

  g_free (self->original_owner_kind);
  g_free (self->original_level_prefix);
  g_clear_pointer (&self->roles, g_array_unref);
  g_free (self->error_text);

  G_OBJECT_CLASS (trellis_approval_steps_dialog_parent_class)->finalize (object);
}

static void
trellis_approval_steps_dialog_class_init (TrellisApprovalStepsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_approval_steps_dialog_dispose;
  object_class->finalize = trellis_approval_steps_dialog_finalize;

  /**
   * TrellisApprovalStepsDialog::saved:
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "steps.add", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "steps.move-up", "u", move_step_action);
  gtk_widget_class_install_action (widget_class, "steps.move-down", "u", move_step_action);
  gtk_widget_class_install_action (widget_class, "steps.remove", "u", remove_step_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-approval-steps-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, steps_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalStepsDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
trellis_approval_steps_dialog_init (TrellisApprovalStepsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));

  self->roles = g_array_new (FALSE, FALSE, sizeof (TrellisApproverRole));
  self->step_rows = g_ptr_array_new ();
}

TrellisApprovalStepsDialog *
trellis_approval_steps_dialog_new (GtkWindow                  *parent,
                                   TrellisWorkspace           *workspace,
                                   const TrellisApprovalChain *chain)
{
  TrellisApprovalStepsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (TRELLIS_TYPE_APPROVAL_STEPS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);

  if (chain != NULL)
    {
      g_autofree char *owners = trellis_approval_chain_describe_owners (chain->owner_kind, chain->level_prefix);

      self->original_owner_kind = g_strdup (chain->owner_kind);
      self->original_level_prefix = g_strdup (chain->level_prefix);
      g_array_append_vals (self->roles, chain->roles->data, chain->roles->len);
      for (guint i = 0; i < G_N_ELEMENTS (owner_kinds); i++)
        if (g_strcmp0 (chain->owner_kind, owner_kinds[i]) == 0)
          adw_combo_row_set_selected (self->owner_row, i);
      gtk_editable_set_text (GTK_EDITABLE (self->level_row), chain->level_prefix);
      adw_window_title_set_subtitle (self->window_title, owners);
    }
  else
    adw_window_title_set_title (self->window_title, _("New Approval Steps"));

  show_roles (self);
  show_error (self, NULL);
  return self;
}

gboolean
trellis_approval_steps_dialog_save (TrellisApprovalStepsDialog  *self,
                                    GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint selected;

  g_return_val_if_fail (TRELLIS_IS_APPROVAL_STEPS_DIALOG (self), FALSE);

  selected = adw_combo_row_get_selected (self->owner_row);
  if (!trellis_goal_workflow_save_chain (trellis_workspace_get_store (self->workspace),
                                         self->original_owner_kind, self->original_level_prefix,
                                         selected < G_N_ELEMENTS (owner_kinds) ? owner_kinds[selected] : NULL,
                                         gtk_editable_get_text (GTK_EDITABLE (self->level_row)),
                                         (const TrellisApproverRole *)(gpointer)self->roles->data, self->roles->len,
                                         &local_error))
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

GArray *
trellis_approval_steps_dialog_get_roles (TrellisApprovalStepsDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPROVAL_STEPS_DIALOG (self), NULL);

  return self->roles;
}

const char *
trellis_approval_steps_dialog_get_error (TrellisApprovalStepsDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPROVAL_STEPS_DIALOG (self), NULL);

  return self->error_text;
}
