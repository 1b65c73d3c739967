/* trellis-goal.c
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

#define G_LOG_DOMAIN "trellis-goal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "trellis-text.h"
#include "trellis-goal-private.h"
#include "trellis-goal.h"

struct _TrellisGoal
{
  GObject          parent_instance;

  GObject         *owner;        /* the goal tree whose record this shows, or NULL */
  TrellisGoalData *data;
  GPtrArray       *key_results;  /* standalone: the KRs; in a tree: wrappers, made when asked */
  char            *owner_label;  /* made when asked, for owners who share a name */
};

G_DEFINE_FINAL_TYPE (TrellisGoal, trellis_goal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_OWNER_KIND,
  PROP_OWNER_NAME,
  PROP_OWNER_LABEL,
  PROP_CYCLE_ID,
  PROP_CATEGORY,
  PROP_ORIGIN,
  PROP_WEIGHT,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_DISPLAY_PROGRESS,
  PROP_SCORE,
  PROP_PROGRESS_STATUS,
  PROP_ALIGNED_PROGRESS,
  PROP_N_CHILDREN,
  PROP_LAGGING,
  PROP_ABNORMAL,
  PROP_UNALIGNED,
  PROP_LAST_CHECKIN_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
standalone_data_free (TrellisGoalData *d)
{
  g_free (d->id);
  trellis_text_release (d->title);
  trellis_text_release (d->description);
  trellis_text_release (d->owner_id);
  trellis_text_release (d->owner_name);
  trellis_text_release (d->cycle_id);
  trellis_text_release (d->parent_id);
  trellis_text_release (d->created_at);
  g_free (d);
}

static void
trellis_goal_finalize (GObject *object)
{
  TrellisGoal *self = (TrellisGoal *)object;

  g_clear_pointer (&self->key_results, g_ptr_array_unref);
  g_clear_pointer (&self->owner_label, g_free);
  if (self->data->standalone)
    standalone_data_free (self->data);
  else if (self->data->object == self)
    self->data->object = NULL;
  g_clear_object (&self->owner);

  G_OBJECT_CLASS (trellis_goal_parent_class)->finalize (object);
}

static void
trellis_goal_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrellisGoal *self = TRELLIS_GOAL (object);
  const TrellisGoalData *d = self->data;

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, d->id); break;
    case PROP_TITLE: g_value_set_string (value, d->title); break;
    case PROP_KIND: g_value_set_int (value, d->kind); break;
    case PROP_OWNER_KIND: g_value_set_int (value, d->owner_kind); break;
    case PROP_OWNER_NAME: g_value_set_string (value, d->owner_name); break;
    case PROP_OWNER_LABEL: g_value_set_string (value, trellis_goal_get_owner_label (self)); break;
    case PROP_CYCLE_ID: g_value_set_string (value, d->cycle_id); break;
    case PROP_CATEGORY: g_value_set_int (value, d->category); break;
    case PROP_ORIGIN: g_value_set_int (value, d->origin); break;
    case PROP_WEIGHT: g_value_set_double (value, d->weight); break;
    case PROP_STATE: g_value_set_int (value, d->state); break;
    case PROP_PROGRESS: g_value_set_double (value, d->progress); break;
    case PROP_DISPLAY_PROGRESS: g_value_set_double (value, trellis_okr_display_progress (d->progress)); break;
    case PROP_SCORE: g_value_set_double (value, trellis_okr_score (d->progress)); break;
    case PROP_PROGRESS_STATUS: g_value_set_int (value, d->status); break;
    case PROP_ALIGNED_PROGRESS: g_value_set_double (value, d->aligned_progress); break;
    case PROP_N_CHILDREN: g_value_set_uint (value, d->n_children); break;
    case PROP_LAGGING: g_value_set_boolean (value, d->lagging); break;
    case PROP_ABNORMAL: g_value_set_boolean (value, d->abnormal); break;
    case PROP_UNALIGNED: g_value_set_boolean (value, trellis_goal_is_unaligned (self)); break;
    case PROP_LAST_CHECKIN_AT: g_value_set_string (value, trellis_goal_get_last_checkin_at (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_goal_class_init (TrellisGoalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_goal_finalize;
  object_class->get_property = trellis_goal_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, TRELLIS_GOAL_KPI, 0, flags);
  properties[PROP_OWNER_KIND] = g_param_spec_int ("owner-kind", NULL, NULL, 0, TRELLIS_OWNER_EMPLOYEE, 0, flags);
  properties[PROP_OWNER_NAME] = g_param_spec_string ("owner-name", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_LABEL] = g_param_spec_string ("owner-label", NULL, NULL, NULL, flags);
  properties[PROP_CYCLE_ID] = g_param_spec_string ("cycle-id", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_int ("category", NULL, NULL, 0, TRELLIS_CATEGORY_INNOVATION, 0, flags);
  properties[PROP_ORIGIN] = g_param_spec_int ("origin", NULL, NULL, 0, TRELLIS_ORIGIN_SELF, 0, flags);
  properties[PROP_WEIGHT] = g_param_spec_double ("weight", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, TRELLIS_GOAL_STATE_RETURNED, 0, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_DISPLAY_PROGRESS] = g_param_spec_double ("display-progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_PROGRESS_STATUS] = g_param_spec_int ("progress-status", NULL, NULL, 0, TRELLIS_PROGRESS_AT_RISK, 0, flags);
  properties[PROP_ALIGNED_PROGRESS] = g_param_spec_double ("aligned-progress", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_CHILDREN] = g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LAGGING] = g_param_spec_boolean ("lagging", NULL, NULL, FALSE, flags);
  properties[PROP_ABNORMAL] = g_param_spec_boolean ("abnormal", NULL, NULL, FALSE, flags);
  properties[PROP_UNALIGNED] = g_param_spec_boolean ("unaligned", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_CHECKIN_AT] = g_param_spec_string ("last-checkin-at", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_goal_init (TrellisGoal *self)
{
}

TrellisGoal *
trellis_goal_new (const TrellisGoalFields *f)
{
  TrellisGoal *self;
  TrellisGoalData *d;

  g_return_val_if_fail (f != NULL && f->id != NULL && f->title != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL, NULL);
  /* Most goals have two to four key results. */
  self->key_results = g_ptr_array_new_full (4, g_object_unref);
  self->data = d = g_new0 (TrellisGoalData, 1);
  d->standalone = TRUE;
  d->object = self;
  d->id = g_strdup (f->id);
  d->kind = f->kind;
  d->title = trellis_text_intern (f->title);
  d->description = trellis_text_intern (f->description);
  d->owner_kind = f->owner_kind;
  d->owner_id = trellis_text_intern (f->owner_kind == TRELLIS_OWNER_EMPLOYEE ? f->employee_id : f->department_id);
  d->cycle_id = trellis_text_intern (f->cycle_id);
  d->parent_is_kr = f->parent_goal_id == NULL && f->parent_kr_id != NULL;
  d->parent_id = trellis_text_intern (d->parent_is_kr ? f->parent_kr_id : f->parent_goal_id);
  d->category = f->category;
  d->origin = f->origin;
  d->weight = f->weight;
  d->original_weight = f->original_weight;
  d->state = f->state;
  d->approval_step = CLAMP (f->approval_step, G_MININT16, G_MAXINT16);
  d->position = CLAMP (f->position, G_MININT16, G_MAXINT16);
  d->created_at = trellis_text_intern (f->created_at);
  return self;
}

TrellisGoal *
trellis_goal_new_backed (GObject         *owner,
                         TrellisGoalData *data)
{
  TrellisGoal *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (data != NULL && !data->standalone, NULL);

  if (data->object != NULL)
    return g_object_ref (data->object);

  self = g_object_new (TRELLIS_TYPE_GOAL, NULL);
  self->owner = g_object_ref (owner);
  self->data = data;
  data->object = self;
  return self;
}

const TrellisGoalData *
trellis_goal_peek_data (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->data;
}

void
trellis_goal_data_to_fields (const TrellisGoalData *d,
                             TrellisGoalFields     *f)
{
  gboolean employee = d->owner_kind == TRELLIS_OWNER_EMPLOYEE;

  f->id = d->id;
  f->kind = d->kind;
  f->title = d->title;
  f->description = d->description;
  f->owner_kind = d->owner_kind;
  f->department_id = employee ? NULL : d->owner_id;
  f->employee_id = employee ? d->owner_id : NULL;
  f->cycle_id = d->cycle_id;
  f->parent_goal_id = d->parent_is_kr ? NULL : d->parent_id;
  f->parent_kr_id = d->parent_is_kr ? d->parent_id : NULL;
  f->category = d->category;
  f->origin = d->origin;
  f->weight = d->weight;
  f->original_weight = d->original_weight;
  f->state = d->state;
  f->approval_step = d->approval_step;
  f->position = d->position;
  f->created_at = d->created_at;
}

void
trellis_goal_get_fields (TrellisGoal       *self,
                         TrellisGoalFields *f)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));
  trellis_goal_data_to_fields (self->data, f);
}

void
trellis_goal_data_changed (TrellisGoalData    *data,
                           TrellisGoalChanges  changes)
{
  GObject *object = (GObject *)data->object;

  if (object == NULL)
    return;

  g_object_freeze_notify (object);
  if (changes & TRELLIS_GOAL_CHANGED_COMPUTED)
    {
      g_object_notify_by_pspec (object, properties[PROP_PROGRESS]);
      g_object_notify_by_pspec (object, properties[PROP_DISPLAY_PROGRESS]);
      g_object_notify_by_pspec (object, properties[PROP_SCORE]);
      g_object_notify_by_pspec (object, properties[PROP_PROGRESS_STATUS]);
      g_object_notify_by_pspec (object, properties[PROP_LAGGING]);
      g_object_notify_by_pspec (object, properties[PROP_ABNORMAL]);
      g_object_notify_by_pspec (object, properties[PROP_LAST_CHECKIN_AT]);
    }
  if (changes & TRELLIS_GOAL_CHANGED_ALIGNED)
    {
      g_object_notify_by_pspec (object, properties[PROP_ALIGNED_PROGRESS]);
      g_object_notify_by_pspec (object, properties[PROP_N_CHILDREN]);
    }
  if (changes & TRELLIS_GOAL_CHANGED_WEIGHT)
    g_object_notify_by_pspec (object, properties[PROP_WEIGHT]);
  if (changes & TRELLIS_GOAL_CHANGED_STATE)
    g_object_notify_by_pspec (object, properties[PROP_STATE]);
  if (changes & TRELLIS_GOAL_CHANGED_OWNER)
    {
      g_clear_pointer (&data->object->owner_label, g_free);
      g_object_notify_by_pspec (object, properties[PROP_OWNER_NAME]);
      g_object_notify_by_pspec (object, properties[PROP_OWNER_LABEL]);
    }
  if (changes & TRELLIS_GOAL_CHANGED_TEXT)
    {
      g_object_notify_by_pspec (object, properties[PROP_TITLE]);
      g_object_notify_by_pspec (object, properties[PROP_KIND]);
      g_object_notify_by_pspec (object, properties[PROP_CATEGORY]);
      g_object_notify_by_pspec (object, properties[PROP_ORIGIN]);
    }
  if (changes & TRELLIS_GOAL_CHANGED_KEY_RESULTS)
    g_clear_pointer (&data->object->key_results, g_ptr_array_unref);
  g_object_thaw_notify (object);

  /* The key results' wrappers follow their own records. */
  if (changes & TRELLIS_GOAL_CHANGED_COMPUTED)
    for (guint i = 0; i < data->n_krs; i++)
      trellis_key_result_data_changed (&data->krs[i]);
}

#define GETTER(type, name, field, fallback) \
  type trellis_goal_get_##name (TrellisGoal *self) \
  { \
    g_return_val_if_fail (TRELLIS_IS_GOAL (self), fallback); \
    return self->data->field; \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, title, title, NULL)
GETTER (const char *, description, description, NULL)
GETTER (TrellisGoalKind, kind, kind, 0)
GETTER (TrellisOwnerKind, owner_kind, owner_kind, 0)
GETTER (const char *, owner_id, owner_id, NULL)
GETTER (const char *, owner_name, owner_name, NULL)
GETTER (const char *, cycle_id, cycle_id, NULL)
GETTER (TrellisGoalCategory, category, category, 0)
GETTER (TrellisGoalOrigin, origin, origin, 0)
GETTER (double, weight, weight, 0)
GETTER (double, original_weight, original_weight, 0)
GETTER (TrellisGoalState, state, state, 0)
GETTER (int, approval_step, approval_step, 0)
GETTER (const char *, created_at, created_at, NULL)
GETTER (double, progress, progress, 0)
GETTER (TrellisProgressStatus, progress_status, status, 0)
GETTER (double, aligned_progress, aligned_progress, 0)
GETTER (guint, n_children, n_children, 0)
GETTER (gboolean, lagging, lagging, FALSE)
GETTER (gboolean, abnormal, abnormal, FALSE)

#undef GETTER

const char *
trellis_goal_get_department_id (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->data->owner_kind == TRELLIS_OWNER_EMPLOYEE ? NULL : self->data->owner_id;
}

const char *
trellis_goal_get_employee_id (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->data->owner_kind == TRELLIS_OWNER_EMPLOYEE ? self->data->owner_id : NULL;
}

const char *
trellis_goal_get_parent_goal_id (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->data->parent_is_kr ? NULL : self->data->parent_id;
}

const char *
trellis_goal_get_parent_kr_id (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->data->parent_is_kr ? self->data->parent_id : NULL;
}

const char *
trellis_goal_get_last_checkin_at (TrellisGoal *self)
{
  const char *last = NULL;

  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);

  if (!self->data->standalone)
    return self->data->last_checkin_at;

  for (guint i = 0; i < self->key_results->len; i++)
    {
      const char *at = trellis_key_result_get_last_checkin_at (g_ptr_array_index (self->key_results, i));
      if (at != NULL && (last == NULL || strcmp (at, last) > 0))
        last = at;
    }
  return last;
}

