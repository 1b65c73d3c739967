/* trellis-change-request.c
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

#define G_LOG_DOMAIN "trellis-change-request"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "trellis-text.h"
#include "trellis-change-request.h"
#include "trellis-goal-repository.h"

/* Seed 004: a target may move within a cycle, by at most the cycle's
 * maximum adjustment from the value first agreed, with a stated reason and
 * the approval of the owner's superior. Every step lands in the audit trail
 * through the schema's triggers. */

#define REQUEST_COLUMNS \
  "id, goal_id, key_result_id, field, old_value, new_value, reason, requested_by, requested_at," \
  " approver_id, status, decided_at, decision_note"

static const char * const field_names[] = { "target", "weight" };
static const char * const status_names[] = { "pending", "approved", "rejected" };

void
trellis_change_request_free (TrellisChangeRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->goal_id);
  g_free (request->key_result_id);
  g_free (request->reason);
  g_free (request->requested_by);
  g_free (request->requested_at);
  g_free (request->approver_id);
  g_free (request->decided_at);
  g_free (request->decision_note);
  g_free (request);
}

/* A weight (0..1) as people read it: "27.5". */
static char *
format_percent (double fraction)
{
  return trellis_text_format_number (fraction * 100.0);
}

static char *
format_value (TrellisChangeField field,
              double             value)
{
  if (field == TRELLIS_CHANGE_WEIGHT)
    {
      g_autofree char *number = format_percent (value);
      return g_strdup_printf (_("%s %%"), number);
    }
  return trellis_text_format_number (value);
}

static char *
describe_employee_id (TrellisStore *store,
                      const char   *employee_id)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  if (employee_id == NULL)
    return g_strdup (_("no one"));

  stmt = trellis_store_prepare (store, "SELECT name FROM employees WHERE id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, employee_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        text = g_strdup_printf ("%s (%s)", trellis_stmt_column_text (stmt, 0), employee_id);
      sqlite3_reset (stmt);
    }
  return text ? text : g_strdup (employee_id);
}

static TrellisChangeRequest *
request_from_row (sqlite3_stmt *stmt)
{
  TrellisChangeRequest *r = g_new0 (TrellisChangeRequest, 1);
  const char *field = trellis_stmt_column_text (stmt, 3);
  const char *status = trellis_stmt_column_text (stmt, 10);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->goal_id = g_strdup (trellis_stmt_column_text (stmt, 1));
  r->key_result_id = g_strdup (trellis_stmt_column_text (stmt, 2));
  r->field = g_strcmp0 (field, "weight") == 0 ? TRELLIS_CHANGE_WEIGHT : TRELLIS_CHANGE_TARGET;
  r->old_value = sqlite3_column_double (stmt, 4);
  r->new_value = sqlite3_column_double (stmt, 5);
  r->reason = g_strdup (trellis_stmt_column_text (stmt, 6));
  r->requested_by = g_strdup (trellis_stmt_column_text (stmt, 7));
  r->requested_at = g_strdup (trellis_stmt_column_text (stmt, 8));
  r->approver_id = g_strdup (trellis_stmt_column_text (stmt, 9));
  r->status = TRELLIS_CHANGE_PENDING;
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (status, status_names[i]) == 0)
      r->status = (TrellisChangeStatus)i;
  r->decided_at = g_strdup (trellis_stmt_column_text (stmt, 11));
  r->decision_note = g_strdup (trellis_stmt_column_text (stmt, 12));
  return r;
}

static GPtrArray *
list_requests (TrellisStore  *store,
               const char    *sql,
               const char    *key,
               GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_change_request_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, request_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read change requests");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* The owner's superior decides: the manager of an employee, the manager of
 * a department's head (or the head of the department above when the head
 * has no manager on record), and the company head for company goals. */
static TrellisEmployee *
find_approver (TrellisOrganisation *org,
               TrellisOwnerKind     owner_kind,
               const char          *department_id,
               const char          *employee_id)
{
  TrellisDepartment *department;
  TrellisEmployee *person;
  TrellisEmployee *manager;
  guint limit;

  if (owner_kind == TRELLIS_OWNER_EMPLOYEE)
    {
      person = trellis_organisation_find_employee (org, employee_id);
      return person ? trellis_organisation_find_employee (org, trellis_employee_get_manager_id (person)) : NULL;
    }

  department = trellis_organisation_find_department (org, department_id);
  if (department == NULL)
    return NULL;
  person = trellis_organisation_find_employee (org, trellis_department_get_head_id (department));

  if (owner_kind == TRELLIS_OWNER_COMPANY)
    return person;

  if (person != NULL)
    {
      manager = trellis_organisation_find_employee (org, trellis_employee_get_manager_id (person));
      if (manager != NULL)
        return manager;
    }

  limit = g_list_model_get_n_items (trellis_organisation_get_departments (org));
  for (guint i = 0; i <= limit; i++)
    {
      department = trellis_organisation_find_department (org, trellis_department_get_parent_id (department));
      if (department == NULL)
        return NULL;
      manager = trellis_organisation_find_employee (org, trellis_department_get_head_id (department));
      if (manager != NULL && manager != person)
        return manager;
    }
  return NULL;
}

