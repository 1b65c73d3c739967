/* test-change-request.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "goals-test-utils.h"

/* Eve (E5) owns an approved objective in 2026-Q1; her manager is Dan (E4).
 * K1's target was agreed at 100. Weights 0.25 / 0.5 / 0.25. */
static const GoalsTestGoal eve_goal = {
  "G000001", "Win new hospitals", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL,
  TRELLIS_GOAL_STATE_APPROVED,
  { { "K000001", "New-customer revenue", TRELLIS_MEASURE_NUMERIC, 0, 100, 0.25, "万元" },
    { "K000002", "Signed A-class accounts", TRELLIS_MEASURE_NUMERIC, 0, 20, 0.5, NULL },
    { "K000003", "Demo visits", TRELLIS_MEASURE_NUMERIC, 0, 40, 0.25, NULL } },
};

typedef struct
{
  TrellisStore        *store;
  TrellisOrganisation *org;
  TrellisGoal         *goal;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = goals_test_open_store ();
  fixture->org = trellis_organisation_load (fixture->store, NULL, &error);
  g_assert_no_error (error);
  fixture->goal = goals_test_add_goal (fixture->store, &eve_goal);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->goal);
  g_clear_object (&fixture->org);
  g_clear_object (&fixture->store);
}

static TrellisKeyResult *
reload_key_result (Fixture    *fixture,
                   const char *goal_id,
                   const char *key_result_id,
                   TrellisGoal **out_goal)
{
  g_autoptr(GError) error = NULL;

  *out_goal = trellis_goal_repository_get_goal (fixture->store, goal_id, &error);
  g_assert_no_error (error);
  return trellis_goal_find_key_result (*out_goal, key_result_id);
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  /* Original 100. Allowed: |new − 100| ≤ limit × 100. */
  static const struct { double limit, value; const char *message; } cases[] = {
    { 0.1, 110, NULL },                 /* |10| ≤ 10 */
    { 0.1, 110.0001,                    /* 10.0001 > 10 */
      "The new target 110.0001 differs from the original 100 by 10.0001 %; "
      "this cycle allows at most 10 % (90 to 110)." },
    { 0.1, 90, NULL },                  /* |−10| ≤ 10 */
    { 0.1, 89,                          /* 11 > 10 */
      "The new target 89 differs from the original 100 by 11 %; this cycle allows at most 10 % (90 to 110)." },
    { 0.1, 130,
      "The new target 130 differs from the original 100 by 30 %; this cycle allows at most 10 % (90 to 110)." },
    { 0.2, 120, NULL },                 /* the cycle now allows 20: 20 ≤ 20 */
    { 0.2, 79.5,                        /* 20.5 > 20 */
      "The new target 79.5 differs from the original 100 by 20.5 %; this cycle allows at most 20 % (80 to 120)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;

      g_assert_true (trellis_goal_repository_set_max_adjustment (fixture->store, "2026-Q1", cases[i].limit, &error));
      g_assert_no_error (error);

      id = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                          TRELLIS_CHANGE_TARGET, cases[i].value,
                                          "Hospital tender policy changed", "E5", &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpint (id, >, 0);
          /* Clear the way for the next case: one pending request at a time. */
          g_assert_true (trellis_change_request_decide (fixture->store, id, FALSE, "E4", NULL, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_cmpint (id, ==, 0);
          g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }

  /* Three accepted requests, all rejected: the target never moved. */
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM change_requests"), ==, 3);
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT target FROM key_results WHERE id = 'K000001'"), ==, 100);
}

static void
test_approve_target (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TrellisGoal) reloaded = NULL;
  g_autofree char *notices = NULL;
  TrellisChangeRequest *r;
  TrellisKeyResult *kr;
  gint64 first, second;

  first = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                         TRELLIS_CHANGE_TARGET, 110, "Hospital tender policy changed", "E5", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 1);

  pending = trellis_change_request_list_pending (fixture->store, "E4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  r = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (r->approver_id, ==, "E4");
  g_assert_cmpint (r->status, ==, TRELLIS_CHANGE_PENDING);

  /* A second request for the same value waits for the first. */
  g_assert_cmpint (trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                                  TRELLIS_CHANGE_TARGET, 105, "Another idea", "E5", &error), ==, 0);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW);
  g_assert_cmpstr (error->message, ==, "Change request #1 for the same value is still waiting for a decision");
  g_clear_error (&error);

  /* Only Dan decides. */
  g_assert_false (trellis_change_request_decide (fixture->store, first, TRUE, "E2", NULL, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (error->message, ==, "Change request #1 is decided by Dan (E4); Bob (E2) cannot decide it");
  g_clear_error (&error);

  goals_test_tick (fixture->store, 138);   /* seed 004: 2.3 hours on average */
  g_assert_true (trellis_change_request_decide (fixture->store, first, TRUE, "E4", "Agreed with the region", &error));
  g_assert_no_error (error);

  g_assert_false (trellis_change_request_decide (fixture->store, first, FALSE, "E4", NULL, &error));
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_WORKFLOW);
  g_assert_cmpstr (error->message, ==, "Change request #1 was already approved");
  g_clear_error (&error);

  /* The target moved; the agreed original did not. */
  kr = reload_key_result (fixture, "G000001", "K000001", &reloaded);
  g_assert_cmpfloat (trellis_key_result_get_target (kr), ==, 110);
  g_assert_cmpfloat (trellis_key_result_get_original_target (kr), ==, 100);

  /* Now 95: |95 − 100| = 5 ≤ 10 of the ORIGINAL, though 110 → 95 is 13.6 %. */
  second = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                          TRELLIS_CHANGE_TARGET, 95, "Budget cut", "E5", &error);
  g_assert_no_error (error);
  goals_test_tick (fixture->store, 60);
  g_assert_true (trellis_change_request_decide (fixture->store, second, FALSE, "E4", "Keep the stretch", &error));
  g_assert_no_error (error);

  g_clear_object (&reloaded);
  kr = reload_key_result (fixture, "G000001", "K000001", &reloaded);
  g_assert_cmpfloat (trellis_key_result_get_target (kr), ==, 110);

  history = trellis_change_request_list (fixture->store, "G000001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  {
    static const struct {
      double old_value, new_value; const char *reason, *approver, *requested_at, *decided_at, *note;
      TrellisChangeStatus status;
    } expected[] = {
      { 100, 110, "Hospital tender policy changed", "E4", "2026-02-10T09:00:00Z", "2026-02-10T11:18:00Z",
        "Agreed with the region", TRELLIS_CHANGE_APPROVED },
      { 110, 95, "Budget cut", "E4", "2026-02-10T11:18:00Z", "2026-02-10T12:18:00Z",
        "Keep the stretch", TRELLIS_CHANGE_REJECTED },
    };

    for (guint i = 0; i < history->len; i++)
      {
        r = g_ptr_array_index (history, i);
        g_assert_cmpstr (r->goal_id, ==, "G000001");
        g_assert_cmpstr (r->key_result_id, ==, "K000001");
        g_assert_cmpint (r->field, ==, TRELLIS_CHANGE_TARGET);
        g_assert_cmpfloat (r->old_value, ==, expected[i].old_value);
        g_assert_cmpfloat (r->new_value, ==, expected[i].new_value);
        g_assert_cmpstr (r->reason, ==, expected[i].reason);
        g_assert_cmpstr (r->requested_by, ==, "E5");
        g_assert_cmpstr (r->approver_id, ==, expected[i].approver);
        g_assert_cmpstr (r->requested_at, ==, expected[i].requested_at);
        g_assert_cmpstr (r->decided_at, ==, expected[i].decided_at);
        g_assert_cmpstr (r->decision_note, ==, expected[i].note);
        g_assert_cmpint (r->status, ==, expected[i].status);
      }
  }

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = trellis_change_request_list_pending (fixture->store, "E4", &error);
  g_assert_cmpuint (pending->len, ==, 0);

  /* Eve hears back both times. */
  notices = goals_test_query (fixture->store, "SELECT recipient_id, message FROM notices ORDER BY id");
  g_assert_cmpstr (notices, ==,
                   "E5|Dan (E4) approved your request to change the target of “New-customer revenue” from 100 to 110."
                   " Note: Agreed with the region\n"
                   "E5|Dan (E4) rejected your request to change the target of “New-customer revenue” from 110 to 95."
                   " Note: Keep the stretch");
}

