/* trellis-goal-template.c
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

#define G_LOG_DOMAIN "trellis-goal-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trellis-text.h"
#include "trellis-goal-repository.h"
#include "trellis-goal-template.h"

/* Seed 002 §4.2: employees draft goals from a template that fits their
 * department, level and cycle, picking key results from a library, rather
 * than writing them from nothing. HR can also hand one template to many
 * people at once. */

static const char * const template_cycle_kinds[] = { "year", "half", "quarter", "month" };

void
trellis_library_key_result_free (TrellisLibraryKeyResult *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->unit);
  g_free (item->department_id);
  g_free (item->level);
  g_free (item->cycle_kind);
  g_free (item);
}

void
trellis_goal_template_free (TrellisGoalTemplate *template_)
{
  if (template_ == NULL)
    return;
  g_free (template_->id);
  g_free (template_->name);
  g_free (template_->department_id);
  g_free (template_->level);
  g_free (template_->cycle_kind);
  g_free (template_->title);
  g_clear_pointer (&template_->key_results, g_ptr_array_unref);
  g_free (template_);
}

static void
template_key_result_free (TrellisTemplateKeyResult *item)
{
  if (item == NULL)
    return;
  g_free (item->library_id);
  g_free (item);
}

static gboolean
is_template_cycle_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (template_cycle_kinds); i++)
    if (g_strcmp0 (kind, template_cycle_kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
format_percent (double fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", fraction * 100.0);
  end = buffer + strlen (buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return g_strdup (buffer);
}

/* Looks a row up by id; FALSE with TRELLIS_GOAL_ERROR_NOT_FOUND when absent. */
static gboolean
row_exists (TrellisStore  *store,
            const char    *sql,
            const char    *id,
            gboolean      *out_exists,
            GError       **error)
{
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not look a record up");
      return FALSE;
    }
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
check_department (TrellisStore  *store,
                  const char    *department_id,
                  GError       **error)
{
  gboolean exists = FALSE;

  if (department_id == NULL || *department_id == '\0')
    return TRUE;
  if (!row_exists (store, "SELECT 1 FROM departments WHERE id = ?1", department_id, &exists, error))
    return FALSE;
  if (!exists)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no department with id “%s”"), department_id);
  return exists;
}

/* What an entry says about itself, checked before the store is touched. */
static gboolean
validate_library_item (const TrellisLibraryKeyResult  *item,
                       GError                        **error)
{
  if (trellis_text_is_blank (item->title))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A key result in the library needs a title"));
      return FALSE;
    }
  if (item->measure != TRELLIS_MEASURE_MILESTONE && item->target == item->baseline)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Key result “%s”: the target must differ from the baseline"), item->title);
      return FALSE;
    }
  if (!isfinite (item->target) || !isfinite (item->baseline))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Key result “%s”: the baseline and target must be numbers"), item->title);
      return FALSE;
    }
  if (item->cycle_kind != NULL && *item->cycle_kind != '\0' && !is_template_cycle_kind (item->cycle_kind))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Key result “%s”: “%s” is not a cycle kind; use year, half, quarter or month"),
                   item->title, item->cycle_kind);
      return FALSE;
    }
  return TRUE;
}

/* The INSERT and the UPDATE take the same parameters: ?1 is the id. */
static void
bind_library_item (sqlite3_stmt                  *stmt,
                   const char                    *id,
                   const TrellisLibraryKeyResult *item)
{
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, trellis_measure_to_string (item->measure), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, item->baseline);
  sqlite3_bind_double (stmt, 5, item->target);
  trellis_stmt_bind_text_or_null (stmt, 6, item->unit);
  sqlite3_bind_text (stmt, 7, trellis_commitment_to_string (item->commitment), -1, SQLITE_STATIC);
  trellis_stmt_bind_text_or_null (stmt, 8, item->department_id);
  trellis_stmt_bind_text_or_null (stmt, 9, item->level);
  trellis_stmt_bind_text_or_null (stmt, 10, item->cycle_kind);
}

static gboolean
check_library_entry_exists (TrellisStore  *store,
                            const char    *library_id,
                            GError       **error)
{
  gboolean exists = FALSE;

  if (!row_exists (store, "SELECT 1 FROM kr_library WHERE id = ?1", library_id, &exists, error))
    return FALSE;
  if (!exists)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no key result with id “%s” in the library"), library_id);
  return exists;
}

