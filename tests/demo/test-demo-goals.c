/* test-demo-goals.c
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

#include "config.h"

#include <math.h>
#include <string.h>

#include "trellis-core.h"

#include "../goal-tree-test-utils.h"

/* The seed 004 demo as of 22 November 2026: 2,100 people, a year of goals,
 * generated once and shared by the read-only tests below. */

typedef struct {
  TrellisStore        *store;
  TrellisOrganisation *organisation;
  TrellisGoalTree     *tree;     /* 2026-Q4 */
  GDate                today;
} Demo;

static Demo demo;

static TrellisStore *
generate (guint       n_employees,
          guint64     seed,
          int         year,
          GDateDay    day,
          GDateMonth  month,
          GDateYear   today_year)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_store_open (":memory:", &error);
  TrellisDemoOptions options;

  g_assert_no_error (error);
  trellis_demo_options_init (&options, year);
  options.n_employees = n_employees;
  options.seed = seed;
  g_date_set_dmy (&options.today, day, month, today_year);
  g_assert_true (trellis_demo_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
count (TrellisStore *store,
       const char   *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static double
number (TrellisStore *store,
        const char   *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, &error);
  double n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
dump (TrellisStore *store,
      const char   *sql)
{
  g_autoptr(GString) s = g_string_new (NULL);
  sqlite3_stmt *stmt = trellis_store_prepare (store, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = trellis_stmt_column_text (stmt, c);
          g_string_append (s, text ? text : "∅");
          g_string_append_c (s, '|');
        }
      g_string_append_c (s, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The company's goals head the cascade, and a salesperson's objective is
 * reached from one of them through the region and the sales department. */
static void
test_cascade (void)
{
  GListModel *roots = trellis_goal_tree_get_roots (demo.tree);
  GListModel *goals = trellis_goal_tree_get_goals (demo.tree);
  guint n_company = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

      if (trellis_goal_get_owner_kind (goal) != TRELLIS_OWNER_COMPANY)
        continue;
      n_company++;
      g_assert_null (tree_parent (demo.tree, goal));
      g_assert_cmpstr (trellis_goal_get_cycle_id (goal), ==, "2026");
      g_assert_cmpuint (trellis_goal_get_key_results (goal)->len, ==, 3);
    }
  g_assert_cmpuint (n_company, ==, 3);

  /* Roots come company first. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TrellisGoal) root = g_list_model_get_item (roots, i);
      g_assert_cmpint (trellis_goal_get_owner_kind (root), ==, TRELLIS_OWNER_COMPANY);
    }

  for (guint i = 0; i < g_list_model_get_n_items (goals) && !found; i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);
      g_autoptr(GPtrArray) path = NULL;
      TrellisEmployee *owner;
      TrellisGoal *region, *sales;

      if (trellis_goal_get_owner_kind (goal) != TRELLIS_OWNER_EMPLOYEE ||
          trellis_goal_get_category (goal) != TRELLIS_CATEGORY_BUSINESS)
        continue;
      owner = trellis_organisation_find_employee (demo.organisation, trellis_goal_get_employee_id (goal));
      if (g_strcmp0 (trellis_employee_get_title (owner), "销售代表") != 0)
        continue;

      path = trellis_goal_tree_get_alignment_path (demo.tree, goal);
      g_assert_cmpuint (path->len, >=, 4);
      g_assert_cmpint (trellis_goal_get_owner_kind (path->pdata[0]), ==, TRELLIS_OWNER_COMPANY);
      region = path->pdata[path->len - 3];
      sales = path->pdata[path->len - 2];
      g_assert_cmpint (trellis_goal_get_owner_kind (region), ==, TRELLIS_OWNER_DEPARTMENT);
      g_assert_cmpint (strlen (trellis_goal_get_owner_id (region)), ==, 3);   /* "R05" */
      g_assert_true (g_str_has_prefix (trellis_goal_get_owner_id (sales), trellis_goal_get_owner_id (region)));
      g_assert_true (g_str_has_suffix (trellis_goal_get_owner_id (sales), "-S"));
      g_assert_true (path->pdata[path->len - 1] == goal);
      /* Each link goes through a key result of the goal above. */
      g_assert_nonnull (trellis_goal_find_key_result (sales, trellis_goal_get_parent_kr_id (goal)));
      g_assert_nonnull (trellis_goal_find_key_result (region, trellis_goal_get_parent_kr_id (sales)));
      g_assert_cmpuint (trellis_goal_get_key_results (goal)->len, >=, 2);
      g_assert_cmpuint (trellis_goal_get_key_results (goal)->len, <=, 3);
      found = TRUE;
    }
  g_assert_true (found);

  /* Every personal business objective is aligned; only some self-started
   * innovation goals stand alone. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE parent_goal_id IS NULL"
                                      " AND parent_kr_id IS NULL AND owner_kind <> 'company'"
                                      " AND category <> 'innovation'"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE parent_kr_id IS NULL"
                                      " AND category = 'innovation'"), >, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE category = 'innovation'"
                                      " AND origin <> 'self'"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE category = 'development'"
                                      " AND origin = 'self'"), >, 0);
}

/* Lagging and abnormal goals are there for HR to find, but few. */
static void
test_flags (void)
{
  GListModel *goals = trellis_goal_tree_get_goals (demo.tree);
  guint n = g_list_model_get_n_items (goals);
  guint lagging = 0, abnormal = 0, on_track = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

      lagging += trellis_goal_get_lagging (goal);
      abnormal += trellis_goal_get_abnormal (goal);
      on_track += trellis_goal_get_progress_status (goal) == TRELLIS_PROGRESS_ON_TRACK;
    }

  g_test_message ("%u goals: %u lagging, %u abnormal, %u on track", n, lagging, abnormal, on_track);
  g_assert_cmpuint (lagging, >, 0);
  g_assert_cmpuint (abnormal, >, 0);
  g_assert_cmpuint (lagging, <, n / 4);
  g_assert_cmpuint (abnormal, <, n / 20);
  g_assert_cmpuint (on_track, >, n / 2);
}

/* The weight check finds the deliberate mistakes of the current quarter,
 * and nothing else: three people whose goals add up to 90 %, two drafts
 * whose key results do. */
static void
test_weights (void)
{
  g_autoptr(GPtrArray) problems = trellis_goal_tree_check_weights (demo.tree);
  guint owners = 0, objectives = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      TrellisWeightProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("%s %s %s %g", p->owner_name, p->cycle_id, p->goal_id, p->sum);
      g_assert_cmpstr (p->cycle_id, ==, "2026-Q4");
      g_assert_cmpfloat_with_epsilon (p->sum, 0.9, 1e-9);
      if (p->goal_id == NULL)
        owners++;
      else
        {
          TrellisGoal *goal = tree_goal (demo.tree, p->goal_id);
          g_assert_cmpint (trellis_goal_get_state (goal), ==, TRELLIS_GOAL_STATE_DRAFT);
          objectives++;
        }
    }
  g_assert_cmpuint (owners, ==, 3);
  g_assert_cmpuint (objectives, ==, 2);
}

/* Seed 004's dynamic weight: 上海大区's A-class signing growth passed 15 %,
 * so 新客户首单转化率 weighs 35 % instead of 25 %, and the region's head was
 * told why. Another region's rule has not fired. */
static void
test_weight_rule (void)
{
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM weight_rules"), ==, 2);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM weight_rules WHERE fired_at IS NULL"), ==, 1);
  g_assert_cmpint (count (demo.store,
                          "SELECT count(*) FROM weight_rules r JOIN key_results w ON w.id = r.watch_kr_id"
                          " JOIN key_results t ON t.id = r.target_kr_id JOIN goals g ON g.id = t.goal_id"
                          " WHERE r.fired_at IS NOT NULL AND g.department_id = 'R01' AND g.cycle_id = '2026-Q4'"
                          " AND w.title = 'A类客户新增签约增长率' AND w.current = 18 AND r.threshold = 15"
                          " AND t.title = '新客户首单转化率' AND t.weight = 0.35 AND t.original_weight = 0.25"), ==, 1);
  g_assert_cmpfloat_with_epsilon (number (demo.store,
                                          "SELECT sum(k.weight) FROM key_results k WHERE k.goal_id ="
                                          " (SELECT t.goal_id FROM weight_rules r JOIN key_results t"
                                          "  ON t.id = r.target_kr_id WHERE r.fired_at IS NOT NULL)"), 1.0, 1e-9);
  g_assert_cmpint (count (demo.store,
                          "SELECT count(*) FROM notices n JOIN weight_rules r ON n.at = r.fired_at"
                          " JOIN key_results t ON t.id = r.target_kr_id AND t.goal_id = n.goal_id"
                          " JOIN departments d ON d.id = 'R01' AND d.head_id = n.recipient_id"
                          " WHERE n.message LIKE '%新客户首单转化率%35 %%'"), ==, 1);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM audit_log WHERE entity = 'weight_rule' AND action = 'fire'"),
                   ==, 1);
}

