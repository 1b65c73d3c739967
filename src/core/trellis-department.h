/* trellis-department.h
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

typedef enum {
  TRELLIS_DEPARTMENT_COMPANY,
  TRELLIS_DEPARTMENT_REGION,
  TRELLIS_DEPARTMENT_DEPARTMENT,
  TRELLIS_DEPARTMENT_TEAM,
} TrellisDepartmentKind;

#define TRELLIS_TYPE_DEPARTMENT (trellis_department_get_type ())
G_DECLARE_FINAL_TYPE (TrellisDepartment, trellis_department, TRELLIS, DEPARTMENT, GObject)

/* Properties: id, name, kind, parent-id, head-id, headcount (whole subtree,
 * set by TrellisOrganisation). */
TrellisDepartment     *trellis_department_new              (const char            *id,
                                                            const char            *name,
                                                            TrellisDepartmentKind  kind,
                                                            const char            *parent_id,
                                                            const char            *head_id);
const char            *trellis_department_get_id           (TrellisDepartment     *self);
const char            *trellis_department_get_name         (TrellisDepartment     *self);
TrellisDepartmentKind  trellis_department_get_kind         (TrellisDepartment     *self);
const char            *trellis_department_get_parent_id    (TrellisDepartment     *self);
const char            *trellis_department_get_head_id      (TrellisDepartment     *self);
guint                  trellis_department_get_headcount    (TrellisDepartment     *self);
void                   trellis_department_set_headcount    (TrellisDepartment     *self,
                                                            guint                  headcount);

const char            *trellis_department_kind_to_string   (TrellisDepartmentKind  kind);
gboolean               trellis_department_kind_from_string (const char            *text,
                                                            TrellisDepartmentKind *out_kind);

G_END_DECLS