static const char *
state_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("a draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return _("submitted");
  if (g_strcmp0 (status, "returned") == 0)
    return _("returned");
  if (g_strcmp0 (status, "approved") == 0)
    return _("approved");
  return _("filed");
}

static void
set_over_limit_error (GError             **error,
                      TrellisChangeField   field,
                      double               original,
                      double               proposed,
                      double               fraction,
                      double               max_fraction)
{
  double spread = fabs (original) * max_fraction;
  g_autofree char *new_text = NULL;
  g_autofree char *original_text = NULL;
  g_autofree char *fraction_text = NULL;
  g_autofree char *max_text = format_percent (max_fraction);
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;

  if (original == 0.0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT,
                   field == TRELLIS_CHANGE_WEIGHT
                   ? _("The original weight is 0 %%: a limit relative to it allows no change in this cycle")
                   : _("The original target is 0: a limit relative to it allows no change in this cycle"));
      return;
    }

  fraction_text = format_percent (fraction);
  if (field == TRELLIS_CHANGE_WEIGHT)
    {
      new_text = format_percent (proposed);
      original_text = format_percent (original);
      low_text = format_percent (MAX (original - spread, 0.0));
      high_text = format_percent (MIN (original + spread, 1.0));
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT,
                   _("The new weight %s %% differs from the original %s %% by %s %%; "
                     "this cycle allows at most %s %% (%s %% to %s %%)."),
                   new_text, original_text, fraction_text, max_text, low_text, high_text);
    }
  else
    {
      new_text = trellis_text_format_number (proposed);
      original_text = trellis_text_format_number (original);
      low_text = trellis_text_format_number (original - spread);
      high_text = trellis_text_format_number (original + spread);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT,
                   _("The new target %s differs from the original %s by %s %%; "
                     "this cycle allows at most %s %% (%s to %s)."),
                   new_text, original_text, fraction_text, max_text, low_text, high_text);
    }
}

typedef struct
{
  char             *title;
  char             *status;
  char             *cycle_id;
  TrellisOwnerKind  owner_kind;
  char             *department_id;
  char             *employee_id;
  double            weight;
  double            original_weight;
} GoalInfo;

static void
goal_info_clear (GoalInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->status, g_free);
  g_clear_pointer (&info->cycle_id, g_free);
  g_clear_pointer (&info->department_id, g_free);
  g_clear_pointer (&info->employee_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GoalInfo, goal_info_clear)

