/* trellis-weight-rule.c
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

#define G_LOG_DOMAIN "trellis-weight-rule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "trellis-text.h"
#include "trellis-goal-repository.h"
#include "trellis-weight-rule.h"

/* Seed 004's "dynamic weight slider": when A-class new signings in a region
 * grow more than 15 %, the weight of "first-order conversion of new
 * customers" rises from 25 % to 35 % and the regional manager is told why.
 * A rule fires once; what it changed stays in the audit trail. */

static const char * const comparisons[] = { ">", ">=", "<", "<=" };

void
trellis_weight_rule_free (TrellisWeightRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->id);
  g_free (rule->name);
  g_free (rule->watch_kr_id);
  g_free (rule->metric);
  g_free (rule->comparison);
  g_free (rule->target_kr_id);
  g_free (rule->explanation);
  g_free (rule->fired_at);
  g_free (rule);
}

/* "18 %", "35 units", "18": a value with its unit. */
static char *
format_with_unit (double      value,
                  const char *unit)
{
  g_autofree char *number = trellis_text_format_number (value);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s %s", number, unit);
}

gboolean
trellis_weight_rule_matches (const char *comparison,
                             double      observed,
                             double      threshold)
{
  if (g_strcmp0 (comparison, ">") == 0)
    return observed > threshold;
  if (g_strcmp0 (comparison, ">=") == 0)
    return observed >= threshold;
  if (g_strcmp0 (comparison, "<") == 0)
    return observed < threshold;
  if (g_strcmp0 (comparison, "<=") == 0)
    return observed <= threshold;
  return FALSE;
}

static gboolean
comparison_is_known (const char *comparison)
{
  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    if (g_strcmp0 (comparison, comparisons[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The goal a key result belongs to and how many KRs that goal has. */
static gboolean
key_result_goal (TrellisStore  *store,
                 const char    *key_result_id,
                 char         **out_goal_id,
                 int           *out_n_siblings,
                 GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT k.goal_id, (SELECT count(*) FROM key_results s WHERE s.goal_id = k.goal_id) "
                                "FROM key_results k WHERE k.id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_goal_id = g_strdup (trellis_stmt_column_text (stmt, 0));
      *out_n_siblings = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no key result with id “%s”"), key_result_id ? key_result_id : "");
  else
    trellis_store_set_error (store, error, "Could not read a key result");
  return FALSE;
}

/* Records which field failed; returns FALSE so a check can end with it. */
static gboolean
set_field (TrellisWeightRuleField *out_field,
           TrellisWeightRuleField  field)
{
  if (out_field != NULL)
    *out_field = field;
  return FALSE;
}

/* Reads only; trellis_weight_rule_add() runs it inside its transaction. */
static gboolean
validate_rule (TrellisStore            *store,
               const char              *name,
               const char              *watch_kr_id,
               const char              *metric,
               const char              *comparison,
               double                   threshold,
               const char              *target_kr_id,
               double                   new_weight,
               TrellisWeightRuleField  *out_field,
               GError                 **error)
{
  g_autofree char *watch_goal = NULL;
  g_autofree char *target_goal = NULL;
  int n_watch = 0, n_target = 0;

  if (out_field != NULL)
    *out_field = TRELLIS_WEIGHT_RULE_FIELD_NONE;

  if (trellis_text_is_blank (name))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("A weight rule needs a name"));
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_NAME);
    }
  if (g_strcmp0 (metric, "value") != 0 && g_strcmp0 (metric, "progress") != 0)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: “%s” is not a metric; use value or progress"), name, metric ? metric : "");
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_METRIC);
    }
  if (!comparison_is_known (comparison))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: “%s” is not a comparison; use >, >=, < or <="),
                   name, comparison ? comparison : "");
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_COMPARISON);
    }
  if (!isfinite (threshold))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: the threshold is not a number"), name);
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_THRESHOLD);
    }
  if (!(new_weight > 0.0 && new_weight < 1.0))
    {
      g_autofree char *percent = trellis_text_format_number (new_weight * 100.0);
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: the new weight must be more than 0 %% and less than 100 %%, not %s %%"),
                   name, percent);
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_NEW_WEIGHT);
    }

  if (trellis_text_is_blank (watch_kr_id))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: choose the key result to watch"), name);
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_WATCHED);
    }
  if (!key_result_goal (store, watch_kr_id, &watch_goal, &n_watch, error))
    return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_WATCHED);

  if (trellis_text_is_blank (target_kr_id))
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: choose the key result whose weight changes"), name);
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_TARGET);
    }
  if (!key_result_goal (store, target_kr_id, &target_goal, &n_target, error))
    return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_TARGET);

  if (n_target < 2)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID,
                   _("Rule “%s”: key result “%s” is the only one of its goal, so its weight cannot change"),
                   name, target_kr_id);
      return set_field (out_field, TRELLIS_WEIGHT_RULE_FIELD_TARGET);
    }
  return TRUE;
}

