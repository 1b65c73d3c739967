/* trellis-change-request.h
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

#include "trellis-goal.h"
#include "trellis-organisation.h"
#include "trellis-store.h"

G_BEGIN_DECLS

typedef enum {
  TRELLIS_CHANGE_TARGET,
  TRELLIS_CHANGE_WEIGHT,
} TrellisChangeField;

typedef enum {
  TRELLIS_CHANGE_PENDING,
  TRELLIS_CHANGE_APPROVED,
  TRELLIS_CHANGE_REJECTED,
} TrellisChangeStatus;

typedef struct {
  gint64              id;
  char               *goal_id;
  char               *key_result_id;   /* NULL: the goal's own weight */
  TrellisChangeField  field;
  double              old_value;
  double              new_value;
  char               *reason;
  char               *requested_by;
  char               *requested_at;
  char               *approver_id;
  TrellisChangeStatus status;
  char               *decided_at;
  char               *decision_note;
} TrellisChangeRequest;

void                  trellis_change_request_free     (TrellisChangeRequest *request);

/* Asks to change a KR's target or weight, or (with @key_result_id NULL) the
 * goal's weight, inside its cycle. The new value may differ from the
 * ORIGINAL value by at most the cycle's maximum adjustment (default 10 %);
 * beyond it the request is refused with TRELLIS_GOAL_ERROR_OVER_LIMIT and a
 * message that states the limit and the allowed range. A reason is
 * required. The approver is the goal owner's manager (the department head's
 * manager for department goals). Returns the request id, or 0. */
gint64                trellis_change_request_submit   (TrellisStore        *store,
                                                       TrellisOrganisation *organisation,
                                                       TrellisGoal         *goal,
                                                       const char          *key_result_id,
                                                       TrellisChangeField   field,
                                                       double               new_value,
                                                       const char          *reason,
                                                       const char          *requested_by,
                                                       GError             **error);
/* The approver approves (the new value is written: the goal is
 * re-baselined, and the history keeps old, new, reason, approver and date)
 * or rejects it, with an optional note. */
gboolean              trellis_change_request_decide   (TrellisStore        *store,
                                                       gint64               request_id,
                                                       gboolean             approve,
                                                       const char          *decided_by,
                                                       const char          *note,
                                                       GError             **error);
/* Every request for a goal, oldest first. */
GPtrArray            *trellis_change_request_list     (TrellisStore        *store,
                                                       const char          *goal_id,
                                                       GError             **error);
/* Pending requests waiting for @approver_id. */
GPtrArray            *trellis_change_request_list_pending (TrellisStore    *store,
                                                       const char          *approver_id,
                                                       GError             **error);

G_END_DECLS
