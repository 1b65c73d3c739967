/* trellis-key-result.h
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

#include "trellis-okr.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_KEY_RESULT (trellis_key_result_get_type ())
G_DECLARE_FINAL_TYPE (TrellisKeyResult, trellis_key_result, TRELLIS, KEY_RESULT, GObject)

typedef struct {
  const char        *id;
  const char        *goal_id;
  const char        *title;
  TrellisMeasure     measure;
  double             baseline;
  double             target;
  double             original_target;
  double             current;
  const char        *unit;
  TrellisCommitment  commitment;
  double             weight;
  double             original_weight;
  int                position;
  const char        *last_checkin_at;   /* "2026-11-20T09:00:00Z" or NULL */
  gboolean           has_previous;
  double             previous_value;
  int                confidence;        /* 0–10, or -1 when never given */
} TrellisKeyResultFields;

/* Properties (read-only; the goal tree updates them and notifies): id,
 * goal-id, title, measure, baseline, target, current, unit, commitment,
 * weight, progress (unclamped), display-progress (0..1), score,
 * progress-status, abnormal, last-checkin-at, confidence. */
TrellisKeyResult     *trellis_key_result_new                 (const TrellisKeyResultFields *fields);
void                  trellis_key_result_get_fields          (TrellisKeyResult *self,
                                                              TrellisKeyResultFields *out_fields);
const char           *trellis_key_result_get_id              (TrellisKeyResult *self);
const char           *trellis_key_result_get_goal_id         (TrellisKeyResult *self);
const char           *trellis_key_result_get_title           (TrellisKeyResult *self);
TrellisMeasure        trellis_key_result_get_measure         (TrellisKeyResult *self);
double                trellis_key_result_get_baseline        (TrellisKeyResult *self);
double                trellis_key_result_get_target          (TrellisKeyResult *self);
double                trellis_key_result_get_original_target (TrellisKeyResult *self);
double                trellis_key_result_get_current         (TrellisKeyResult *self);
const char           *trellis_key_result_get_unit            (TrellisKeyResult *self);
TrellisCommitment     trellis_key_result_get_commitment      (TrellisKeyResult *self);
double                trellis_key_result_get_weight          (TrellisKeyResult *self);
double                trellis_key_result_get_original_weight (TrellisKeyResult *self);
const char           *trellis_key_result_get_last_checkin_at (TrellisKeyResult *self);
int                   trellis_key_result_get_confidence      (TrellisKeyResult *self);
double                trellis_key_result_get_progress        (TrellisKeyResult *self);
double                trellis_key_result_get_score           (TrellisKeyResult *self);
TrellisProgressStatus trellis_key_result_get_progress_status (TrellisKeyResult *self);
gboolean              trellis_key_result_get_abnormal        (TrellisKeyResult *self);

/* Recomputes progress, status and the abnormal flag from the values, with
 * @expected the share of the cycle elapsed. Notifies what changed. */
void                  trellis_key_result_evaluate            (TrellisKeyResult *self,
                                                              double            expected,
                                                              const TrellisOkrThresholds *thresholds);
/* Records a check-in's effect: the old current becomes the previous value. */
void                  trellis_key_result_apply_checkin       (TrellisKeyResult *self,
                                                              double            value,
                                                              int               confidence,
                                                              const char       *at);
void                  trellis_key_result_set_weight          (TrellisKeyResult *self,
                                                              double            weight);
void                  trellis_key_result_set_target          (TrellisKeyResult *self,
                                                              double            target);
/* "12 / 30 units", "45 %", "Done" — the value as people read it. */
char                 *trellis_key_result_format_value        (TrellisKeyResult *self,
                                                              double            value);

G_END_DECLS
