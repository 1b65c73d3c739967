/* trellis-goal-workflow.c
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

#define G_LOG_DOMAIN "trellis-goal-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "trellis-text.h"
#include "trellis-goal-repository.h"
#include "trellis-goal-workflow.h"

/* The goal as the workspace has it now. The TrellisGoal a caller passes in
 * may be stale (another window acted on it); state and step are read again
 * inside the transaction that changes them. */
typedef struct
{
  char             *id;
  char             *title;
  TrellisGoalKind   kind;
  TrellisOwnerKind  owner_kind;
  char             *department_id;
  char             *employee_id;
  TrellisGoalState  state;
  int               step;
} GoalRow;

static void
goal_row_clear (GoalRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->department_id, g_free);
  g_clear_pointer (&row->employee_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GoalRow, goal_row_clear)

static const char * const role_names[] = {
  "manager", "skip-level-manager", "department-head", "hr",
};

void
trellis_approval_free (TrellisApproval *approval)
{
  if (approval == NULL)
    return;
  g_free (approval->action);
  g_free (approval->actor_id);
  g_free (approval->comment);
  g_free (approval->at);
  g_free (approval);
}

const char *
trellis_approver_role_to_string (TrellisApproverRole role)
{
  g_return_val_if_fail ((guint)role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
trellis_approver_role_from_string (const char          *text,
                                   TrellisApproverRole *out_role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        if (out_role != NULL)
          *out_role = (TrellisApproverRole)i;
        return TRUE;
      }
  return FALSE;
}

/* How a role reads in a sentence. */
static const char *
role_label (TrellisApproverRole role)
{
  switch (role)
    {
    case TRELLIS_APPROVER_MANAGER:
      return _("manager");
    case TRELLIS_APPROVER_SKIP_LEVEL_MANAGER:
      return _("skip-level manager");
    case TRELLIS_APPROVER_DEPARTMENT_HEAD:
      return _("department head");
    case TRELLIS_APPROVER_HR:
    default:
      return _("HR");
    }
}

static const char *
state_label (TrellisGoalState state)
{
  switch (state)
    {
    case TRELLIS_GOAL_STATE_DRAFT:
      return _("a draft");
    case TRELLIS_GOAL_STATE_SUBMITTED:
      return _("submitted");
    case TRELLIS_GOAL_STATE_APPROVED:
      return _("approved");
    case TRELLIS_GOAL_STATE_FILED:
      return _("filed");
    case TRELLIS_GOAL_STATE_RETURNED:
    default:
      return _("returned");
    }
}

static gboolean
load_goal_row (TrellisStore  *store,
               const char    *goal_id,
               GoalRow       *row,
               GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT title, kind, owner_kind, department_id, employee_id, status, approval_step "
                                "FROM goals WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = g_strdup (goal_id);
      row->title = g_strdup (trellis_stmt_column_text (stmt, 0));
      trellis_goal_kind_from_string (trellis_stmt_column_text (stmt, 1), &row->kind);
      trellis_owner_kind_from_string (trellis_stmt_column_text (stmt, 2), &row->owner_kind);
      row->department_id = g_strdup (trellis_stmt_column_text (stmt, 3));
      row->employee_id = g_strdup (trellis_stmt_column_text (stmt, 4));
      trellis_goal_state_from_string (trellis_stmt_column_text (stmt, 5), &row->state);
      row->step = sqlite3_column_int (stmt, 6);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no goal with id “%s”"), goal_id);
  else
    trellis_store_set_error (store, error, "Could not read a goal");
  return FALSE;
}

static void
goal_row_from_object (TrellisGoal *goal,
                      GoalRow     *row)
{
  row->id = g_strdup (trellis_goal_get_id (goal));
  row->title = g_strdup (trellis_goal_get_title (goal));
  row->kind = trellis_goal_get_kind (goal);
  row->owner_kind = trellis_goal_get_owner_kind (goal);
  row->department_id = g_strdup (trellis_goal_get_department_id (goal));
  row->employee_id = g_strdup (trellis_goal_get_employee_id (goal));
  row->state = trellis_goal_get_state (goal);
  row->step = trellis_goal_get_approval_step (goal);
}

static TrellisEmployee *
department_head (TrellisOrganisation *org,
                 const char          *department_id)
{
  TrellisDepartment *department = trellis_organisation_find_department (org, department_id);

  if (department == NULL)
    return NULL;
  return trellis_organisation_find_employee (org, trellis_department_get_head_id (department));
}

/* The nearest head above @department_id (excluding it) who is not @not_this. */
static TrellisEmployee *
head_above (TrellisOrganisation *org,
            const char          *department_id,
            TrellisEmployee     *not_this)
{
  TrellisDepartment *department = trellis_organisation_find_department (org, department_id);
  guint limit = g_list_model_get_n_items (trellis_organisation_get_departments (org));

  for (guint i = 0; department != NULL && i <= limit; i++)
    {
      TrellisEmployee *head;

      department = trellis_organisation_find_department (org, trellis_department_get_parent_id (department));
      if (department == NULL)
        break;
      head = trellis_organisation_find_employee (org, trellis_department_get_head_id (department));
      if (head != NULL && head != not_this)
        return head;
    }
  return NULL;
}

/* The person who owns the goal: the employee, or the head of the
 * department (or of the company) for department and company goals. */
static TrellisEmployee *
owner_person (TrellisOrganisation *org,
              const GoalRow       *row)
{
  if (row->owner_kind == TRELLIS_OWNER_EMPLOYEE)
    return trellis_organisation_find_employee (org, row->employee_id);
  return department_head (org, row->department_id);
}

/* Whom the owner answers to: their manager. A department whose head has no
 * manager on record answers to the head of the department above. */
static TrellisEmployee *
owner_superior (TrellisOrganisation *org,
                const GoalRow       *row)
{
  TrellisEmployee *person = owner_person (org, row);
  TrellisEmployee *manager = NULL;

  if (person != NULL)
    manager = trellis_organisation_find_employee (org, trellis_employee_get_manager_id (person));
  if (manager == NULL && row->owner_kind == TRELLIS_OWNER_DEPARTMENT)
    manager = head_above (org, row->department_id, person);
  return manager;
}

static TrellisEmployee *
resolve_approver (TrellisOrganisation *org,
                  const GoalRow       *row,
                  TrellisApproverRole  role)
{
  TrellisEmployee *person;
  TrellisEmployee *head;

  switch (role)
    {
    case TRELLIS_APPROVER_MANAGER:
      return owner_superior (org, row);

    case TRELLIS_APPROVER_SKIP_LEVEL_MANAGER:
      person = owner_superior (org, row);
      if (person == NULL)
        return NULL;
      return trellis_organisation_find_employee (org, trellis_employee_get_manager_id (person));

    case TRELLIS_APPROVER_DEPARTMENT_HEAD:
      switch (row->owner_kind)
        {
        case TRELLIS_OWNER_COMPANY:
          return department_head (org, row->department_id);
        case TRELLIS_OWNER_DEPARTMENT:
          /* The head of the department above, i.e. whom the head reports to. */
          return owner_superior (org, row);
        case TRELLIS_OWNER_EMPLOYEE:
        default:
          person = trellis_organisation_find_employee (org, row->employee_id);
          if (person == NULL)
            return NULL;
          /* A head does not approve their own goal: the next head up does. */
          head = department_head (org, trellis_employee_get_department_id (person));
          if (head != NULL && head != person)
            return head;
          return head_above (org, trellis_employee_get_department_id (person), person);
        }

    case TRELLIS_APPROVER_HR:
    default:
      return NULL;
    }
}

static char *
describe_employee_id (TrellisOrganisation *org,
                      const char          *employee_id)
{
  TrellisEmployee *employee;

  if (employee_id == NULL)
    return g_strdup (_("someone unnamed"));
  employee = trellis_organisation_find_employee (org, employee_id);
  if (employee == NULL)
    return g_strdup (employee_id);
  return trellis_employee_describe (employee);
}

static GArray *
read_steps (TrellisStore  *store,
            const char    *owner_kind,
            const char    *level,
            GError       **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (TrellisApproverRole));
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT approver FROM approval_steps WHERE owner_kind = ?1 AND level = ?2 "
                                "ORDER BY position",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, level, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisApproverRole role;

      if (trellis_approver_role_from_string (trellis_stmt_column_text (stmt, 0), &role))
        g_array_append_val (steps, role);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the approval steps");
      return NULL;
    }
  return g_steal_pointer (&steps);
}

