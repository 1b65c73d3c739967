/* trellis-goal.h
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

#include <glib-object.h>

#include "trellis-key-result.h"
#include "trellis-okr.h"

G_BEGIN_DECLS

typedef enum {
  TRELLIS_GOAL_OBJECTIVE,
  TRELLIS_GOAL_KPI,
} TrellisGoalKind;

typedef enum {
  TRELLIS_OWNER_COMPANY,
  TRELLIS_OWNER_DEPARTMENT,
  TRELLIS_OWNER_EMPLOYEE,
} TrellisOwnerKind;

typedef enum {
  TRELLIS_CATEGORY_BUSINESS,
  TRELLIS_CATEGORY_DEVELOPMENT,
  TRELLIS_CATEGORY_INNOVATION,
} TrellisGoalCategory;

typedef enum {
  TRELLIS_ORIGIN_ASSIGNED,
  TRELLIS_ORIGIN_SELF,
} TrellisGoalOrigin;

/* Where a goal is in its approval workflow. */
typedef enum {
  TRELLIS_GOAL_STATE_DRAFT,
  TRELLIS_GOAL_STATE_SUBMITTED,
  TRELLIS_GOAL_STATE_APPROVED,
  TRELLIS_GOAL_STATE_FILED,
  TRELLIS_GOAL_STATE_RETURNED,
} TrellisGoalState;

#define TRELLIS_TYPE_GOAL (trellis_goal_get_type ())
G_DECLARE_FINAL_TYPE (TrellisGoal, trellis_goal, TRELLIS, GOAL, GObject)

typedef struct {
  const char          *id;
  TrellisGoalKind      kind;
  const char          *title;
  const char          *description;
  TrellisOwnerKind     owner_kind;
  const char          *department_id;   /* company and department goals */
  const char          *employee_id;     /* employee goals */
  const char          *cycle_id;
  const char          *parent_goal_id;
  const char          *parent_kr_id;
  TrellisGoalCategory  category;
  TrellisGoalOrigin    origin;
  double               weight;
  double               original_weight;
  TrellisGoalState     state;
  int                  approval_step;
  int                  position;
  const char          *created_at;
} TrellisGoalFields;

/* Properties the UI binds to (read-only, notified when the tree recomputes):
 * id, title, kind, owner-kind, owner-name, owner-label, cycle-id, category, origin,
 * weight, state, progress (own, from the KRs), display-progress, score,
 * progress-status, aligned-progress (weighted mean of aligned children),
 * n-children, lagging, abnormal, unaligned, last-checkin-at. */
TrellisGoal          *trellis_goal_new                 (const TrellisGoalFields *fields);
void                  trellis_goal_get_fields          (TrellisGoal       *self,
                                                        TrellisGoalFields *out_fields);
const char           *trellis_goal_get_id              (TrellisGoal *self);
const char           *trellis_goal_get_title           (TrellisGoal *self);
const char           *trellis_goal_get_description     (TrellisGoal *self);
TrellisGoalKind       trellis_goal_get_kind            (TrellisGoal *self);
TrellisOwnerKind      trellis_goal_get_owner_kind      (TrellisGoal *self);
/* The department id for company/department goals, else the employee id. */
const char           *trellis_goal_get_owner_id        (TrellisGoal *self);
const char           *trellis_goal_get_department_id   (TrellisGoal *self);
const char           *trellis_goal_get_employee_id     (TrellisGoal *self);
const char           *trellis_goal_get_owner_name      (TrellisGoal *self);
/* The owner's name for display: with the employee id when another owner
 * in the same goal tree has the same name. */
const char           *trellis_goal_get_owner_label     (TrellisGoal *self);
void                  trellis_goal_set_owner_name      (TrellisGoal *self,
                                                        const char  *name);
const char           *trellis_goal_get_cycle_id        (TrellisGoal *self);
const char           *trellis_goal_get_parent_goal_id  (TrellisGoal *self);
const char           *trellis_goal_get_parent_kr_id    (TrellisGoal *self);
TrellisGoalCategory   trellis_goal_get_category        (TrellisGoal *self);
TrellisGoalOrigin     trellis_goal_get_origin          (TrellisGoal *self);
double                trellis_goal_get_weight          (TrellisGoal *self);
double                trellis_goal_get_original_weight (TrellisGoal *self);
TrellisGoalState      trellis_goal_get_state           (TrellisGoal *self);
int                   trellis_goal_get_approval_step   (TrellisGoal *self);
const char           *trellis_goal_get_created_at      (TrellisGoal *self);
gboolean              trellis_goal_is_unaligned        (TrellisGoal *self);

/* Key results in position order (transfer none). */
GPtrArray            *trellis_goal_get_key_results     (TrellisGoal      *self);
void                  trellis_goal_add_key_result      (TrellisGoal      *self,
                                                        TrellisKeyResult *key_result);
TrellisKeyResult     *trellis_goal_find_key_result     (TrellisGoal      *self,
                                                        const char       *key_result_id);

double                trellis_goal_get_progress        (TrellisGoal *self);
double                trellis_goal_get_score           (TrellisGoal *self);
TrellisProgressStatus trellis_goal_get_progress_status (TrellisGoal *self);
double                trellis_goal_get_aligned_progress (TrellisGoal *self);
guint                 trellis_goal_get_n_children      (TrellisGoal *self);
gboolean              trellis_goal_get_lagging         (TrellisGoal *self);
gboolean              trellis_goal_get_abnormal        (TrellisGoal *self);
const char           *trellis_goal_get_last_checkin_at (TrellisGoal *self);

/* Change a goal in place; a tree-owned goal changes its record. */
void                  trellis_goal_set_weight          (TrellisGoal *self,
                                                        double       weight);
void                  trellis_goal_set_state           (TrellisGoal      *self,
                                                        TrellisGoalState  state,
                                                        int               approval_step);

const char           *trellis_goal_kind_to_string      (TrellisGoalKind     kind);
gboolean              trellis_goal_kind_from_string    (const char         *text,
                                                        TrellisGoalKind    *out_kind);
const char           *trellis_owner_kind_to_string     (TrellisOwnerKind    kind);
gboolean              trellis_owner_kind_from_string   (const char         *text,
                                                        TrellisOwnerKind   *out_kind);
const char           *trellis_goal_category_to_string  (TrellisGoalCategory category);
gboolean              trellis_goal_category_from_string (const char        *text,
                                                        TrellisGoalCategory *out_category);
const char           *trellis_goal_origin_to_string    (TrellisGoalOrigin   origin);
gboolean              trellis_goal_origin_from_string  (const char         *text,
                                                        TrellisGoalOrigin  *out_origin);
const char           *trellis_goal_state_to_string     (TrellisGoalState    state);
gboolean              trellis_goal_state_from_string   (const char         *text,
                                                        TrellisGoalState   *out_state);

G_END_DECLS
