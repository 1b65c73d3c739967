/* trellis-goal-repository.c
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

#define G_LOG_DOMAIN "trellis-goal-repository"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "trellis-goal-labels.h"
#include "trellis-goal-repository.h"

G_DEFINE_QUARK (trellis-goal-error-quark, trellis_goal_error)

void
trellis_checkin_free (TrellisCheckin *checkin)
{
  if (checkin == NULL)
    return;
  g_free (checkin->key_result_id);
  g_free (checkin->note);
  g_free (checkin->author_id);
  g_free (checkin->at);
  g_free (checkin);
}

void
trellis_evidence_free (TrellisEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->file_name);
  g_free (evidence->content_type);
  g_free (evidence->sha256);
  g_free (evidence);
}

void
trellis_audit_entry_free (TrellisAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor_id);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->action);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup (trellis_stmt_column_text (stmt, column));
}

/* Runs a one-row write and reports "not found" when it touched nothing. */
static gboolean
step_one_change (TrellisStore  *store,
                 sqlite3_stmt  *stmt,
                 const char    *what,
                 const char    *id,
                 GError       **error)
{
  if (!trellis_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (trellis_store_get_handle (store)) == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no %s with id “%s”"), what, id);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_goal_repository_insert_key_result (TrellisStore      *store,
                                           TrellisKeyResult  *key_result,
                                           GError           **error)
{
  TrellisKeyResultFields f;
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO key_results (id, goal_id, title, measure, baseline, target,"
                                " original_target, current, unit, commitment, weight, original_weight,"
                                " position, last_checkin_at, previous_value, confidence) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                                error);
  if (stmt == NULL)
    return FALSE;

  trellis_key_result_get_fields (key_result, &f);
  sqlite3_bind_text (stmt, 1, f.id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f.goal_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f.title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, trellis_measure_to_string (f.measure), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, f.baseline);
  sqlite3_bind_double (stmt, 6, f.target);
  sqlite3_bind_double (stmt, 7, f.original_target);
  sqlite3_bind_double (stmt, 8, f.current);
  trellis_stmt_bind_text_or_null (stmt, 9, f.unit);
  sqlite3_bind_text (stmt, 10, trellis_commitment_to_string (f.commitment), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 11, f.weight);
  sqlite3_bind_double (stmt, 12, f.original_weight);
  sqlite3_bind_int (stmt, 13, f.position);
  trellis_stmt_bind_text_or_null (stmt, 14, f.last_checkin_at);
  if (f.has_previous)
    sqlite3_bind_double (stmt, 15, f.previous_value);
  if (f.confidence >= 0)
    sqlite3_bind_int (stmt, 16, f.confidence);

  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Key result “%s”: ", f.id);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_goal_repository_insert_goal (TrellisStore  *store,
                                     TrellisGoal   *goal,
                                     GError       **error)
{
  TrellisGoalFields f;
  GPtrArray *key_results;
  sqlite3_stmt *stmt;
  g_autofree char *now = NULL;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO goals (id, kind, title, description, owner_kind, department_id,"
                                " employee_id, cycle_id, parent_goal_id, parent_kr_id, category, origin,"
                                " weight, original_weight, status, approval_step, position, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                                error);
  if (stmt == NULL)
    return FALSE;

  trellis_goal_get_fields (goal, &f);
  if (f.created_at == NULL)
    now = trellis_store_dup_now (store);

  sqlite3_bind_text (stmt, 1, f.id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, trellis_goal_kind_to_string (f.kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f.title, -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 4, f.description);
  sqlite3_bind_text (stmt, 5, trellis_owner_kind_to_string (f.owner_kind), -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 6, f.department_id);
  trellis_stmt_bind_text_or_null (stmt, 7, f.employee_id);
  sqlite3_bind_text (stmt, 8, f.cycle_id, -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 9, f.parent_goal_id);
  trellis_stmt_bind_text_or_null (stmt, 10, f.parent_kr_id);
  sqlite3_bind_text (stmt, 11, trellis_goal_category_to_string (f.category), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, trellis_goal_origin_to_string (f.origin), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 13, f.weight);
  sqlite3_bind_double (stmt, 14, f.original_weight);
  sqlite3_bind_text (stmt, 15, trellis_goal_state_to_string (f.state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 16, f.approval_step);
  sqlite3_bind_int (stmt, 17, f.position);
  sqlite3_bind_text (stmt, 18, f.created_at ? f.created_at : now, -1, SQLITE_TRANSIENT);

  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Goal “%s”: ", f.id);
      return FALSE;
    }

  key_results = trellis_goal_get_key_results (goal);
  for (guint i = 0; i < key_results->len; i++)
    if (!trellis_goal_repository_insert_key_result (store, g_ptr_array_index (key_results, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
goal_is_editable (TrellisStore  *store,
                  const char    *goal_id,
                  gboolean      *out_editable,
                  GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, "SELECT status FROM goals WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *status = trellis_stmt_column_text (stmt, 0);
      *out_editable = g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "returned") == 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no goal with id “%s”"), goal_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_goal_repository_update_goal (TrellisStore             *store,
                                     const TrellisGoalFields  *f,
                                     GError                  **error)
{
  gboolean editable = FALSE;
  sqlite3_stmt *stmt;

  if (!goal_is_editable (store, f->id, &editable, error))
    return FALSE;

  /* Once approved, weights change only through a change request. */
  stmt = trellis_store_prepare (store,
                                "UPDATE goals SET title = ?2, description = ?3, category = ?4, origin = ?5,"
                                " parent_goal_id = ?6, parent_kr_id = ?7,"
                                " weight = CASE WHEN ?9 THEN ?8 ELSE weight END,"
                                " original_weight = CASE WHEN ?9 THEN ?8 ELSE original_weight END "
                                "WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, f->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->title, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 3, f->description);
  sqlite3_bind_text (stmt, 4, trellis_goal_category_to_string (f->category), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, trellis_goal_origin_to_string (f->origin), -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 6, f->parent_goal_id);
  trellis_stmt_bind_text_or_null (stmt, 7, f->parent_kr_id);
  sqlite3_bind_double (stmt, 8, f->weight);
  sqlite3_bind_int (stmt, 9, editable);

  return step_one_change (store, stmt, "goal", f->id, error);
}

gboolean
trellis_goal_repository_update_key_result (TrellisStore                  *store,
                                           const TrellisKeyResultFields  *f,
                                           GError                       **error)
{
  gboolean editable = FALSE;
  sqlite3_stmt *stmt;

  if (!goal_is_editable (store, f->goal_id, &editable, error))
    return FALSE;

  stmt = trellis_store_prepare (store,
                                "UPDATE key_results SET title = ?2, measure = ?3, baseline = ?4, unit = ?5,"
                                " commitment = ?6,"
                                " target = CASE WHEN ?9 THEN ?7 ELSE target END,"
                                " original_target = CASE WHEN ?9 THEN ?7 ELSE original_target END,"
                                " weight = CASE WHEN ?9 THEN ?8 ELSE weight END,"
                                " original_weight = CASE WHEN ?9 THEN ?8 ELSE original_weight END "
                                "WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, f->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, trellis_measure_to_string (f->measure), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, f->baseline);
  trellis_stmt_bind_text_or_null (stmt, 5, f->unit);
  sqlite3_bind_text (stmt, 6, trellis_commitment_to_string (f->commitment), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 7, f->target);
  sqlite3_bind_double (stmt, 8, f->weight);
  sqlite3_bind_int (stmt, 9, editable);

  return step_one_change (store, stmt, "key result", f->id, error);
}

gboolean
trellis_goal_repository_delete_goal (TrellisStore  *store,
                                     const char    *goal_id,
                                     GError       **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *title = NULL;
  TrellisGoalState state = TRELLIS_GOAL_STATE_DRAFT;
  gint64 n_checkins = 0;
  int rc;

  /* Only a goal nobody has agreed to yet, with no check-in history, goes:
   * check-ins are the record of work done. */
  stmt = trellis_store_prepare (store,
                                "SELECT g.title, g.status, (SELECT count(*) FROM checkins c"
                                "  JOIN key_results k ON k.id = c.key_result_id WHERE k.goal_id = g.id)"
                                " FROM goals g WHERE g.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      title = g_strdup (trellis_stmt_column_text (stmt, 0));
      trellis_goal_state_from_string (trellis_stmt_column_text (stmt, 1), &state);
      n_checkins = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read a goal");
      return FALSE;
    }
  if (title == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no goal with id “%s”"), goal_id);
      return FALSE;
    }
  if (state != TRELLIS_GOAL_STATE_DRAFT && state != TRELLIS_GOAL_STATE_RETURNED)
    {
      /* Translators: the second %s is a workflow state, such as "Approved" */
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” is %s: only a draft or a returned goal can be deleted; to stop it, request a change to its weight"),
                   title, trellis_goal_state_label (state));
      return FALSE;
    }
  if (n_checkins > 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Goal “%s” has %d check-in, which is kept as history, so the goal cannot be deleted",
                                "Goal “%s” has %d check-ins, which are kept as history, so the goal cannot be deleted",
                                n_checkins),
                   title, (int) n_checkins);
      return FALSE;
    }

  /* Children keep their place in the workspace but become unaligned. */
  if (!trellis_store_begin (store, error))
    return FALSE;

  stmt = trellis_store_prepare (store,
                                "UPDATE goals SET parent_goal_id = NULL WHERE parent_goal_id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  stmt = trellis_store_prepare (store,
                                "UPDATE goals SET parent_kr_id = NULL WHERE parent_kr_id IN"
                                " (SELECT id FROM key_results WHERE goal_id = ?1)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  stmt = trellis_store_prepare (store, "DELETE FROM key_results WHERE goal_id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  stmt = trellis_store_prepare (store, "DELETE FROM goals WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  if (!step_one_change (store, stmt, "goal", goal_id, error))
    goto failed;

  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

static gboolean
set_double_column (TrellisStore  *store,
                   const char    *sql,
                   const char    *what,
                   const char    *id,
                   double         value,
                   GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, value);
  return step_one_change (store, stmt, what, id, error);
}

gboolean
trellis_goal_repository_set_goal_weight (TrellisStore  *store,
                                         const char    *goal_id,
                                         double         weight,
                                         GError       **error)
{
  return set_double_column (store, "UPDATE goals SET weight = ?2 WHERE id = ?1",
                            "goal", goal_id, weight, error);
}

gboolean
trellis_goal_repository_set_key_result_weight (TrellisStore  *store,
                                               const char    *key_result_id,
                                               double         weight,
                                               GError       **error)
{
  return set_double_column (store, "UPDATE key_results SET weight = ?2 WHERE id = ?1",
                            "key result", key_result_id, weight, error);
}

gboolean
trellis_goal_repository_set_key_result_target (TrellisStore  *store,
                                               const char    *key_result_id,
                                               double         target,
                                               GError       **error)
{
  return set_double_column (store, "UPDATE key_results SET target = ?2 WHERE id = ?1",
                            "key result", key_result_id, target, error);
}

gboolean
trellis_goal_repository_set_goal_state (TrellisStore      *store,
                                        const char        *goal_id,
                                        TrellisGoalState   state,
                                        int                approval_step,
                                        GError           **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store,
                                              "UPDATE goals SET status = ?2, approval_step = ?3 WHERE id = ?1",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trellis_goal_state_to_string (state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, approval_step);
  return step_one_change (store, stmt, "goal", goal_id, error);
}

#define GOAL_COLUMNS \
  "g.id, g.kind, g.title, g.description, g.owner_kind, g.department_id, g.employee_id, g.cycle_id," \
  " g.parent_goal_id, g.parent_kr_id, g.category, g.origin, g.weight, g.original_weight, g.status," \
  " g.approval_step, g.position, g.created_at"

#define KEY_RESULT_COLUMNS \
  "k.id, k.goal_id, k.title, k.measure, k.baseline, k.target, k.original_target, k.current, k.unit," \
  " k.commitment, k.weight, k.original_weight, k.position, k.last_checkin_at, k.previous_value, k.confidence"

static void
goal_fields_from_row (sqlite3_stmt      *stmt,
                      TrellisGoalFields *f)
{
  *f = (TrellisGoalFields) {
    .id = trellis_stmt_column_text (stmt, 0),
    .title = trellis_stmt_column_text (stmt, 2),
    .description = trellis_stmt_column_text (stmt, 3),
    .department_id = trellis_stmt_column_text (stmt, 5),
    .employee_id = trellis_stmt_column_text (stmt, 6),
    .cycle_id = trellis_stmt_column_text (stmt, 7),
    .parent_goal_id = trellis_stmt_column_text (stmt, 8),
    .parent_kr_id = trellis_stmt_column_text (stmt, 9),
    .weight = sqlite3_column_double (stmt, 12),
    .original_weight = sqlite3_column_double (stmt, 13),
    .approval_step = sqlite3_column_int (stmt, 15),
    .position = sqlite3_column_int (stmt, 16),
    .created_at = trellis_stmt_column_text (stmt, 17),
  };

  trellis_goal_kind_from_string (trellis_stmt_column_text (stmt, 1), &f->kind);
  trellis_owner_kind_from_string (trellis_stmt_column_text (stmt, 4), &f->owner_kind);
  trellis_goal_category_from_string (trellis_stmt_column_text (stmt, 10), &f->category);
  trellis_goal_origin_from_string (trellis_stmt_column_text (stmt, 11), &f->origin);
  trellis_goal_state_from_string (trellis_stmt_column_text (stmt, 14), &f->state);
}

static void
key_result_fields_from_row (sqlite3_stmt           *stmt,
                            int                     first,
                            TrellisKeyResultFields *f)
{
  *f = (TrellisKeyResultFields) {
    .id = trellis_stmt_column_text (stmt, first + 0),
    .goal_id = trellis_stmt_column_text (stmt, first + 1),
    .title = trellis_stmt_column_text (stmt, first + 2),
    .baseline = sqlite3_column_double (stmt, first + 4),
    .target = sqlite3_column_double (stmt, first + 5),
    .original_target = sqlite3_column_double (stmt, first + 6),
    .current = sqlite3_column_double (stmt, first + 7),
    .unit = trellis_stmt_column_text (stmt, first + 8),
    .weight = sqlite3_column_double (stmt, first + 10),
    .original_weight = sqlite3_column_double (stmt, first + 11),
    .position = sqlite3_column_int (stmt, first + 12),
    .last_checkin_at = trellis_stmt_column_text (stmt, first + 13),
    .has_previous = sqlite3_column_type (stmt, first + 14) != SQLITE_NULL,
    .previous_value = sqlite3_column_double (stmt, first + 14),
    .confidence = sqlite3_column_type (stmt, first + 15) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, first + 15),
  };

  trellis_measure_from_string (trellis_stmt_column_text (stmt, first + 3), &f->measure);
  trellis_commitment_from_string (trellis_stmt_column_text (stmt, first + 9), &f->commitment);
}

static TrellisGoal *
goal_from_row (sqlite3_stmt *stmt)
{
  TrellisGoalFields f;

  goal_fields_from_row (stmt, &f);
  return trellis_goal_new (&f);
}

static TrellisKeyResult *
key_result_from_row (sqlite3_stmt *stmt,
                     int           first)
{
  TrellisKeyResultFields f;

  key_result_fields_from_row (stmt, first, &f);
  return trellis_key_result_new (&f);
}

/* Goals and key results come from one ordered join so a quarter of 100,000
 * people loads in a single pass. */
gboolean
trellis_goal_repository_scan_goals (TrellisStore            *store,
                                    const char * const      *cycle_ids,
                                    GCancellable            *cancellable,
                                    TrellisGoalRowFunc       goal_func,
                                    TrellisKeyResultRowFunc  key_result_func,
                                    gpointer                 user_data,
                                    GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " GOAL_COLUMNS ", " KEY_RESULT_COLUMNS
                                         " FROM goals g LEFT JOIN key_results k ON k.goal_id = g.id");
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_cycles = cycle_ids ? g_strv_length ((char **)cycle_ids) : 0;
  guint n_goals = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);

  if (cycle_ids != NULL)
    {
      if (n_cycles == 0)
        return TRUE;
      g_string_append (sql, " WHERE g.cycle_id IN (");
      for (guint i = 0; i < n_cycles; i++)
        g_string_append (sql, i == 0 ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  /* The order the indexes give (goals by cycle, each goal's key results by
   * position): no sorting, and each goal's rows come together. */
  g_string_append (sql, cycle_ids != NULL ? " ORDER BY g.cycle_id, g.rowid, k.position, k.id"
                                          : " ORDER BY g.rowid, k.position, k.id");

  if (sqlite3_prepare_v2 (trellis_store_get_handle (store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      trellis_store_set_error (store, error, "Could not read goals");
      return FALSE;
    }

  for (guint i = 0; i < n_cycles; i++)
    sqlite3_bind_text (stmt, i + 1, cycle_ids[i], -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *goal_id = trellis_stmt_column_text (stmt, 0);

      if (current == NULL || g_strcmp0 (current, goal_id) != 0)
        {
          TrellisGoalFields goal;

          g_free (current);
          current = g_strdup (goal_id);
          goal_fields_from_row (stmt, &goal);
          goal_func (&goal, user_data);

          if ((++n_goals & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }

      if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
        {
          TrellisKeyResultFields kr;

          key_result_fields_from_row (stmt, 18, &kr);
          key_result_func (&kr, user_data);
        }
    }

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read goals");
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

TrellisGoal *
trellis_goal_repository_get_goal (TrellisStore  *store,
                                  const char    *goal_id,
                                  GError       **error)
{
  TrellisGoal *goal = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT " GOAL_COLUMNS ", " KEY_RESULT_COLUMNS
                                " FROM goals g LEFT JOIN key_results k ON k.goal_id = g.id"
                                " WHERE g.id = ?1 ORDER BY k.position, k.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (goal == NULL)
        goal = goal_from_row (stmt);
      if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
        {
          g_autoptr(TrellisKeyResult) kr = key_result_from_row (stmt, 18);
          trellis_goal_add_key_result (goal, kr);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_clear_object (&goal);
      trellis_store_set_error (store, error, "Could not read a goal");
      return NULL;
    }
  if (goal == NULL)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no goal with id “%s”"), goal_id);
  return goal;
}

char *
trellis_goal_repository_dup_goal_id_for_key_result (TrellisStore  *store,
                                                    const char    *key_result_id,
                                                    GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, "SELECT goal_id FROM key_results WHERE id = ?1", error);
  char *goal_id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    goal_id = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (goal_id == NULL)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no key result with id “%s”"), key_result_id);
  return goal_id;
}

gint64
trellis_goal_repository_add_checkin (TrellisStore  *store,
                                     const char    *key_result_id,
                                     double         value,
                                     int            confidence,
                                     const char    *note,
                                     const char    *author_id,
                                     const char    *at,
                                     GError       **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (confidence > 10)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Confidence must be between 0 and 10, not %d"), confidence);
      return 0;
    }

  if (at == NULL)
    at = now = trellis_store_dup_now (store);

  if (!trellis_store_begin (store, error))
    return 0;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO checkins (key_result_id, value, confidence, note, author_id, at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, value);
  if (confidence >= 0)
    sqlite3_bind_int (stmt, 3, confidence);
  trellis_stmt_bind_text_or_null (stmt, 4, note);
  trellis_stmt_bind_text_or_null (stmt, 5, author_id);
  sqlite3_bind_text (stmt, 6, at, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (trellis_store_get_handle (store));

  /* A check-in dated before the latest one is history filled in later: it
   * does not move the current value. */
  stmt = trellis_store_prepare (store,
                                "UPDATE key_results SET previous_value = current, current = ?2,"
                                " confidence = coalesce (?3, confidence), last_checkin_at = ?4 "
                                "WHERE id = ?1 AND (last_checkin_at IS NULL OR last_checkin_at <= ?4)",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, value);
  if (confidence >= 0)
    sqlite3_bind_int (stmt, 3, confidence);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  if (!trellis_store_commit (store, error))
    return 0;
  return id;

failed:
  trellis_store_rollback (store);
  return 0;
}

gint64
trellis_goal_repository_add_evidence (TrellisStore  *store,
                                      gint64         checkin_id,
                                      const char    *file_name,
                                      const char    *content_type,
                                      GBytes        *data,
                                      GError       **error)
{
  g_autofree char *sha256 = NULL;
  sqlite3_stmt *stmt;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  stmt = trellis_store_prepare (store,
                                "INSERT INTO checkin_evidence (checkin_id, file_name, content_type, sha256, data) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, checkin_id);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 3, content_type);
  sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 5, bytes ? (const void *)bytes : (const void *)"", size, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, "Evidence “%s”: ", file_name);
      return 0;
    }
  return sqlite3_last_insert_rowid (trellis_store_get_handle (store));
}

gint64
trellis_goal_repository_add_evidence_file (TrellisStore  *store,
                                           gint64         checkin_id,
                                           GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                  G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return 0;

  data = g_file_load_bytes (file, cancellable, NULL, error);
  if (data == NULL)
    return 0;

  name = g_strdup (g_file_info_get_display_name (info));
  return trellis_goal_repository_add_evidence (store, checkin_id, name,
                                               g_file_info_get_content_type (info), data, error);
}

GBytes *
trellis_goal_repository_get_evidence_data (TrellisStore  *store,
                                           gint64         evidence_id,
                                           GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, "SELECT data FROM checkin_evidence WHERE id = ?1", error);
  GBytes *bytes = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, evidence_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);

  if (bytes == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, evidence_id);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no evidence with id %s"), id);
    }
  return bytes;
}

GPtrArray *
trellis_goal_repository_list_checkins (TrellisStore  *store,
                                       const char    *key_result_id,
                                       GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_checkin_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT c.id, c.key_result_id, c.value, c.confidence, c.note, c.author_id, c.at,"
                                " (SELECT count(*) FROM checkin_evidence e WHERE e.checkin_id = c.id) "
                                "FROM checkins c WHERE c.key_result_id = ?1 ORDER BY c.at, c.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisCheckin *c = g_new0 (TrellisCheckin, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->key_result_id = column_dup (stmt, 1);
      c->value = sqlite3_column_double (stmt, 2);
      c->confidence = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
      c->note = column_dup (stmt, 4);
      c->author_id = column_dup (stmt, 5);
      c->at = column_dup (stmt, 6);
      c->n_evidence = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (result, c);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read check-ins");
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
trellis_goal_repository_list_evidence (TrellisStore  *store,
                                       gint64         checkin_id,
                                       GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_evidence_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, file_name, content_type, sha256, length (data) "
                                "FROM checkin_evidence WHERE checkin_id = ?1 ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, checkin_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisEvidence *e = g_new0 (TrellisEvidence, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->file_name = column_dup (stmt, 1);
      e->content_type = column_dup (stmt, 2);
      e->sha256 = column_dup (stmt, 3);
      e->size = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (result, e);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read evidence");
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
trellis_goal_repository_list_audit (TrellisStore  *store,
                                    const char    *goal_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, at, actor_id, entity, entity_id, action, field, old_value, new_value "
                                "FROM audit_log WHERE (entity = 'goal' AND entity_id = ?1)"
                                " OR (entity = 'key_result' AND entity_id IN (SELECT id FROM key_results WHERE goal_id = ?1))"
                                " OR (entity = 'weight_rule' AND entity_id IN (SELECT r.id FROM weight_rules r"
                                "     JOIN key_results k ON k.id = r.target_kr_id WHERE k.goal_id = ?1)) "
                                "ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisAuditEntry *e = g_new0 (TrellisAuditEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = column_dup (stmt, 1);
      e->actor_id = column_dup (stmt, 2);
      e->entity = column_dup (stmt, 3);
      e->entity_id = column_dup (stmt, 4);
      e->action = column_dup (stmt, 5);
      e->field = column_dup (stmt, 6);
      e->old_value = column_dup (stmt, 7);
      e->new_value = column_dup (stmt, 8);
      g_ptr_array_add (result, e);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the audit trail");
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
trellis_goal_repository_list_notices (TrellisStore  *store,
                                      const char    *goal_id,
                                      GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT at, message FROM notices WHERE goal_id = ?1 ORDER BY at DESC, id DESC",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup_printf ("%s\t%s", trellis_stmt_column_text (stmt, 0),
                                              trellis_stmt_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read notices");
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
trellis_goal_repository_add_notice (TrellisStore  *store,
                                    const char    *goal_id,
                                    const char    *recipient_id,
                                    const char    *message,
                                    GError       **error)
{
  g_autofree char *now = trellis_store_dup_now (store);
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO notices (goal_id, recipient_id, at, message) VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (stmt == NULL)
    return FALSE;
  trellis_stmt_bind_text_or_null (stmt, 1, goal_id);
  trellis_stmt_bind_text_or_null (stmt, 2, recipient_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
  return trellis_store_step_done (store, stmt, error);
}

char *
trellis_goal_repository_next_id (TrellisStore  *store,
                                 const char    *prefix,
                                 GError       **error)
{
  g_autofree char *sql = NULL;
  const char *table;
  sqlite3_stmt *stmt;
  gint64 largest = 0;
  int width = 6;

  if (g_str_equal (prefix, "G"))
    table = "goals";
  else if (g_str_equal (prefix, "K"))
    table = "key_results";
  else if (g_str_equal (prefix, "WR"))
    table = "weight_rules";
  else if (g_str_equal (prefix, "T"))
    table = "goal_templates";
  else if (g_str_equal (prefix, "L"))
    table = "kr_library";
  else
    g_return_val_if_reached (NULL);

  /* Ids are the prefix then digits; take the largest number in use. A
   * deleted rule's id stays in the audit trail, so it is not given again
   * (the trail of rules is short; that of goals would cost a scan). */
  if (g_str_equal (table, "weight_rules"))
    sql = g_strdup_printf ("SELECT max (CAST (substr (id, %d) AS INTEGER)) FROM"
                           " (SELECT id FROM weight_rules UNION ALL"
                           "  SELECT entity_id AS id FROM audit_log WHERE entity = 'weight_rule')"
                           " WHERE id GLOB '%s[0-9]*'",
                           (int)strlen (prefix) + 1, prefix);
  else
    sql = g_strdup_printf ("SELECT max (CAST (substr (id, %d) AS INTEGER)) FROM %s WHERE id GLOB '%s[0-9]*'",
                           (int)strlen (prefix) + 1, table, prefix);
  stmt = trellis_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    largest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return g_strdup_printf ("%s%0*" G_GINT64_FORMAT, prefix, width, largest + 1);
}

static double
meta_double (TrellisStore *store,
             const char   *key,
             double        fallback)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, "SELECT value FROM workspace_meta WHERE key = ?1", NULL);
  double value = fallback;

  if (stmt == NULL)
    return fallback;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_ascii_strtod (trellis_stmt_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_meta_double (TrellisStore  *store,
                 const char    *key,
                 double         value,
                 GError       **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  sqlite3_stmt *stmt = trellis_store_prepare (store,
                                              "INSERT OR REPLACE INTO workspace_meta (key, value) VALUES (?1, ?2)",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, g_ascii_dtostr (buffer, sizeof buffer, value), -1, SQLITE_TRANSIENT);
  return trellis_store_step_done (store, stmt, error);
}

void
trellis_goal_repository_load_thresholds (TrellisStore         *store,
                                         TrellisOkrThresholds *out)
{
  trellis_okr_thresholds_init (out);
  out->behind_gap = meta_double (store, "status.behind-gap", out->behind_gap);
  out->at_risk_gap = meta_double (store, "status.at-risk-gap", out->at_risk_gap);
  out->lagging_days = (int)meta_double (store, "checkin.lagging-days", out->lagging_days);
  out->abnormal_jump = meta_double (store, "checkin.abnormal-jump", out->abnormal_jump);
}

gboolean
trellis_goal_repository_save_thresholds (TrellisStore               *store,
                                         const TrellisOkrThresholds *t,
                                         GError                    **error)
{
  if (t->behind_gap <= 0 || t->at_risk_gap <= t->behind_gap || t->lagging_days < 1 || t->abnormal_jump <= 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Thresholds must be positive and the at-risk gap larger than the behind gap"));
      return FALSE;
    }

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!set_meta_double (store, "status.behind-gap", t->behind_gap, error) ||
      !set_meta_double (store, "status.at-risk-gap", t->at_risk_gap, error) ||
      !set_meta_double (store, "checkin.lagging-days", t->lagging_days, error) ||
      !set_meta_double (store, "checkin.abnormal-jump", t->abnormal_jump, error))
    {
      trellis_store_rollback (store);
      return FALSE;
    }

  return trellis_store_commit (store, error);
}

double
trellis_goal_repository_get_max_adjustment (TrellisStore *store,
                                            const char   *cycle_id)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, "SELECT max_adjustment FROM cycles WHERE id = ?1", NULL);
  double value = 0.1;

  if (stmt == NULL)
    return value;
  sqlite3_bind_text (stmt, 1, cycle_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
trellis_goal_repository_set_max_adjustment (TrellisStore  *store,
                                            const char    *cycle_id,
                                            double         max_adjustment,
                                            GError       **error)
{
  return set_double_column (store, "UPDATE cycles SET max_adjustment = ?2 WHERE id = ?1",
                            "cycle", cycle_id, max_adjustment, error);
}

/* Removing a key result */

/* What a removal needs to know about a key result and its goal. */
typedef struct {
  char   *title;
  char   *goal_id;
  char   *goal_title;
  char   *goal_status;
  gint64  n_checkins;
  gint64  n_change_requests;
} RemovalInfo;

static void
removal_info_clear (RemovalInfo *info)
{
  g_free (info->title);
  g_free (info->goal_id);
  g_free (info->goal_title);
  g_free (info->goal_status);
}

static gboolean
load_removal_info (TrellisStore  *store,
                   const char    *key_result_id,
                   RemovalInfo   *info,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT k.title, g.id, g.title, g.status,"
                                " (SELECT count(*) FROM checkins c WHERE c.key_result_id = k.id),"
                                " (SELECT count(*) FROM change_requests r WHERE r.key_result_id = k.id) "
                                "FROM key_results k JOIN goals g ON g.id = k.goal_id WHERE k.id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      info->title = column_dup (stmt, 0);
      info->goal_id = column_dup (stmt, 1);
      info->goal_title = column_dup (stmt, 2);
      info->goal_status = column_dup (stmt, 3);
      info->n_checkins = sqlite3_column_int64 (stmt, 4);
      info->n_change_requests = sqlite3_column_int64 (stmt, 5);
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

/* Check-ins are the owner's history: a key result that has any stays, and
 * what it counts for changes through its weight. */
static void
set_has_checkins_error (const RemovalInfo  *info,
                        GError            **error)
{
  guint n = (guint) MIN (info->n_checkins, G_MAXUINT);

  if (g_strcmp0 (info->goal_status, "approved") == 0 || g_strcmp0 (info->goal_status, "filed") == 0)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Key result “%s” has %u check-in, which is kept as history, so the key "
                              "result cannot be removed. To stop counting it, ask for a change request "
                              "that lowers its weight.",
                              "Key result “%s” has %u check-ins, which are kept as history, so the key "
                              "result cannot be removed. To stop counting it, ask for a change request "
                              "that lowers its weight.", n),
                 info->title, n);
  else if (g_strcmp0 (info->goal_status, "submitted") == 0)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Key result “%s” has %u check-in, which is kept as history, so the key "
                              "result cannot be removed. To stop counting it, ask the approver to "
                              "return the goal, then lower its weight.",
                              "Key result “%s” has %u check-ins, which are kept as history, so the key "
                              "result cannot be removed. To stop counting it, ask the approver to "
                              "return the goal, then lower its weight.", n),
                 info->title, n);
  else
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Key result “%s” has %u check-in, which is kept as history, so the key "
                              "result cannot be removed. To stop counting it, lower its weight instead.",
                              "Key result “%s” has %u check-ins, which are kept as history, so the key "
                              "result cannot be removed. To stop counting it, lower its weight instead.",
                              n),
                 info->title, n);
}

/* Once a goal is submitted, its key results are what the approvers see and
 * agree to. */
static gboolean
check_removal_state (const RemovalInfo  *info,
                     GError            **error)
{
  if (g_strcmp0 (info->goal_status, "submitted") == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” is waiting for approval: it cannot lose key results until the "
                     "approver returns it."),
                   info->goal_title);
      return FALSE;
    }
  if (g_strcmp0 (info->goal_status, "approved") == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” is approved: its key results were agreed and cannot be removed. "
                     "To change “%s”, ask for a change request."),
                   info->goal_title, info->title);
      return FALSE;
    }
  if (g_strcmp0 (info->goal_status, "filed") == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW,
                   _("Goal “%s” is filed: its key results were agreed and cannot be removed. "
                     "To change “%s”, ask for a change request."),
                   info->goal_title, info->title);
      return FALSE;
    }
  return TRUE;
}

/* How many aligned goals a refusal names before it counts the rest. */
#define MAX_DEPENDENTS_NAMED 5

/* Goals aligned to the key result and weight rules that use it would lose
 * their link (or, for rules and change requests, vanish by cascade). */
static gboolean
check_removal_dependents (TrellisStore       *store,
                          const char         *key_result_id,
                          const RemovalInfo  *info,
                          GError            **error)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n_goals = 0, n_open_rules = 0, n_fired_rules = 0;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, title FROM goals WHERE parent_kr_id = ?1 ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n_goals++ >= MAX_DEPENDENTS_NAMED)
        continue;
      g_string_append (lines, "\n• ");
      g_string_append_printf (lines, _("goal “%s” (%s) is aligned to it"),
                              trellis_stmt_column_text (stmt, 1), trellis_stmt_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read aligned goals");
      return FALSE;
    }
  if (n_goals > MAX_DEPENDENTS_NAMED)
    {
      guint more = n_goals - MAX_DEPENDENTS_NAMED;

      g_string_append (lines, "\n• ");
      g_string_append_printf (lines, g_dngettext (GETTEXT_PACKAGE, "and %u more aligned goal",
                                                  "and %u more aligned goals", more), more);
    }

  stmt = trellis_store_prepare (store,
                                "SELECT id, name, watch_kr_id = ?1, target_kr_id = ?1, fired_at IS NOT NULL"
                                " FROM weight_rules"
                                " WHERE watch_kr_id = ?1 OR target_kr_id = ?1 ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = trellis_stmt_column_text (stmt, 0);
      const char *name = trellis_stmt_column_text (stmt, 1);

      if (sqlite3_column_int (stmt, 4))
        n_fired_rules++;
      else
        n_open_rules++;
      if (sqlite3_column_int (stmt, 2))
        {
          g_string_append (lines, "\n• ");
          g_string_append_printf (lines, _("weight rule “%s” (%s) watches it"), name, id);
        }
      if (sqlite3_column_int (stmt, 3))
        {
          g_string_append (lines, "\n• ");
          g_string_append_printf (lines, _("weight rule “%s” (%s) changes its weight"), name, id);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read weight rules");
      return FALSE;
    }

  /* Only approved and filed goals have change requests, and those are
   * refused before this; a workspace put together by hand may differ. */
  if (info->n_change_requests > 0)
    {
      guint n = (guint) MIN (info->n_change_requests, G_MAXUINT);

      g_string_append (lines, "\n• ");
      g_string_append_printf (lines, g_dngettext (GETTEXT_PACKAGE, "%u change request is about it",
                                                  "%u change requests are about it", n), n);
    }

  if (lines->len == 0)
    return TRUE;

  if (n_goals > 0)
    {
      g_string_append_c (lines, '\n');
      g_string_append (lines, _("Align those goals to something else first."));
    }
  if (n_open_rules > 0)
    {
      g_string_append_c (lines, '\n');
      g_string_append (lines, _("Delete those weight rules first."));
    }
  if (n_fired_rules > 0)
    {
      g_string_append_c (lines, '\n');
      g_string_append (lines, _("A weight rule that has fired explains the weights it changed, so the "
                                "key results it uses stay."));
    }

  g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
               _("Key result “%s” cannot be removed while other records depend on it:%s"),
               info->title, lines->str);
  return FALSE;
}