static void
test_weight (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisGoal) reloaded = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *goal_weights = NULL;
  static const struct { const char *id; double weight, original; } expected[] = {
    /* 0.25 → 0.275; the others keep their 2 : 1 ratio in the remaining
     * 0.725: 0.5 × 0.725 / 0.75 = 0.48333…, 0.25 × 0.725 / 0.75 = 0.24166… */
    { "K000001", 0.275, 0.25 },
    { "K000002", 0.5 * 0.725 / 0.75, 0.5 },
    { "K000003", 0.25 * 0.725 / 0.75, 0.25 },
  };
  double sum = 0;
  gint64 id;

  /* 0.3 is 20 % more than 0.25: over the 10 % limit. */
  g_assert_cmpint (trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                                  TRELLIS_CHANGE_WEIGHT, 0.3, "Focus on new customers", "E5",
                                                  &error), ==, 0);
  g_assert_error (error, TRELLIS_GOAL_ERROR, TRELLIS_GOAL_ERROR_OVER_LIMIT);
  g_assert_cmpstr (error->message, ==,
                   "The new weight 30 % differs from the original 25 % by 20 %; "
                   "this cycle allows at most 10 % (22.5 % to 27.5 %).");
  g_clear_error (&error);

  id = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                      TRELLIS_CHANGE_WEIGHT, 0.275, "Focus on new customers", "E5", &error);
  g_assert_no_error (error);
  g_assert_true (trellis_change_request_decide (fixture->store, id, TRUE, "E4", NULL, &error));
  g_assert_no_error (error);

  reloaded = trellis_goal_repository_get_goal (fixture->store, "G000001", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TrellisKeyResult *kr = trellis_goal_find_key_result (reloaded, expected[i].id);

      g_assert_cmpfloat_with_epsilon (trellis_key_result_get_weight (kr), expected[i].weight, 1e-12);
      g_assert_cmpfloat (trellis_key_result_get_original_weight (kr), ==, expected[i].original);
      sum += trellis_key_result_get_weight (kr);
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);

  /* The goal's own weight, 1 → 0.95 (5 % ≤ 10 %). */
  id = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, NULL,
                                      TRELLIS_CHANGE_WEIGHT, 0.95, "Shared with a new project", "E5", &error);
  g_assert_no_error (error);
  g_assert_true (trellis_change_request_decide (fixture->store, id, TRUE, "E4", NULL, &error));
  g_assert_no_error (error);
  goal_weights = goals_test_query (fixture->store, "SELECT weight, original_weight FROM goals WHERE id = 'G000001'");
  g_assert_cmpstr (goal_weights, ==, "0.95|1.0");

  notices = goals_test_query (fixture->store, "SELECT message FROM notices ORDER BY id");
  g_assert_cmpstr (notices, ==,
                   "Dan (E4) approved your request to change the weight of “New-customer revenue” from 25 % to 27.5 %.\n"
                   "Dan (E4) approved your request to change the weight of “Win new hospitals” from 100 % to 95 %.");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TrellisGoal) draft = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
    "G000002", "A draft", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, TRELLIS_GOAL_STATE_DRAFT,
    { { "K000004", "Draft KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL } },
  });
  g_autoptr(TrellisGoal) single = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
    "G000003", "One KR", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, TRELLIS_GOAL_STATE_FILED,
    { { "K000005", "Only KR", TRELLIS_MEASURE_NUMERIC, 0, 10, 1.0, NULL },
      { NULL } },
  });
  g_autoptr(TrellisGoal) milestone = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
    "G000004", "Launch", TRELLIS_GOAL_OBJECTIVE, TRELLIS_OWNER_EMPLOYEE, "E5", NULL, TRELLIS_GOAL_STATE_APPROVED,
    { { "K000006", "Launched", TRELLIS_MEASURE_MILESTONE, 0, 1, 1.0, NULL } },
  });
  const struct {
    TrellisGoal *goal; const char *kr; TrellisChangeField field; double value; const char *reason;
    int code; const char *message; const char *requester;   /* NULL: Eve */
  } cases[] = {
    { draft, "K000004", TRELLIS_CHANGE_TARGET, 10.5, "Why not", TRELLIS_GOAL_ERROR_WORKFLOW,
      "Goal “A draft” (G000002) is a draft: change requests are for approved or filed goals; "
      "a goal that is not yet approved is edited directly" },
    { fixture->goal, "K000001", TRELLIS_CHANGE_TARGET, 105, "   ", TRELLIS_GOAL_ERROR_INVALID,
      "A change request needs a reason, such as the business event behind it" },
    { fixture->goal, "K000001", TRELLIS_CHANGE_TARGET, 105, NULL, TRELLIS_GOAL_ERROR_INVALID,
      "A change request needs a reason, such as the business event behind it" },
    { fixture->goal, "K000004", TRELLIS_CHANGE_TARGET, 10.5, "Wrong goal", TRELLIS_GOAL_ERROR_NOT_FOUND,
      "Goal “Win new hospitals” (G000001) has no key result with id “K000004”" },
    { fixture->goal, "K999999", TRELLIS_CHANGE_TARGET, 10.5, "No such KR", TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no key result with id “K999999”" },
    { fixture->goal, NULL, TRELLIS_CHANGE_TARGET, 10.5, "Goal target", TRELLIS_GOAL_ERROR_INVALID,
      "A goal has no target of its own: ask to change one of its key results" },
    { fixture->goal, "K000001", TRELLIS_CHANGE_TARGET, 100, "Same", TRELLIS_GOAL_ERROR_INVALID,
      "The value is already 100: there is nothing to change" },
    { single, "K000005", TRELLIS_CHANGE_WEIGHT, 0.95, "Alone", TRELLIS_GOAL_ERROR_INVALID,
      "“Only KR” is the only key result of its goal: its weight is always 100 %" },
    { milestone, "K000006", TRELLIS_CHANGE_TARGET, 1.05, "Milestone", TRELLIS_GOAL_ERROR_INVALID,
      "“Launched” is a milestone: it is done or not, and has no target to change" },
    { fixture->goal, "K000001", TRELLIS_CHANGE_TARGET, 105, "Stranger", TRELLIS_GOAL_ERROR_NOT_FOUND,
      "There is no employee with id “X1”", "X1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (trellis_change_request_submit (fixture->store, fixture->org, cases[i].goal, cases[i].kr,
                                                      cases[i].field, cases[i].value, cases[i].reason,
                                                      cases[i].requester ? cases[i].requester : "E5",
                                                      &error), ==, 0);
      g_assert_error (error, TRELLIS_GOAL_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM change_requests"), ==, 0);
}

static void
test_approvers (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct { TrellisOwnerKind kind; const char *owner, *requester, *approver; } cases[] = {
    { TRELLIS_OWNER_EMPLOYEE, "E5", "E5", "E4" },       /* Eve's manager Dan */
    { TRELLIS_OWNER_EMPLOYEE, "E4", "E4", "E2" },       /* Dan's manager Bob */
    { TRELLIS_OWNER_DEPARTMENT, "R1-S", "E4", "E2" },   /* head Dan's manager Bob */
    { TRELLIS_OWNER_DEPARTMENT, "R1", "E2", "E1" },     /* head Bob's manager Ann */
    { TRELLIS_OWNER_DEPARTMENT, "R1-S-T1", "E5", "E4" },/* no head: the head above, Dan */
    { TRELLIS_OWNER_COMPANY, "C", "E1", "E1" },         /* the company head, Ann */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("G%06u", i + 10);
      g_autofree char *kr1 = g_strdup_printf ("K%06u", 2 * i + 10);
      g_autofree char *kr2 = g_strdup_printf ("K%06u", 2 * i + 11);
      g_autoptr(TrellisGoal) goal = goals_test_add_goal (fixture->store, &(GoalsTestGoal) {
        id, "A goal", TRELLIS_GOAL_OBJECTIVE, cases[i].kind, cases[i].owner, NULL, TRELLIS_GOAL_STATE_APPROVED,
        { { kr1, "KR one", TRELLIS_MEASURE_NUMERIC, 0, 50, 0.5, NULL },
          { kr2, "KR two", TRELLIS_MEASURE_NUMERIC, 0, 50, 0.5, NULL } },
      });
      g_autoptr(GPtrArray) pending = NULL;
      gint64 request;

      request = trellis_change_request_submit (fixture->store, fixture->org, goal, kr1, TRELLIS_CHANGE_TARGET, 52,
                                               "Market moved", cases[i].requester, &error);
      g_assert_no_error (error);
      pending = trellis_change_request_list_pending (fixture->store, cases[i].approver, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pending->len, ==, 1);
      g_assert_cmpint (((TrellisChangeRequest *)g_ptr_array_index (pending, 0))->id, ==, request);
      g_assert_true (trellis_change_request_decide (fixture->store, request, TRUE, cases[i].approver, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_audit_append_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *audit = NULL;
  static const char * const tampering[] = {
    "UPDATE audit_log SET actor_id = 'E1'",
    "UPDATE audit_log SET new_value = '200' WHERE action = 'approve-change'",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE action = 'request-change'",
  };
  gint64 id, n_rows;

  id = trellis_change_request_submit (fixture->store, fixture->org, fixture->goal, "K000001",
                                      TRELLIS_CHANGE_TARGET, 110, "Hospital tender policy changed", "E5", &error);
  g_assert_no_error (error);
  goals_test_tick (fixture->store, 60);
  g_assert_true (trellis_change_request_decide (fixture->store, id, TRUE, "E4", NULL, &error));
  g_assert_no_error (error);

  /* The request (by Eve), the new target and the decision (by Dan). */
  audit = goals_test_query (fixture->store,
                            "SELECT at, actor_id, entity, entity_id, action, field, old_value, new_value"
                            " FROM audit_log WHERE action <> 'create' ORDER BY id");
  g_assert_cmpstr (audit, ==,
                   "2026-02-10T09:00:00Z|E5|goal|G000001|request-change|K000001.target|100.0|110.0\n"
                   "2026-02-10T10:00:00Z|E4|key_result|K000001|update|target|100.0|110.0\n"
                   "2026-02-10T10:00:00Z|E4|goal|G000001|approve-change|K000001.target|100.0|110.0");
  g_assert_null (trellis_store_get_actor (fixture->store));

  n_rows = goals_test_count (fixture->store, "SELECT count(*) FROM audit_log");
  for (guint i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      g_assert_false (trellis_store_exec (fixture->store, tampering[i], &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "append-only"));
      g_clear_error (&error);
    }
  g_assert_cmpint (goals_test_count (fixture->store, "SELECT count(*) FROM audit_log"), ==, n_rows);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/change-request/limit", test_limit);
  ADD ("/core/change-request/approve-target", test_approve_target);
  ADD ("/core/change-request/weight", test_weight);
  ADD ("/core/change-request/refused", test_refused);
  ADD ("/core/change-request/approvers", test_approvers);
  ADD ("/core/change-request/audit-append-only", test_audit_append_only);
#undef ADD

  return g_test_run ();
}