/* The longest configured level prefix of @level for @owner_kind ("P3"
 * before "P"), or NULL when only the steps for any level apply. */
static char *
dup_matching_prefix (TrellisStore  *store,
                     const char    *owner_kind,
                     const char    *level,
                     GError       **error)
{
  sqlite3_stmt *stmt;
  char *prefix = NULL;
  int rc;

  if (level == NULL || *level == '\0')
    return NULL;

  stmt = trellis_store_prepare (store,
                                "SELECT level FROM approval_steps"
                                " WHERE owner_kind = ?1 AND level <> '' AND substr (?2, 1, length (level)) = level"
                                " ORDER BY length (level) DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, level, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    prefix = g_strdup (trellis_stmt_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    trellis_store_set_error (store, error, "Could not read the approval steps");
  sqlite3_reset (stmt);
  return prefix;
}

static GArray *
steps_for_row (TrellisStore         *store,
               TrellisOrganisation  *org,
               const GoalRow        *row,
               GError              **error)
{
  const char *owner_kind = trellis_owner_kind_to_string (row->owner_kind);
  TrellisEmployee *person = owner_person (org, row);
  const char *level = person ? trellis_employee_get_level (person) : NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GArray) steps = NULL;

  prefix = dup_matching_prefix (store, owner_kind, level, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (prefix != NULL)
    {
      steps = read_steps (store, owner_kind, prefix, error);
      if (steps == NULL)
        return NULL;
    }

  if (steps == NULL || steps->len == 0)
    {
      g_clear_pointer (&steps, g_array_unref);
      steps = read_steps (store, owner_kind, "", error);
      if (steps == NULL)
        return NULL;
    }

  /* Nothing configured: the manager approves. */
  if (steps->len == 0)
    {
      TrellisApproverRole role = TRELLIS_APPROVER_MANAGER;
      g_array_append_val (steps, role);
    }

  return g_steal_pointer (&steps);
}

/* The role of the step a submitted goal waits on. If the steps were
 * reconfigured to fewer since it was submitted, the last one applies. */
static guint
current_step_index (GArray        *steps,
                    const GoalRow *row)
{
  return (guint)CLAMP (row->step, 0, (int)steps->len - 1);
}

static gboolean
insert_approval (TrellisStore  *store,
                 const char    *goal_id,
                 const char    *action,
                 int            step,
                 const char    *actor_id,
                 const char    *comment,
                 GError       **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The foreign key is deferred: an unknown person would only fail the
   * COMMIT, with a message that names nothing. */
  if (actor_id != NULL)
    {
      stmt = trellis_store_prepare (store, "SELECT 1 FROM employees WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, actor_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                         _("There is no employee with id “%s”"), actor_id);
          else
            trellis_store_set_error (store, error, "Could not look an employee up");
          return FALSE;
        }
    }

  now = trellis_store_dup_now (store);
  stmt = trellis_store_prepare (store,
                                "INSERT INTO goal_approvals (goal_id, action, step, actor_id, comment, at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, step);
  trellis_stmt_bind_text_or_null (stmt, 4, actor_id);
  trellis_stmt_bind_text_or_null (stmt, 5, comment);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return trellis_store_step_done (store, stmt, error);
}

/* The audit triggers record trellis_actor (): while an action runs, that is
 * the person acting, whoever the workspace was opened by. */
typedef struct
{
  TrellisStore *store;
  char         *saved;
  gboolean      swapped;
} ActorScope;

static void
actor_scope_enter (ActorScope   *scope,
                   TrellisStore *store,
                   const char   *actor_id)
{
  scope->store = store;
  scope->saved = g_strdup (trellis_store_get_actor (store));
  scope->swapped = actor_id != NULL;
  if (scope->swapped)
    trellis_store_set_actor (store, actor_id);
}

static void
actor_scope_leave (ActorScope *scope)
{
  if (scope->swapped)
    trellis_store_set_actor (scope->store, scope->saved);
  g_clear_pointer (&scope->saved, g_free);
}

static gboolean
check_key_results (TrellisStore   *store,
                   const GoalRow  *row,
                   GError        **error)
{
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt;
  double sum = 0.0;
  int rc;

  stmt = trellis_store_prepare (store, "SELECT weight FROM key_results WHERE goal_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double weight = sqlite3_column_double (stmt, 0);
      g_array_append_val (weights, weight);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read key results");
      return FALSE;
    }

  if (weights->len == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Goal “%s” (%s) cannot be submitted: it has no key results"),
                   row->title, row->id);
      return FALSE;
    }

  /* A KPI with a single measure is that measure: its weight is moot. */
  if (row->kind == TRELLIS_GOAL_KPI && weights->len == 1)
    return TRUE;

  if (!trellis_okr_weights_sum_to_one ((const double *)(gpointer)weights->data, weights->len, &sum))
    {
      char percent[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (percent, sizeof percent, "%.1f", sum * 100.0);
      if (g_str_has_suffix (percent, ".0"))
        percent[strlen (percent) - 2] = '\0';
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Goal “%s” (%s) cannot be submitted: the weights of its key results add up to %s %%, not 100 %%"),
                   row->title, row->id, percent);
      return FALSE;
    }
  return TRUE;
}

static void
set_no_approver_error (TrellisOrganisation  *org,
                       const GoalRow        *row,
                       guint                 step,
                       TrellisApproverRole   role,
                       GError              **error)
{
  g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
               _("No one can approve step %u (%s) of goal “%s” (%s): its owner has no %s on record. "
                 "Fix the reporting lines or the approval steps."),
               step + 1, role_label (role), row->title, row->id, role_label (role));
}

