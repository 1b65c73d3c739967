/* trellis-okr.c
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

#define G_LOG_DOMAIN "trellis-okr"

#include "config.h"

#include <math.h>

#include "trellis-date.h"
#include "trellis-okr.h"

#define WEIGHT_TOLERANCE 0.0005

void
trellis_okr_thresholds_init (TrellisOkrThresholds *thresholds)
{
  thresholds->behind_gap = 16.5;
  thresholds->at_risk_gap = 33.0;
  thresholds->lagging_days = 7;
  thresholds->abnormal_jump = 0.3;
}

double
trellis_okr_progress (TrellisMeasure measure,
                      double         baseline,
                      double         target,
                      double         current)
{
  if (measure == TRELLIS_MEASURE_MILESTONE)
    return current >= 1.0 ? 1.0 : 0.0;

  if (target == baseline || !isfinite (current))
    return 0.0;

  return (current - baseline) / (target - baseline);
}

double
trellis_okr_display_progress (double progress)
{
  return CLAMP (progress, 0.0, 1.0);
}

double
trellis_okr_score (double progress)
{
  /* Round half up on tenths; the small bias keeps 0.35 (stored as
   * 0.34999…) from rounding down. */
  return floor (trellis_okr_display_progress (progress) * 10.0 + 0.5 + 1e-9) / 10.0;
}

TrellisScoreBand
trellis_okr_score_band (double score)
{
  if (score >= 0.7 - 1e-9)
    return TRELLIS_SCORE_GREEN;
  if (score >= 0.4 - 1e-9)
    return TRELLIS_SCORE_YELLOW;
  return TRELLIS_SCORE_RED;
}

double
trellis_okr_expected_score (TrellisCommitment commitment)
{
  return commitment == TRELLIS_COMMITMENT_ASPIRATIONAL ? 0.7 : 1.0;
}

double
trellis_okr_weighted_mean (const double *values,
                           const double *weights,
                           guint         n)
{
  double sum = 0.0, weight_sum = 0.0;

  if (n == 0)
    return 0.0;

  for (guint i = 0; i < n; i++)
    {
      sum += values[i] * weights[i];
      weight_sum += weights[i];
    }

  if (weight_sum <= 0.0)
    {
      sum = 0.0;
      for (guint i = 0; i < n; i++)
        sum += values[i];
      return sum / n;
    }

  return sum / weight_sum;
}

TrellisProgressStatus
trellis_okr_status (double                      progress,
                    double                      expected,
                    const TrellisOkrThresholds *thresholds)
{
  double gap;

  if (progress >= 1.0 - 1e-9)
    return TRELLIS_PROGRESS_ACHIEVED;

  /* Compare in points, rounded to a tenth, so 16.5 sits exactly on the edge. */
  gap = round ((expected - progress) * 1000.0) / 10.0;
  if (gap < thresholds->behind_gap)
    return TRELLIS_PROGRESS_ON_TRACK;
  if (gap <= thresholds->at_risk_gap)
    return TRELLIS_PROGRESS_BEHIND;
  return TRELLIS_PROGRESS_AT_RISK;
}

gboolean
trellis_okr_weights_sum_to_one (const double *weights,
                                guint         n,
                                double       *out_sum)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    sum += weights[i];

  if (out_sum != NULL)
    *out_sum = sum;

  return fabs (sum - 1.0) <= WEIGHT_TOLERANCE;
}

void
trellis_okr_renormalise (double *weights,
                         guint   n,
                         guint   index,
                         double  weight)
{
  double others = 0.0;

  g_return_if_fail (index < n);

  weight = CLAMP (weight, 0.0, 1.0);
  for (guint i = 0; i < n; i++)
    if (i != index)
      others += weights[i];

  for (guint i = 0; i < n; i++)
    {
      if (i == index)
        weights[i] = weight;
      else if (others > 0.0)
        weights[i] = weights[i] / others * (1.0 - weight);
      else
        weights[i] = (1.0 - weight) / (n - 1);
    }
}

gboolean
trellis_okr_is_abnormal_change (double                      previous,
                                double                      current,
                                const TrellisOkrThresholds *thresholds)
{
  double delta = current - previous;

  return delta < -1e-9 || delta > thresholds->abnormal_jump + 1e-9;
}

gboolean
trellis_okr_is_lagging (const GDate                *last_checkin,
                        const GDate                *cycle_start,
                        const GDate                *cycle_end,
                        const GDate                *today,
                        const TrellisOkrThresholds *thresholds)
{
  const GDate *since = last_checkin ? last_checkin : cycle_start;

  if (g_date_compare (today, cycle_end) > 0 || g_date_compare (today, cycle_start) < 0)
    return FALSE;

  return trellis_date_days_between (since, today) > thresholds->lagging_days;
}

gboolean
trellis_okr_adjustment_allowed (double  original,
                                double  proposed,
                                double  max_fraction,
                                double *out_fraction)
{
  double fraction;

  if (original == 0.0)
    fraction = proposed == 0.0 ? 0.0 : INFINITY;
  else
    fraction = fabs (proposed - original) / fabs (original);

  if (out_fraction != NULL)
    *out_fraction = fraction;

  return fraction <= max_fraction + 1e-9;
}

static const char * const measure_names[] = { "numeric", "percentage", "milestone" };
static const char * const commitment_names[] = { "committed", "aspirational" };
static const char * const status_names[] = { "achieved", "on-track", "behind", "at-risk" };

const char *
trellis_measure_to_string (TrellisMeasure measure)
{
  g_return_val_if_fail (measure <= TRELLIS_MEASURE_MILESTONE, NULL);
  return measure_names[measure];
}

gboolean
trellis_measure_from_string (const char     *text,
                             TrellisMeasure *out_measure)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_names); i++)
    if (g_strcmp0 (text, measure_names[i]) == 0)
      {
        *out_measure = i;
        return TRUE;
      }
  return FALSE;
}

const char *
trellis_commitment_to_string (TrellisCommitment commitment)
{
  g_return_val_if_fail (commitment <= TRELLIS_COMMITMENT_ASPIRATIONAL, NULL);
  return commitment_names[commitment];
}

gboolean
trellis_commitment_from_string (const char        *text,
                                TrellisCommitment *out_commitment)
{
  for (guint i = 0; i < G_N_ELEMENTS (commitment_names); i++)
    if (g_strcmp0 (text, commitment_names[i]) == 0)
      {
        *out_commitment = i;
        return TRUE;
      }
  return FALSE;
}

const char *
trellis_progress_status_to_string (TrellisProgressStatus status)
{
  g_return_val_if_fail (status <= TRELLIS_PROGRESS_AT_RISK, NULL);
  return status_names[status];
}