static gboolean
load_goal_info (TrellisStore  *store,
                const char    *goal_id,
                GoalInfo      *info,
                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT title, status, cycle_id, owner_kind, department_id, employee_id,"
                                " weight, original_weight FROM goals WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->title = g_strdup (trellis_stmt_column_text (stmt, 0));
      info->status = g_strdup (trellis_stmt_column_text (stmt, 1));
      info->cycle_id = g_strdup (trellis_stmt_column_text (stmt, 2));
      trellis_owner_kind_from_string (trellis_stmt_column_text (stmt, 3), &info->owner_kind);
      info->department_id = g_strdup (trellis_stmt_column_text (stmt, 4));
      info->employee_id = g_strdup (trellis_stmt_column_text (stmt, 5));
      info->weight = sqlite3_column_double (stmt, 6);
      info->original_weight = sqlite3_column_double (stmt, 7);
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

typedef struct
{
  char           *goal_id;
  char           *title;
  TrellisMeasure  measure;
  double          baseline;
  double          target;
  double          original_target;
  double          weight;
  double          original_weight;
  int             n_siblings;  /* key results of the objective, this one included */
} KeyResultInfo;

static void
key_result_info_clear (KeyResultInfo *info)
{
  g_clear_pointer (&info->goal_id, g_free);
  g_clear_pointer (&info->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyResultInfo, key_result_info_clear)

static gboolean
load_key_result_info (TrellisStore   *store,
                      const char     *key_result_id,
                      KeyResultInfo  *info,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT k.goal_id, k.title, k.measure, k.baseline, k.target, k.original_target,"
                                " k.weight, k.original_weight,"
                                " (SELECT count(*) FROM key_results s WHERE s.goal_id = k.goal_id) "
                                "FROM key_results k WHERE k.id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->goal_id = g_strdup (trellis_stmt_column_text (stmt, 0));
      info->title = g_strdup (trellis_stmt_column_text (stmt, 1));
      trellis_measure_from_string (trellis_stmt_column_text (stmt, 2), &info->measure);
      info->baseline = sqlite3_column_double (stmt, 3);
      info->target = sqlite3_column_double (stmt, 4);
      info->original_target = sqlite3_column_double (stmt, 5);
      info->weight = sqlite3_column_double (stmt, 6);
      info->original_weight = sqlite3_column_double (stmt, 7);
      info->n_siblings = sqlite3_column_int (stmt, 8);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no key result with id “%s”"), key_result_id);
  else
    trellis_store_set_error (store, error, "Could not read a key result");
  return FALSE;
}

gint64
trellis_change_request_submit (TrellisStore        *store,
                               TrellisOrganisation *organisation,
                               TrellisGoal         *goal,
                               const char          *key_result_id,
                               TrellisChangeField   field,
                               double               new_value,
                               const char          *reason,
                               const char          *requested_by,
                               GError             **error)
{
  g_auto(GoalInfo) info = { 0 };
  g_auto(KeyResultInfo) kr = { 0 };
  g_autofree char *now = NULL;
  const char *goal_id;
  TrellisEmployee *approver;
  sqlite3_stmt *stmt;
  double original, current, fraction = 0.0, max_fraction;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), 0);
  g_return_val_if_fail (TRELLIS_IS_ORGANISATION (organisation), 0);
  g_return_val_if_fail (TRELLIS_IS_GOAL (goal), 0);
  g_return_val_if_fail (field == TRELLIS_CHANGE_TARGET || field == TRELLIS_CHANGE_WEIGHT, 0);

  goal_id = trellis_goal_get_id (goal);

  if (trellis_text_is_blank (reason))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A change request needs a reason, such as the business event behind it"));
      return 0;
    }
  if (key_result_id == NULL && field == TRELLIS_CHANGE_TARGET)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A goal has no target of its own: ask to change one of its key results"));
      return 0;
    }
  if (!isfinite (new_value))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("The new value is not a number"));
      return 0;
    }

  /* The foreign key is deferred: an unknown person would only fail the
   * COMMIT, with a message that names nothing. */
  if (requested_by != NULL && trellis_organisation_find_employee (organisation, requested_by) == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no employee with id “%s”"), requested_by);
      return 0;
    }

  if (!trellis_store_begin (store, error))
    return 0;

  if (!load_goal_info (store, goal_id, &info, error))
    goto failed;

  /* Drafts and returned goals are still being written: edit them directly. */
  if (g_strcmp0 (info.status, "approved") != 0 && g_strcmp0 (info.status, "filed") != 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” (%s) is %s: change requests are for approved or filed goals; "
                     "a goal that is not yet approved is edited directly"),
                   info.title, goal_id, state_label (info.status));
      goto failed;
    }

  if (key_result_id != NULL)
    {
      if (!load_key_result_info (store, key_result_id, &kr, error))
        goto failed;
      if (g_strcmp0 (kr.goal_id, goal_id) != 0)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("Goal “%s” (%s) has no key result with id “%s”"), info.title, goal_id, key_result_id);
          goto failed;
        }

      if (field == TRELLIS_CHANGE_TARGET)
        {
          if (kr.measure == TRELLIS_MEASURE_MILESTONE)
            {
              g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                           _("“%s” is a milestone: it is done or not, and has no target to change"), kr.title);
              goto failed;
            }
          if (new_value == kr.baseline)
            {
              g_autofree char *baseline = trellis_text_format_number (kr.baseline);
              g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                           _("The target of “%s” cannot equal its baseline %s"), kr.title, baseline);
              goto failed;
            }
          original = kr.original_target;
          current = kr.target;
        }
      else
        {
          if (kr.n_siblings < 2)
            {
              g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                           _("“%s” is the only key result of its goal: its weight is always 100 %%"), kr.title);
              goto failed;
            }
          if (!(new_value > 0.0 && new_value < 1.0))
            {
              g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                           _("A key result's weight must be more than 0 %% and less than 100 %%"));
              goto failed;
            }
          original = kr.original_weight;
          current = kr.weight;
        }
    }
  else
    {
      if (!(new_value >= 0.0 && new_value <= 1.0))
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                       _("A goal's weight must be between 0 %% and 100 %%"));
          goto failed;
        }
      original = info.original_weight;
      current = info.weight;
    }

  if (new_value == current)
    {
      g_autofree char *value = format_value (field, current);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("The value is already %s: there is nothing to change"), value);
      goto failed;
    }

  max_fraction = trellis_goal_repository_get_max_adjustment (store, info.cycle_id);
  if (!trellis_okr_adjustment_allowed (original, new_value, max_fraction, &fraction))
    {
      set_over_limit_error (error, field, original, new_value, fraction, max_fraction);
      goto failed;
    }

  /* One open question per value at a time. */
  stmt = trellis_store_prepare (store,
                                "SELECT id FROM change_requests WHERE goal_id = ?1 AND key_result_id IS ?2"
                                " AND field = ?3 AND status = 'pending'",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 2, key_result_id);
  sqlite3_bind_text (stmt, 3, field_names[field], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));

      sqlite3_reset (stmt);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Change request #%s for the same value is still waiting for a decision"),
                   pending);
      goto failed;
    }
  sqlite3_reset (stmt);

  approver = find_approver (organisation, info.owner_kind, info.department_id, info.employee_id);
  if (approver == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                   _("No one can approve a change to goal “%s” (%s): its owner has no manager on record"),
                   info.title, goal_id);
      goto failed;
    }

  now = trellis_store_dup_now (store);
  stmt = trellis_store_prepare (store,
                                "INSERT INTO change_requests (goal_id, key_result_id, field, old_value, new_value,"
                                " reason, requested_by, requested_at, approver_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 2, key_result_id);
  sqlite3_bind_text (stmt, 3, field_names[field], -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, current);
  sqlite3_bind_double (stmt, 5, new_value);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 7, requested_by);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, trellis_employee_get_id (approver), -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (trellis_store_get_handle (store));

  if (!trellis_store_commit (store, error))
    return 0;
  return id;