GArray *
trellis_goal_workflow_get_steps (TrellisStore         *store,
                                 TrellisOrganisation  *organisation,
                                 TrellisGoal          *goal,
                                 GError              **error)
{
  g_auto(GoalRow) row = { 0 };

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  goal_row_from_object (goal, &row);
  return steps_for_row (store, organisation, &row, error);
}

static gboolean
check_owner_kind (const char  *owner_kind,
                  GError     **error)
{
  if (trellis_owner_kind_from_string (owner_kind, &(TrellisOwnerKind) { 0 }))
    return TRUE;
  g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
               _("“%s” is not an owner kind: use company, department or employee"),
               owner_kind ? owner_kind : "");
  return FALSE;
}

static gboolean
check_roles (const TrellisApproverRole  *roles,
             guint                       n_roles,
             GError                    **error)
{
  for (guint i = 0; i < n_roles; i++)
    if ((guint)roles[i] >= G_N_ELEMENTS (role_names))
      {
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                     _("Approval step %u has an unknown approver role (%d)"), i + 1, (int)roles[i]);
        return FALSE;
      }
  return TRUE;
}

/* Inside a transaction: the steps for (owner kind, level) become @roles. */
static gboolean
write_steps (TrellisStore               *store,
             const char                 *owner_kind,
             const char                 *level_prefix,
             const TrellisApproverRole  *roles,
             guint                       n_roles,
             GError                    **error)
{
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store, "DELETE FROM approval_steps WHERE owner_kind = ?1 AND level = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, level_prefix, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_roles; i++)
    {
      stmt = trellis_store_prepare (store,
                                    "INSERT INTO approval_steps (owner_kind, level, position, approver) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, owner_kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, level_prefix, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, (int)i);
      sqlite3_bind_text (stmt, 4, role_names[roles[i]], -1, SQLITE_STATIC);
      if (!trellis_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
trellis_goal_workflow_set_steps (TrellisStore               *store,
                                 const char                 *owner_kind,
                                 const char                 *level_prefix,
                                 const TrellisApproverRole  *roles,
                                 guint                       n_roles,
                                 GError                    **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (roles != NULL || n_roles == 0, FALSE);

  if (!check_owner_kind (owner_kind, error) || !check_roles (roles, n_roles, error))
    return FALSE;
  if (level_prefix == NULL)
    level_prefix = "";

  if (!trellis_store_begin (store, error))
    return FALSE;
  if (!write_steps (store, owner_kind, level_prefix, roles, n_roles, error))
    {
      trellis_store_rollback (store);
      return FALSE;
    }
  return trellis_store_commit (store, error);
}

void
trellis_approval_chain_free (TrellisApprovalChain *chain)
{
  if (chain == NULL)
    return;
  g_free (chain->owner_kind);
  g_free (chain->level_prefix);
  g_clear_pointer (&chain->roles, g_array_unref);
  g_free (chain);
}

GPtrArray *
trellis_goal_workflow_list_chains (TrellisStore  *store,
                                   GError       **error)
{
  g_autoptr(GPtrArray) chains = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_approval_chain_free);
  TrellisApprovalChain *chain = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  /* Owner kinds from the top of the organisation down. */
  stmt = trellis_store_prepare (store,
                                "SELECT owner_kind, level, approver FROM approval_steps ORDER BY"
                                " CASE owner_kind WHEN 'company' THEN 0 WHEN 'department' THEN 1 ELSE 2 END,"
                                " level, position",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *owner_kind = trellis_stmt_column_text (stmt, 0);
      const char *level = trellis_stmt_column_text (stmt, 1);
      TrellisApproverRole role;

      if (level == NULL)
        level = "";
      if (chain == NULL || g_strcmp0 (chain->owner_kind, owner_kind) != 0 ||
          g_strcmp0 (chain->level_prefix, level) != 0)
        {
          chain = g_new0 (TrellisApprovalChain, 1);
          chain->owner_kind = g_strdup (owner_kind);
          chain->level_prefix = g_strdup (level);
          chain->roles = g_array_new (FALSE, FALSE, sizeof (TrellisApproverRole));
          g_ptr_array_add (chains, chain);
        }
      if (trellis_approver_role_from_string (trellis_stmt_column_text (stmt, 2), &role))
        g_array_append_val (chain->roles, role);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the approval steps");
      return NULL;
    }
  return g_steal_pointer (&chains);
}

static gboolean
chain_exists (TrellisStore  *store,
              const char    *owner_kind,
              const char    *level_prefix,
              gboolean      *out_exists,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT 1 FROM approval_steps WHERE owner_kind = ?1 AND level = ?2 LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owner_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, level_prefix, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the approval steps");
      return FALSE;
    }
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static void
set_chain_exists_error (const char  *owner_kind,
                        const char  *level_prefix,
                        GError     **error)
{
  TrellisOwnerKind kind = TRELLIS_OWNER_EMPLOYEE;
  const char *message;

  trellis_owner_kind_from_string (owner_kind, &kind);
  if (*level_prefix == '\0')
    {
      switch (kind)
        {
        case TRELLIS_OWNER_COMPANY:
          message = _("Company goals of any level already have approval steps: change those instead");
          break;
        case TRELLIS_OWNER_DEPARTMENT:
          message = _("Department goals of any level already have approval steps: change those instead");
          break;
        case TRELLIS_OWNER_EMPLOYEE:
        default:
          message = _("Employee goals of any level already have approval steps: change those instead");
          break;
        }
      g_set_error_literal (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID, message);
      return;
    }

  switch (kind)
    {
    case TRELLIS_OWNER_COMPANY:
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Company goals at levels starting with “%s” already have approval steps: change those instead"),
                   level_prefix);
      break;
    case TRELLIS_OWNER_DEPARTMENT:
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Department goals at levels starting with “%s” already have approval steps: change those instead"),
                   level_prefix);
      break;
    case TRELLIS_OWNER_EMPLOYEE:
    default:
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Employee goals at levels starting with “%s” already have approval steps: change those instead"),
                   level_prefix);
      break;
    }
}

