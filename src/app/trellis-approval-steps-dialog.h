/* trellis-approval-steps-dialog.h
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

#pragma once

#include <adwaita.h>

#include "trellis-core.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_APPROVAL_STEPS_DIALOG (trellis_approval_steps_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisApprovalStepsDialog, trellis_approval_steps_dialog, TRELLIS, APPROVAL_STEPS_DIALOG, AdwWindow)

/* Edits one approval chain: whose goals it covers (owner kind and level
 * prefix) and its approvers in order. @chain NULL starts a new one. Saving
 * goes through trellis_goal_workflow_save_chain(); a refusal is shown in
 * the dialog. Emits ::saved and closes. */
TrellisApprovalStepsDialog *trellis_approval_steps_dialog_new      (GtkWindow                  *parent,
                                                                     TrellisWorkspace           *workspace,
                                                                     const TrellisApprovalChain *chain);
/* What the Save button does. */
gboolean                    trellis_approval_steps_dialog_save     (TrellisApprovalStepsDialog *self,
                                                                     GError                    **error);
/* The roles in the list now (transfer none). */
GArray                     *trellis_approval_steps_dialog_get_roles (TrellisApprovalStepsDialog *self);
/* The message shown in the dialog, or NULL. */
const char                 *trellis_approval_steps_dialog_get_error (TrellisApprovalStepsDialog *self);

G_END_DECLS