GPtrArray *
trellis_goal_get_key_results (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);

  if (self->key_results == NULL)
    {
      self->key_results = g_ptr_array_new_full (self->data->n_krs, g_object_unref);
      for (guint i = 0; i < self->data->n_krs; i++)
        g_ptr_array_add (self->key_results, trellis_key_result_new_backed (self->owner, &self->data->krs[i]));
    }
  return self->key_results;
}

const char *
trellis_goal_get_owner_label (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);

  if (!self->data->owner_shared)
    return self->data->owner_name;
  if (self->owner_label == NULL)
    /* Translators: a person's name and employee id, for people who share a name */
    self->owner_label = g_strdup_printf (_("%s (%s)"), self->data->owner_name, self->data->owner_id);
  return self->owner_label;
}

void
trellis_goal_set_owner_name (TrellisGoal *self,
                             const char  *name)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  if (g_strcmp0 (self->data->owner_name, name) == 0)
    return;
  if (self->data->owner_borrowed)
    {
      self->data->owner_id = trellis_text_intern (self->data->owner_id);
      self->data->owner_borrowed = FALSE;
    }
  else
    trellis_text_release (self->data->owner_name);
  self->data->owner_name = trellis_text_intern (name);
  g_clear_pointer (&self->owner_label, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_LABEL]);
}