gboolean
trellis_goal_workflow_save_chain (TrellisStore               *store,
                                  const char                 *replaces_owner_kind,
                                  const char                 *replaces_level_prefix,
                                  const char                 *owner_kind,
                                  const char                 *level_prefix,
                                  const TrellisApproverRole  *roles,
                                  guint                       n_roles,
                                  GError                    **error)
{
  g_autofree char *level = g_strstrip (g_strdup (level_prefix != NULL ? level_prefix : ""));
  gboolean same_chain;
  gboolean exists = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (roles != NULL || n_roles == 0, FALSE);

  if (!check_owner_kind (owner_kind, error) || !check_roles (roles, n_roles, error))
    return FALSE;
  if (replaces_owner_kind != NULL && !check_owner_kind (replaces_owner_kind, error))
    return FALSE;

  /* Levels are matched by prefix, so a space can never be meant. */
  for (const char *p = level; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                     _("“%s” is not a level prefix: use the start of a level, such as M or P3"), level);
        return FALSE;
      }
  if (n_roles == 0)
    {
      g_set_error_literal (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                           _("Approval steps need at least one approver"));
      return FALSE;
    }

  same_chain = replaces_owner_kind != NULL &&
               g_strcmp0 (replaces_owner_kind, owner_kind) == 0 &&
               g_strcmp0 (replaces_level_prefix != NULL ? replaces_level_prefix : "", level) == 0;

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!same_chain)
    {
      if (!chain_exists (store, owner_kind, level, &exists, error))
        goto failed;
      if (exists)
        {
          set_chain_exists_error (owner_kind, level, error);
          goto failed;
        }
      if (replaces_owner_kind != NULL &&
          !write_steps (store, replaces_owner_kind, replaces_level_prefix != NULL ? replaces_level_prefix : "",
                        NULL, 0, error))
        goto failed;
    }

  if (!write_steps (store, owner_kind, level, roles, n_roles, error))
    goto failed;
  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

