/* trellis-employee.h
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

G_BEGIN_DECLS

#define TRELLIS_TYPE_EMPLOYEE (trellis_employee_get_type ())
G_DECLARE_FINAL_TYPE (TrellisEmployee, trellis_employee, TRELLIS, EMPLOYEE, GObject)

/* A value object; properties (all read-only after construction): id, name,
 * english-name, email, title, level, department-id, manager-id, hire-date
 * ("YYYY-MM-DD"), active, and department-name (filled in by the
 * organisation so lists can show and sort by it). */
typedef struct {
  const char *id;
  const char *name;
  const char *english_name;
  const char *email;
  const char *title;
  const char *level;
  const char *department_id;
  const char *manager_id;
  const char *hire_date;
  gboolean    active;
} TrellisEmployeeFields;

TrellisEmployee *trellis_employee_new                 (const TrellisEmployeeFields *fields);
void             trellis_employee_get_fields          (TrellisEmployee *self,
                                                       TrellisEmployeeFields *out_fields);
const char      *trellis_employee_get_id              (TrellisEmployee *self);
const char      *trellis_employee_get_name            (TrellisEmployee *self);
const char      *trellis_employee_get_english_name    (TrellisEmployee *self);
const char      *trellis_employee_get_email           (TrellisEmployee *self);
const char      *trellis_employee_get_title           (TrellisEmployee *self);
const char      *trellis_employee_get_level           (TrellisEmployee *self);
const char      *trellis_employee_get_department_id   (TrellisEmployee *self);
const char      *trellis_employee_get_manager_id      (TrellisEmployee *self);
const char      *trellis_employee_get_hire_date       (TrellisEmployee *self);
gboolean         trellis_employee_get_active          (TrellisEmployee *self);
const char      *trellis_employee_get_department_name (TrellisEmployee *self);
void             trellis_employee_set_department_name (TrellisEmployee *self,
                                                       const char      *name);
/* "张伟 (E00012)" — how errors and logs name a person. */
char            *trellis_employee_describe            (TrellisEmployee *self);
/* Case-insensitive match of @needle (already case-folded with g_utf8_casefold) against
 * name, English name, id, email and title. */
gboolean         trellis_employee_matches             (TrellisEmployee *self,
                                                       const char      *needle);

G_END_DECLS
