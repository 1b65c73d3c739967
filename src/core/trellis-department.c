/* trellis-department.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-department"

#include "config.h"

#include "trellis-department.h"

struct _TrellisDepartment
{
  GObject                parent_instance;

  char                  *id;
  char                  *name;
  char                  *parent_id;
  char                  *head_id;
  TrellisDepartmentKind  kind;
  guint                  headcount;
};

G_DEFINE_FINAL_TYPE (TrellisDepartment, trellis_department, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PARENT_ID,
  PROP_HEAD_ID,
  PROP_HEADCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "company", "region", "department", "team" };

static void
trellis_department_finalize (GObject *object)
{
  TrellisDepartment *self = (TrellisDepartment *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->parent_id);
  g_free (self->head_id);

  G_OBJECT_CLASS (trellis_department_parent_class)->finalize (object);
}

static void
trellis_department_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrellisDepartment *self = TRELLIS_DEPARTMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_PARENT_ID:
      g_value_set_string (value, self->parent_id);
      break;
    case PROP_HEAD_ID:
      g_value_set_string (value, self->head_id);
      break;
    case PROP_HEADCOUNT:
      g_value_set_uint (value, self->headcount);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_department_class_init (TrellisDepartmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_department_finalize;
  object_class->get_property = trellis_department_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TRELLIS_DEPARTMENT_COMPANY, TRELLIS_DEPARTMENT_TEAM,
                      TRELLIS_DEPARTMENT_DEPARTMENT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ID] =
    g_param_spec_string ("parent-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEAD_ID] =
    g_param_spec_string ("head-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADCOUNT] =
    g_param_spec_uint ("headcount", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_department_init (TrellisDepartment *self)
{
}

TrellisDepartment *
trellis_department_new (const char            *id,
                        const char            *name,
                        TrellisDepartmentKind  kind,
                        const char            *parent_id,
                        const char            *head_id)
{
  TrellisDepartment *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_DEPARTMENT, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->kind = kind;
  self->parent_id = (parent_id && *parent_id) ? g_strdup (parent_id) : NULL;
  self->head_id = (head_id && *head_id) ? g_strdup (head_id) : NULL;
  return self;
}

const char *
trellis_department_get_id (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), NULL);
  return self->id;
}

const char *
trellis_department_get_name (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), NULL);
  return self->name;
}

TrellisDepartmentKind
trellis_department_get_kind (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), 0);
  return self->kind;
}

const char *
trellis_department_get_parent_id (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), NULL);
  return self->parent_id;
}

const char *
trellis_department_get_head_id (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), NULL);
  return self->head_id;
}

guint
trellis_department_get_headcount (TrellisDepartment *self)
{
  g_return_val_if_fail (TRELLIS_IS_DEPARTMENT (self), 0);
  return self->headcount;
}

void
trellis_department_set_headcount (TrellisDepartment *self,
                                  guint              headcount)
{
  g_return_if_fail (TRELLIS_IS_DEPARTMENT (self));

  if (self->headcount == headcount)
    return;

  self->headcount = headcount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADCOUNT]);
}

const char *
trellis_department_kind_to_string (TrellisDepartmentKind kind)
{
  g_return_val_if_fail (kind <= TRELLIS_DEPARTMENT_TEAM, NULL);
  return kind_names[kind];
}

gboolean
trellis_department_kind_from_string (const char            *text,
                                     TrellisDepartmentKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}
