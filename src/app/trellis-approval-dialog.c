/* trellis-approval-dialog.c
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

#define G_LOG_DOMAIN "trellis-approval-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-approval-dialog.h"
#include "trellis-goal-util.h"
#include "trellis-person-chooser.h"

struct _TrellisApprovalDialog
{
  AdwWindow             parent_instance;

  TrellisWorkspace     *workspace;
  TrellisGoal          *goal;
  TrellisApprovalMode   mode;
  gint64                request_id;

  AdwWindowTitle       *window_title;
  GtkButton            *apply_button;
  GtkLabel             *summary_label;
  TrellisPersonChooser *approver_chooser;
  AdwPreferencesGroup  *comment_group;
  GtkTextView          *comment_view;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisApprovalDialog, trellis_approval_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
comment_required (TrellisApprovalDialog *self)
{
  return self->mode == TRELLIS_APPROVAL_RETURN;
}

static char *
get_comment (TrellisApprovalDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_sensitivity (TrellisApprovalDialog *self)
{
  g_autofree char *comment = get_comment (self);
  gboolean ok = trellis_person_chooser_get_employee (self->approver_chooser) != NULL;

  if (comment_required (self) && comment[0] == '\0')
    ok = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), ok);
}

static void
on_changed_cb (TrellisApprovalDialog *self)
{
  update_sensitivity (self);
}

static void
on_apply_clicked_cb (TrellisApprovalDialog *self)
{
  trellis_approval_dialog_apply (self, NULL);
}

static void
trellis_approval_dialog_dispose (GObject *object)
{
  TrellisApprovalDialog *self = TRELLIS_APPROVAL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_APPROVAL_DIALOG);
  g_clear_object (&self->goal);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (trellis_approval_dialog_parent_class)->dispose (object);
}

static void
trellis_approval_dialog_class_init (TrellisApprovalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_approval_dialog_dispose;

  /**
   * TrellisApprovalDialog::done:
   * @message: what happened, for a toast
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_PERSON_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-approval-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, approver_chooser);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, comment_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisApprovalDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
}

static void
trellis_approval_dialog_init (TrellisApprovalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_dialog_setup_escape (GTK_WINDOW (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->comment_view), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->approver_chooser, "notify::employee",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
}

static TrellisApprovalDialog *
create (GtkWindow           *parent,
        TrellisWorkspace    *workspace,
        TrellisGoal         *goal,
        TrellisApprovalMode  mode,
        gint64               request_id,
        const char          *approver_id)
{
  TrellisApprovalDialog *self;
  TrellisOrganisation *organisation = trellis_workspace_get_organisation (workspace);
  TrellisEmployee *approver = approver_id != NULL ? trellis_organisation_find_employee (organisation, approver_id) : NULL;
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  const char *title = trellis_goal_get_title (goal);

  self = g_object_new (TRELLIS_TYPE_APPROVAL_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->workspace = g_object_ref (workspace);
  self->goal = g_object_ref (goal);
  self->mode = mode;
  self->request_id = request_id;

  switch (mode)
    {
    case TRELLIS_APPROVAL_APPROVE:
      gtk_window_set_title (GTK_WINDOW (self), _("Approve Goal"));
      gtk_button_set_label (self->apply_button, _("_Approve"));
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      summary = g_strdup_printf (_("Approve “%s” of %s at step %d. The goal moves to the next approval step, or is approved after the last one."),
                                 title, trellis_goal_get_owner_name (goal), trellis_goal_get_approval_step (goal) + 1);
      adw_preferences_group_set_description (self->comment_group, _("Optional; the owner can read it."));
      break;
    case TRELLIS_APPROVAL_RETURN:
      gtk_window_set_title (GTK_WINDOW (self), _("Return Goal"));
      gtk_button_set_label (self->apply_button, _("_Return"));
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
      summary = g_strdup_printf (_("Return “%s” to %s for revision."), title, trellis_goal_get_owner_name (goal));
      adw_preferences_group_set_description (self->comment_group,
                                             _("Required: say what to change, so the owner can revise the goal."));
      break;
    case TRELLIS_APPROVAL_APPROVE_CHANGE:
      gtk_window_set_title (GTK_WINDOW (self), _("Approve Change"));
      gtk_button_set_label (self->apply_button, _("_Approve Change"));
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      summary = g_strdup_printf (_("Approve the requested change to “%s”. The new value replaces the original one; the history keeps both."),
                                 title);
      adw_preferences_group_set_description (self->comment_group, _("Optional; the requester is told the decision."));
      break;
    case TRELLIS_APPROVAL_REJECT_CHANGE:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("Reject Change"));
      gtk_button_set_label (self->apply_button, _("Re_ject Change"));
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
      summary = g_strdup_printf (_("Reject the requested change to “%s”. The goal keeps its values."), title);
      adw_preferences_group_set_description (self->comment_group, _("Optional; the requester is told the decision."));
      break;
    }
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_label_set_text (self->summary_label, summary);

  if (approver != NULL)
    g_ptr_array_add (suggestions, approver);
  trellis_person_chooser_set_organisation (self->approver_chooser, organisation);
  trellis_person_chooser_set_suggestions (self->approver_chooser, suggestions);
  trellis_person_chooser_set_employee (self->approver_chooser, approver);

  update_sensitivity (self);
  return self;
}

TrellisApprovalDialog *
trellis_approval_dialog_new (GtkWindow           *parent,
                             TrellisWorkspace    *workspace,
                             TrellisGoal         *goal,
                             TrellisApprovalMode  mode)
{
  g_autofree char *approver_id = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);
  g_return_val_if_fail (mode == TRELLIS_APPROVAL_APPROVE || mode == TRELLIS_APPROVAL_RETURN, NULL);

  /* Whoever the current step names; HR may pick someone else, and the
   * workflow then says why that person cannot act. */
  approver_id = trellis_goal_workflow_dup_current_approver (trellis_workspace_get_store (workspace),
                                                            trellis_workspace_get_organisation (workspace),
                                                            goal, &error);
  if (error != NULL)
    g_debug ("No current approver: %s", error->message);

  return create (parent, workspace, goal, mode, 0, approver_id);
}