gboolean
trellis_goal_workflow_delete_steps (TrellisStore  *store,
                                    const char    *owner_kind,
                                    const char    *level_prefix,
                                    GError       **error)
{
  gboolean exists = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);

  if (!check_owner_kind (owner_kind, error))
    return FALSE;
  if (level_prefix == NULL)
    level_prefix = "";

  if (!trellis_store_begin (store, error))
    return FALSE;
  if (!chain_exists (store, owner_kind, level_prefix, &exists, error))
    goto failed;
  if (!exists)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There are no approval steps for %s goals with level prefix “%s”"), owner_kind, level_prefix);
      goto failed;
    }
  if (!write_steps (store, owner_kind, level_prefix, NULL, 0, error))
    goto failed;
  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

char *
trellis_goal_workflow_dup_current_approver (TrellisStore         *store,
                                            TrellisOrganisation  *organisation,
                                            TrellisGoal          *goal,
                                            GError              **error)
{
  g_auto(GoalRow) row = { 0 };
  g_autoptr(GArray) steps = NULL;
  TrellisEmployee *approver;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), NULL);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), NULL);

  if (!load_goal_row (store, trellis_goal_get_id (goal), &row, error))
    return NULL;
  if (row.state != TRELLIS_GOAL_STATE_SUBMITTED)
    return NULL;

  steps = steps_for_row (store, organisation, &row, error);
  if (steps == NULL)
    return NULL;

  approver = resolve_approver (organisation, &row,
                               g_array_index (steps, TrellisApproverRole, current_step_index (steps, &row)));
  return approver ? g_strdup (trellis_employee_get_id (approver)) : NULL;
}

