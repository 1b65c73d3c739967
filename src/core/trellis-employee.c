/* trellis-employee.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-employee"

#include "config.h"

#include <string.h>

#include "trellis-employee.h"
#include "trellis-text.h"

struct _TrellisEmployee
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *english_name;
  char     *email;
  /* Interned: 100,000 people share a few hundred titles, levels,
   * departments, managers and hire dates. */
  char     *title;
  char     *level;
  char     *department_id;
  char     *manager_id;
  char     *hire_date;
  char     *department_name;
  /* Lower-cased fields joined by '\n', built once so filtering 100,000
   * people per keystroke is a strstr() each. */
  char     *search_key;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (TrellisEmployee, trellis_employee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ENGLISH_NAME,
  PROP_EMAIL,
  PROP_TITLE,
  PROP_LEVEL,
  PROP_DEPARTMENT_ID,
  PROP_MANAGER_ID,
  PROP_HIRE_DATE,
  PROP_ACTIVE,
  PROP_DEPARTMENT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_employee_finalize (GObject *object)
{
  TrellisEmployee *self = (TrellisEmployee *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->english_name);
  g_free (self->email);
  trellis_text_release (self->title);
  trellis_text_release (self->level);
  trellis_text_release (self->department_id);
  trellis_text_release (self->manager_id);
  trellis_text_release (self->hire_date);
  trellis_text_release (self->department_name);
  g_free (self->search_key);

  G_OBJECT_CLASS (trellis_employee_parent_class)->finalize (object);
}

static void
trellis_employee_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TrellisEmployee *self = TRELLIS_EMPLOYEE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENGLISH_NAME:
      g_value_set_string (value, self->english_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;
    case PROP_DEPARTMENT_ID:
      g_value_set_string (value, self->department_id);
      break;
    case PROP_MANAGER_ID:
      g_value_set_string (value, self->manager_id);
      break;
    case PROP_HIRE_DATE:
      g_value_set_string (value, self->hire_date);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_DEPARTMENT_NAME:
      g_value_set_string (value, self->department_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
trellis_employee_class_init (TrellisEmployeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_employee_finalize;
  object_class->get_property = trellis_employee_get_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_ENGLISH_NAME] = string_property ("english-name");
  properties[PROP_EMAIL] = string_property ("email");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_LEVEL] = string_property ("level");
  properties[PROP_DEPARTMENT_ID] = string_property ("department-id");
  properties[PROP_MANAGER_ID] = string_property ("manager-id");
  properties[PROP_HIRE_DATE] = string_property ("hire-date");
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT_NAME] =
    g_param_spec_string ("department-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_employee_init (TrellisEmployee *self)
{
  self->active = TRUE;
}

static char *
dup_or_null (const char *text)
{
  return (text && *text) ? g_strdup (text) : NULL;
}

static char *
build_search_key (TrellisEmployee *self)
{
  const char *parts[] = { self->name, self->english_name, self->id, self->email, self->title };
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, parts[i]);
    }

  return g_utf8_casefold (joined->str, joined->len);
}

TrellisEmployee *
trellis_employee_new (const TrellisEmployeeFields *fields)
{
  TrellisEmployee *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->id != NULL && fields->name != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_EMPLOYEE, NULL);
  self->id = g_strdup (fields->id);
  self->name = g_strdup (fields->name);
  self->english_name = dup_or_null (fields->english_name);
  self->email = dup_or_null (fields->email);
  self->title = trellis_text_intern (fields->title);
  self->level = trellis_text_intern (fields->level);
  self->department_id = trellis_text_intern (fields->department_id);
  self->manager_id = trellis_text_intern (fields->manager_id);
  self->hire_date = trellis_text_intern (fields->hire_date);
  self->active = fields->active;
  self->search_key = build_search_key (self);
  return self;
}

void
trellis_employee_get_fields (TrellisEmployee       *self,
                             TrellisEmployeeFields *out_fields)
{
  g_return_if_fail (TRELLIS_IS_EMPLOYEE (self));

  out_fields->id = self->id;
  out_fields->name = self->name;
  out_fields->english_name = self->english_name;
  out_fields->email = self->email;
  out_fields->title = self->title;
  out_fields->level = self->level;
  out_fields->department_id = self->department_id;
  out_fields->manager_id = self->manager_id;
  out_fields->hire_date = self->hire_date;
  out_fields->active = self->active;
}

const char *
trellis_employee_get_id (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->id;
}

const char *
trellis_employee_get_name (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->name;
}

const char *
trellis_employee_get_english_name (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->english_name;
}

const char *
trellis_employee_get_email (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->email;
}

const char *
trellis_employee_get_title (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->title;
}

const char *
trellis_employee_get_level (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->level;
}

const char *
trellis_employee_get_department_id (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->department_id;
}

const char *
trellis_employee_get_manager_id (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->manager_id;
}

const char *
trellis_employee_get_hire_date (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->hire_date;
}

gboolean
trellis_employee_get_active (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), FALSE);
  return self->active;
}

const char *
trellis_employee_get_department_name (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return self->department_name;
}

void
trellis_employee_set_department_name (TrellisEmployee *self,
                                      const char      *name)
{
  g_return_if_fail (TRELLIS_IS_EMPLOYEE (self));

  if (g_strcmp0 (self->department_name, name) == 0)
    return;

  trellis_text_release (self->department_name);
  self->department_name = trellis_text_intern (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT_NAME]);
}

char *
trellis_employee_describe (TrellisEmployee *self)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), NULL);
  return g_strdup_printf ("%s (%s)", self->name, self->id);
}

gboolean
trellis_employee_matches (TrellisEmployee *self,
                          const char      *needle)
{
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (self), FALSE);

  if (needle == NULL || *needle == '\0')
    return TRUE;

  return strstr (self->search_key, needle) != NULL;
}
