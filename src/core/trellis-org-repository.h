/* trellis-org-repository.h
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

#include "trellis-store.h"
#include "trellis-department.h"
#include "trellis-employee.h"
#include "trellis-cycle.h"

G_BEGIN_DECLS

#define TRELLIS_ORG_ERROR (trellis_org_error_quark ())

typedef enum {
  TRELLIS_ORG_ERROR_MANAGER_LOOP,
  TRELLIS_ORG_ERROR_DEPARTMENT_LOOP,
  TRELLIS_ORG_ERROR_UNKNOWN_REFERENCE,
  TRELLIS_ORG_ERROR_DUPLICATE,
  TRELLIS_ORG_ERROR_INVALID,
} TrellisOrgError;

GQuark     trellis_org_error_quark                  (void);

/* The SQL of departments, employees and cycles. Each call is one statement;
 * callers wrap many of them in trellis_store_begin()/commit(). */
gboolean   trellis_org_repository_insert_department (TrellisStore      *store,
                                                     TrellisDepartment *department,
                                                     GError           **error);
gboolean   trellis_org_repository_insert_employee   (TrellisStore      *store,
                                                     TrellisEmployee   *employee,
                                                     GError           **error);
gboolean   trellis_org_repository_insert_cycle      (TrellisStore      *store,
                                                     TrellisCycle      *cycle,
                                                     GError           **error);
/* Moves a department under @parent_id, refusing a loop. */
gboolean   trellis_org_repository_set_department_parent (TrellisStore *store,
                                                     const char        *department_id,
                                                     const char        *parent_id,
                                                     GError           **error);
/* Sets (or clears, with NULL) a manager, refusing a loop with an error that
 * names everyone in it: "张伟 (E1) → 李娜 (E2) → 张伟 (E1)". */
gboolean   trellis_org_repository_set_manager       (TrellisStore      *store,
                                                     const char        *employee_id,
                                                     const char        *manager_id,
                                                     GError           **error);
GPtrArray *trellis_org_repository_list_departments  (TrellisStore      *store,
                                                     GError           **error);
GPtrArray *trellis_org_repository_list_employees    (TrellisStore      *store,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
GPtrArray *trellis_org_repository_list_cycles       (TrellisStore      *store,
                                                     GError           **error);
TrellisEmployee *trellis_org_repository_get_employee (TrellisStore     *store,
                                                     const char        *employee_id,
                                                     GError           **error);

/* Pure check used by import and by the repository: @manager_of maps
 * employee id → manager id; @describe (may be NULL) turns an id into a name
 * for the message. Returns FALSE with TRELLIS_ORG_ERROR_MANAGER_LOOP naming
 * the people in the first loop found (in id order, so the message is stable). */
typedef char *(*TrellisDescribeFunc) (const char *id, gpointer user_data);
gboolean   trellis_org_check_manager_loops          (GHashTable        *manager_of,
                                                     TrellisDescribeFunc describe,
                                                     gpointer           user_data,
                                                     GError           **error);
/* The same for department parents. */
gboolean   trellis_org_check_department_loops       (GHashTable        *parent_of,
                                                     TrellisDescribeFunc describe,
                                                     gpointer           user_data,
                                                     GError           **error);

G_END_DECLS