static void
test_workflow (void)
{
  /* Finished periods are filed… */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE cycle_id IN"
                                      " ('2026-Q1', '2026-Q2', '2026-Q3', '2026-H1') AND status <> 'filed'"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE cycle_id = '2026-Q3'"), >, 4000);
  /* …the current ones mostly approved, some waiting, a few drafts and returns. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE cycle_id IN ('2026', '2026-H2')"
                                      " AND status <> 'approved'"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals WHERE cycle_id = '2026-Q4' AND status = 'approved'"),
                   >, 3 * count (demo.store, "SELECT count(*) FROM goals WHERE cycle_id = '2026-Q4'"
                                             " AND status <> 'approved'"));
  for (const char * const *state = (const char * const[]) { "submitted", "draft", "returned", NULL }; *state; state++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM goals WHERE cycle_id = '2026-Q4' AND status = '%s'",
                                              *state);
      g_assert_cmpint (count (demo.store, sql), >, 10);
    }

  /* A returned goal says why, in its history and to its owner. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals g WHERE g.status = 'returned' AND NOT EXISTS"
                                      " (SELECT 1 FROM goal_approvals a WHERE a.goal_id = g.id AND a.action = 'return'"
                                      "  AND length (a.comment) > 0)"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals g WHERE g.status = 'returned' AND NOT EXISTS"
                                      " (SELECT 1 FROM notices n WHERE n.goal_id = g.id AND n.recipient_id = g.employee_id)"),
                   ==, 0);
  /* Approved goals were submitted and approved, by the manager. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM goals g JOIN employees e ON e.id = g.employee_id"
                                      " WHERE g.status = 'approved' AND NOT EXISTS (SELECT 1 FROM goal_approvals a"
                                      "  WHERE a.goal_id = g.id AND a.action = 'approve' AND a.step = 0"
                                      "  AND a.actor_id = e.manager_id)"), ==, 0);
  /* Drafts never took check-ins. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins c JOIN key_results k ON k.id = c.key_result_id"
                                      " JOIN goals g ON g.id = k.goal_id WHERE g.status IN ('draft', 'returned')"), ==, 0);
  /* The audit trail has the goals' creation, by their owners. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'goal'"),
                   ==, count (demo.store, "SELECT count(*) FROM goals"));
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM audit_log a JOIN goals g ON g.id = a.entity_id"
                                      " WHERE a.action = 'create' AND g.owner_kind = 'employee'"
                                      " AND a.actor_id IS NOT g.employee_id"), ==, 0);
}

/* What a key result says about its last check-in is what its history says. */
static void
test_checkins_match_key_results (void)
{
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins"), >, 50000);
  /* Weekly-ish: about one check-in a week per person. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins"), >, 2100 * 30);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins WHERE at > '2026-11-22T23:59:59Z'"), ==, 0);

  g_assert_cmpint (count (demo.store,
                          "WITH ranked AS (SELECT key_result_id, value, confidence, at,"
                          "  row_number () OVER (PARTITION BY key_result_id ORDER BY at DESC, id DESC) AS r"
                          "  FROM checkins)"
                          " SELECT count(*) FROM key_results k"
                          " LEFT JOIN ranked l ON l.key_result_id = k.id AND l.r = 1"
                          " LEFT JOIN ranked p ON p.key_result_id = k.id AND p.r = 2"
                          " WHERE (l.at IS NULL AND (k.current <> k.baseline OR k.last_checkin_at IS NOT NULL"
                          "        OR k.previous_value IS NOT NULL OR k.confidence IS NOT NULL))"
                          "    OR (l.at IS NOT NULL AND (k.current <> l.value OR k.last_checkin_at <> l.at"
                          "        OR k.confidence IS NOT l.confidence"
                          "        OR k.previous_value <> coalesce (p.value, k.baseline)))"), ==, 0);

  /* Department key results are updated by the department's head. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins c JOIN key_results k ON k.id = c.key_result_id"
                                      " JOIN goals g ON g.id = k.goal_id JOIN departments d ON d.id = g.department_id"
                                      " WHERE c.author_id IS NOT d.head_id"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins c JOIN key_results k ON k.id = c.key_result_id"
                                      " JOIN goals g ON g.id = k.goal_id"
                                      " WHERE g.employee_id IS NOT NULL AND c.author_id IS NOT g.employee_id"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM checkins WHERE confidence NOT BETWEEN 0 AND 10"), ==, 0);
}

/* About 1 % of people asked to lower a target by 5–10 %, with a reason. */
static void
test_change_requests (void)
{
  gint64 n = count (demo.store, "SELECT count(*) FROM change_requests");

  g_assert_cmpint (n, >=, 10);
  g_assert_cmpint (n, <=, 40);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests WHERE status = 'rejected'"), ==, 1);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests WHERE status = 'pending'"), >, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests WHERE status = 'approved'"), >, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests WHERE new_value >= old_value"
                                      " OR new_value < old_value * 0.9 - 1e-9 OR length (trim (reason)) = 0"), ==, 0);
  /* An approved one re-baselined the target; the others did not. */
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests c JOIN key_results k ON k.id = c.key_result_id"
                                      " WHERE c.status = 'approved' AND (k.target <> c.new_value OR k.original_target <> c.old_value)"),
                   ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests c JOIN key_results k ON k.id = c.key_result_id"
                                      " WHERE c.status <> 'approved' AND k.target <> c.old_value"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests c JOIN employees e ON e.id = c.requested_by"
                                      " WHERE c.approver_id IS NOT e.manager_id"), ==, 0);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM change_requests WHERE reason LIKE '%招标政策突变%'"
                                      " OR reason LIKE '%集采%' OR reason LIKE '%人员调整%' OR reason LIKE '%预算%'"
                                      " OR reason LIKE '%搬迁%'"), ==, n);
}