gboolean
trellis_weight_rule_validate (TrellisStore            *store,
                              const char              *name,
                              const char              *watch_kr_id,
                              const char              *metric,
                              const char              *comparison,
                              double                   threshold,
                              const char              *target_kr_id,
                              double                   new_weight,
                              TrellisWeightRuleField  *out_field,
                              GError                 **error)
{
  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);

  return validate_rule (store, name, watch_kr_id, metric, comparison, threshold, target_kr_id, new_weight,
                        out_field, error);
}

char *
trellis_weight_rule_add (TrellisStore  *store,
                         const char    *name,
                         const char    *watch_kr_id,
                         const char    *metric,
                         const char    *comparison,
                         double         threshold,
                         const char    *target_kr_id,
                         double         new_weight,
                         const char    *explanation,
                         GError       **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  if (!trellis_store_begin (store, error))
    return NULL;

  if (!validate_rule (store, name, watch_kr_id, metric, comparison, threshold, target_kr_id, new_weight,
                      NULL, error))
    goto failed;

  id = trellis_goal_repository_next_id (store, "WR", error);
  if (id == NULL)
    goto failed;

  stmt = trellis_store_prepare (store,
                                "INSERT INTO weight_rules (id, name, watch_kr_id, metric, comparison, threshold,"
                                " target_kr_id, new_weight, explanation) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, watch_kr_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, metric, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, comparison, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 6, threshold);
  sqlite3_bind_text (stmt, 7, target_kr_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 8, new_weight);
  sqlite3_bind_text (stmt, 9, explanation ? explanation : "", -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;

  if (!trellis_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

failed:
  trellis_store_rollback (store);
  return NULL;
}

#define RULE_COLUMNS \
  "id, name, watch_kr_id, metric, comparison, threshold, target_kr_id, new_weight, explanation, fired_at"

static TrellisWeightRule *
rule_from_row (sqlite3_stmt *stmt)
{
  TrellisWeightRule *rule = g_new0 (TrellisWeightRule, 1);

  rule->id = g_strdup (trellis_stmt_column_text (stmt, 0));
  rule->name = g_strdup (trellis_stmt_column_text (stmt, 1));
  rule->watch_kr_id = g_strdup (trellis_stmt_column_text (stmt, 2));
  rule->metric = g_strdup (trellis_stmt_column_text (stmt, 3));
  rule->comparison = g_strdup (trellis_stmt_column_text (stmt, 4));
  rule->threshold = sqlite3_column_double (stmt, 5);
  rule->target_kr_id = g_strdup (trellis_stmt_column_text (stmt, 6));
  rule->new_weight = sqlite3_column_double (stmt, 7);
  rule->explanation = g_strdup (trellis_stmt_column_text (stmt, 8));
  rule->fired_at = g_strdup (trellis_stmt_column_text (stmt, 9));
  return rule;
}

GPtrArray *
trellis_weight_rule_list (TrellisStore  *store,
                          GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_weight_rule_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  stmt = trellis_store_prepare (store, "SELECT " RULE_COLUMNS " FROM weight_rules ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, rule_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read weight rules");
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
trellis_weight_rule_delete (TrellisStore  *store,
                            const char    *rule_id,
                            GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *fired_at = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  if (!trellis_store_begin (store, error))
    return FALSE;

  stmt = trellis_store_prepare (store, "SELECT name, fired_at FROM weight_rules WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, rule_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = g_strdup (trellis_stmt_column_text (stmt, 0));
      fired_at = g_strdup (trellis_stmt_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                   _("There is no weight rule with id “%s”"), rule_id);
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      trellis_store_set_error (store, error, "Could not read a weight rule");
      goto failed;
    }
  if (fired_at != NULL)
    {
      g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                   _("Rule “%s” has fired and stays on record: it explains the weights it changed"), name);
      goto failed;
    }

  stmt = trellis_store_prepare (store, "DELETE FROM weight_rules WHERE id = ?1 AND fired_at IS NULL", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, rule_id, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    goto failed;
  return trellis_store_commit (store, error);

failed:
  trellis_store_rollback (store);
  return FALSE;
}

void
trellis_weight_rule_key_result_free (TrellisWeightRuleKeyResult *key_result)
{
  if (key_result == NULL)
    return;
  g_free (key_result->id);
  g_free (key_result->title);
  g_free (key_result->unit);
  g_free (key_result->goal_id);
  g_free (key_result->goal_title);
  g_free (key_result->owner_name);
  g_free (key_result->cycle_id);
  g_free (key_result);
}

#define KEY_RESULT_SELECT \
  "SELECT k.id, k.title, k.measure, k.unit, k.weight, g.id, g.title, coalesce (e.name, d.name), g.cycle_id" \
  " FROM key_results k JOIN goals g ON g.id = k.goal_id" \
  " LEFT JOIN employees e ON e.id = g.employee_id" \
  " LEFT JOIN departments d ON d.id = g.department_id"

static TrellisWeightRuleKeyResult *
key_result_from_row (sqlite3_stmt *stmt)
{
  TrellisWeightRuleKeyResult *key_result = g_new0 (TrellisWeightRuleKeyResult, 1);

  key_result->id = g_strdup (trellis_stmt_column_text (stmt, 0));
  key_result->title = g_strdup (trellis_stmt_column_text (stmt, 1));
  trellis_measure_from_string (trellis_stmt_column_text (stmt, 2), &key_result->measure);
  key_result->unit = g_strdup (trellis_stmt_column_text (stmt, 3));
  key_result->weight = sqlite3_column_double (stmt, 4);
  key_result->goal_id = g_strdup (trellis_stmt_column_text (stmt, 5));
  key_result->goal_title = g_strdup (trellis_stmt_column_text (stmt, 6));
  key_result->owner_name = g_strdup (trellis_stmt_column_text (stmt, 7));
  key_result->cycle_id = g_strdup (trellis_stmt_column_text (stmt, 8));
  return key_result;
}

/* "50%_off" → "%50\%\_off%": LIKE sees the user's % and _ as text. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static int
compare_key_results_by_id (gconstpointer a,
                           gconstpointer b)
{
  const TrellisWeightRuleKeyResult *x = *(TrellisWeightRuleKeyResult * const *)a;
  const TrellisWeightRuleKeyResult *y = *(TrellisWeightRuleKeyResult * const *)b;

  return g_strcmp0 (x->id, y->id);
}

/* At most @max words of @text, split at any Unicode space (people typing
 * Chinese often type U+3000). */
static GStrv
split_words (const char *text,
             guint       max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text != NULL ? text : "";
  guint n = 0;

  while (*p != '\0' && n < max)
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_strndup (start, p - start);

          g_strv_builder_add (builder, word);
          n++;
        }
    }
  return g_strv_builder_end (builder);
}

/* The SQL for @n_words words: ?1 the day cycles must still be open on (when
 * @open_cycles), ?2 the limit, then per word a LIKE pattern and the word. */
static char *
build_search_sql (guint    n_words,
                  gboolean open_cycles)
{
  GString *sql = g_string_new (KEY_RESULT_SELECT " WHERE 1");

  /* Owners are matched through IN (…): SQLite collects the few matching
   * people once instead of looking the owner up for every key result. */
  if (open_cycles)
    g_string_append (sql, " AND g.cycle_id IN (SELECT id FROM cycles WHERE end_date >= ?1)");
  for (guint i = 0; i < n_words; i++)
    {
      guint like = 3 + 2 * i, exact = like + 1;

      g_string_append_printf (sql,
                              " AND (k.title LIKE ?%u ESCAPE '\\' OR g.title LIKE ?%u ESCAPE '\\'"
                              " OR g.employee_id IN (SELECT id FROM employees"
                              "  WHERE name LIKE ?%u ESCAPE '\\' OR english_name LIKE ?%u ESCAPE '\\')"
                              " OR g.department_id IN (SELECT id FROM departments WHERE name LIKE ?%u ESCAPE '\\')"
                              " OR k.id = ?%u OR g.id = ?%u)",
                              like, like, like, like, like, exact, exact);
    }
  g_string_append (sql, " LIMIT ?2");
  return g_string_free (sql, FALSE);
}

GPtrArray *
trellis_weight_rule_search_key_results (TrellisStore  *store,
                                        const char    *text,
                                        const char    *open_on,
                                        guint          limit,
                                        GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_weight_rule_key_result_free);
  g_auto(GStrv) words = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint n_words = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  words = split_words (text, TRELLIS_WEIGHT_RULE_SEARCH_MAX_WORDS);
  n_words = g_strv_length (words);

  sql = build_search_sql (n_words, open_on != NULL);
  stmt = trellis_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  if (open_on != NULL)
    sqlite3_bind_text (stmt, 1, open_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  for (guint i = 0; i < n_words; i++)
    {
      g_autofree char *pattern = like_pattern (words[i]);

      sqlite3_bind_text (stmt, 3 + 2 * i, pattern, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4 + 2 * i, words[i], -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, key_result_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not search key results");
      return NULL;
    }

  /* No ORDER BY: sorting every match would cost a scan of all of them. */
  g_ptr_array_sort (result, compare_key_results_by_id);
  return g_steal_pointer (&result);
}

TrellisWeightRuleKeyResult *
trellis_weight_rule_get_key_result (TrellisStore  *store,
                                    const char    *key_result_id,
                                    GError       **error)
{
  TrellisWeightRuleKeyResult *key_result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);

  stmt = trellis_store_prepare (store, KEY_RESULT_SELECT " WHERE k.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    key_result = key_result_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND,
                 _("There is no key result with id “%s”"), key_result_id ? key_result_id : "");
  else if (rc != SQLITE_ROW)
    trellis_store_set_error (store, error, "Could not read a key result");
  return key_result;
}

typedef struct
{
  char           *title;
  char           *unit;
  TrellisMeasure  measure;
  double          baseline;
  double          target;
  double          current;
} Watched;

static void
watched_clear (Watched *watched)
{
  g_clear_pointer (&watched->title, g_free);
  g_clear_pointer (&watched->unit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Watched, watched_clear)

static gboolean
load_watched (TrellisStore  *store,
              const char    *key_result_id,
              Watched       *watched,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT title, unit, measure, baseline, target, current FROM key_results WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      watched->title = g_strdup (trellis_stmt_column_text (stmt, 0));
      watched->unit = g_strdup (trellis_stmt_column_text (stmt, 1));
      trellis_measure_from_string (trellis_stmt_column_text (stmt, 2), &watched->measure);
      watched->baseline = sqlite3_column_double (stmt, 3);
      watched->target = sqlite3_column_double (stmt, 4);
      watched->current = sqlite3_column_double (stmt, 5);
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

/* Who reads the explanation: the employee who owns the goal, or the head
 * of the department (or company) that owns it. */
static char *
dup_goal_recipient (TrellisStore *store,
                    const char   *goal_id)
{
  sqlite3_stmt *stmt;
  char *recipient = NULL;

  stmt = trellis_store_prepare (store,
                                "SELECT coalesce (g.employee_id, d.head_id) FROM goals g"
                                " LEFT JOIN departments d ON d.id = g.department_id WHERE g.id = ?1",
                                NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, goal_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    recipient = g_strdup (trellis_stmt_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return recipient;
}

static char *
compose_notice (const TrellisWeightRule *rule,
                const Watched           *watched,
                double                   observed,
                const char              *target_title,
                double                   old_weight,
                double                   new_weight,
                gboolean                 others_changed)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *observed_text = NULL;
  g_autofree char *threshold_text = NULL;
  g_autofree char *old_text = trellis_text_format_number (old_weight * 100.0);
  g_autofree char *new_text = trellis_text_format_number (new_weight * 100.0);

  if (g_strcmp0 (rule->metric, "progress") == 0)
    {
      g_autofree char *a = trellis_text_format_number (observed * 100.0);
      g_autofree char *b = trellis_text_format_number (rule->threshold * 100.0);
      observed_text = g_strdup_printf (_("%s %%"), a);
      threshold_text = g_strdup_printf (_("%s %%"), b);
    }
  else
    {
      observed_text = format_with_unit (observed, watched->unit);
      threshold_text = format_with_unit (rule->threshold, watched->unit);
    }

  if (!trellis_text_is_blank (rule->explanation))
    {
      g_string_append (text, rule->explanation);
      g_string_append_c (text, ' ');
    }

  if (g_strcmp0 (rule->metric, "progress") == 0)
    g_string_append_printf (text, _("The progress of “%s” is %s (%s %s):"),
                            watched->title, observed_text, rule->comparison, threshold_text);
  else
    g_string_append_printf (text, _("“%s” is %s (%s %s):"),
                            watched->title, observed_text, rule->comparison, threshold_text);
  g_string_append_c (text, ' ');

  if (new_weight > old_weight)
    g_string_append_printf (text, _("the weight of “%s” rises from %s %% to %s %%"),
                            target_title, old_text, new_text);
  else if (new_weight < old_weight)
    g_string_append_printf (text, _("the weight of “%s” falls from %s %% to %s %%"),
                            target_title, old_text, new_text);
  else
    g_string_append_printf (text, _("the weight of “%s” stays at %s %%"), target_title, new_text);

  if (others_changed)
    {
      g_string_append (text, _("; the other key results were rescaled to keep 100 %"));
    }
  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Writes the rule's weight and rescales the rest of the objective; adds
 * the ids of KRs whose weight changed to @changed. */
static gboolean
fire_rule (TrellisStore            *store,
           const TrellisWeightRule *rule,
           const Watched           *watched,
           double                   observed,
           const char              *now,
           GPtrArray               *changed,
           GError                 **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) before = NULL;
  g_autofree char *goal_id = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *message = NULL;
  gboolean others_changed = FALSE;
  sqlite3_stmt *stmt;
  guint index = G_MAXUINT;
  int rc;

  stmt = trellis_store_prepare (store,
                                "SELECT id, title, weight, goal_id FROM key_results"
                                " WHERE goal_id = (SELECT goal_id FROM key_results WHERE id = ?1)"
                                " ORDER BY position, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rule->target_kr_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double w = sqlite3_column_double (stmt, 2);

      if (g_strcmp0 (trellis_stmt_column_text (stmt, 0), rule->target_kr_id) == 0)
        index = ids->len;
      g_ptr_array_add (ids, g_strdup (trellis_stmt_column_text (stmt, 0)));
      g_ptr_array_add (titles, g_strdup (trellis_stmt_column_text (stmt, 1)));
      g_array_append_val (weights, w);
      if (goal_id == NULL)
        goal_id = g_strdup (trellis_stmt_column_text (stmt, 3));
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
                   _("There is no key result with id “%s”"), rule->target_kr_id);
      return FALSE;
    }

  before = g_array_copy (weights);
  trellis_okr_renormalise ((double *)(gpointer)weights->data, weights->len, index, rule->new_weight);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (g_array_index (weights, double, i) == g_array_index (before, double, i))
        continue;
      if (!trellis_goal_repository_set_key_result_weight (store, id, g_array_index (weights, double, i), error))
        return FALSE;
      if (i != index)
        others_changed = TRUE;
      if (!g_ptr_array_find_with_equal_func (changed, id, g_str_equal, NULL))
        g_ptr_array_add (changed, g_strdup (id));
    }

  stmt = trellis_store_prepare (store, "UPDATE weight_rules SET fired_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rule->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!trellis_store_step_done (store, stmt, error))
    return FALSE;

  message = compose_notice (rule, watched, observed, g_ptr_array_index (titles, index),
                            g_array_index (before, double, index), g_array_index (weights, double, index),
                            others_changed);
  recipient = dup_goal_recipient (store, goal_id);
  return trellis_goal_repository_add_notice (store, goal_id, recipient, message, error);
}

GPtrArray *
trellis_weight_rule_run_for (TrellisStore  *store,
                             const char    *key_result_id,
                             GError       **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_weight_rule_free);
  g_auto(Watched) watched = { 0 };
  g_autofree char *saved_actor = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (key_result_id != NULL, NULL);

  /* The rule, not whoever posted the check-in, changes the weights: the
   * audit trail shows no person for them. */
  saved_actor = g_strdup (trellis_store_get_actor (store));
  trellis_store_set_actor (store, NULL);

  if (!trellis_store_begin (store, error))
    goto out;

  if (!load_watched (store, key_result_id, &watched, error))
    goto failed;

  /* Read the rules first: firing one runs other statements. */
  stmt = trellis_store_prepare (store,
                                "SELECT " RULE_COLUMNS " FROM weight_rules"
                                " WHERE watch_kr_id = ?1 AND fired_at IS NULL ORDER BY id",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rules, rule_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (store, error, "Could not read weight rules");
      goto failed;
    }

  now = trellis_store_dup_now (store);
  for (guint i = 0; i < rules->len; i++)
    {
      TrellisWeightRule *rule = g_ptr_array_index (rules, i);
      double observed = watched.current;

      if (g_strcmp0 (rule->metric, "progress") == 0)
        observed = trellis_okr_progress (watched.measure, watched.baseline, watched.target, watched.current);

      if (!trellis_weight_rule_matches (rule->comparison, observed, rule->threshold))
        continue;

      g_debug ("Rule %s fires: %s %g %s %g", rule->id, rule->metric, observed, rule->comparison, rule->threshold);
      if (!fire_rule (store, rule, &watched, observed, now, changed, error))
        goto failed;
    }

  if (!trellis_store_commit (store, error))
    goto out;

  trellis_store_set_actor (store, saved_actor);
  return g_steal_pointer (&changed);

failed:
  trellis_store_rollback (store);
out:
  trellis_store_set_actor (store, saved_actor);
  return NULL;
}
