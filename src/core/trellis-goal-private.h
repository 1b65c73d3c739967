/* trellis-goal-private.h
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

#include "trellis-goal.h"
#include "trellis-goal-tree.h"
#include "trellis-key-result.h"

G_BEGIN_DECLS

/* The data behind a TrellisGoal and a TrellisKeyResult, shared by two kinds
 * of objects. A standalone object (trellis_goal_new()) owns its data. A
 * goal tree keeps a quarter of 100,000 people as plain records and hands
 * out objects backed by them only for the goals a list or a dialog asks
 * for: a GObject per goal and key result would cost the tree three times
 * the memory. In records owned by a tree, ids and timestamps live in the
 * tree's string chunk; other strings are interned (trellis-text.h). */
typedef struct _TrellisKeyResultData TrellisKeyResultData;
typedef struct _TrellisGoalData      TrellisGoalData;

struct _TrellisKeyResultData
{
  TrellisKeyResult *object;        /* the live wrapper, if any; not a reference */
  union {
    TrellisGoalData *goal;         /* in a tree */
    char            *goal_id;      /* standalone: interned */
  } of;
  char             *id;
  char             *title;         /* interned */
  char             *unit;          /* interned */
  char             *last_checkin_at;
  double            baseline;
  double            target;
  double            original_target;
  double            current;
  double            previous_value;
  double            weight;
  double            original_weight;
  double            progress;
  gint16            position;
  gint8             confidence;    /* 0–10, or -1 when never given */
  guint8            measure;
  guint8            commitment;
  guint8            status;
  guint8            has_previous : 1;
  guint8            abnormal : 1;
  guint8            standalone : 1;
};

struct _TrellisGoalData
{
  TrellisGoal          *object;    /* the live wrapper, if any; not a reference */
  char                 *id;
  char                 *title;     /* interned */
  char                 *description; /* interned */
  char                 *owner_id;  /* interned: department or employee id */
  char                 *owner_name; /* interned */
  char                 *cycle_id;  /* interned */
  char                 *parent_id; /* interned: the goal or key result aligned to */
  char                 *created_at;
  const char           *last_checkin_at; /* borrowed from the latest key result */
  TrellisKeyResultData *krs;       /* standalone: NULL, the object holds them */
  double                weight;
  double                original_weight;
  double                progress;
  double                aligned_progress;
  guint32               n_children;
  guint16               n_krs;
  gint16                position;
  gint16                approval_step;
  guint8                kind;
  guint8                owner_kind;
  guint8                category;
  guint8                origin;
  guint8                state;
  guint8                status;
  guint8                parent_is_kr : 1;
  guint8                lagging : 1;
  guint8                abnormal : 1;
  guint8                standalone : 1;
  /* owner_id and owner_name point into the tree's organisation (they never
   * change there) rather than holding interned copies: 100,000 of each. */
  guint8                owner_borrowed : 1;
  /* Another owner in the tree has the same name: show the id too. */
  guint8                owner_shared : 1;
};

/* What changed in a record, so a live wrapper notifies the right properties. */
typedef enum {
  TRELLIS_GOAL_CHANGED_COMPUTED = 1 << 0,  /* progress, status, flags, last check-in */
  TRELLIS_GOAL_CHANGED_ALIGNED  = 1 << 1,
  TRELLIS_GOAL_CHANGED_WEIGHT   = 1 << 2,
  TRELLIS_GOAL_CHANGED_STATE    = 1 << 3,
  TRELLIS_GOAL_CHANGED_OWNER    = 1 << 4,
  TRELLIS_GOAL_CHANGED_KEY_RESULTS = 1 << 5,  /* added or removed: wrappers are rebuilt */
  TRELLIS_GOAL_CHANGED_TEXT     = 1 << 6,  /* title, description, kind, category, origin */
} TrellisGoalChanges;

void              trellis_goal_data_to_fields          (const TrellisGoalData        *data,
                                                        TrellisGoalFields            *out_fields);
void              trellis_key_result_data_to_fields    (const TrellisKeyResultData   *data,
                                                        TrellisKeyResultFields       *out_fields);
const TrellisGoalData      *trellis_goal_peek_data      (TrellisGoal      *self);
const TrellisKeyResultData *trellis_key_result_peek_data (TrellisKeyResult *self);

/* A wrapper for a tree-owned record; keeps @owner alive. */
TrellisGoal      *trellis_goal_new_backed              (GObject                      *owner,
                                                        TrellisGoalData              *data);
TrellisKeyResult *trellis_key_result_new_backed        (GObject                      *owner,
                                                        TrellisKeyResultData         *data);
/* Tells a live wrapper (if any) that its record changed. */
void              trellis_goal_data_changed            (TrellisGoalData              *data,
                                                        TrellisGoalChanges            changes);
void              trellis_key_result_data_changed      (TrellisKeyResultData         *data);
/* Before a tree frees key-result records that live wrappers still show:
 * the wrappers take a copy and stop following the tree. */
void              trellis_key_result_detach            (TrellisKeyResult             *self);

/* Progress, status and the abnormal flag of one record. */
void              trellis_key_result_data_evaluate     (TrellisKeyResultData         *data,
                                                        double                        expected,
                                                        const TrellisOkrThresholds   *thresholds);

/* The object for a tree's record @index (transfer full): the live one if
 * there is one, else a new wrapper. */
TrellisGoal      *trellis_goal_tree_materialize        (TrellisGoalTree              *self,
                                                        guint32                       index);

G_END_DECLS
