/* trellis-checkin-dialog.h
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

#define TRELLIS_TYPE_CHECKIN_DIALOG (trellis_checkin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisCheckinDialog, trellis_checkin_dialog, TRELLIS, CHECKIN_DIALOG, AdwWindow)

/* Posts a check-in on one of a goal's key results: the new value (or done
 * for a milestone), confidence, a note and evidence files, written for the
 * person chosen as author (the goal's owner by default). Saving updates the
 * goal tree in place, runs the dynamic weight rules, emits ::saved with the
 * key result's id and closes the dialog. */
TrellisCheckinDialog *trellis_checkin_dialog_new            (GtkWindow            *parent,
                                                             TrellisWorkspace     *workspace,
                                                             TrellisGoalTree      *tree,
                                                             TrellisGoal          *goal,
                                                             TrellisKeyResult     *key_result);
TrellisKeyResult     *trellis_checkin_dialog_get_key_result (TrellisCheckinDialog *self);
void                  trellis_checkin_dialog_set_key_result (TrellisCheckinDialog *self,
                                                             const char           *key_result_id);
double                trellis_checkin_dialog_get_value      (TrellisCheckinDialog *self);
void                  trellis_checkin_dialog_set_value      (TrellisCheckinDialog *self,
                                                             double                value);
void                  trellis_checkin_dialog_set_confidence (TrellisCheckinDialog *self,
                                                             int                   confidence);
void                  trellis_checkin_dialog_set_note       (TrellisCheckinDialog *self,
                                                             const char           *note);
void                  trellis_checkin_dialog_set_author     (TrellisCheckinDialog *self,
                                                             const char           *employee_id);
void                  trellis_checkin_dialog_add_evidence   (TrellisCheckinDialog *self,
                                                             GFile                *file);
/* Writes the check-in; FALSE with @error when nothing was saved. */
gboolean              trellis_checkin_dialog_save           (TrellisCheckinDialog *self,
                                                             GError              **error);

G_END_DECLS