char *
trellis_goal_template_add_library_key_result (TrellisStore                   *store,
                                              const TrellisLibraryKeyResult  *item,
                                              GError                        **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (!validate_library_item (item, error))
    return NULL;

  if (!trellis_store_begin (store, error))
    return NULL;

  if (!check_department (store, item->department_id, error))
    goto failed;

  if (item->id != NULL && *item->id != '\0')
    id = g_strdup (item->id);
  else if ((id = trellis_goal_repository_next_id (store, "L", error)) == NULL)
    goto failed;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO kr_library (id, title, measure, baseline, target, unit, commitment,"
                                " department_id, level, cycle_kind) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                error);
  if (stmt == NULL)
    goto failed;
  bind_library_item (stmt, id, item);
  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, _("Library key result “%s”: "), id);
      goto failed;
    }

  if (!trellis_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

failed:
  trellis_store_rollback (store);
  return NULL;
}

gboolean
trellis_goal_template_update_library_key_result (TrellisStore                   *store,
                                                 const TrellisLibraryKeyResult  *item,
                                                 GError                        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (item->id != NULL, FALSE);

  if (!validate_library_item (item, error))
    return FALSE;

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!check_library_entry_exists (store, item->id, error) ||
      !check_department (store, item->department_id, error))
    goto failed;

  /* Goals drafted from the entry earlier keep their own copies. */
  stmt = trellis_store_prepare (store,
                                "UPDATE kr_library SET title = ?2, measure = ?3, baseline = ?4, target = ?5,"
                                " unit = ?6, commitment = ?7, department_id = ?8, level = ?9, cycle_kind = ?10 "
                                "WHERE id = ?1",
                                error);
  if (stmt == NULL)
    goto failed;
  bind_library_item (stmt, item->id, item);
  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, _("Library key result “%s”: "), item->id);
      goto failed;
    }

  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

