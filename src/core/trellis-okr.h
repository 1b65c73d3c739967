/* trellis-okr.h
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

#include <glib.h>

G_BEGIN_DECLS

/* The arithmetic of OKRs as CONVENTIONS.md describes it: pure functions on
 * plain numbers, so every rule is tested with tables and no store. */

typedef enum {
  TRELLIS_MEASURE_NUMERIC,
  TRELLIS_MEASURE_PERCENTAGE,
  TRELLIS_MEASURE_MILESTONE,
} TrellisMeasure;

typedef enum {
  TRELLIS_COMMITMENT_COMMITTED,
  TRELLIS_COMMITMENT_ASPIRATIONAL,
} TrellisCommitment;

/* Ordered from best to worst, so MAX() gives the riskiest. */
typedef enum {
  TRELLIS_PROGRESS_ACHIEVED,
  TRELLIS_PROGRESS_ON_TRACK,
  TRELLIS_PROGRESS_BEHIND,
  TRELLIS_PROGRESS_AT_RISK,
} TrellisProgressStatus;

typedef enum {
  TRELLIS_SCORE_RED,
  TRELLIS_SCORE_YELLOW,
  TRELLIS_SCORE_GREEN,
} TrellisScoreBand;

typedef struct {
  double behind_gap;     /* points of expected − actual progress: 16.5 */
  double at_risk_gap;    /* 33 */
  int    lagging_days;   /* no check-in for more than this: 7 */
  double abnormal_jump;  /* progress moved more than this in one check-in: 0.3 */
} TrellisOkrThresholds;

void                  trellis_okr_thresholds_init       (TrellisOkrThresholds       *thresholds);

/* (current − baseline) / (target − baseline); decreasing targets work and
 * over-achievement is kept (1.25 for 125 %). A milestone is 0 or 1. */
double                trellis_okr_progress              (TrellisMeasure              measure,
                                                         double                      baseline,
                                                         double                      target,
                                                         double                      current);
/* Progress clamped to 0..1 for bars. */
double                trellis_okr_display_progress      (double                      progress);
/* 0.0–1.0 with one decimal. */
double                trellis_okr_score                 (double                      progress);
TrellisScoreBand      trellis_okr_score_band            (double                      score);
/* Expected 1.0 for committed KRs, 0.7 for aspirational ones. */
double                trellis_okr_expected_score        (TrellisCommitment           commitment);
/* Σ wᵢvᵢ / Σ wᵢ; the plain mean when all weights are 0; 0 when @n is 0. */
double                trellis_okr_weighted_mean         (const double               *values,
                                                         const double               *weights,
                                                         guint                       n);
TrellisProgressStatus trellis_okr_status                (double                      progress,
                                                         double                      expected,
                                                         const TrellisOkrThresholds *thresholds);
/* TRUE when the weights add up to 1 (within half a thousandth). */
gboolean              trellis_okr_weights_sum_to_one    (const double               *weights,
                                                         guint                       n,
                                                         double                     *out_sum);
/* Sets weights[@index] to @weight and scales the others so all sum to 1,
 * keeping their proportions. */
void                  trellis_okr_renormalise           (double                     *weights,
                                                         guint                       n,
                                                         guint                       index,
                                                         double                      weight);
/* Whether a check-in from @previous to @current progress is abnormal: it
 * went backwards, or jumped by more than the threshold. */
gboolean              trellis_okr_is_abnormal_change    (double                      previous,
                                                         double                      current,
                                                         const TrellisOkrThresholds *thresholds);
/* Lagging: the cycle has run for more than the lagging days and the last
 * check-in (NULL for never) is older than that. Ended cycles never lag. */
gboolean              trellis_okr_is_lagging            (const GDate                *last_checkin,
                                                         const GDate                *cycle_start,
                                                         const GDate                *cycle_end,
                                                         const GDate                *today,
                                                         const TrellisOkrThresholds *thresholds);
/* |proposed − original| ≤ max_fraction × |original|. @out_fraction gets the
 * relative change asked for. */
gboolean              trellis_okr_adjustment_allowed    (double                      original,
                                                         double                      proposed,
                                                         double                      max_fraction,
                                                         double                     *out_fraction);

const char           *trellis_measure_to_string         (TrellisMeasure              measure);
gboolean              trellis_measure_from_string       (const char                 *text,
                                                         TrellisMeasure             *out_measure);
const char           *trellis_commitment_to_string      (TrellisCommitment           commitment);
gboolean              trellis_commitment_from_string    (const char                 *text,
                                                         TrellisCommitment          *out_commitment);
const char           *trellis_progress_status_to_string (TrellisProgressStatus       status);

G_END_DECLS
