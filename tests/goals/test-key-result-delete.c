/* test-key-result-delete.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "goals-test-utils.h"

/* Eve's draft objective: three key results, 50 % + 30 % + 20 %. */
static const GoalsTestGoal eve_draft = {
  "G000001", "Grow the northern clinics", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
  TRELLIS_GOAL_STATE_DRAFT,
  { { "K000001", "Sign 12 new clinics", TRELLIS_MEASURE_NUMERIC, 0, 12, 0.5, "家" },
    { "K000002", "Win the Zhongshan tender", TRELLIS_MEASURE_MILESTONE, 0, 1, 0.3, NULL },
    { "K000003", "华东区客户满意度", TRELLIS_MEASURE_NUMERIC, 80, 90, 0.2, NULL } },
};

static void
exec_sql (TrellisStore *store,
          const char   *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* A refused removal changes nothing: same key results, same audit trail.
 * The check alone gives the same answer. */
static void
assert_refused (TrellisStore *store,
                const char   *key_result_id,
                int           code,
                const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = goals_test_query (store, "SELECT id, goal_id, weight FROM key_results ORDER BY id");
  g_autofree char *after = NULL;
  gint64 audit_rows = goals_test_count (store, "SELECT count(*) FROM audit_log");

  g_assert_false (trellis_goal_repository_check_delete_key_result (store, key_result_id, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_false (trellis_goal_repository_delete_key_result (store, key_result_id, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);

  after = goals_test_query (store, "SELECT id, goal_id, weight FROM key_results ORDER BY id");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  g_assert_false (trellis_store_in_transaction (store));
}

static void
test_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &eve_draft);
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);
  g_autoptr(TrellisGoal) reread = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *audit = NULL;
  TrellisAuditEntry *last;

  g_assert_no_error (error);

  /* Eve removes the tender at 09:30; asking first writes nothing. */
  trellis_store_set_actor (store, "E5");
  goals_test_tick (store, 30);
  g_assert_true (trellis_goal_repository_check_delete_key_result (store, "K000002", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results"), ==, 3);
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000002", &error));
  g_assert_no_error (error);
  g_assert_false (trellis_store_in_transaction (store));

  /* The others keep 50 % and 20 %: nothing is rescaled behind her back. */
  remaining = goals_test_query (store, "SELECT id, weight, position FROM key_results ORDER BY id");
  g_assert_cmpstr (remaining, ==, "K000001|0.5|0\nK000003|0.2|2");
  reread = trellis_goal_repository_get_goal (store, "G000001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trellis_goal_get_key_results (reread)->len, ==, 2);
  g_assert_null (trellis_goal_find_key_result (reread, "K000002"));

  /* Two audit lines: the goal's (so its trail still tells once the key
   * result is gone) and the key result's own, from the schema's trigger. */
  audit = goals_test_query (store,
                            "SELECT at, actor_id, entity, entity_id, action, field, old_value, new_value"
                            " FROM audit_log WHERE action <> 'create' ORDER BY id");
  g_assert_cmpstr (audit, ==,
                   "2026-02-10T09:30:00Z|E5|goal|G000001|remove-key-result|K000002|Win the Zhongshan tender|\n"
                   "2026-02-10T09:30:00Z|E5|key_result|K000002|delete||Win the Zhongshan tender|");

  trail = trellis_goal_repository_list_audit (store, "G000001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, >, 0);
  last = g_ptr_array_index (trail, trail->len - 1);
  g_assert_cmpstr (last->action, ==, "remove-key-result");
  g_assert_cmpstr (last->field, ==, "K000002");
  g_assert_cmpstr (last->old_value, ==, "Win the Zhongshan tender");

  /* 50 % + 20 % = 70 %: the submission check says so. */
  g_assert_false (trellis_goal_workflow_submit (store, org, goal, "E5", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "add up to 70 %"));
  g_clear_error (&error);

  /* Gone is gone. */
  assert_refused (store, "K000002", TRELLIS_GOAL_ERROR_NOT_FOUND, "There is no key result with id “K000002”");
}

static void
test_last_key_result (void)
{
  static const GoalsTestGoal single = {
    "G000001", "Learn the new CRM", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E6", NULL,
    TRELLIS_GOAL_STATE_RETURNED,
    { { "K000001", "Finish the CRM course", TRELLIS_MEASURE_MILESTONE, 0, 1, 1.0, NULL } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &single);
  g_autoptr(TrellisOrganisation) org = trellis_organisation_load (store, NULL, &error);

  /* A returned goal is being rewritten: it may lose its only key result,
   * and then cannot be submitted until it has one again. */
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000001", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results"), ==, 0);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM goals"), ==, 1);

  g_assert_false (trellis_goal_workflow_submit (store, org, goal, "E6", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no key results"));
}

static void
test_checkins (void)
{
  static const GoalsTestGoal fay_approved = {
    "G000002", "Cover the southern hospitals", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E6", NULL,
    TRELLIS_GOAL_STATE_APPROVED,
    { { "K000004", "Visit 40 hospitals", TRELLIS_MEASURE_NUMERIC, 0, 40, 0.6, NULL },
      { "K000005", "Run 4 training days", TRELLIS_MEASURE_NUMERIC, 0, 4, 0.4, NULL } },
  };
  static const GoalsTestGoal gus_submitted = {
    "G000003", "Open the Xiamen office", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E7", NULL,
    TRELLIS_GOAL_STATE_SUBMITTED,
    { { "K000006", "Lease signed", TRELLIS_MEASURE_MILESTONE, 0, 1, 0.5, NULL },
      { "K000007", "Hire 3 people", TRELLIS_MEASURE_NUMERIC, 0, 3, 0.5, NULL } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) eve = goals_test_add_goal (store, &eve_draft);
  g_autoptr(TrellisGoal) fay = goals_test_add_goal (store, &fay_approved);
  g_autoptr(TrellisGoal) gus = goals_test_add_goal (store, &gus_submitted);

  /* Two check-ins on Eve's clinics, one on Fay's hospitals, one on Gus's lease. */
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000001", 3, 7, NULL, "E5", NULL, &error), >, 0);
  goals_test_tick (store, 60);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000001", 5, 8, "两家新签", "E5", NULL, &error), >, 0);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000004", 9, -1, NULL, "E6", NULL, &error), >, 0);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000006", 1, -1, NULL, "E7", NULL, &error), >, 0);
  g_assert_no_error (error);

  /* A draft: its weight can still go down directly. */
  assert_refused (store, "K000001", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “Sign 12 new clinics” has 2 check-ins, which are kept as history, so the key "
                  "result cannot be removed. To stop counting it, lower its weight instead.");
  /* Approved: only a change request moves its weight. */
  assert_refused (store, "K000004", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “Visit 40 hospitals” has 1 check-in, which is kept as history, so the key "
                  "result cannot be removed. To stop counting it, ask for a change request that lowers "
                  "its weight.");
  assert_refused (store, "K000006", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “Lease signed” has 1 check-in, which is kept as history, so the key "
                  "result cannot be removed. To stop counting it, ask the approver to return the goal, "
                  "then lower its weight.");

  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM checkins"), ==, 4);

  /* Eve's key results without check-ins still go. */
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000003", &error));
  g_assert_no_error (error);
}

static void
test_workflow_state (void)
{
  static const GoalsTestGoal goals[] = {
    { "G000001", "Submitted goal", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
      TRELLIS_GOAL_STATE_SUBMITTED,
      { { "K000001", "Submitted KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL },
        { "K000002", "Other KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL } } },
    { "G000002", "新客户拓展", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_DEPARTMENT, "R1", NULL,
      TRELLIS_GOAL_STATE_APPROVED,
      { { "K000003", "新客户首单转化率", TRELLIS_MEASURE_PERCENTAGE, 0, 30, 0.5, "%" },
        { "K000004", "客户满意度", TRELLIS_MEASURE_NUMERIC, 80, 90, 0.5, NULL } } },
    { "G000003", "Filed goal", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E7", NULL,
      TRELLIS_GOAL_STATE_FILED,
      { { "K000005", "Filed KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL },
        { "K000006", "Other filed KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL } } },
    { "G000004", "Returned goal", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E9", NULL,
      TRELLIS_GOAL_STATE_RETURNED,
      { { "K000007", "Returned KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL },
        { "K000008", "Other returned KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 0.5, NULL } } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    g_object_unref (goals_test_add_goal (store, &goals[i]));

  assert_refused (store, "K000001", TRELLIS_GOAL_ERROR_WORKFLOW,
                  "Goal “Submitted goal” is waiting for approval: it cannot lose key results until the "
                  "approver returns it.");
  assert_refused (store, "K000003", TRELLIS_GOAL_ERROR_WORKFLOW,
                  "Goal “新客户拓展” is approved: its key results were agreed and cannot be removed. "
                  "To change “新客户首单转化率”, ask for a change request.");
  assert_refused (store, "K000005", TRELLIS_GOAL_ERROR_WORKFLOW,
                  "Goal “Filed goal” is filed: its key results were agreed and cannot be removed. "
                  "To change “Filed KR”, ask for a change request.");

  /* Returned: the owner is rewriting it. */
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000007", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results"), ==, 7);
}

static void
test_dependents (void)
{
  static const GoalsTestGoal company = {
    "G000001", "Acme grows", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_COMPANY, "C", "2026",
    TRELLIS_GOAL_STATE_DRAFT,
    { { "K000001", "Revenue 1.4 bn", TRELLIS_MEASURE_NUMERIC, 0, 14, 0.6, "亿元" },
      { "K000002", "300 A-class clients", TRELLIS_MEASURE_NUMERIC, 200, 300, 0.4, NULL } },
  };
  static const GoalsTestGoal north = {
    "G000002", "North grows", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_DEPARTMENT, "R1", "2026",
    TRELLIS_GOAL_STATE_DRAFT,
    { { "K000003", "North revenue 0.5 bn", TRELLIS_MEASURE_NUMERIC, 0, 5, 1.0, "亿元" } },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autofree char *rule_id = NULL;

  g_object_unref (goals_test_add_goal (store, &company));
  g_object_unref (goals_test_add_goal (store, &north));
  exec_sql (store, "UPDATE goals SET parent_kr_id = 'K000001' WHERE id = 'G000002'");

  /* More A-class clients make revenue weigh more: watches K2, moves K1. */
  rule_id = trellis_weight_rule_add (store, "Clients surge", "K000002", "value", ">", 250,
                                     "K000001", 0.7, "More clients, revenue matters more.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rule_id, ==, "WR000001");

  assert_refused (store, "K000001", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “Revenue 1.4 bn” cannot be removed while other records depend on it:\n"
                  "• goal “North grows” (G000002) is aligned to it\n"
                  "• weight rule “Clients surge” (WR000001) changes its weight\n"
                  "Align those goals to something else first.\n"
                  "Delete those weight rules first.");
  assert_refused (store, "K000002", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “300 A-class clients” cannot be removed while other records depend on it:\n"
                  "• weight rule “Clients surge” (WR000001) watches it\n"
                  "Delete those weight rules first.");

  /* Once fired, the rule explains today's weights and stays. */
  exec_sql (store, "UPDATE weight_rules SET fired_at = '2026-02-10T10:00:00Z'");
  assert_refused (store, "K000002", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “300 A-class clients” cannot be removed while other records depend on it:\n"
                  "• weight rule “Clients surge” (WR000001) watches it\n"
                  "A weight rule that has fired explains the weights it changed, so the key results it "
                  "uses stay.");

  /* The aligned goal's own key result has nothing hanging on it. */
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000003", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM goals WHERE parent_kr_id = 'K000001'"), ==, 1);
}

static void
test_many_aligned (void)
{
  static const GoalsTestGoal company = {
    "G000001", "Acme grows", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_COMPANY, "C", NULL,
    TRELLIS_GOAL_STATE_DRAFT,
    { { "K000001", "Revenue 1.4 bn", TRELLIS_MEASURE_NUMERIC, 0, 14, 0.6, NULL },
      { "K000002", "300 A-class clients", TRELLIS_MEASURE_NUMERIC, 200, 300, 0.4, NULL } },
  };
  static const char * const owners[] = { "E2", "E3", "E4", "E5", "E6", "E7", "E8" };
  g_autoptr(TrellisStore) store = goals_test_open_store ();

  g_object_unref (goals_test_add_goal (store, &company));

  /* Seven people align to K1: five are named, the last two counted. */
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *goal_id = g_strdup_printf ("G%06u", i + 2);
      g_autofree char *kr_id = g_strdup_printf ("K%06u", i + 3);
      g_autofree char *title = g_strdup_printf ("Goal %u", i + 2);
      g_autofree char *sql = g_strdup_printf ("UPDATE goals SET parent_kr_id = 'K000001' WHERE id = '%s'", goal_id);
      GoalsTestGoal spec = {
        goal_id, title, TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, owners[i], NULL,
        TRELLIS_GOAL_STATE_DRAFT,
        { { kr_id, "Own result", TRELLIS_MEASURE_NUMERIC, 0, 1, 1.0, NULL } },
      };

      g_object_unref (goals_test_add_goal (store, &spec));
      exec_sql (store, sql);
    }

  assert_refused (store, "K000001", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “Revenue 1.4 bn” cannot be removed while other records depend on it:\n"
                  "• goal “Goal 2” (G000002) is aligned to it\n"
                  "• goal “Goal 3” (G000003) is aligned to it\n"
                  "• goal “Goal 4” (G000004) is aligned to it\n"
                  "• goal “Goal 5” (G000005) is aligned to it\n"
                  "• goal “Goal 6” (G000006) is aligned to it\n"
                  "• and 2 more aligned goals\n"
                  "Align those goals to something else first.");

  /* A change request on a draft's key result only comes from a workspace
   * put together by hand; its history is kept all the same. */
  exec_sql (store,
            "INSERT INTO change_requests (goal_id, key_result_id, field, old_value, new_value, reason, requested_at)"
            " VALUES ('G000001', 'K000002', 'weight', 0.4, 0.38, '手工录入', '2026-02-10T09:00:00Z')");
  assert_refused (store, "K000002", TRELLIS_GOAL_ERROR_NOT_ALLOWED,
                  "Key result “300 A-class clients” cannot be removed while other records depend on it:\n"
                  "• 1 change request is about it");
}

/* Inside a caller's transaction the removal is part of it: rolled back
 * with it. */
static void
test_outer_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &eve_draft);

  g_assert_true (trellis_store_begin (store, &error));
  g_assert_true (trellis_goal_repository_delete_key_result (store, "K000001", &error));
  g_assert_no_error (error);
  g_assert_true (trellis_store_in_transaction (store));
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results"), ==, 2);
  trellis_store_rollback (store);

  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results"), ==, 3);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM audit_log WHERE action <> 'create'"), ==, 0);
}

/* A whole goal goes only as a draft or returned, and without check-ins;
 * its key results go with it and the trail records both. */
static void
test_delete_goal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = goals_test_open_store ();
  g_autoptr(TrellisGoal) goal = goals_test_add_goal (store, &eve_draft);
  gint64 audit_rows;

  /* Approved: refused, naming the state. */
  exec_sql (store, "UPDATE goals SET status = 'approved' WHERE id = 'G000001'");
  g_assert_false (trellis_goal_repository_delete_goal (store, "G000001", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW);
  g_assert_cmpstr (error->message, ==, "Goal “Grow the northern clinics” is Approved: only a draft or a returned "
                                       "goal can be deleted; to stop it, request a change to its weight");
  g_clear_error (&error);

  /* Returned with two check-ins on one KR: refused, counting them. */
  exec_sql (store, "UPDATE goals SET status = 'returned' WHERE id = 'G000001'");
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000001", 3, 6, NULL, "E5",
                                                        "2026-03-02T09:00:00Z", &error), >, 0);
  g_assert_cmpint (trellis_goal_repository_add_checkin (store, "K000001", 5, 7, NULL, "E5",
                                                        "2026-03-09T09:00:00Z", &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (trellis_goal_repository_delete_goal (store, "G000001", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Goal “Grow the northern clinics” has 2 check-ins, which are kept as history, "
                                       "so the goal cannot be deleted");
  g_clear_error (&error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results WHERE goal_id = 'G000001'"), ==, 3);

  /* The schema holds the line too, even against a cascade. */
  g_assert_false (trellis_store_exec (store, "DELETE FROM key_results WHERE id = 'K000001'", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "check-ins are history and cannot be deleted"));
  g_clear_error (&error);
  g_assert_false (trellis_store_exec (store, "DELETE FROM checkins", &error));
  g_clear_error (&error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM checkins"), ==, 2);

  g_assert_false (trellis_goal_repository_delete_goal (store, "G999999", &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A fresh draft with no history goes, with its three KRs: four audit rows. */
  g_clear_object (&goal);
  goal = goals_test_add_goal (store, &(GoalsTestGoal) {
    "G000002", "Learn the tender process", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
    TRELLIS_GOAL_STATE_DRAFT,
    { { "K000011", "Read the rules", TRELLIS_MEASURE_MILESTONE, 0, 1, 0.5, NULL },
      { "K000012", "Shadow a bid", TRELLIS_MEASURE_MILESTONE, 0, 1, 0.3, NULL },
      { "K000013", "Write a bid", TRELLIS_MEASURE_MILESTONE, 0, 1, 0.2, NULL } },
  });
  audit_rows = goals_test_count (store, "SELECT count(*) FROM audit_log");
  g_assert_true (trellis_goal_repository_delete_goal (store, "G000002", &error));
  g_assert_no_error (error);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM goals WHERE id = 'G000002'"), ==, 0);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM key_results WHERE goal_id = 'G000002'"), ==, 0);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_rows + 4);
  g_assert_cmpint (goals_test_count (store, "SELECT count(*) FROM audit_log WHERE action = 'delete'"
                                            " AND entity_id IN ('G000002', 'K000011', 'K000012', 'K000013')"), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/key-result-delete/draft", test_draft);
  g_test_add_func ("/core/key-result-delete/last-key-result", test_last_key_result);
  g_test_add_func ("/core/key-result-delete/checkins", test_checkins);
  g_test_add_func ("/core/key-result-delete/workflow-state", test_workflow_state);
  g_test_add_func ("/core/key-result-delete/dependents", test_dependents);
  g_test_add_func ("/core/key-result-delete/many-aligned", test_many_aligned);
  g_test_add_func ("/core/key-result-delete/outer-transaction", test_outer_transaction);
  g_test_add_func ("/core/key-result-delete/delete-goal", test_delete_goal);

  return g_test_run ();
}