failed:
  trellis_store_rollback (store);
  return 0;
}

/* Sets one KR's weight and rescales the others of its objective so the
 * weights keep summing to 100 %, in their old proportions. */
static gboolean
write_key_result_weight (TrellisStore  *store,
                         const char    *goal_id,
                         const char    *key_result_id,
                         double         weight,
                         GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) before = NULL;
  sqlite3_stmt *stmt;
  guint index = G_MAXUINT;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, weight FROM key_results WHERE goal_id = ?1 ORDER BY position, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double w = sqlite3_column_double (stmt, 1);

      if (g_strcmp0 (trellis_stmt_column_text (stmt, 0), key_result_id) == 0)
        index = ids->len;
      g_ptr_array_add (ids, g_strdup (trellis_stmt_column_text (stmt, 0)));
      g_array_append_val (weights, w);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read key results");
      return FALSE;
    }
  if (index == G_MAXUINT)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no key result with id “%s”"), key_result_id);
      return FALSE;
    }

  before = g_array_copy (weights);
  trellis_okr_renormalise ((double *)(gpointer)weights->data, weights->len, index, weight);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (weights, double, i) != g_array_index (before, double, i) &&
        !trellis_goal_repository_set_key_result_weight (store, g_ptr_array_index (ids, i),
                                                        g_array_index (weights, double, i), error))
      return FALSE;
  return TRUE;
}

