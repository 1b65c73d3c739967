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

#include "trellis-text.h"
#include "trellis-goal.h"

struct _TrellisGoal
{
  GObject                parent_instance;

  char                  *id;
  char                  *title;
  char                  *description;
  char                  *department_id;
  char                  *employee_id;
  char                  *owner_name;
  char                  *cycle_id;
  char                  *parent_goal_id;
  char                  *parent_kr_id;
  char                  *created_at;
  GPtrArray             *key_results;
  TrellisGoalKind        kind;
  TrellisOwnerKind       owner_kind;
  TrellisGoalCategory    category;
  TrellisGoalOrigin      origin;
  TrellisGoalState       state;
  double                 weight;
  double                 original_weight;
  int                    approval_step;
  int                    position;

  /* computed by TrellisGoalTree */
  double                 progress;
  double                 aligned_progress;
  guint                  n_children;
  TrellisProgressStatus  status;
  gboolean               lagging;
  gboolean               abnormal;
  char                  *last_checkin_at;
};

G_DEFINE_FINAL_TYPE (TrellisGoal, trellis_goal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_OWNER_KIND,
  PROP_OWNER_NAME,
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
trellis_goal_finalize (GObject *object)
{
  TrellisGoal *self = (TrellisGoal *)object;

  g_free (self->id);
  trellis_text_release (self->title);
  trellis_text_release (self->description);
  trellis_text_release (self->department_id);
  trellis_text_release (self->employee_id);
  trellis_text_release (self->owner_name);
  trellis_text_release (self->cycle_id);
  trellis_text_release (self->parent_goal_id);
  trellis_text_release (self->parent_kr_id);
  trellis_text_release (self->created_at);
  trellis_text_release (self->last_checkin_at);
  g_clear_pointer (&self->key_results, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_goal_parent_class)->finalize (object);
}

static void
trellis_goal_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TrellisGoal *self = TRELLIS_GOAL (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_OWNER_KIND: g_value_set_int (value, self->owner_kind); break;
    case PROP_OWNER_NAME: g_value_set_string (value, self->owner_name); break;
    case PROP_CYCLE_ID: g_value_set_string (value, self->cycle_id); break;
    case PROP_CATEGORY: g_value_set_int (value, self->category); break;
    case PROP_ORIGIN: g_value_set_int (value, self->origin); break;
    case PROP_WEIGHT: g_value_set_double (value, self->weight); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_DISPLAY_PROGRESS: g_value_set_double (value, trellis_okr_display_progress (self->progress)); break;
    case PROP_SCORE: g_value_set_double (value, trellis_okr_score (self->progress)); break;
    case PROP_PROGRESS_STATUS: g_value_set_int (value, self->status); break;
    case PROP_ALIGNED_PROGRESS: g_value_set_double (value, self->aligned_progress); break;
    case PROP_N_CHILDREN: g_value_set_uint (value, self->n_children); break;
    case PROP_LAGGING: g_value_set_boolean (value, self->lagging); break;
    case PROP_ABNORMAL: g_value_set_boolean (value, self->abnormal); break;
    case PROP_UNALIGNED: g_value_set_boolean (value, trellis_goal_is_unaligned (self)); break;
    case PROP_LAST_CHECKIN_AT: g_value_set_string (value, self->last_checkin_at); break;
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
  /* Most goals have two to four key results. */
  self->key_results = g_ptr_array_new_full (4, g_object_unref);
}

TrellisGoal *
trellis_goal_new (const TrellisGoalFields *f)
{
  TrellisGoal *self;

  g_return_val_if_fail (f != NULL && f->id != NULL && f->title != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL, NULL);
  self->id = g_strdup (f->id);
  self->kind = f->kind;
  self->title = trellis_text_intern (f->title);
  self->description = trellis_text_intern (f->description);
  self->owner_kind = f->owner_kind;
  self->department_id = trellis_text_intern (f->department_id);
  self->employee_id = trellis_text_intern (f->employee_id);
  self->cycle_id = trellis_text_intern (f->cycle_id);
  self->parent_goal_id = trellis_text_intern (f->parent_goal_id);
  self->parent_kr_id = trellis_text_intern (f->parent_kr_id);
  self->category = f->category;
  self->origin = f->origin;
  self->weight = f->weight;
  self->original_weight = f->original_weight;
  self->state = f->state;
  self->approval_step = f->approval_step;
  self->position = f->position;
  self->created_at = trellis_text_intern (f->created_at);
  return self;
}

void
trellis_goal_get_fields (TrellisGoal       *self,
                         TrellisGoalFields *f)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  f->id = self->id;
  f->kind = self->kind;
  f->title = self->title;
  f->description = self->description;
  f->owner_kind = self->owner_kind;
  f->department_id = self->department_id;
  f->employee_id = self->employee_id;
  f->cycle_id = self->cycle_id;
  f->parent_goal_id = self->parent_goal_id;
  f->parent_kr_id = self->parent_kr_id;
  f->category = self->category;
  f->origin = self->origin;
  f->weight = self->weight;
  f->original_weight = self->original_weight;
  f->state = self->state;
  f->approval_step = self->approval_step;
  f->position = self->position;
  f->created_at = self->created_at;
}