gboolean
trellis_goal_workflow_submit (TrellisStore         *store,
                              TrellisOrganisation  *organisation,
                              TrellisGoal          *goal,
                              const char           *actor_id,
                              GError              **error)
{
  g_auto(GoalRow) row = { 0 };
  g_autoptr(GArray) steps = NULL;
  ActorScope scope;
  TrellisApproverRole first;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), FALSE);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), FALSE);

  actor_scope_enter (&scope, store, actor_id);
  if (!trellis_store_begin (store, error))
    goto out;

  if (!load_goal_row (store, trellis_goal_get_id (goal), &row, error))
    goto failed;

  if (row.state != TRELLIS_GOAL_STATE_DRAFT && row.state != TRELLIS_GOAL_STATE_RETURNED)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” (%s) is %s: only a draft or a returned goal can be submitted"),
                   row.title, row.id, state_label (row.state));
      goto failed;
    }

  if (!check_key_results (store, &row, error))
    goto failed;

  steps = steps_for_row (store, organisation, &row, error);
  if (steps == NULL)
    goto failed;

  /* Refuse a submission no one could ever approve rather than strand it. */
  first = g_array_index (steps, TrellisApproverRole, 0);
  if (first != TRELLIS_APPROVER_HR && resolve_approver (organisation, &row, first) == NULL)
    {
      set_no_approver_error (organisation, &row, 0, first, error);
      goto failed;
    }

  if (!insert_approval (store, row.id, "submit", 0, actor_id, NULL, error) ||
      !trellis_goal_repository_set_goal_state (store, row.id, TRELLIS_GOAL_STATE_SUBMITTED, 0, error))
    goto failed;

  ok = trellis_store_commit (store, error);
  if (ok)
    trellis_goal_set_state (goal, TRELLIS_GOAL_STATE_SUBMITTED, 0);
  goto out;