TrellisApprovalDialog *
trellis_approval_dialog_new_for_change (GtkWindow        *parent,
                                        TrellisWorkspace *workspace,
                                        TrellisGoal      *goal,
                                        gint64            request_id,
                                        gboolean          approve)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  const char *approver_id = NULL;
  TrellisApprovalDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  requests = trellis_change_request_list (trellis_workspace_get_store (workspace),
                                          trellis_goal_get_id (goal), &error);
  for (guint i = 0; requests != NULL && i < requests->len; i++)
    {
      TrellisChangeRequest *request = g_ptr_array_index (requests, i);

      if (request->id == request_id)
        approver_id = request->approver_id;
    }

  self = create (parent, workspace, goal,
                 approve ? TRELLIS_APPROVAL_APPROVE_CHANGE : TRELLIS_APPROVAL_REJECT_CHANGE,
                 request_id, approver_id);
  return self;
}

void
trellis_approval_dialog_set_comment (TrellisApprovalDialog *self,
                                     const char            *comment)
{
  g_return_if_fail (TRELLIS_IS_APPROVAL_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), comment != NULL ? comment : "", -1);
}

void
trellis_approval_dialog_set_approver (TrellisApprovalDialog *self,
                                      const char            *employee_id)
{
  g_return_if_fail (TRELLIS_IS_APPROVAL_DIALOG (self));

  trellis_person_chooser_set_employee (self->approver_chooser,
                                       trellis_organisation_find_employee (trellis_workspace_get_organisation (self->workspace),
                                                                           employee_id));
}

const char *
trellis_approval_dialog_get_approver (TrellisApprovalDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPROVAL_DIALOG (self), NULL);

  return trellis_person_chooser_get_employee_id (self->approver_chooser);
}

gboolean
trellis_approval_dialog_apply (TrellisApprovalDialog  *self,
                               GError                **error)
{
  TrellisStore *store;
  TrellisOrganisation *organisation;
  g_autofree char *comment = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *approver;
  const char *message = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_APPROVAL_DIALOG (self), FALSE);

  store = trellis_workspace_get_store (self->workspace);
  organisation = trellis_workspace_get_organisation (self->workspace);
  approver = trellis_person_chooser_get_employee_id (self->approver_chooser);
  comment = get_comment (self);
  if (comment[0] == '\0')
    g_clear_pointer (&comment, g_free);

  switch (self->mode)
    {
    case TRELLIS_APPROVAL_APPROVE:
      ok = trellis_goal_workflow_approve (store, organisation, self->goal, approver, comment, &local_error);
      message = trellis_goal_get_state (self->goal) == TRELLIS_GOAL_STATE_APPROVED
                ? _("Goal approved") : _("Approved; the goal goes to the next step");
      break;
    case TRELLIS_APPROVAL_RETURN:
      ok = trellis_goal_workflow_return (store, organisation, self->goal, approver, comment, &local_error);
      message = _("Goal returned for revision");
      break;
    case TRELLIS_APPROVAL_APPROVE_CHANGE:
      ok = trellis_change_request_decide (store, self->request_id, TRUE, approver, comment, &local_error);
      message = _("Change approved");
      break;
    case TRELLIS_APPROVAL_REJECT_CHANGE:
    default:
      ok = trellis_change_request_decide (store, self->request_id, FALSE, approver, comment, &local_error);
      message = _("Change rejected");
      break;
    }

  if (!ok)
    {
      gtk_label_set_text (self->error_label, local_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (error != NULL)
        *error = g_steal_pointer (&local_error);
      return FALSE;
    }

  g_signal_emit (self, signals[DONE], 0, message);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