/* Everything that keeps a key result, in the order people fix them. */
static gboolean
check_removable (TrellisStore  *store,
                 const char    *key_result_id,
                 RemovalInfo   *info,
                 GError       **error)
{
  if (!load_removal_info (store, key_result_id, info, error))
    return FALSE;

  if (info->n_checkins > 0)
    {
      set_has_checkins_error (info, error);
      return FALSE;
    }

  return check_removal_state (info, error) &&
         check_removal_dependents (store, key_result_id, info, error);
}

gboolean
trellis_goal_repository_check_delete_key_result (TrellisStore  *store,
                                                 const char    *key_result_id,
                                                 GError       **error)
{
  RemovalInfo info = { 0 };
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (key_result_id != NULL, FALSE);

  ok = check_removable (store, key_result_id, &info, error);
  removal_info_clear (&info);
  return ok;
}

gboolean
trellis_goal_repository_delete_key_result (TrellisStore  *store,
                                           const char    *key_result_id,
                                           GError       **error)
{
  RemovalInfo info = { 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (key_result_id != NULL, FALSE);

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!check_removable (store, key_result_id, &info, error))
    goto failed;

  /* The delete trigger records the key result's own audit line; this one
   * keeps the removal in the goal's trail once the key result is gone. */
  stmt = trellis_store_prepare (store,
                                "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value)"
                                " VALUES (trellis_now (), trellis_actor (), 'goal', ?1, 'remove-key-result', ?2, ?3)",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, info.goal_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key_result_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, info.title, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  /* The other key results keep their weights: if they no longer add up to
   * 100 %, the editor and submission say so rather than this rescaling them. */
  stmt = trellis_store_prepare (store, "DELETE FROM key_results WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  if (!step_one_change (store, stmt, "key result", key_result_id, error))
    goto failed;

  removal_info_clear (&info);
  return trellis_store_commit (store, error);

failed:
  removal_info_clear (&info);
  trellis_store_rollback (store);
  return FALSE;
}
