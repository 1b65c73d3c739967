/* trellis-approval-dialog.h
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

typedef enum {
  TRELLIS_APPROVAL_APPROVE,
  TRELLIS_APPROVAL_RETURN,
  TRELLIS_APPROVAL_APPROVE_CHANGE,
  TRELLIS_APPROVAL_REJECT_CHANGE,
} TrellisApprovalMode;

#define TRELLIS_TYPE_APPROVAL_DIALOG (trellis_approval_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisApprovalDialog, trellis_approval_dialog, TRELLIS, APPROVAL_DIALOG, AdwWindow)

/* Approves or returns a submitted goal, or decides a change request, with a
 * comment (required when returning). The approver is preset to whoever the
 * workflow (or the request) names. Emits ::done and closes. */
TrellisApprovalDialog *trellis_approval_dialog_new          (GtkWindow             *parent,
                                                             TrellisWorkspace      *workspace,
                                                             TrellisGoal           *goal,
                                                             TrellisApprovalMode    mode);
TrellisApprovalDialog *trellis_approval_dialog_new_for_change (GtkWindow           *parent,
                                                             TrellisWorkspace      *workspace,
                                                             TrellisGoal           *goal,
                                                             gint64                 request_id,
                                                             gboolean               approve);
void                   trellis_approval_dialog_set_comment  (TrellisApprovalDialog *self,
                                                             const char            *comment);
void                   trellis_approval_dialog_set_approver (TrellisApprovalDialog *self,
                                                             const char            *employee_id);
const char            *trellis_approval_dialog_get_approver (TrellisApprovalDialog *self);
gboolean               trellis_approval_dialog_apply        (TrellisApprovalDialog *self,
                                                             GError               **error);

G_END_DECLS