/* Goal weights per owner and cycle, KR weights per objective, add up to
 * 100 % everywhere but at the deliberate mistakes, in every cycle. */
static void
test_weights_everywhere (void)
{
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM (SELECT coalesce (employee_id, department_id), cycle_id,"
                                      " sum (weight) AS s FROM goals GROUP BY 1, 2 HAVING abs (s - 1) > 0.0005)"), ==, 3);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM (SELECT goal_id, sum (weight) AS s FROM key_results"
                                      " GROUP BY 1 HAVING abs (s - 1) > 0.0005)"), ==, 2);
  g_assert_cmpint (count (demo.store, "SELECT count(*) FROM key_results WHERE measure <> 'milestone' AND target = baseline"),
                   ==, 0);
}

static void
test_finished_quarters_scored (void)
{
  double mean = number (demo.store,
                        "SELECT avg (p) FROM (SELECT g.id, sum (k.weight * min (max ((k.current - k.baseline)"
                        " / (k.target - k.baseline), 0), 1)) / sum (k.weight) AS p FROM goals g"
                        " JOIN key_results k ON k.goal_id = g.id WHERE g.cycle_id = '2026-Q3' GROUP BY g.id)");

  g_test_message ("mean Q3 progress %.3f", mean);
  g_assert_cmpfloat (mean, >, 0.6);
  g_assert_cmpfloat (mean, <, 1.0);
}

