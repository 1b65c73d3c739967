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
#include "trellis-goal-private.h"
#include "trellis-goal-tree.h"
#include "trellis-key-result.h"

struct _TrellisKeyResult
{
  GObject               parent_instance;

  GObject              *owner;   /* the goal tree whose record this shows, or NULL */
  TrellisKeyResultData *data;
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
standalone_data_free (TrellisKeyResultData *data)
{
  g_free (data->id);
  trellis_text_release (data->of.goal_id);
  trellis_text_release (data->title);
  trellis_text_release (data->unit);
  trellis_text_release (data->last_checkin_at);
  g_free (data);
}

static void
trellis_key_result_finalize (GObject *object)
{
  TrellisKeyResult *self = (TrellisKeyResult *)object;

  if (self->data->standalone)
    standalone_data_free (self->data);
  else if (self->data->object == self)
    self->data->object = NULL;
  g_clear_object (&self->owner);

  G_OBJECT_CLASS (trellis_key_result_parent_class)->finalize (object);
}

static void
trellis_key_result_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrellisKeyResult *self = TRELLIS_KEY_RESULT (object);
  TrellisKeyResultData *d = self->data;

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, d->id); break;
    case PROP_GOAL_ID: g_value_set_string (value, trellis_key_result_get_goal_id (self)); break;
    case PROP_TITLE: g_value_set_string (value, d->title); break;
    case PROP_MEASURE: g_value_set_int (value, d->measure); break;
    case PROP_BASELINE: g_value_set_double (value, d->baseline); break;
    case PROP_TARGET: g_value_set_double (value, d->target); break;
    case PROP_CURRENT: g_value_set_double (value, d->current); break;
    case PROP_UNIT: g_value_set_string (value, d->unit); break;
    case PROP_COMMITMENT: g_value_set_int (value, d->commitment); break;
    case PROP_WEIGHT: g_value_set_double (value, d->weight); break;
    case PROP_PROGRESS: g_value_set_double (value, d->progress); break;
    case PROP_DISPLAY_PROGRESS: g_value_set_double (value, trellis_okr_display_progress (d->progress)); break;
    case PROP_SCORE: g_value_set_double (value, trellis_okr_score (d->progress)); break;
    case PROP_PROGRESS_STATUS: g_value_set_int (value, d->status); break;
    case PROP_ABNORMAL: g_value_set_boolean (value, d->abnormal); break;
    case PROP_LAST_CHECKIN_AT: g_value_set_string (value, d->last_checkin_at); break;
    case PROP_CONFIDENCE: g_value_set_int (value, d->confidence); break;
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
}

TrellisKeyResult *
trellis_key_result_new (const TrellisKeyResultFields *f)
{
  TrellisKeyResult *self;
  TrellisKeyResultData *d;

  g_return_val_if_fail (f != NULL && f->id != NULL && f->title != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_KEY_RESULT, NULL);
  self->data = d = g_new0 (TrellisKeyResultData, 1);
  d->standalone = TRUE;
  d->object = self;
  d->id = g_strdup (f->id);
  d->of.goal_id = trellis_text_intern (f->goal_id);
  d->title = trellis_text_intern (f->title);
  d->measure = f->measure;
  d->baseline = f->baseline;
  d->target = f->target;
  d->original_target = f->original_target;
  d->current = f->current;
  d->unit = trellis_text_intern (f->unit);
  d->commitment = f->commitment;
  d->weight = f->weight;
  d->original_weight = f->original_weight;
  d->position = CLAMP (f->position, G_MININT16, G_MAXINT16);
  d->last_checkin_at = trellis_text_intern (f->last_checkin_at);
  d->has_previous = f->has_previous;
  d->previous_value = f->previous_value;
  d->confidence = CLAMP (f->confidence, -1, 10);
  d->progress = trellis_okr_progress (d->measure, d->baseline, d->target, d->current);
  return self;
}

TrellisKeyResult *
trellis_key_result_new_backed (GObject              *owner,
                               TrellisKeyResultData *data)
{
  TrellisKeyResult *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (data != NULL && !data->standalone, NULL);

  if (data->object != NULL)
    return g_object_ref (data->object);

  self = g_object_new (TRELLIS_TYPE_KEY_RESULT, NULL);
  self->owner = g_object_ref (owner);
  self->data = data;
  data->object = self;
  return self;
}

void
trellis_key_result_detach (TrellisKeyResult *self)
{
  TrellisKeyResultData *copy;
  const TrellisKeyResultData *d;

  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  d = self->data;
  if (d->standalone)
    return;

  copy = g_new (TrellisKeyResultData, 1);
  *copy = *d;
  copy->standalone = TRUE;
  copy->object = self;
  copy->id = g_strdup (d->id);
  copy->of.goal_id = trellis_text_intern (d->of.goal != NULL ? d->of.goal->id : NULL);
  copy->title = trellis_text_intern (d->title);
  copy->unit = trellis_text_intern (d->unit);
  copy->last_checkin_at = trellis_text_intern (d->last_checkin_at);

  self->data->object = NULL;
  self->data = copy;
  g_clear_object (&self->owner);
}

const TrellisKeyResultData *
trellis_key_result_peek_data (TrellisKeyResult *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), NULL);
  return self->data;
}