#define GETTER(type, name, field, fallback) \
  type trellis_goal_get_##name (TrellisGoal *self) \
  { \
    g_return_val_if_fail (TRELLIS_IS_GOAL (self), fallback); \
    return self->field; \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, title, title, NULL)
GETTER (const char *, description, description, NULL)
GETTER (TrellisGoalKind, kind, kind, 0)
GETTER (TrellisOwnerKind, owner_kind, owner_kind, 0)
GETTER (const char *, department_id, department_id, NULL)
GETTER (const char *, employee_id, employee_id, NULL)
GETTER (const char *, owner_name, owner_name, NULL)
GETTER (const char *, cycle_id, cycle_id, NULL)
GETTER (const char *, parent_goal_id, parent_goal_id, NULL)
GETTER (const char *, parent_kr_id, parent_kr_id, NULL)
GETTER (TrellisGoalCategory, category, category, 0)
GETTER (TrellisGoalOrigin, origin, origin, 0)
GETTER (double, weight, weight, 0)
GETTER (double, original_weight, original_weight, 0)
GETTER (TrellisGoalState, state, state, 0)
GETTER (int, approval_step, approval_step, 0)
GETTER (const char *, created_at, created_at, NULL)
GETTER (GPtrArray *, key_results, key_results, NULL)
GETTER (double, progress, progress, 0)
GETTER (TrellisProgressStatus, progress_status, status, 0)
GETTER (double, aligned_progress, aligned_progress, 0)
GETTER (guint, n_children, n_children, 0)
GETTER (gboolean, lagging, lagging, FALSE)
GETTER (gboolean, abnormal, abnormal, FALSE)
GETTER (const char *, last_checkin_at, last_checkin_at, NULL)

#undef GETTER

const char *
trellis_goal_get_owner_id (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);
  return self->owner_kind == TRELLIS_OWNER_EMPLOYEE ? self->employee_id : self->department_id;
}

void
trellis_goal_set_owner_name (TrellisGoal *self,
                             const char  *name)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  if (g_strcmp0 (self->owner_name, name) == 0)
    return;
  trellis_text_release (self->owner_name);
  self->owner_name = trellis_text_intern (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_NAME]);
}

/* Company goals are the top of the cascade; everything else should align. */
gboolean
trellis_goal_is_unaligned (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), FALSE);
  return self->owner_kind != TRELLIS_OWNER_COMPANY &&
         self->parent_goal_id == NULL && self->parent_kr_id == NULL;
}

double
trellis_goal_get_score (TrellisGoal *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), 0);
  return trellis_okr_score (self->progress);
}

void
trellis_goal_add_key_result (TrellisGoal      *self,
                             TrellisKeyResult *key_result)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));
  g_return_if_fail (TRELLIS_IS_KEY_RESULT (key_result));

  g_ptr_array_add (self->key_results, g_object_ref (key_result));
}

TrellisKeyResult *
trellis_goal_find_key_result (TrellisGoal *self,
                              const char  *key_result_id)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL (self), NULL);

  for (guint i = 0; i < self->key_results->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (self->key_results, i);
      if (g_strcmp0 (trellis_key_result_get_id (kr), key_result_id) == 0)
        return kr;
    }
  return NULL;
}

void
trellis_goal_set_computed (TrellisGoal           *self,
                           double                 progress,
                           TrellisProgressStatus  status,
                           gboolean               lagging,
                           gboolean               abnormal,
                           const char            *last_checkin_at)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  g_object_freeze_notify (G_OBJECT (self));
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
  if (lagging != self->lagging)
    {
      self->lagging = lagging;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAGGING]);
    }
  if (abnormal != self->abnormal)
    {
      self->abnormal = abnormal;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABNORMAL]);
    }
  if (g_strcmp0 (last_checkin_at, self->last_checkin_at) != 0)
    {
      trellis_text_release (self->last_checkin_at);
      self->last_checkin_at = trellis_text_intern (last_checkin_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKIN_AT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
trellis_goal_set_aligned (TrellisGoal *self,
                          double       aligned_progress,
                          guint        n_children)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  if (aligned_progress != self->aligned_progress)
    {
      self->aligned_progress = aligned_progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIGNED_PROGRESS]);
    }
  if (n_children != self->n_children)
    {
      self->n_children = n_children;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHILDREN]);
    }
}

void
trellis_goal_set_weight (TrellisGoal *self,
                         double       weight)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  if (weight == self->weight)
    return;
  self->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

void
trellis_goal_set_state (TrellisGoal      *self,
                        TrellisGoalState  state,
                        int               approval_step)
{
  g_return_if_fail (TRELLIS_IS_GOAL (self));

  /* The step is part of the state a list shows ("waiting for step 2"). */
  if (state == self->state && approval_step == self->approval_step)
    return;
  self->state = state;
  self->approval_step = approval_step;
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
