/* trellis-change-request-dialog.h
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

#define TRELLIS_TYPE_CHANGE_REQUEST_DIALOG (trellis_change_request_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisChangeRequestDialog, trellis_change_request_dialog, TRELLIS, CHANGE_REQUEST_DIALOG, AdwWindow)

/* Asks to change a key result's target or weight, or the goal's weight,
 * inside an approved goal's cycle. Shows the original value and the range
 * the cycle allows; a request beyond it is refused with the core's message
 * and not created. Emits ::submitted with the request id and closes. */
TrellisChangeRequestDialog *trellis_change_request_dialog_new   (GtkWindow                  *parent,
                                                                 TrellisWorkspace           *workspace,
                                                                 TrellisGoalTree            *tree,
                                                                 TrellisGoal                *goal,
                                                                 TrellisKeyResult           *key_result);
/* @key_result_id NULL: the goal's weight. */
void                        trellis_change_request_dialog_set_subject (TrellisChangeRequestDialog *self,
                                                                 const char                 *key_result_id,
                                                                 TrellisChangeField          field);
void                        trellis_change_request_dialog_set_value  (TrellisChangeRequestDialog *self,
                                                                 double                      value);
void                        trellis_change_request_dialog_set_reason (TrellisChangeRequestDialog *self,
                                                                 const char                 *reason);
/* The error shown under the form, or NULL. */
const char                 *trellis_change_request_dialog_get_error  (TrellisChangeRequestDialog *self);
gint64                      trellis_change_request_dialog_submit     (TrellisChangeRequestDialog *self,
                                                                 GError                    **error);

G_END_DECLS