void
trellis_key_result_data_to_fields (const TrellisKeyResultData *d,
                                   TrellisKeyResultFields     *f)
{
  f->id = d->id;
  f->goal_id = d->standalone ? d->of.goal_id : (d->of.goal ? d->of.goal->id : NULL);
  f->title = d->title;
  f->measure = d->measure;
  f->baseline = d->baseline;
  f->target = d->target;
  f->original_target = d->original_target;
  f->current = d->current;
  f->unit = d->unit;
  f->commitment = d->commitment;
  f->weight = d->weight;
  f->original_weight = d->original_weight;
  f->position = d->position;
  f->last_checkin_at = d->last_checkin_at;
  f->has_previous = d->has_previous;
  f->previous_value = d->previous_value;
  f->confidence = d->confidence;
}

void
trellis_key_result_get_fields (TrellisKeyResult       *self,
                               TrellisKeyResultFields *f)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));
  trellis_key_result_data_to_fields (self->data, f);
}

void
trellis_key_result_data_changed (TrellisKeyResultData *data)
{
  static const guint changing[] = {
    PROP_TARGET, PROP_CURRENT, PROP_WEIGHT, PROP_PROGRESS, PROP_DISPLAY_PROGRESS, PROP_SCORE,
    PROP_PROGRESS_STATUS, PROP_ABNORMAL, PROP_LAST_CHECKIN_AT, PROP_CONFIDENCE,
  };
  GObject *object = (GObject *)data->object;

  if (object == NULL)
    return;

  g_object_freeze_notify (object);
  for (guint i = 0; i < G_N_ELEMENTS (changing); i++)
    g_object_notify_by_pspec (object, properties[changing[i]]);
  g_object_thaw_notify (object);
}

#define GETTER(type, name, field, fallback) \
  type trellis_key_result_get_##name (TrellisKeyResult *self) \
  { \
    g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), fallback); \
    return self->data->field; \
  }

GETTER (const char *, id, id, NULL)
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

const char *
trellis_key_result_get_goal_id (TrellisKeyResult *self)
{
  const TrellisKeyResultData *d;

  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), NULL);

  d = self->data;
  if (d->standalone)
    return d->of.goal_id;
  return d->of.goal != NULL ? d->of.goal->id : NULL;
}

double
trellis_key_result_get_score (TrellisKeyResult *self)
{
  g_return_val_if_fail (TRELLIS_IS_KEY_RESULT (self), 0);
  return trellis_okr_score (self->data->progress);
}

void
trellis_key_result_data_evaluate (TrellisKeyResultData       *d,
                                  double                      expected,
                                  const TrellisOkrThresholds *thresholds)
{
  gboolean abnormal = FALSE;

  d->progress = trellis_okr_progress (d->measure, d->baseline, d->target, d->current);
  d->status = trellis_okr_status (d->progress, expected, thresholds);
  if (d->has_previous)
    {
      double previous = trellis_okr_progress (d->measure, d->baseline, d->target, d->previous_value);
      /* Completing a milestone is its whole point, not a suspicious jump. */
      if (d->measure == TRELLIS_MEASURE_MILESTONE)
        abnormal = d->progress < previous;
      else
        abnormal = trellis_okr_is_abnormal_change (previous, d->progress, thresholds);
    }
  d->abnormal = abnormal;
}

void
trellis_key_result_evaluate (TrellisKeyResult           *self,
                             double                      expected,
                             const TrellisOkrThresholds *thresholds)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  trellis_key_result_data_evaluate (self->data, expected, thresholds);
  trellis_key_result_data_changed (self->data);
}

void
trellis_key_result_apply_checkin (TrellisKeyResult *self,
                                  double            value,
                                  int               confidence,
                                  const char       *at)
{
  TrellisKeyResultData *d;

  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  /* A tree's record changes through the tree, which also updates the goal. */
  if (self->owner != NULL)
    {
      trellis_goal_tree_apply_checkin (TRELLIS_GOAL_TREE (self->owner), self->data->id,
                                       value, confidence, at);
      return;
    }

  d = self->data;
  d->previous_value = d->current;
  d->has_previous = TRUE;
  d->current = value;
  if (confidence >= 0)
    d->confidence = MIN (confidence, 10);
  trellis_text_release (d->last_checkin_at);
  d->last_checkin_at = trellis_text_intern (at);
  d->progress = trellis_okr_progress (d->measure, d->baseline, d->target, d->current);
  trellis_key_result_data_changed (d);
}

void
trellis_key_result_set_weight (TrellisKeyResult *self,
                               double            weight)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  if (self->data->weight == weight)
    return;
  self->data->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

void
trellis_key_result_set_target (TrellisKeyResult *self,
                               double            target)
{
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (self));

  if (self->data->target == target)
    return;
  self->data->target = target;
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

  if (self->data->measure == TRELLIS_MEASURE_MILESTONE)
    return g_strdup (value >= 1.0 ? _("Done") : _("Not done"));

  number = format_number (value);
  if (self->data->measure == TRELLIS_MEASURE_PERCENTAGE)
    return g_strdup_printf (_("%s %%"), number);
  if (self->data->unit != NULL)
    return g_strdup_printf ("%s %s", number, self->data->unit);
  return g_steal_pointer (&number);
}