/* The names of the templates that use @library_id, quoted and listed. */
static gboolean
list_templates_using (TrellisStore  *store,
                      const char    *library_id,
                      guint         *out_n,
                      char         **out_names,
                      GError       **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT t.name FROM goal_templates t WHERE t.id IN"
                                " (SELECT template_id FROM goal_template_key_results WHERE library_id = ?1)"
                                " ORDER BY t.name, t.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, library_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ > 0)
        /* Translators: goes between the names in a list of templates */
        g_string_append (names, C_("list separator", ", "));
      g_string_append_printf (names, "“%s”", trellis_stmt_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read goal templates");
      return FALSE;
    }

  *out_n = n;
  *out_names = g_string_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

gboolean
trellis_goal_template_delete_library_key_result (TrellisStore  *store,
                                                 const char    *library_id,
                                                 GError       **error)
{
  g_autofree char *names = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  guint n_templates = 0;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (library_id != NULL, FALSE);

  if (!trellis_store_begin (store, error))
    return FALSE;

  stmt = trellis_store_prepare (store, "SELECT title FROM kr_library WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, library_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup (trellis_stmt_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (title == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no key result with id “%s” in the library"), library_id);
      goto failed;
    }

  /* A template must keep every key result its weights were set for. */
  if (!list_templates_using (store, library_id, &n_templates, &names, error))
    goto failed;
  if (n_templates > 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Key result “%s” is used by template %s; remove it from the template first",
                                "Key result “%s” is used by templates %s; remove it from those templates first",
                                n_templates),
                   title, names);
      goto failed;
    }

  stmt = trellis_store_prepare (store, "DELETE FROM kr_library WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, library_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

#define LIBRARY_COLUMNS \
  "id, title, measure, baseline, target, unit, commitment, department_id, level, cycle_kind"

static TrellisLibraryKeyResult *
library_item_from_row (sqlite3_stmt *stmt)
{
  TrellisLibraryKeyResult *item = g_new0 (TrellisLibraryKeyResult, 1);

  item->id = g_strdup (trellis_stmt_column_text (stmt, 0));
  item->title = g_strdup (trellis_stmt_column_text (stmt, 1));
  trellis_measure_from_string (trellis_stmt_column_text (stmt, 2), &item->measure);
  item->baseline = sqlite3_column_double (stmt, 3);
  item->target = sqlite3_column_double (stmt, 4);
  item->unit = g_strdup (trellis_stmt_column_text (stmt, 5));
  trellis_commitment_from_string (trellis_stmt_column_text (stmt, 6), &item->commitment);
  item->department_id = g_strdup (trellis_stmt_column_text (stmt, 7));
  item->level = g_strdup (trellis_stmt_column_text (stmt, 8));
  item->cycle_kind = g_strdup (trellis_stmt_column_text (stmt, 9));
  return item;
}

GPtrArray *
trellis_goal_template_list_library (TrellisStore  *store,
                                    const char    *department_id,
                                    const char    *level,
                                    const char    *cycle_kind,
                                    GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_library_key_result_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  /* An entry fits when each of its scopes is unset or matches: the
   * department is the one asked for or above it; the entry's level is the
   * level asked for or a prefix of it ("M" fits "M2"). UNION stops at a
   * department seen twice, should the tree ever hold a loop. */
  stmt = trellis_store_prepare (store,
                                "WITH RECURSIVE ancestors (id, parent_id) AS ("
                                "  SELECT id, parent_id FROM departments WHERE id = ?1"
                                "  UNION SELECT d.id, d.parent_id FROM departments d"
                                "    JOIN ancestors a ON d.id = a.parent_id) "
                                "SELECT " LIBRARY_COLUMNS " FROM kr_library "
                                "WHERE (?1 IS NULL OR department_id IS NULL OR department_id IN (SELECT id FROM ancestors))"
                                " AND (?2 IS NULL OR level IS NULL OR level = substr (?2, 1, length (level)))"
                                " AND (?3 IS NULL OR cycle_kind IS NULL OR cycle_kind = ?3) "
                                "ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  trellis_stmt_bind_text_or_null (stmt, 1, department_id);
  trellis_stmt_bind_text_or_null (stmt, 2, level);
  trellis_stmt_bind_text_or_null (stmt, 3, cycle_kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, library_item_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read the key result library");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* What a template says about itself, checked before the store is touched. */
static gboolean
validate_template (const TrellisGoalTemplate  *template_,
                   GError                    **error)
{
  const char *name = template_->name;
  double weights_sum = 0.0;
  guint n;

  if (trellis_text_is_blank (name))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID, _("A template needs a name"));
      return FALSE;
    }

  if (trellis_text_is_blank (template_->title))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Template “%s”: the goal needs a title"), name);
      return FALSE;
    }
  if (!is_template_cycle_kind (template_->cycle_kind))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Template “%s”: “%s” is not a cycle kind; use year, half, quarter or month"),
                   name, template_->cycle_kind ? template_->cycle_kind : "");
      return FALSE;
    }

  n = template_->key_results ? template_->key_results->len : 0;
  if (n == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Template “%s” has no key results"), name);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);

      if (!(kr->weight > 0.0 && kr->weight <= 1.0))
        {
          g_autofree char *percent = format_percent (kr->weight);
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                       _("Template “%s”: key result %u has a weight of %s %%; "
                         "each weight must be more than 0 %% and at most 100 %%"),
                       name, i + 1, percent);
          return FALSE;
        }
    }

  {
    g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < n; i++)
      g_array_append_val (weights, ((TrellisTemplateKeyResult *)g_ptr_array_index (template_->key_results, i))->weight);
    if (!trellis_okr_weights_sum_to_one ((const double *)(gpointer)weights->data, n, &weights_sum))
      {
        g_autofree char *percent = format_percent (weights_sum);
        g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                     _("Template “%s”: the weights of its key results add up to %s %%, not 100 %%"),
                     name, percent);
        return FALSE;
      }
  }

  return TRUE;
}