failed:
  trellis_store_rollback (store);
out:
  actor_scope_leave (&scope);
  return ok;
}

/* Checks that the goal is submitted and @actor_id may act on its current
 * step; returns the steps and the step index. */
static GArray *
check_current_approver (TrellisStore         *store,
                        TrellisOrganisation  *organisation,
                        const GoalRow        *row,
                        const char           *actor_id,
                        gboolean              approving,
                        guint                *out_step,
                        GError              **error)
{
  g_autoptr(GArray) steps = NULL;
  TrellisApproverRole role;
  TrellisEmployee *approver;
  guint step;

  steps = steps_for_row (store, organisation, row, error);
  if (steps == NULL)
    return NULL;

  step = current_step_index (steps, row);
  role = g_array_index (steps, TrellisApproverRole, step);
  *out_step = step;

  /* Anyone acting as HR may take an HR step; the actor is recorded. */
  if (role == TRELLIS_APPROVER_HR)
    return g_steal_pointer (&steps);

  approver = resolve_approver (organisation, row, role);
  if (approver == NULL)
    {
      set_no_approver_error (organisation, row, step, role, error);
      return NULL;
    }

  if (g_strcmp0 (trellis_employee_get_id (approver), actor_id) != 0)
    {
      g_autofree char *who = trellis_employee_describe (approver);
      g_autofree char *actor = describe_employee_id (organisation, actor_id);

      if (approving)
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                     _("Step %u of goal “%s” (%s) must be approved by %s, the %s; %s cannot approve it"),
                     step + 1, row->title, row->id, who, role_label (role), actor);
      else
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                     _("Only %s, the %s, can return goal “%s” (%s) at step %u; %s cannot"),
                     who, role_label (role), row->title, row->id, step + 1, actor);
      return NULL;
    }

  return g_steal_pointer (&steps);
}

gboolean
trellis_goal_workflow_approve (TrellisStore         *store,
                               TrellisOrganisation  *organisation,
                               TrellisGoal          *goal,
                               const char           *actor_id,
                               const char           *comment,
                               GError              **error)
{
  g_auto(GoalRow) row = { 0 };
  g_autoptr(GArray) steps = NULL;
  TrellisGoalState next_state;
  ActorScope scope;
  guint step = 0;
  int next_step;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), FALSE);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), FALSE);

  actor_scope_enter (&scope, store, actor_id);
  if (!trellis_store_begin (store, error))
    goto out;

  if (!load_goal_row (store, trellis_goal_get_id (goal), &row, error))
    goto failed;

  if (row.state != TRELLIS_GOAL_STATE_SUBMITTED)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” (%s) is %s: only a submitted goal can be approved"),
                   row.title, row.id, state_label (row.state));
      goto failed;
    }

  steps = check_current_approver (store, organisation, &row, actor_id, TRUE, &step, error);
  if (steps == NULL)
    goto failed;

  /* Steps nobody can take (a skip-level manager for someone whose manager
   * reports to no one) or that the same person just took are passed over. */
  next_step = (int)step + 1;
  while ((guint)next_step < steps->len)
    {
      TrellisApproverRole role = g_array_index (steps, TrellisApproverRole, next_step);
      TrellisEmployee *next;

      if (role == TRELLIS_APPROVER_HR)
        break;
      next = resolve_approver (organisation, &row, role);
      if (next != NULL && g_strcmp0 (trellis_employee_get_id (next), actor_id) != 0)
        break;
      next_step++;
    }

  /* The last step approves the goal; it keeps that step's number. */
  if ((guint)next_step < steps->len)
    next_state = TRELLIS_GOAL_STATE_SUBMITTED;
  else
    {
      next_state = TRELLIS_GOAL_STATE_APPROVED;
      next_step = (int)step;
    }

  if (!insert_approval (store, row.id, "approve", (int)step, actor_id, trellis_text_is_blank (comment) ? NULL : comment, error) ||
      !trellis_goal_repository_set_goal_state (store, row.id, next_state, next_step, error))
    goto failed;

  ok = trellis_store_commit (store, error);
  if (ok)
    trellis_goal_set_state (goal, next_state, next_step);
  goto out;

failed:
  trellis_store_rollback (store);
out:
  actor_scope_leave (&scope);
  return ok;
}

