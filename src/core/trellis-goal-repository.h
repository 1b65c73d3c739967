/* trellis-goal-repository.h
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

#include <gio/gio.h>

#include "trellis-goal.h"
#include "trellis-key-result.h"
#include "trellis-okr.h"
#include "trellis-store.h"

G_BEGIN_DECLS

#define TRELLIS_GOAL_ERROR (trellis_goal_error_quark ())

typedef enum {
  TRELLIS_GOAL_ERROR_NOT_FOUND,
  TRELLIS_GOAL_ERROR_INVALID,
  TRELLIS_GOAL_ERROR_WORKFLOW,
  TRELLIS_GOAL_ERROR_NOT_ALLOWED,
  TRELLIS_GOAL_ERROR_OVER_LIMIT,
} TrellisGoalError;

GQuark trellis_goal_error_quark (void);

/* One check-in as stored: history, never changed. */
typedef struct {
  gint64  id;
  char   *key_result_id;
  double  value;
  int     confidence;   /* -1: not given */
  char   *note;
  char   *author_id;
  char   *at;
  guint   n_evidence;
} TrellisCheckin;

void            trellis_checkin_free                        (TrellisCheckin *checkin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisCheckin, trellis_checkin_free)

typedef struct {
  gint64  id;
  char   *file_name;
  char   *content_type;
  char   *sha256;
  gsize   size;
} TrellisEvidence;

void            trellis_evidence_free                       (TrellisEvidence *evidence);

/* One line of the audit trail. */
typedef struct {
  gint64  id;
  char   *at;
  char   *actor_id;
  char   *entity;
  char   *entity_id;
  char   *action;
  char   *field;
  char   *old_value;
  char   *new_value;
} TrellisAuditEntry;

void            trellis_audit_entry_free                    (TrellisAuditEntry *entry);

/* Inserts the goal and the key results attached to it. */
gboolean        trellis_goal_repository_insert_goal         (TrellisStore      *store,
                                                             TrellisGoal       *goal,
                                                             GError           **error);
gboolean        trellis_goal_repository_insert_key_result   (TrellisStore      *store,
                                                             TrellisKeyResult  *key_result,
                                                             GError           **error);
/* Writes title, description, category, origin, alignment and (while the
 * goal is a draft or returned) weight. */
gboolean        trellis_goal_repository_update_goal         (TrellisStore      *store,
                                                             const TrellisGoalFields *fields,
                                                             GError           **error);
/* Writes title, measure, baseline, unit, commitment, and (while the goal is
 * a draft or returned) target and weight, which also become the originals. */
gboolean        trellis_goal_repository_update_key_result   (TrellisStore      *store,
                                                             const TrellisKeyResultFields *fields,
                                                             GError           **error);
gboolean        trellis_goal_repository_delete_goal         (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             GError           **error);
/* Low-level writes used by workflow, change requests and weight rules;
 * each is audited by the schema's triggers. */
gboolean        trellis_goal_repository_set_goal_weight     (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             double             weight,
                                                             GError           **error);
gboolean        trellis_goal_repository_set_key_result_weight (TrellisStore    *store,
                                                             const char        *key_result_id,
                                                             double             weight,
                                                             GError           **error);
gboolean        trellis_goal_repository_set_key_result_target (TrellisStore    *store,
                                                             const char        *key_result_id,
                                                             double             target,
                                                             GError           **error);
gboolean        trellis_goal_repository_set_goal_state      (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             TrellisGoalState   state,
                                                             int                approval_step,
                                                             GError           **error);

/* Called for each goal and then for each of its key results; the fields
 * are valid only during the call. */
typedef void  (*TrellisGoalRowFunc)       (const TrellisGoalFields      *goal,
                                           gpointer                      user_data);
typedef void  (*TrellisKeyResultRowFunc)  (const TrellisKeyResultFields *key_result,
                                           gpointer                      user_data);

/* Reads the goals whose cycle is one of @cycle_ids (NULL: all) without
 * making objects: a goal tree keeps them as records. */
gboolean        trellis_goal_repository_scan_goals          (TrellisStore           *store,
                                                             const char * const     *cycle_ids,
                                                             GCancellable           *cancellable,
                                                             TrellisGoalRowFunc      goal_func,
                                                             TrellisKeyResultRowFunc key_result_func,
                                                             gpointer                user_data,
                                                             GError                **error);
