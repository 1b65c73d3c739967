/* trellis-organisation.h
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

#include <gio/gio.h>

#include "trellis-store.h"
#include "trellis-department.h"
#include "trellis-employee.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ORGANISATION (trellis_organisation_get_type ())
G_DECLARE_FINAL_TYPE (TrellisOrganisation, trellis_organisation, TRELLIS, ORGANISATION, GObject)

/* The organisation loaded into memory: departments and employees indexed
 * by id, with the department tree and reporting lines. Safe to build in a
 * worker thread and hand to the main thread. */
TrellisOrganisation *trellis_organisation_load                   (TrellisStore        *store,
                                                                  GCancellable        *cancellable,
                                                                  GError             **error);
/* All employees, sorted by id (a GListModel of TrellisEmployee). */
GListModel          *trellis_organisation_get_employees          (TrellisOrganisation *self);
/* All departments in tree pre-order (a GListModel of TrellisDepartment). */
GListModel          *trellis_organisation_get_departments        (TrellisOrganisation *self);
guint                trellis_organisation_get_n_employees        (TrellisOrganisation *self);
/* Children of @parent_id (NULL for the roots) in id order; a new model. */
GListModel          *trellis_organisation_list_child_departments (TrellisOrganisation *self,
                                                                  const char          *parent_id);
TrellisDepartment   *trellis_organisation_find_department        (TrellisOrganisation *self,
                                                                  const char          *id);
TrellisEmployee     *trellis_organisation_find_employee          (TrellisOrganisation *self,
                                                                  const char          *id);
/* TRUE when @department_id is @ancestor_id or lies below it. O(1). */
gboolean             trellis_organisation_department_is_within   (TrellisOrganisation *self,
                                                                  const char          *department_id,
                                                                  const char          *ancestor_id);
/* Departments from the root down to @department_id (transfer container). */
GPtrArray           *trellis_organisation_get_department_path    (TrellisOrganisation *self,
                                                                  const char          *department_id);
/* Managers from the direct manager up to the top (transfer container). */
GPtrArray           *trellis_organisation_get_manager_chain      (TrellisOrganisation *self,
                                                                  const char          *employee_id);
/* Direct reports sorted by name; a new model. */
GListModel          *trellis_organisation_list_direct_reports    (TrellisOrganisation *self,
                                                                  const char          *employee_id);
guint                trellis_organisation_count_direct_reports   (TrellisOrganisation *self,
                                                                  const char          *employee_id);

G_END_DECLS