/* Company goals are the top of the cascade; everything else should align. */
gboolean
trellis_goal_is_unaligned (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), FALSE);
  return self->data->owner_kind != TRELLIS_OWNER_COMPANY && self->data->parent_id == NULL;
}

double
trellis_goal_get_score (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), 0);
  return trellis_okr_score (self->data->progress);
}

void
trellis_goal_add_key_result (TrellisGoal      *self,
                             TrellisKeyResult *key_result)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (key_result));
  /* A tree's goals change their key results through the tree. */
  g_return_if_fail (self->data->standalone);

  g_ptr_array_add (self->key_results, g_object_ref (key_result));
}

TrellisKeyResult *
trellis_goal_find_key_result (TrellisGoal *self,
                              const char  *key_result_id)
{
  GPtrArray *krs;

  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);

  krs = trellis_goal_get_key_results (self);
  for (guint i = 0; i < krs->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (krs, i);
      if (g_strcmp0 (trellis_key_result_get_id (kr), key_result_id) == 0)
        return kr;
    }
  return NULL;
}

void
trellis_goal_set_weight (TrellisGoal *self,
                         double       weight)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  if (weight == self->data->weight)
    return;
  self->data->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

void
trellis_goal_set_state (TrellisGoal      *self,
                        TrellisGoalState  state,
                        int               approval_step)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  /* The step is part of the state a list shows ("waiting for step 2"). */
  if (state == self->data->state && approval_step == self->data->approval_step)
    return;
  self->data->state = state;
  self->data->approval_step = approval_step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

#define ENUM_STRINGS(prefix, type, ...) \
  static const char * const prefix##_names[] = { __VA_ARGS__ }; \
  const char *prefix##_to_string (type value) \
  { \
    g_return_val_if_fail ((guint)value < G_N_ELEMENTS (prefix##_names), NULL); \
    return prefix##_names[value]; \
  } \
  gboolean prefix##_from_string (const char *text, type *out_value) \
  { \
    for (guint i = 0; i < G_N_ELEMENTS (prefix##_names); i++) \
      if (g_strcmp0 (text, prefix##_names[i]) == 0) \
        { \
          *out_value = (type)i; \
          return TRUE; \
        } \
    return FALSE; \
  }

ENUM_STRINGS (trellis_goal_kind, TrellisGoalKind, "objective", "kpi")
ENUM_STRINGS (trellis_owner_kind, TrellisOwnerKind, "company", "department", "employee")
ENUM_STRINGS (trellis_goal_category, TrellisGoalCategory, "business", "development", "innovation")
ENUM_STRINGS (trellis_goal_origin, TrellisGoalOrigin, "assigned", "self")
ENUM_STRINGS (trellis_goal_state, TrellisGoalState, "draft", "submitted", "approved", "filed", "returned")

#undef ENUM_STRINGS