static char *
describe_subject (TrellisStore *store,
                  const char   *goal_id,
                  const char   *key_result_id)
{
  sqlite3_stmt *stmt;
  char *title = NULL;

  if (key_result_id != NULL)
    stmt = trellis_store_prepare (store, "SELECT title FROM key_results WHERE id = ?1", NULL);
  else
    stmt = trellis_store_prepare (store, "SELECT title FROM goals WHERE id = ?1", NULL);
  if (stmt == NULL)
    return g_strdup (key_result_id ? key_result_id : goal_id);

  sqlite3_bind_text (stmt, 1, key_result_id ? key_result_id : goal_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup (trellis_stmt_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return title ? title : g_strdup (key_result_id ? key_result_id : goal_id);
}

gboolean
trellis_change_request_decide (TrellisStore  *store,
                               gint64         request_id,
                               gboolean       approve,
                               const char    *decided_by,
                               const char    *note,
                               GError       **error)
{
  g_autoptr(GString) message = NULL;
  g_autofree char *now = NULL;
  g_autofree char *saved_actor = NULL;
  g_autofree char *decider = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  TrellisChangeRequest *request = NULL;
  char number[32];
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);

  /* Translatable messages take the id as text: xgettext cannot expand
   * G_GINT64_FORMAT. */
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, request_id);

  /* The triggers record the decider as the actor of every write below. */
  saved_actor = g_strdup (trellis_store_get_actor (store));
  if (decided_by != NULL)
    trellis_store_set_actor (store, decided_by);

  if (!trellis_store_begin (store, error))
    goto out;

  stmt = trellis_store_prepare (store, "SELECT " REQUEST_COLUMNS " FROM change_requests WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, request_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    request = request_from_row (stmt);
  sqlite3_reset (stmt);
  if (request == NULL)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                     _("There is no change request #%s"), number);
      else
        trellis_store_set_error (store, error, "Could not read a change request");
      goto failed;
    }

  if (request->status != TRELLIS_CHANGE_PENDING)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   request->status == TRELLIS_CHANGE_APPROVED
                   ? _("Change request #%s was already approved")
                   : _("Change request #%s was already rejected"),
                   number);
      goto failed;
    }

  if (decided_by == NULL || g_strcmp0 (decided_by, request->approver_id) != 0)
    {
      g_autofree char *approver = describe_employee_id (store, request->approver_id);
      g_autofree char *actor = describe_employee_id (store, decided_by);

      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                   _("Change request #%s is decided by %s; %s cannot decide it"),
                   number, approver, actor);
      goto failed;
    }

  if (approve)
    {
      gboolean written;

      if (request->key_result_id == NULL)
        written = trellis_goal_repository_set_goal_weight (store, request->goal_id, request->new_value, error);
      else if (request->field == TRELLIS_CHANGE_TARGET)
        written = trellis_goal_repository_set_key_result_target (store, request->key_result_id,
                                                                 request->new_value, error);
      else
        written = write_key_result_weight (store, request->goal_id, request->key_result_id,
                                           request->new_value, error);
      if (!written)
        goto failed;
    }

  now = trellis_store_dup_now (store);
  stmt = trellis_store_prepare (store,
                                "UPDATE change_requests SET status = ?2, decided_at = ?3, decision_note = ?4 "
                                "WHERE id = ?1",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_text (stmt, 2, approve ? "approved" : "rejected", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!trellis_text_is_blank (note))
    sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  /* The requester learns the outcome either way. */
  decider = describe_employee_id (store, decided_by);
  subject = describe_subject (store, request->goal_id, request->key_result_id);
  old_text = format_value (request->field, request->old_value);
  new_text = format_value (request->field, request->new_value);
  message = g_string_new (NULL);
  if (request->field == TRELLIS_CHANGE_TARGET)
    g_string_printf (message,
                     approve
                     ? _("%s approved your request to change the target of “%s” from %s to %s.")
                     : _("%s rejected your request to change the target of “%s” from %s to %s."),
                     decider, subject, old_text, new_text);
  else
    g_string_printf (message,
                     approve
                     ? _("%s approved your request to change the weight of “%s” from %s to %s.")
                     : _("%s rejected your request to change the weight of “%s” from %s to %s."),
                     decider, subject, old_text, new_text);
  if (!trellis_text_is_blank (note))
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message, _("Note: %s"), note);
    }

  if (!trellis_goal_repository_add_notice (store, request->goal_id, request->requested_by, message->str, error))
    goto failed;

  ok = trellis_store_commit (store, error);
  goto out;

failed:
  trellis_store_rollback (store);
out:
  if (decided_by != NULL)
    trellis_store_set_actor (store, saved_actor);
  trellis_change_request_free (request);
  return ok;
}

GPtrArray *
trellis_change_request_list (TrellisStore  *store,
                             const char    *goal_id,
                             GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (goal_id != NULL, NULL);

  return list_requests (store,
                        "SELECT " REQUEST_COLUMNS " FROM change_requests WHERE goal_id = ?1 "
                        "ORDER BY requested_at, id",
                        goal_id, error);
}

GPtrArray *
trellis_change_request_list_pending (TrellisStore  *store,
                                     const char    *approver_id,
                                     GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (approver_id != NULL, NULL);

  return list_requests (store,
                        "SELECT " REQUEST_COLUMNS " FROM change_requests"
                        " WHERE approver_id = ?1 AND status = 'pending' ORDER BY requested_at, id",
                        approver_id, error);
}