TrellisGoal    *trellis_goal_repository_get_goal            (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             GError           **error);
/* The goal a key result belongs to. */
char           *trellis_goal_repository_dup_goal_id_for_key_result (TrellisStore *store,
                                                             const char        *key_result_id,
                                                             GError           **error);

/* Appends a check-in and updates the key result's current value, previous
 * value, confidence and last check-in time, in one transaction. @at NULL
 * means now (the store's clock). Returns the new check-in's id, or 0. */
gint64          trellis_goal_repository_add_checkin         (TrellisStore      *store,
                                                             const char        *key_result_id,
                                                             double             value,
                                                             int                confidence,
                                                             const char        *note,
                                                             const char        *author_id,
                                                             const char        *at,
                                                             GError           **error);
/* Copies the file's bytes into the workspace. */
gint64          trellis_goal_repository_add_evidence        (TrellisStore      *store,
                                                             gint64             checkin_id,
                                                             const char        *file_name,
                                                             const char        *content_type,
                                                             GBytes            *data,
                                                             GError           **error);
gint64          trellis_goal_repository_add_evidence_file   (TrellisStore      *store,
                                                             gint64             checkin_id,
                                                             GFile             *file,
                                                             GCancellable      *cancellable,
                                                             GError           **error);
GBytes         *trellis_goal_repository_get_evidence_data   (TrellisStore      *store,
                                                             gint64             evidence_id,
                                                             GError           **error);
/* Oldest first. */
GPtrArray      *trellis_goal_repository_list_checkins       (TrellisStore      *store,
                                                             const char        *key_result_id,
                                                             GError           **error);
GPtrArray      *trellis_goal_repository_list_evidence       (TrellisStore      *store,
                                                             gint64             checkin_id,
                                                             GError           **error);
/* The audit trail of a goal and its key results, oldest first. */
GPtrArray      *trellis_goal_repository_list_audit          (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             GError           **error);
/* Messages for the owner (weight-rule explanations, decisions), newest first. */
GPtrArray      *trellis_goal_repository_list_notices        (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             GError           **error);
gboolean        trellis_goal_repository_add_notice          (TrellisStore      *store,
                                                             const char        *goal_id,
                                                             const char        *recipient_id,
                                                             const char        *message,
                                                             GError           **error);

/* A fresh id with @prefix ("G", "K"): one more than the largest in use. */
char           *trellis_goal_repository_next_id             (TrellisStore      *store,
                                                             const char        *prefix,
                                                             GError           **error);

/* Workspace-wide thresholds (status gaps, lagging days, abnormal jump). */
void            trellis_goal_repository_load_thresholds     (TrellisStore         *store,
                                                             TrellisOkrThresholds *out_thresholds);
gboolean        trellis_goal_repository_save_thresholds     (TrellisStore         *store,
                                                             const TrellisOkrThresholds *thresholds,
                                                             GError              **error);
double          trellis_goal_repository_get_max_adjustment  (TrellisStore      *store,
                                                             const char        *cycle_id);
gboolean        trellis_goal_repository_set_max_adjustment  (TrellisStore      *store,
                                                             const char        *cycle_id,
                                                             double             max_adjustment,
                                                             GError           **error);

/* Removes a key result from its goal, in one transaction, and records the
 * removal in the goal's audit trail. Refused (TRELLIS_GOAL_ERROR_NOT_ALLOWED)
 * when it has check-ins (history) or when goals are aligned to it, weight
 * rules use it or change requests are about it; refused
 * (TRELLIS_GOAL_ERROR_WORKFLOW) once the goal is submitted, approved or
 * filed. The other key results keep their weights. */
gboolean        trellis_goal_repository_delete_key_result   (TrellisStore      *store,
                                                             const char        *key_result_id,
                                                             GError           **error);
/* The checks trellis_goal_repository_delete_key_result () makes, with the
 * same errors, writing nothing: a window can say why before it asks. */
gboolean        trellis_goal_repository_check_delete_key_result (TrellisStore  *store,
                                                             const char        *key_result_id,
                                                             GError           **error);

G_END_DECLS