gboolean
trellis_goal_workflow_return (TrellisStore         *store,
                              TrellisOrganisation  *organisation,
                              TrellisGoal          *goal,
                              const char           *actor_id,
                              const char           *comment,
                              GError              **error)
{
  g_auto(GoalRow) row = { 0 };
  g_autoptr(GArray) steps = NULL;
  g_autofree char *who = NULL;
  g_autofree char *message = NULL;
  TrellisEmployee *owner;
  ActorScope scope;
  guint step = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), FALSE);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), FALSE);

  actor_scope_enter (&scope, store, actor_id);
  if (!trellis_store_begin (store, error))
    goto out;

  if (!load_goal_row (store, trellis_goal_get_id (goal), &row, error))
    goto failed;

  if (row.state != TRELLIS_GOAL_STATE_SUBMITTED)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” (%s) is %s: only a submitted goal can be returned"),
                   row.title, row.id, state_label (row.state));
      goto failed;
    }

  if (trellis_text_is_blank (comment))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Say why goal “%s” (%s) is returned: the owner reads the comment to revise it"),
                   row.title, row.id);
      goto failed;
    }

  steps = check_current_approver (store, organisation, &row, actor_id, FALSE, &step, error);
  if (steps == NULL)
    goto failed;

  owner = owner_person (organisation, &row);
  who = describe_employee_id (organisation, actor_id);
  message = g_strdup_printf (_("%s returned goal “%s” for revision: %s"), who, row.title, comment);

  if (!insert_approval (store, row.id, "return", (int)step, actor_id, comment, error) ||
      !trellis_goal_repository_set_goal_state (store, row.id, TRELLIS_GOAL_STATE_RETURNED, 0, error) ||
      !trellis_goal_repository_add_notice (store, row.id, owner ? trellis_employee_get_id (owner) : NULL,
                                           message, error))
    goto failed;

  ok = trellis_store_commit (store, error);
  if (ok)
    trellis_goal_set_state (goal, TRELLIS_GOAL_STATE_RETURNED, 0);
  goto out;

failed:
  trellis_store_rollback (store);
out:
  actor_scope_leave (&scope);
  return ok;
}

gboolean
trellis_goal_workflow_file (TrellisStore  *store,
                            TrellisGoal   *goal,
                            const char    *actor_id,
                            GError       **error)
{
  g_auto(GoalRow) row = { 0 };
  ActorScope scope;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), FALSE);

  actor_scope_enter (&scope, store, actor_id);
  if (!trellis_store_begin (store, error))
    goto out;

  if (!load_goal_row (store, trellis_goal_get_id (goal), &row, error))
    goto failed;

  if (row.state != TRELLIS_GOAL_STATE_APPROVED)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” (%s) is %s: only an approved goal can be filed"),
                   row.title, row.id, state_label (row.state));
      goto failed;
    }

  /* HR files whatever was approved; the filing keeps the last step. */
  if (!insert_approval (store, row.id, "file", row.step, actor_id, NULL, error) ||
      !trellis_goal_repository_set_goal_state (store, row.id, TRELLIS_GOAL_STATE_FILED, row.step, error))
    goto failed;

  ok = trellis_store_commit (store, error);
  if (ok)
    trellis_goal_set_state (goal, TRELLIS_GOAL_STATE_FILED, row.step);
  goto out;

failed:
  trellis_store_rollback (store);
out:
  actor_scope_leave (&scope);
  return ok;
}

GPtrArray *
trellis_goal_workflow_list_history (TrellisStore  *store,
                                    const char    *goal_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_approval_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (goal_id != NULL, NULL);

  stmt = trellis_store_prepare (store,
                                "SELECT action, step, actor_id, comment, at FROM goal_approvals "
                                "WHERE goal_id = ?1 ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisApproval *a = g_new0 (TrellisApproval, 1);

      a->action = g_strdup (trellis_stmt_column_text (stmt, 0));
      a->step = sqlite3_column_int (stmt, 1);
      a->actor_id = g_strdup (trellis_stmt_column_text (stmt, 2));
      a->comment = g_strdup (trellis_stmt_column_text (stmt, 3));
      a->at = g_strdup (trellis_stmt_column_text (stmt, 4));
      g_ptr_array_add (result, a);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the approval history");
      return NULL;
    }
  return g_steal_pointer (&result);
}
