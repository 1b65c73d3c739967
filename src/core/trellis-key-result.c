/* trellis-key-result.c
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

#define G_LOG_DOMAIN "trellis-key-result"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "trellis-text.h"
#include "trellis-key-result.h"

struct _TrellisKeyResult
{
  GObject                parent_instance;

  char                  *id;
  char                  *goal_id;
  char                  *title;
  char                  *unit;
  char                  *last_checkin_at;
  TrellisMeasure         measure;
  TrellisCommitment      commitment;
  double                 baseline;
  double                 target;
  double                 original_target;
  double                 current;
  double                 weight;
  double                 original_weight;
  double                 previous_value;
  int                    position;
  int                    confidence;
  gboolean               has_previous;

  /* computed by trellis_key_result_evaluate() */
  double                 progress;
  TrellisProgressStatus  status;
  gboolean               abnormal;
};

G_DEFINE_FINAL_TYPE (TrellisKeyResult, trellis_key_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_GOAL_ID,
  PROP_TITLE,
  PROP_MEASURE,
  PROP_BASELINE,
  PROP_TARGET,
  PROP_CURRENT,
  PROP_UNIT,
  PROP_COMMITMENT,
  PROP_WEIGHT,
  PROP_PROGRESS,
  PROP_DISPLAY_PROGRESS,
  PROP_SCORE,
  PROP_PROGRESS_STATUS,
  PROP_ABNORMAL,
  PROP_LAST_CHECKIN_AT,
  PROP_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_key_result_finalize (GObject *object)
{
  TrellisKeyResult *self = (TrellisKeyResult *)object;

  g_free (self->id);
  trellis_text_release (self->goal_id);
  trellis_text_release (self->title);
  trellis_text_release (self->unit);
  trellis_text_release (self->last_checkin_at);

  G_OBJECT_CLASS (trellis_key_result_parent_class)->finalize (object);
}

static void
trellis_key_result_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrellisKeyResult *self = TRELLIS_KEY_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_GOAL_ID: g_value_set_string (value, self->goal_id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_MEASURE: g_value_set_int (value, self->measure); break;
    case PROP_BASELINE: g_value_set_double (value, self->baseline); break;
    case PROP_TARGET: g_value_set_double (value, self->target); break;
    case PROP_CURRENT: g_value_set_double (value, self->current); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_COMMITMENT: g_value_set_int (value, self->commitment); break;
    case PROP_WEIGHT: g_value_set_double (value, self->weight); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_DISPLAY_PROGRESS: g_value_set_double (value, trellis_okr_display_progress (self->progress)); break;
    case PROP_SCORE: g_value_set_double (value, trellis_okr_score (self->progress)); break;
    case PROP_PROGRESS_STATUS: g_value_set_int (value, self->status); break;
    case PROP_ABNORMAL: g_value_set_boolean (value, self->abnormal); break;
    case PROP_LAST_CHECKIN_AT: g_value_set_string (value, self->last_checkin_at); break;
    case PROP_CONFIDENCE: g_value_set_int (value, self->confidence); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_key_result_class_init (TrellisKeyResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_key_result_finalize;
  object_class->get_property = trellis_key_result_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_GOAL_ID] = g_param_spec_string ("goal-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_MEASURE] = g_param_spec_int ("measure", NULL, NULL, 0, TRELLIS_MEASURE_MILESTONE, 0, flags);
  properties[PROP_BASELINE] = g_param_spec_double ("baseline", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_TARGET] = g_param_spec_double ("target", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_CURRENT] = g_param_spec_double ("current", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_COMMITMENT] = g_param_spec_int ("commitment", NULL, NULL, 0, TRELLIS_COMMITMENT_ASPIRATIONAL, 0, flags);
  properties[PROP_WEIGHT] = g_param_spec_double ("weight", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_DISPLAY_PROGRESS] = g_param_spec_double ("display-progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_PROGRESS_STATUS] = g_param_spec_int ("progress-status", NULL, NULL, 0, TRELLIS_PROGRESS_AT_RISK, 0, flags);
  properties[PROP_ABNORMAL] = g_param_spec_boolean ("abnormal", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_CHECKIN_AT] = g_param_spec_string ("last-checkin-at", NULL, NULL, NULL, flags);
  properties[PROP_CONFIDENCE] = g_param_spec_int ("confidence", NULL, NULL, -1, 10, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_key_result_init (TrellisKeyResult *self)
{
  self->confidence = -1;
}

TrellisKeyResult *
trellis_key_result_new (const TrellisKeyResultFields *f)
{
  TrellisKeyResult *self;

  g_return_val_if_fail (f != NULL && f->id != NULL && f->title != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_KEY_RESULT, NULL);
  self->id = g_strdup (f->id);
  self->goal_id = trellis_text_intern (f->goal_id);
  self->title = trellis_text_intern (f->title);
  self->measure = f->measure;
  self->baseline = f->baseline;
  self->target = f->target;
  self->original_target = f->original_target;
  self->current = f->current;
  self->unit = trellis_text_intern (f->unit);
  self->commitment = f->commitment;
  self->weight = f->weight;
  self->original_weight = f->original_weight;
  self->position = f->position;
  self->last_checkin_at = trellis_text_intern (f->last_checkin_at);
  self->has_previous = f->has_previous;
  self->previous_value = f->previous_value;
  self->confidence = f->confidence;
  self->progress = trellis_okr_progress (self->measure, self->baseline, self->target, self->current);
  return self;
}

void
trellis_key_result_get_fields (TrellisKeyResult       *self,
                               TrellisKeyResultFields *f)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  f->id = self->id;
  f->goal_id = self->goal_id;
  f->title = self->title;
  f->measure = self->measure;
  f->baseline = self->baseline;
  f->target = self->target;
  f->original_target = self->original_target;
  f->current = self->current;
  f->unit = self->unit;
  f->commitment = self->commitment;
  f->weight = self->weight;
  f->original_weight = self->original_weight;
  f->position = self->position;
  f->last_checkin_at = self->last_checkin_at;
  f->has_previous = self->has_previous;
  f->previous_value = self->previous_value;
  f->confidence = self->confidence;
}

#define GETTER(type, name, field, fallback) \
  type trellis_key_result_get_##name (TrellisKeyResult *self) \
  { \
    g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, goal_id, goal_id, NULL)
GETTER (const char *, title, title, NULL)
GETTER (TrellisMeasure, measure, measure, 0)
GETTER (double, baseline, baseline, 0)
GETTER (double, target, target, 0)
GETTER (double, original_target, original_target, 0)
GETTER (double, current, current, 0)
GETTER (const char *, unit, unit, NULL)
GETTER (TrellisCommitment, commitment, commitment, 0)
GETTER (double, weight, weight, 0)
GETTER (double, original_weight, original_weight, 0)
GETTER (const char *, last_checkin_at, last_checkin_at, NULL)
GETTER (int, confidence, confidence, -1)
GETTER (double, progress, progress, 0)
GETTER (TrellisProgressStatus, progress_status, status, 0)
GETTER (gboolean, abnormal, abnormal, FALSE)

#undef GETTER

double
trellis_key_result_get_score (TrellisKeyResult *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), 0);
  return trellis_okr_score (self->progress);
}

void
trellis_key_result_evaluate (TrellisKeyResult           *self,
                             double                      expected,
                             const TrellisOkrThresholds *thresholds)
{
  double progress;
  TrellisProgressStatus status;
  gboolean abnormal = FALSE;

  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  progress = trellis_okr_progress (self->measure, self->baseline, self->target, self->current);
  status = trellis_okr_status (progress, expected, thresholds);
  if (self->has_previous)
    {
      double previous = trellis_okr_progress (self->measure, self->baseline, self->target,
                                              self->previous_value);
      /* Completing a milestone is its whole point, not a suspicious jump. */
      if (self->measure == TRELLIS_MEASURE_MILESTONE)
        abnormal = progress < previous;
      else
        abnormal = trellis_okr_is_abnormal_change (previous, progress, thresholds);
    }

  if (progress != self->progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_PROGRESS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
    }
  if (status != self->status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_STATUS]);
    }
  if (abnormal != self->abnormal)
    {
      self->abnormal = abnormal;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABNORMAL]);
    }
}