/* The department and library entries the template names must exist. */
static gboolean
check_template_references (TrellisStore               *store,
                           const TrellisGoalTemplate  *template_,
                           GError                    **error)
{
  if (!check_department (store, template_->department_id, error))
    return FALSE;

  for (guint i = 0; i < template_->key_results->len; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);
      gboolean exists = FALSE;

      if (kr->library_id == NULL)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                       _("Template “%s”: key result %u names no library entry"), template_->name, i + 1);
          return FALSE;
        }
      if (!row_exists (store, "SELECT 1 FROM kr_library WHERE id = ?1", kr->library_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("Template “%s”: there is no key result with id “%s” in the library"),
                       template_->name, kr->library_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* The INSERT and the UPDATE take the same parameters: ?1 is the id. */
static void
bind_template (sqlite3_stmt              *stmt,
               const char                *id,
               const TrellisGoalTemplate *template_)
{
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, template_->name, -1, SQLITE_TRANSIENT);
  trellis_stmt_bind_text_or_null (stmt, 3, template_->department_id);
  trellis_stmt_bind_text_or_null (stmt, 4, template_->level);
  sqlite3_bind_text (stmt, 5, template_->cycle_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, trellis_goal_kind_to_string (template_->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, template_->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, trellis_goal_category_to_string (template_->category), -1, SQLITE_STATIC);
}

static gboolean
insert_template_key_results (TrellisStore               *store,
                             const char                 *id,
                             const TrellisGoalTemplate  *template_,
                             GError                    **error)
{
  for (guint i = 0; i < template_->key_results->len; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);
      sqlite3_stmt *stmt;

      stmt = trellis_store_prepare (store,
                                    "INSERT INTO goal_template_key_results (template_id, position, library_id, weight) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int)i);
      sqlite3_bind_text (stmt, 3, kr->library_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 4, kr->weight);
      if (!trellis_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_template_exists (TrellisStore  *store,
                       const char    *template_id,
                       GError       **error)
{
  gboolean exists = FALSE;

  if (!row_exists (store, "SELECT 1 FROM goal_templates WHERE id = ?1", template_id, &exists, error))
    return FALSE;
  if (!exists)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no goal template with id “%s”"), template_id);
  return exists;
}

char *
trellis_goal_template_add (TrellisStore               *store,
                           const TrellisGoalTemplate  *template_,
                           GError                    **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (template_ != NULL, NULL);

  if (!validate_template (template_, error))
    return NULL;

  if (!trellis_store_begin (store, error))
    return NULL;

  if (!check_template_references (store, template_, error))
    goto failed;

  if (template_->id != NULL && *template_->id != '\0')
    id = g_strdup (template_->id);
  else if ((id = trellis_goal_repository_next_id (store, "T", error)) == NULL)
    goto failed;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO goal_templates (id, name, department_id, level, cycle_kind, kind, title,"
                                " category) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (stmt == NULL)
    goto failed;
  bind_template (stmt, id, template_);
  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, _("Template “%s”: "), template_->name);
      goto failed;
    }

  if (!insert_template_key_results (store, id, template_, error))
    goto failed;

  if (!trellis_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

failed:
  trellis_store_rollback (store);
  return NULL;
}

gboolean
trellis_goal_template_update (TrellisStore               *store,
                              const TrellisGoalTemplate  *template_,
                              GError                    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (template_ != NULL, FALSE);
  g_return_val_if_fail (template_->id != NULL, FALSE);

  if (!validate_template (template_, error))
    return FALSE;

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!check_template_exists (store, template_->id, error) ||
      !check_template_references (store, template_, error))
    goto failed;

  /* Goals assigned from the template earlier are the owners' now: they stay. */
  stmt = trellis_store_prepare (store,
                                "UPDATE goal_templates SET name = ?2, department_id = ?3, level = ?4, cycle_kind = ?5,"
                                " kind = ?6, title = ?7, category = ?8 WHERE id = ?1",
                                error);
  if (stmt == NULL)
    goto failed;
  bind_template (stmt, template_->id, template_);
  if (!trellis_store_step_done (store, stmt, error))
    {
      g_prefix_error (error, _("Template “%s”: "), template_->name);
      goto failed;
    }

  /* The key results are replaced as a whole: their positions change too. */
  stmt = trellis_store_prepare (store, "DELETE FROM goal_template_key_results WHERE template_id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, template_->id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error) ||
      !insert_template_key_results (store, template_->id, template_, error))
    goto failed;

  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

gboolean
trellis_goal_template_delete (TrellisStore  *store,
                              const char    *template_id,
                              GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (template_id != NULL, FALSE);

  if (!trellis_store_begin (store, error))
    return FALSE;

  if (!check_template_exists (store, template_id, error))
    goto failed;

  /* Its key-result rows go with it (ON DELETE CASCADE). */
  stmt = trellis_store_prepare (store, "DELETE FROM goal_templates WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, template_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

#define TEMPLATE_COLUMNS "t.id, t.name, t.department_id, t.level, t.cycle_kind, t.kind, t.title, t.category"

static TrellisGoalTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  TrellisGoalTemplate *t = g_new0 (TrellisGoalTemplate, 1);

  t->id = g_strdup (trellis_stmt_column_text (stmt, 0));
  t->name = g_strdup (trellis_stmt_column_text (stmt, 1));
  t->department_id = g_strdup (trellis_stmt_column_text (stmt, 2));
  t->level = g_strdup (trellis_stmt_column_text (stmt, 3));
  t->cycle_kind = g_strdup (trellis_stmt_column_text (stmt, 4));
  trellis_goal_kind_from_string (trellis_stmt_column_text (stmt, 5), &t->kind);
  t->title = g_strdup (trellis_stmt_column_text (stmt, 6));
  trellis_goal_category_from_string (trellis_stmt_column_text (stmt, 7), &t->category);
  t->key_results = g_ptr_array_new_with_free_func ((GDestroyNotify)template_key_result_free);
  return t;
}

/* Templates (all, or the one with @template_id) with their key results. */
static GPtrArray *
read_templates (TrellisStore  *store,
                const char    *template_id,
                GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_goal_template_free);
  TrellisGoalTemplate *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT " TEMPLATE_COLUMNS ", k.library_id, k.weight FROM goal_templates t"
                                " LEFT JOIN goal_template_key_results k ON k.template_id = t.id"
                                " WHERE ?1 IS NULL OR t.id = ?1 ORDER BY t.id, k.position",
                                error);
  if (stmt == NULL)
    return NULL;

  trellis_stmt_bind_text_or_null (stmt, 1, template_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (current == NULL || g_strcmp0 (current->id, trellis_stmt_column_text (stmt, 0)) != 0)
        {
          current = template_from_row (stmt);
          g_ptr_array_add (result, current);
        }
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          TrellisTemplateKeyResult *kr = g_new0 (TrellisTemplateKeyResult, 1);

          kr->library_id = g_strdup (trellis_stmt_column_text (stmt, 8));
          kr->weight = sqlite3_column_double (stmt, 9);
          g_ptr_array_add (current->key_results, kr);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read goal templates");
      return NULL;
    }
  return g_steal_pointer (&result);
}

GPtrArray *
trellis_goal_template_list (TrellisStore  *store,
                            GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  return read_templates (store, NULL, error);
}

/* The number after @prefix in the largest id in use, as next_id () sees it. */
static gboolean
next_number (TrellisStore  *store,
             const char    *prefix,
             gint64        *out_number,
             GError       **error)
{
  g_autofree char *id = trellis_goal_repository_next_id (store, prefix, error);

  if (id == NULL)
    return FALSE;
  *out_number = g_ascii_strtoll (id + strlen (prefix), NULL, 10);
  return TRUE;
}

typedef struct
{
  TrellisLibraryKeyResult *item;
  double                   weight;
} PlannedKeyResult;

gboolean
trellis_goal_template_fits (const TrellisGoalTemplate *template_,
                            TrellisOrganisation       *organisation,
                            TrellisEmployee           *employee)
{
  const char *level;

  g_return_val_if_fail (template_ != NULL, FALSE);
  g_return_val_if_fail (TRELLIS_IS_EMPLOYEE (employee), FALSE);

  level = trellis_employee_get_level (employee);
  if (template_->level != NULL && template_->level[0] != '\0' &&
      (level == NULL || !g_str_has_prefix (level, template_->level)))
    return FALSE;
  if (template_->department_id != NULL && organisation != NULL &&
      !trellis_organisation_department_is_within (organisation, trellis_employee_get_department_id (employee),
                                                  template_->department_id))
    return FALSE;
  return TRUE;
}

gint
trellis_goal_template_bulk_assign (TrellisStore         *store,
                                   const char           *template_id,
                                   const char * const   *employee_ids,
                                   const char           *cycle_id,
                                   const char           *parent_goal_id,
                                   const char           *parent_kr_id,
                                   double                weight,
                                   TrellisProgressFunc   progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) library = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_library_key_result_free);
  g_autofree PlannedKeyResult *planned = NULL;
  g_autofree char *cycle_kind = NULL;
  g_autofree char *now = NULL;
  TrellisGoalTemplate *template_;
  sqlite3_stmt *stmt;
  guint n_employees, n_krs;
  gint64 next_goal = 0, next_kr = 0;
  gint created = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), -1);
  g_return_val_if_fail (template_id != NULL, -1);
  g_return_val_if_fail (cycle_id != NULL, -1);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), -1);

  n_employees = employee_ids ? g_strv_length ((char **)employee_ids) : 0;

  if (parent_goal_id != NULL && parent_kr_id != NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A goal aligns to a parent goal or to a parent key result, not to both"));
      return -1;
    }
  if (!(weight >= 0.0 && weight <= 1.0))
    {
      g_autofree char *percent = format_percent (weight);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A goal's weight must be between 0 %% and 100 %%, not %s %%"), percent);
      return -1;
    }

  if (!trellis_store_begin (store, error))
    return -1;

  /* Everything is checked before the first write, so a bad id costs nothing. */
  templates = read_templates (store, template_id, error);
  if (templates == NULL)
    goto failed;
  if (templates->len == 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no goal template with id “%s”"), template_id);
      goto failed;
    }
  template_ = g_ptr_array_index (templates, 0);

  stmt = trellis_store_prepare (store, "SELECT kind FROM cycles WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, cycle_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    cycle_kind = g_strdup (trellis_stmt_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (cycle_kind == NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no cycle with id “%s”"), cycle_id);
      goto failed;
    }
  if (g_strcmp0 (cycle_kind, template_->cycle_kind) != 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Template “%s” is for a %s cycle, but cycle “%s” is a %s"),
                   template_->name, template_->cycle_kind, cycle_id, cycle_kind);
      goto failed;
    }

  if (parent_goal_id != NULL)
    {
      gboolean exists = FALSE;

      if (!row_exists (store, "SELECT 1 FROM goals WHERE id = ?1", parent_goal_id, &exists, error))
        goto failed;
      if (!exists)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("There is no goal with id “%s”"), parent_goal_id);
          goto failed;
        }
    }
  if (parent_kr_id != NULL)
    {
      gboolean exists = FALSE;

      if (!row_exists (store, "SELECT 1 FROM key_results WHERE id = ?1", parent_kr_id, &exists, error))
        goto failed;
      if (!exists)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("There is no key result with id “%s”"), parent_kr_id);
          goto failed;
        }
    }

  /* Each person exists and is someone the template is made for: a level
   * starting with its level, in its department or one below. */
  for (guint i = 0; i < n_employees; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *level = NULL;
      gboolean in_department = TRUE;

      stmt = trellis_store_prepare (store,
                                    "WITH RECURSIVE up (id) AS ("
                                    "  SELECT department_id FROM employees WHERE id = ?1"
                                    "  UNION SELECT d.parent_id FROM departments d JOIN up ON d.id = up.id"
                                    "  WHERE d.parent_id IS NOT NULL)"
                                    " SELECT name, coalesce (level, ''),"
                                    "        ?2 IS NULL OR EXISTS (SELECT 1 FROM up WHERE id = ?2)"
                                    " FROM employees WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, employee_ids[i], -1, SQLITE_TRANSIENT);
      if (template_->department_id != NULL)
        sqlite3_bind_text (stmt, 2, template_->department_id, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 2);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          name = g_strdup (trellis_stmt_column_text (stmt, 0));
          level = g_strdup (trellis_stmt_column_text (stmt, 1));
          in_department = sqlite3_column_int (stmt, 2) != 0;
        }
      sqlite3_reset (stmt);
      if (name == NULL)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("There is no employee with id “%s”"), employee_ids[i]);
          goto failed;
        }
      if (template_->level != NULL && template_->level[0] != '\0' && !g_str_has_prefix (level, template_->level))
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                       _("Template “%s” is for levels %s…, but %s (%s) is at level %s"),
                       template_->name, template_->level, name, employee_ids[i], level);
          goto failed;
        }
      if (!in_department)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                       _("Template “%s” is for another department than that of %s (%s)"),
                       template_->name, name, employee_ids[i]);
          goto failed;
        }
    }

  /* The key results each goal gets, looked up once. */
  n_krs = template_->key_results->len;
  planned = g_new0 (PlannedKeyResult, MAX (n_krs, 1));
  for (guint i = 0; i < n_krs; i++)
    {
      TrellisTemplateKeyResult *kr = g_ptr_array_index (template_->key_results, i);

      stmt = trellis_store_prepare (store, "SELECT " LIBRARY_COLUMNS " FROM kr_library WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, kr->library_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          planned[i].item = library_item_from_row (stmt);
          planned[i].weight = kr->weight;
          g_ptr_array_add (library, planned[i].item);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                       _("Template “%s”: there is no key result with id “%s” in the library"),
                       template_->name, kr->library_id);
          goto failed;
        }
    }

  /* Numbers are taken once and counted up: next_id () per goal would scan
   * the ids thousands of times. */
  if (!next_number (store, "G", &next_goal, error) || !next_number (store, "K", &next_kr, error))
    goto failed;
  now = trellis_store_dup_now (store);

  for (guint i = 0; i < n_employees; i++)
    {
      const char *employee_id = employee_ids[i];
      g_autoptr(TrellisGoal) goal = NULL;
      g_autofree char *goal_id = NULL;
      int position = 0;
      gboolean duplicate = FALSE;

      if (i % 100 == 0)
        {
          if (progress != NULL)
            progress ((double)i / n_employees, _("Assigning goals"), progress_data);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto failed;
        }

      /* Where the goal goes among the employee's goals of the cycle, and
       * whether this template was already handed to them. */
      stmt = trellis_store_prepare (store,
                                    "SELECT coalesce (max (position) + 1, 0), coalesce (sum (title = ?3), 0) "
                                    "FROM goals WHERE employee_id = ?1 AND cycle_id = ?2",
                                    error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, employee_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, cycle_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, template_->title, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          position = sqlite3_column_int (stmt, 0);
          duplicate = sqlite3_column_int (stmt, 1) > 0;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          trellis_store_set_error (store, error, "Could not read an employee's goals");
          goto failed;
        }
      if (duplicate)
        continue;

      goal_id = g_strdup_printf ("G%06" G_GINT64_FORMAT, next_goal++);
      goal = trellis_goal_new (&(TrellisGoalFields) {
        .id = goal_id,
        .kind = template_->kind,
        .title = template_->title,
        .owner_kind = TRELLIS_OWNER_EMPLOYEE,
        .employee_id = employee_id,
        .cycle_id = cycle_id,
        .parent_goal_id = parent_goal_id,
        .parent_kr_id = parent_kr_id,
        .category = template_->category,
        .origin = TRELLIS_ORIGIN_ASSIGNED,
        .weight = weight,
        .original_weight = weight,
        .state = TRELLIS_GOAL_STATE_DRAFT,
        .position = position,
        .created_at = now,
      });

      for (guint k = 0; k < n_krs; k++)
        {
          const TrellisLibraryKeyResult *item = planned[k].item;
          g_autofree char *kr_id = g_strdup_printf ("K%06" G_GINT64_FORMAT, next_kr++);
          g_autoptr(TrellisKeyResult) kr = trellis_key_result_new (&(TrellisKeyResultFields) {
            .id = kr_id,
            .goal_id = goal_id,
            .title = item->title,
            .measure = item->measure,
            .baseline = item->baseline,
            .target = item->target,
            .original_target = item->target,
            .current = item->measure == TRELLIS_MEASURE_MILESTONE ? 0.0 : item->baseline,
            .unit = item->unit,
            .commitment = item->commitment,
            .weight = planned[k].weight,
            .original_weight = planned[k].weight,
            .position = (int)k,
            .confidence = -1,
          });

          trellis_goal_add_key_result (goal, kr);
        }

      if (!trellis_goal_repository_insert_goal (store, goal, error))
        goto failed;
      created++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!trellis_store_commit (store, error))
    return -1;

  if (progress != NULL)
    progress (1.0, _("Assigning goals"), progress_data);

  g_debug ("Assigned template %s to %d of %u employees in cycle %s", template_id, created, n_employees, cycle_id);
  return created;

failed:
  trellis_store_rollback (store);
  return -1;
}