static void
test_deterministic (void)
{
  g_autoptr(TrellisStore) a = generate (300, 7, 2026, 22, G_DATE_NOVEMBER, 2026);
  g_autoptr(TrellisStore) b = generate (300, 7, 2026, 22, G_DATE_NOVEMBER, 2026);
  g_autoptr(TrellisStore) c = generate (300, 8, 2026, 22, G_DATE_NOVEMBER, 2026);
  const char * const sqls[] = {
    "SELECT * FROM goals ORDER BY id",
    "SELECT * FROM key_results ORDER BY id",
    "SELECT * FROM checkins ORDER BY id",
    "SELECT * FROM goal_approvals ORDER BY id",
    "SELECT * FROM change_requests ORDER BY id",
    "SELECT * FROM notices ORDER BY id",
    "SELECT * FROM audit_log ORDER BY id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      g_autofree char *dump_a = dump (a, sqls[i]);
      g_autofree char *dump_b = dump (b, sqls[i]);

      g_assert_cmpstr (dump_a, ==, dump_b);
    }

  {
    g_autofree char *dump_a = dump (a, sqls[2]);
    g_autofree char *dump_c = dump (c, sqls[2]);
    g_assert_cmpstr (dump_a, !=, dump_c);
  }

  g_assert_cmpint (count (a, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

/* Goals exist for the quarters begun by today; check-ins stop at today. */
static void
test_today (void)
{
  g_autoptr(TrellisStore) before = generate (60, 4, 2026, 31, G_DATE_DECEMBER, 2025);
  g_autoptr(TrellisStore) first_day = generate (60, 4, 2026, 1, G_DATE_JANUARY, 2026);
  g_autoptr(TrellisStore) april = generate (60, 4, 2026, 2, G_DATE_APRIL, 2026);
  g_autoptr(TrellisStore) year_end = generate (60, 4, 2026, 31, G_DATE_DECEMBER, 2026);

  g_assert_cmpint (count (before, "SELECT count(*) FROM goals"), ==, 0);
  g_assert_cmpint (count (before, "SELECT count(*) FROM employees"), ==, 60);

  g_assert_cmpint (count (first_day, "SELECT count(*) FROM goals WHERE cycle_id NOT IN ('2026', '2026-H1', '2026-Q1')"),
                   ==, 0);
  g_assert_cmpint (count (first_day, "SELECT count(*) FROM goals WHERE status <> 'draft'"), ==, 0);
  g_assert_cmpint (count (first_day, "SELECT count(*) FROM checkins"), ==, 0);

  g_assert_cmpint (count (april, "SELECT count(DISTINCT cycle_id) FROM goals"), ==, 4);  /* year, H1, Q1, Q2 */
  g_assert_cmpint (count (april, "SELECT count(*) FROM checkins WHERE at >= '2026-04-03'"), ==, 0);
  /* Q1 ended two days ago: not filed yet, still approved. */
  g_assert_cmpint (count (april, "SELECT count(*) FROM goals WHERE cycle_id = '2026-Q1' AND status = 'filed'"), ==, 0);

  g_assert_cmpint (count (year_end, "SELECT count(DISTINCT cycle_id) FROM goals"), ==, 7);
  g_assert_cmpint (count (year_end, "SELECT count(*) FROM goals WHERE cycle_id = '2026-Q3' AND status <> 'filed'"), ==, 0);
}

typedef struct {
  double        last;
  gboolean      monotonic;
  GPtrArray    *messages;     /* distinct, in order */
  const char   *cancel_on;
  GCancellable *cancellable;
} ProgressLog;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  g_assert_nonnull (message);
  if (fraction < log->last)
    log->monotonic = FALSE;
  log->last = fraction;
  if (log->messages->len == 0 || !g_str_equal (g_ptr_array_index (log->messages, log->messages->len - 1), message))
    g_ptr_array_add (log->messages, g_strdup (message));
  if (log->cancel_on != NULL && g_str_equal (message, log->cancel_on))
    g_cancellable_cancel (log->cancellable);
}

/* Employees, then goals, then check-ins, from 0 to 1 without going back. */
static void
test_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (":memory:", &error);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  ProgressLog log = { 0.0, TRUE, messages, NULL, NULL };
  TrellisDemoOptions options;
  guint employees = G_MAXUINT, goals = G_MAXUINT, checkins = G_MAXUINT;

  trellis_demo_options_init (&options, 2026);
  options.n_employees = 3000;
  g_assert_true (trellis_demo_generate (store, &options, on_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);

  for (guint i = 0; i < messages->len; i++)
    {
      const char *m = g_ptr_array_index (messages, i);
      if (g_str_equal (m, "Writing employees") && employees == G_MAXUINT)
        employees = i;
      if (g_str_equal (m, "Writing goals") && goals == G_MAXUINT)
        goals = i;
      if (g_str_equal (m, "Writing check-ins") && checkins == G_MAXUINT)
        checkins = i;
    }
  g_assert_cmpuint (employees, <, goals);
  g_assert_cmpuint (goals, <, checkins);
  g_assert_cmpuint (checkins, <, messages->len);
}

/* Cancelled among the check-ins: nothing is left, and the audit triggers
 * the generator turns off for its bulk rows are on again. */
static void
test_cancel_during_goals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (":memory:", &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  ProgressLog log = { 0.0, TRUE, messages, "Writing check-ins", cancellable };
  TrellisDemoOptions options;
  sqlite3_stmt *stmt;

  trellis_demo_options_init (&options, 2026);
  options.n_employees = 3000;
  g_assert_false (trellis_demo_generate (store, &options, on_progress, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (trellis_store_in_transaction (store));

  for (const char * const *t = trellis_store_list_tables (); *t; t++)
    if (!g_str_equal (*t, "workspace_meta") && !g_str_equal (*t, "approval_steps"))
      g_assert_cmpint (trellis_store_count_rows (store, *t, NULL), ==, 0);

  g_assert_null (trellis_store_get_actor (store));
  g_assert_true (trellis_store_exec (store,
                                     "INSERT INTO departments (id, name, kind) VALUES ('C', 'C', 'company');"
                                     "INSERT INTO cycles (id, kind, name, start_date, end_date)"
                                     " VALUES ('Y', 'year', 'Y', '2026-01-01', '2026-12-31');"
                                     "INSERT INTO goals (id, kind, title, owner_kind, department_id, cycle_id, created_at)"
                                     " VALUES ('G1', 'objective', 'T', 'company', 'C', 'Y', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_no_error (error);
  stmt = trellis_store_prepare (store, "SELECT count(*) FROM audit_log WHERE entity_id = 'G1'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  g_date_clear (&demo.today, 1);
  g_date_set_dmy (&demo.today, 22, G_DATE_NOVEMBER, 2026);
  demo.store = generate (2100, TRELLIS_DEMO_DEFAULT_SEED, 2026, 22, G_DATE_NOVEMBER, 2026);
  demo.organisation = trellis_organisation_load (demo.store, NULL, &error);
  g_assert_no_error (error);
  demo.tree = trellis_goal_tree_load (demo.store, demo.organisation, "2026-Q4", &demo.today, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/demo-goals/cascade", test_cascade);
  g_test_add_func ("/core/demo-goals/flags", test_flags);
  g_test_add_func ("/core/demo-goals/weights", test_weights);
  g_test_add_func ("/core/demo-goals/weights-everywhere", test_weights_everywhere);
  g_test_add_func ("/core/demo-goals/weight-rule", test_weight_rule);
  g_test_add_func ("/core/demo-goals/workflow", test_workflow);
  g_test_add_func ("/core/demo-goals/checkins-match-key-results", test_checkins_match_key_results);
  g_test_add_func ("/core/demo-goals/change-requests", test_change_requests);
  g_test_add_func ("/core/demo-goals/finished-quarters-scored", test_finished_quarters_scored);
  g_test_add_func ("/core/demo-goals/deterministic", test_deterministic);
  g_test_add_func ("/core/demo-goals/today", test_today);
  g_test_add_func ("/core/demo-goals/progress", test_progress);
  g_test_add_func ("/core/demo-goals/cancel-during-goals", test_cancel_during_goals);

  result = g_test_run ();

  g_clear_object (&demo.tree);
  g_clear_object (&demo.organisation);
  g_clear_object (&demo.store);
  return result;
}