void
trellis_key_result_apply_checkin (TrellisKeyResult *self,
                                  double            value,
                                  int               confidence,
                                  const char       *at)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  self->previous_value = self->current;
  self->has_previous = TRUE;
  self->current = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);

  if (confidence >= 0 && confidence != self->confidence)
    {
      self->confidence = confidence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
    }

  trellis_text_release (self->last_checkin_at);
  self->last_checkin_at = trellis_text_intern (at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKIN_AT]);
}

void
trellis_key_result_set_weight (TrellisKeyResult *self,
                               double            weight)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  if (self->weight == weight)
    return;
  self->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

void
trellis_key_result_set_target (TrellisKeyResult *self,
                               double            target)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  if (self->target == target)
    return;
  self->target = target;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

static char *
format_number (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

char *
trellis_key_result_format_value (TrellisKeyResult *self,
                                 double            value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), NULL);

  if (self->measure == TRELLIS_MEASURE_MILESTONE)
    return g_strdup (value >= 1.0 ? _("Done") : _("Not done"));

  number = format_number (value);
  if (self->measure == TRELLIS_MEASURE_PERCENTAGE)
    return g_strdup_printf ("%s %%", number);
  if (self->unit != NULL)
    return g_strdup_printf ("%s %s", number, self->unit);
  return g_steal_pointer (&number);
}
