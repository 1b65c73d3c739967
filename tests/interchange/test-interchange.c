/* test-interchange.c
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

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "trellis-core.h"

/* JSON in this file is written with single quotes to stay readable; quote()
 * turns them into double quotes. No test string needs a real apostrophe. */
static char *
quote (const char *text)
{
  char *result = g_strdup (text);

  g_strdelimit (result, "'", '"');
  return result;
}

/* The start of a version 1 file, in the same quoting. */
#define HEAD "{'format':'trellis','version':1,"

/* A small workspace, written exactly as the exporter writes it: importing it
 * and exporting again must give these bytes back. */
static const char fixture[] =
  "{\n"
  "  'format' : 'trellis',\n"
  "  'version' : 1,\n"
  "  'departments' : [\n"
  "    {\n"
  "      'id' : 'D1',\n"
  "      'name' : '总部',\n"
  "      'kind' : 'company',\n"
  "      'parent' : null,\n"
  "      'head' : 'E1'\n"
  "    },\n"
  "    {\n"
  "      'id' : 'D2',\n"
  "      'name' : '华东大区',\n"
  "      'kind' : 'region',\n"
  "      'parent' : 'D1',\n"
  "      'head' : null\n"
  "    }\n"
  "  ],\n"
  "  'employees' : [\n"
  "    {\n"
  "      'id' : 'E1',\n"
  "      'name' : '张伟',\n"
  "      'english_name' : 'Wei Zhang',\n"
  "      'email' : 'wei.zhang@example.com',\n"
  "      'title' : 'General Manager',\n"
  "      'level' : 'M5',\n"
  "      'department' : 'D1',\n"
  "      'manager' : null,\n"
  "      'hire_date' : '2015-03-01',\n"
  "      'active' : true\n"
  "    },\n"
  "    {\n"
  "      'id' : 'E2',\n"
  "      'name' : '李娜',\n"
  "      'english_name' : null,\n"
  "      'email' : null,\n"
  "      'title' : null,\n"
  "      'level' : null,\n"
  "      'department' : 'D2',\n"
  "      'manager' : 'E1',\n"
  "      'hire_date' : null,\n"
  "      'active' : false\n"
  "    }\n"
  "  ],\n"
  "  'cycles' : [\n"
  "    {\n"
  "      'id' : '2026',\n"
  "      'kind' : 'year',\n"
  "      'name' : '2026',\n"
  "      'start' : '2026-01-01',\n"
  "      'end' : '2026-12-31',\n"
  "      'parent' : null,\n"
  "      'max_adjustment' : 0.1\n"
  "    },\n"
  "    {\n"
  "      'id' : '2026-Q1',\n"
  "      'kind' : 'quarter',\n"
  "      'name' : '2026 Q1',\n"
  "      'start' : '2026-01-01',\n"
  "      'end' : '2026-03-31',\n"
  "      'parent' : '2026',\n"
  "      'max_adjustment' : 0.05\n"
  "    }\n"
  "  ],\n"
  "  'goals' : [\n"
  "    {\n"
  "      'id' : 'G1',\n"
  "      'kind' : 'objective',\n"
  "      'title' : '提升华东大区销售额',\n"
  "      'description' : null,\n"
  "      'owner_kind' : 'department',\n"
  "      'department' : 'D2',\n"
  "      'employee' : null,\n"
  "      'cycle' : '2026-Q1',\n"
  "      'parent_goal' : null,\n"
  "      'parent_kr' : null,\n"
  "      'category' : 'business',\n"
  "      'origin' : 'assigned',\n"
  "      'weight' : 1,\n"
  "      'original_weight' : 1,\n"
  "      'state' : 'approved',\n"
  "      'approval_step' : 0,\n"
  "      'position' : 0,\n"
  "      'created_at' : '2026-01-05T01:30:00Z'\n"
  "    },\n"
  "    {\n"
  "      'id' : 'G2',\n"
  "      'kind' : 'objective',\n"
  "      'title' : '完成个人销售指标',\n"
  "      'description' : '重点医院优先',\n"
  "      'owner_kind' : 'employee',\n"
  "      'department' : null,\n"
  "      'employee' : 'E2',\n"
  "      'cycle' : '2026-Q1',\n"
  "      'parent_goal' : null,\n"
  "      'parent_kr' : 'K1',\n"
  "      'category' : 'business',\n"
  "      'origin' : 'self',\n"
  "      'weight' : 0.8,\n"
  "      'original_weight' : 0.8,\n"
  "      'state' : 'submitted',\n"
  "      'approval_step' : 0,\n"
  "      'position' : 0,\n"
  "      'created_at' : '2026-01-06T02:00:00Z'\n"
  "    }\n"
  "  ],\n"
  "  'key_results' : [\n"
  "    {\n"
  "      'id' : 'K1',\n"
  "      'goal' : 'G1',\n"
  "      'title' : '区域销售额',\n"
  "      'measure' : 'numeric',\n"
  "      'baseline' : 0,\n"
  "      'target' : 1200,\n"
  "      'original_target' : 1300,\n"
  "      'current' : 450.5,\n"
  "      'unit' : '万元',\n"
  "      'commitment' : 'committed',\n"
  "      'weight' : 0.65,\n"
  "      'original_weight' : 0.75,\n"
  "      'position' : 0,\n"
  "      'last_checkin_at' : '2026-02-20T08:00:00Z',\n"
  "      'previous_value' : 300,\n"
  "      'confidence' : 7\n"
  "    },\n"
  "    {\n"
  "      'id' : 'K2',\n"
  "      'goal' : 'G1',\n"
  "      'title' : '新客户首单转化率',\n"
  "      'measure' : 'percentage',\n"
  "      'baseline' : 20,\n"
  "      'target' : 30,\n"
  "      'original_target' : 30,\n"
  "      'current' : 20,\n"
  "      'unit' : '%',\n"
  "      'commitment' : 'aspirational',\n"
  "      'weight' : 0.35,\n"
  "      'original_weight' : 0.25,\n"
  "      'position' : 1,\n"
  "      'last_checkin_at' : null,\n"
  "      'previous_value' : null,\n"
  "      'confidence' : null\n"
  "    },\n"
  "    {\n"
  "      'id' : 'K3',\n"
  "      'goal' : 'G2',\n"
  "      'title' : '完成招标方案',\n"
  "      'measure' : 'milestone',\n"
  "      'baseline' : 0,\n"
  "      'target' : 1,\n"
  "      'original_target' : 1,\n"
  "      'current' : 0,\n"
  "      'unit' : null,\n"
  "      'commitment' : 'committed',\n"
  "      'weight' : 1,\n"
  "      'original_weight' : 1,\n"
  "      'position' : 0,\n"
  "      'last_checkin_at' : null,\n"
  "      'previous_value' : null,\n"
  "      'confidence' : null\n"
  "    }\n"
  "  ],\n"
  "  'checkins' : [\n"
  "    {\n"
  "      'id' : 1,\n"
  "      'key_result' : 'K1',\n"
  "      'value' : 300,\n"
  "      'confidence' : 6,\n"
  "      'note' : '按计划拜访客户',\n"
  "      'author' : 'E1',\n"
  "      'at' : '2026-02-06T08:00:00Z'\n"
  "    },\n"
  "    {\n"
  "      'id' : 2,\n"
  "      'key_result' : 'K1',\n"
  "      'value' : 450.5,\n"
  "      'confidence' : 7,\n"
  "      'note' : null,\n"
  "      'author' : 'E1',\n"
  "      'at' : '2026-02-20T08:00:00Z'\n"
  "    }\n"
  "  ],\n"
  "  'checkin_evidence' : [\n"
  "    {\n"
  "      'id' : 1,\n"
  "      'checkin' : 2,\n"
  "      'file_name' : 'visit.txt',\n"
  "      'content_type' : 'text/plain',\n"
  "      'sha256' : '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',\n"
  "      'data' : 'aGVsbG8='\n"
  "    }\n"
  "  ],\n"
  "  'goal_approvals' : [\n"
  "    {\n"
  "      'id' : 1,\n"
  "      'goal' : 'G1',\n"
  "      'action' : 'submit',\n"
  "      'step' : 0,\n"
  "      'actor' : 'E1',\n"
  "      'comment' : null,\n"
  "      'at' : '2026-01-05T02:00:00Z'\n"
  "    },\n"
  "    {\n"
  "      'id' : 2,\n"
  "      'goal' : 'G1',\n"
  "      'action' : 'approve',\n"
  "      'step' : 0,\n"
  "      'actor' : 'E1',\n"
  "      'comment' : '同意',\n"
  "      'at' : '2026-01-06T02:00:00Z'\n"
  "    }\n"
  "  ],\n"
  "  'change_requests' : [\n"
  "    {\n"
  "      'id' : 1,\n"
  "      'goal' : 'G1',\n"
  "      'key_result' : 'K1',\n"
  "      'field' : 'target',\n"
  "      'old_value' : 1300,\n"
  "      'new_value' : 1200,\n"
  "      'reason' : '某医院招标政策突变',\n"
  "      'requested_by' : 'E1',\n"
  "      'requested_at' : '2026-02-10T03:00:00Z',\n"
  "      'approver' : 'E1',\n"
  "      'status' : 'approved',\n"
  "      'decided_at' : '2026-02-11T03:00:00Z',\n"
  "      'decision_note' : null\n"
  "    }\n"
  "  ],\n"
  "  'weight_rules' : [\n"
  "    {\n"
  "      'id' : 'WR1',\n"
  "      'name' : '签约增长调权',\n"
  "      'watch_kr' : 'K1',\n"
  "      'metric' : 'progress',\n"
  "      'comparison' : '>=',\n"
  "      'threshold' : 0.5,\n"
  "      'target_kr' : 'K2',\n"
  "      'new_weight' : 0.35,\n"
  "      'explanation' : '',\n"
  "      'fired_at' : null\n"
  "    }\n"
  "  ],\n"
  "  'notices' : [\n"
  "    {\n"
  "      'id' : 1,\n"
  "      'goal' : 'G1',\n"
  "      'recipient' : 'E1',\n"
  "      'at' : '2026-02-11T03:00:00Z',\n"
  "      'message' : '目标调整申请已批准'\n"
  "    }\n"
  "  ]\n"
  "}\n";

static TrellisStore *
open_memory_store (void)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_store_open (":memory:", &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
export_or_fail (TrellisStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = trellis_interchange_export (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
import_or_fail (TrellisStore *store,
                const char   *json)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = trellis_interchange_import (store, json, -1, "fixture.json", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static TrellisStore *
open_fixture_store (void)
{
  TrellisStore *store = open_memory_store ();
  g_autofree char *json = quote (fixture);

  import_or_fail (store, json);
  return store;
}

static void
assert_count (TrellisStore *store,
              const char   *table,
              gint64        expected)
{
  g_autoptr(GError) error = NULL;
  gint64 n = trellis_store_count_rows (store, table, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, ==, expected);
}

/* Export */

static void
test_export_empty (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autofree char *text = export_or_fail (store);
  g_autofree char *expected = quote ("{\n"
                                     "  'format' : 'trellis',\n"
                                     "  'version' : 1,\n"
                                     "  'departments' : [],\n"
                                     "  'employees' : [],\n"
                                     "  'cycles' : [],\n"
                                     "  'goals' : [],\n"
                                     "  'key_results' : [],\n"
                                     "  'checkins' : [],\n"
                                     "  'checkin_evidence' : [],\n"
                                     "  'goal_approvals' : [],\n"
                                     "  'change_requests' : [],\n"
                                     "  'weight_rules' : [],\n"
                                     "  'notices' : []\n"
                                     "}\n");

  g_assert_cmpstr (text, ==, expected);
}

static void
test_export_fixture (void)
{
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autofree char *expected = quote (fixture);
  g_autofree char *text = export_or_fail (store);

  g_assert_cmpstr (text, ==, expected);
  assert_count (store, "departments", 2);
  assert_count (store, "employees", 2);
  assert_count (store, "cycles", 2);
  assert_count (store, "goals", 2);
  assert_count (store, "key_results", 3);
  assert_count (store, "checkins", 2);
  assert_count (store, "checkin_evidence", 1);
  assert_count (store, "goal_approvals", 2);
  assert_count (store, "change_requests", 1);
  assert_count (store, "weight_rules", 1);
  assert_count (store, "notices", 1);
}

/* Numbers are written in their shortest form and read back exactly;
 * strings escape what JSON needs escaped, and nothing else. */
static void
test_export_numbers_and_text (void)
{
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  JsonObject *kr;
  sqlite3_stmt *stmt;

  stmt = trellis_store_prepare (store, "UPDATE key_results SET current = 1.0 / 3, previous_value = 0.1 + 0.2,"
                                       " title = 'a\"b\\c' || char (9, 10, 31, 127) || '中' WHERE id = 'K1'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  text = export_or_fail (store);
  g_assert_nonnull (strstr (text, "\"current\" : 0.3333333333333333,"));
  g_assert_nonnull (strstr (text, "\"previous_value\" : 0.30000000000000004,"));
  g_assert_nonnull (strstr (text, "\"title\" : \"a\\\"b\\\\c\\t\\n\\u001f\\u007f中\","));
  g_assert_nonnull (strstr (text, "\"weight\" : 0.65,"));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  kr = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                    "key_results"), 0);
  g_assert_cmpfloat (json_object_get_double_member (kr, "current"), ==, 1.0 / 3);
  g_assert_cmpfloat (json_object_get_double_member (kr, "previous_value"), ==, 0.1 + 0.2);

  /* And the round trip of those bytes is exact. */
  {
    g_autoptr(TrellisStore) copy = open_memory_store ();
    import_or_fail (copy, text);
    again = export_or_fail (copy);
    g_assert_cmpstr (again, ==, text);
  }
}

/* Records are written sorted by id in byte order, whatever order the file
 * or the database had them in. */
static void
test_export_sorted (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = quote ("{'format':'trellis','version':1,"
                                 "'departments':[{'id':'b','name':'B','kind':'team'},"
                                 "{'id':'a','name':'A','kind':'team'},"
                                 "{'id':'B','name':'B2','kind':'team'},"
                                 "{'id':'a10','name':'A10','kind':'team'},"
                                 "{'id':'a9','name':'A9','kind':'team'}]}");
  g_autofree char *text = NULL;
  const char * const expected[] = { "B", "a", "a10", "a9", "b" };
  JsonArray *departments;

  import_or_fail (store, json);
  text = export_or_fail (store);

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  departments = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "departments");
  g_assert_cmpuint (json_array_get_length (departments), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (departments, i),
                                                    "id"), ==, expected[i]);
}

static void
test_export_file (void)
{
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trellis-interchange-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = quote (fixture);
  GStatBuf info;

  g_assert_no_error (error);
  path = g_build_filename (dir, "out.json", NULL);

  g_assert_true (trellis_interchange_export_file (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);

  /* The file holds personal data. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  g_unlink (path);
  g_rmdir (dir);
}

/* Round trip */

static void
test_round_trip_demo (void)
{
  g_autoptr(TrellisStore) source = open_memory_store ();
  g_autoptr(TrellisStore) copy = open_memory_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  TrellisDemoOptions options;
  const char * const *tables = trellis_store_list_tables ();

  /* The whole seed 004 demo: organisation, a year of goals, check-ins,
   * approvals, change requests, the weight rules and their notices. */
  trellis_demo_options_init (&options, 2026);
  g_date_set_dmy (&options.today, 22, G_DATE_NOVEMBER, 2026);
  g_assert_true (trellis_demo_generate (source, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  first = export_or_fail (source);
  g_assert_true (trellis_interchange_import (copy, first, -1, "demo.json",
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  second = export_or_fail (copy);

  g_assert_cmpuint (strlen (first), ==, strlen (second));
  g_assert_true (strcmp (first, second) == 0);

  /* Everything but the workspace's own facts and configuration (settings,
   * templates and the KR library are not part of the format yet) and the
   * audit trail, which records the import itself. */
  for (guint i = 0; tables[i] != NULL; i++)
    {
      static const char * const not_exported[] = {
        "workspace_meta", "audit_log", "kr_library", "goal_templates", "goal_template_key_results", NULL
      };

      if (g_strv_contains (not_exported, tables[i]))
        continue;
      assert_count (copy, tables[i], trellis_store_count_rows (source, tables[i], NULL));
    }
  assert_count (copy, "employees", 2100);
  g_assert_cmpint (trellis_store_count_rows (copy, "checkins", NULL), >, 50000);
  g_assert_cmpint (trellis_store_count_rows (copy, "weight_rules", NULL), ==, 2);
}

/* Import of valid files */

/* Fields that may be null may be left out; "active" defaults to true;
 * "" in an optional text field is null; unknown fields are ignored; records
 * may refer to records already in the workspace. */
static void
test_import_lenient (void)
{
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisEmployee) employee = NULL;
  g_autofree char *json = quote ("{'format':'trellis','version':1,'comment':'from HR',"
                                 "'future_array':[{'x':1}],"
                                 "'employees':[{'id':'E3','name':'王芳','department':'D2',"
                                 "'manager':'E2','email':'','nickname':'Fang'}]}");

  import_or_fail (store, json);

  employee = trellis_org_repository_get_employee (store, "E3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_employee_get_name (employee), ==, "王芳");
  g_assert_cmpstr (trellis_employee_get_manager_id (employee), ==, "E2");
  g_assert_null (trellis_employee_get_email (employee));
  g_assert_null (trellis_employee_get_hire_date (employee));
  g_assert_true (trellis_employee_get_active (employee));
  assert_count (store, "employees", 3);
}

/* Forward references inside the file: a department whose head comes later,
 * an employee whose manager comes later, a cycle whose parent comes later. */
static void
test_import_forward_references (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autofree char *json = quote ("{'format':'trellis','version':1,"
                                 "'cycles':[{'id':'c2','kind':'month','name':'Jan','start':'2026-01-01',"
                                 "'end':'2026-01-31','parent':'c1'},"
                                 "{'id':'c1','kind':'year','name':'2026','start':'2026-01-01',"
                                 "'end':'2026-12-31','parent':null}],"
                                 "'employees':[{'id':'e2','name':'B','department':'d2','manager':'e1'},"
                                 "{'id':'e1','name':'A','department':'d1'}],"
                                 "'departments':[{'id':'d2','name':'Sub','kind':'team','parent':'d1',"
                                 "'head':'e2'},{'id':'d1','name':'Top','kind':'company'}]}");

  import_or_fail (store, json);
  assert_count (store, "departments", 2);
  assert_count (store, "employees", 2);
  assert_count (store, "cycles", 2);
}

static void
test_import_bom (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autofree char *json = quote ("\xEF\xBB\xBF{'format':'trellis','version':1,"
                                 "'departments':[{'id':'d1','name':'Top','kind':'company'}]}");

  import_or_fail (store, json);
  assert_count (store, "departments", 1);
}

typedef struct {
  guint    calls;
  double   last;
  gboolean monotonic;
  char    *cancel_on;
  GCancellable *cancellable;
} ProgressLog;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  g_assert_nonnull (message);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (fraction < log->last)
    log->monotonic = FALSE;
  log->last = fraction;
  log->calls++;

  if (log->cancel_on != NULL && strcmp (message, log->cancel_on) == 0)
    g_cancellable_cancel (log->cancellable);
}

/* A file with many employees, so progress and cancellation checks run in
 * the middle of each phase. */
static char *
build_big_json (guint n_employees)
{
  GString *json = g_string_new ("{\"format\":\"trellis\",\"version\":1,"
                                "\"departments\":[{\"id\":\"D\",\"name\":\"Top\","
                                "\"kind\":\"company\"}],\"employees\":[");

  for (guint i = 0; i < n_employees; i++)
    g_string_append_printf (json, "%s{\"id\":\"E%05u\",\"name\":\"Person %u\",\"department\":\"D\","
                            "\"manager\":%s%s%s}",
                            i > 0 ? "," : "", i, i,
                            i > 0 ? "\"E" : "", i > 0 ? "00000" : "null", i > 0 ? "\"" : "");
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static void
test_import_progress (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = build_big_json (5000);
  ProgressLog log = { 0, 0.0, TRUE, NULL, NULL };

  g_assert_true (trellis_interchange_import (store, json, -1, "big.json",
                                             on_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >=, 5);
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);
  assert_count (store, "employees", 5000);
}

static void
test_import_cancel (gconstpointer data)
{
  const char *cancel_on = data;
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = build_big_json (5000);
  g_autofree char *before = export_or_fail (store);
  g_autofree char *after = NULL;
  ProgressLog log = { 0, 0.0, TRUE, (char *) cancel_on, cancellable };

  /* NULL: cancelled before the import starts. */
  if (cancel_on == NULL)
    g_cancellable_cancel (cancellable);

  g_assert_false (trellis_interchange_import (store, json, -1, "big.json",
                                              on_progress, &log, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (trellis_store_in_transaction (store));

  after = export_or_fail (store);
  g_assert_cmpstr (after, ==, before);
}

/* Inside a caller's transaction, a rejected file leaves that transaction
 * (and what it wrote) alone; an accepted one joins it. */
static void
test_import_inside_transaction (void)
{
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = quote (HEAD "'employees':[{'id':'E4','name':'N','department':'D9'}]}");
  g_autofree char *good = quote (HEAD "'employees':[{'id':'E5','name':'N','department':'D1'}]}");
  g_autoptr(TrellisDepartment) department = trellis_department_new ("D3", "New team",
                                                                    TRELLIS_DEPARTMENT_TEAM,
                                                                    "D2", NULL);

  g_assert_true (trellis_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_org_repository_insert_department (store, department, &error));
  g_assert_no_error (error);

  g_assert_false (trellis_interchange_import (store, bad, -1, "bad.json", NULL, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD);
  g_clear_error (&error);
  g_assert_true (trellis_store_in_transaction (store));

  g_assert_true (trellis_interchange_import (store, good, -1, "good.json", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_store_in_transaction (store));

  g_assert_true (trellis_store_commit (store, &error));
  g_assert_no_error (error);
  assert_count (store, "departments", 3);
  assert_count (store, "employees", 3);
}

static void
test_import_file_errors (void)
{
  g_autoptr(TrellisStore) store = open_memory_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("trellis-interchange-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "people.json", NULL);
  missing = g_build_filename (dir, "missing.json", NULL);

  g_assert_true (g_file_set_contents (path, "{\"format\":\"trellis\",\n\"version\":1,\n"
                                      "\"employees\":[{\"id\":\"E1\"}]}", -1, &error));
  g_assert_no_error (error);

  g_assert_false (trellis_interchange_import_file (store, path, NULL, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD);
  g_assert_cmpstr (error->message, ==,
                   "people.json: employees[0] (id \"E1\"): field \"name\": required field is missing");
  g_clear_error (&error);

  g_assert_false (trellis_interchange_import_file (store, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (path);
  g_rmdir (dir);
}

/* Broken input: each case names the error and fragments of its message; the
 * workspace (holding the fixture) must be unchanged afterwards. */

#define EMP(id, extra) "{'id':'" id "','name':'N','department':'D1'" extra "}"
#define DEPT(id, extra) "{'id':'" id "','name':'N','kind':'team'" extra "}"
#define CYC(id, extra) "{'id':'" id "','kind':'month','name':'N','start':'2026-01-01'," \
                       "'end':'2026-01-31'" extra "}"
/* A department goal of D1 in 2026-Q1; later members override earlier ones. */
#define GOAL(id, extra) "{'id':'" id "','kind':'objective','title':'T','owner_kind':'department'," \
                        "'department':'D1','cycle':'2026-Q1','category':'business','origin':'assigned'," \
                        "'weight':1,'state':'draft'" extra "}"
#define KR(id, goal, extra) "{'id':'" id "','goal':'" goal "','title':'T','measure':'numeric'," \
                            "'baseline':0,'target':10,'commitment':'committed','weight':1" extra "}"
#define EVIDENCE(id, checkin, data) "{'id':" id ",'checkin':" checkin ",'file_name':'a.txt'," \
                                    "'sha256':'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'," \
                                    "'data':" data "}"
#define CHANGE(id, goal, kr, reason) "{'id':" id ",'goal':" goal ",'key_result':" kr ",'field':'target'," \
                                     "'old_value':1200,'new_value':1100,'reason':" reason "," \
                                     "'requested_at':'2026-02-10T00:00:00Z','status':'pending'}"

typedef struct {
  const char          *name;
  const char          *json;
  char              *(*build) (void);
  TrellisImportError   code;
  const char          *fragments[4];
} BrokenCase;

/* The example of the issue: the thirteenth employee has an unknown manager. */
static char *
build_thirteenth_employee (void)
{
  GString *json = g_string_new (HEAD "'employees':[");

  for (guint i = 1; i <= 13; i++)
    g_string_append_printf (json, "%s{'id':'E%05u','name':'N','department':'D1','manager':'%s'}",
                            i > 1 ? "," : "", i, i == 13 ? "E99999" : "E1");
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static const BrokenCase broken_cases[] = {
  /* The file as a whole */
  { "bad-json", "{'format':'trellis',\n'version':1,,}", NULL, TRELLIS_IMPORT_ERROR_PARSE,
    { "people.json:2:", "Parse error" } },
  { "truncated", HEAD "'employees':[" EMP ("E3", ""), NULL, TRELLIS_IMPORT_ERROR_PARSE,
    { "people.json:1:", "Parse error" } },
  { "empty", "", NULL, TRELLIS_IMPORT_ERROR_PARSE, { "people.json: ", "empty" } },
  { "not-utf8", "{'format':'trellis','version':1,'x':'\xff'}", NULL, TRELLIS_IMPORT_ERROR_PARSE,
    { "people.json: ", "UTF-8" } },
  { "top-level-array", "[1, 2]", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "people.json: not a Trellis file", "got an array" } },
  { "wrong-format", "{'format':'lattice','version':1}", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "people.json: not a Trellis file", "\"format\" must be \"trellis\"" } },
  { "missing-format", "{'version':1,'employees':[]}", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "people.json: not a Trellis file" } },
  { "newer-version", "{'format':'trellis','version':2,'employees':[]}", NULL,
    TRELLIS_IMPORT_ERROR_VERSION, { "people.json: written by a newer Trellis", "version 2" } },
  { "version-string", "{'format':'trellis','version':'1'}", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "people.json: \"version\" must be a whole number" } },
  { "version-zero", "{'format':'trellis','version':0}", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "\"version\"" } },
  { "array-is-object", HEAD "'employees':{}}", NULL, TRELLIS_IMPORT_ERROR_FORMAT,
    { "people.json: \"employees\" must be an array, got an object" } },

  /* Shape of one record */
  { "record-not-object", HEAD "'employees':[" EMP ("E3", "") ",42]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[1]: expected an object, got a number" } },
  { "missing-id", HEAD "'employees':[{'name':'N','department':'D1'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[0]: field \"id\": required field is missing" } },
  { "empty-id", HEAD "'departments':[" DEPT ("", "") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: departments[0]: field \"id\": an id must not be empty" } },
  { "numeric-id", HEAD "'employees':[{'id':7,'name':'N','department':'D1'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0]: field \"id\": expected a string, got a number" } },
  { "missing-name", HEAD "'employees':[" EMP ("E3", "") ",{'id':'E4','department':'D1'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[1] (id \"E4\"): field \"name\": required field is missing" } },
  { "empty-name", HEAD "'departments':[{'id':'D3','name':'','kind':'team'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"name\": must not be empty" } },
  { "name-is-boolean", HEAD "'employees':[{'id':'E3','name':true,'department':'D1'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"name\": expected a string, got a boolean" } },
  { "missing-department", HEAD "'employees':[{'id':'E3','name':'N'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"department\": required field is missing" } },
  { "null-department", HEAD "'employees':[{'id':'E3','name':'N','department':null}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"department\": must not be null" } },
  { "email-is-array", HEAD "'employees':[" EMP ("E3", ",'email':['a']") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"email\": expected a string or null, got an array" } },
  { "manager-empty", HEAD "'employees':[" EMP ("E3", ",'manager':''") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"manager\": an id must not be empty" } },
  { "active-is-string", HEAD "'employees':[" EMP ("E3", ",'active':'yes'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"active\": expected true or false, got a string" } },
  { "bad-department-kind", HEAD "'departments':[{'id':'D3','name':'N','kind':'division'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"kind\": \"division\" is not one of company, region, "
      "department, team" } },
  { "bad-cycle-kind", HEAD "'cycles':[{'id':'C','kind':'decade','name':'N','start':'2026-01-01',"
    "'end':'2026-01-31'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"kind\": \"decade\" is not one of year, half, quarter, "
      "month, week" } },
  { "bad-date", HEAD "'employees':[" EMP ("E3", ",'hire_date':'2024-02-30'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"hire_date\": \"2024-02-30\" is not a date" } },
  { "date-with-slashes", HEAD "'employees':[" EMP ("E3", ",'hire_date':'2024/01/05'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"hire_date\": \"2024/01/05\" is not a date in the form YYYY-MM-DD" } },
  { "date-not-padded", HEAD "'cycles':[{'id':'C','kind':'month','name':'N','start':'2026-1-1',"
    "'end':'2026-01-31'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"start\": \"2026-1-1\" is not a date" } },
  { "date-is-number", HEAD "'employees':[" EMP ("E3", ",'hire_date':20240105") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"hire_date\": expected a string or null, got a number" } },
  { "cycle-missing-end", HEAD "'cycles':[{'id':'C','kind':'month','name':'N',"
    "'start':'2026-01-01'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"end\": required field is missing" } },
  { "cycle-end-before-start", HEAD "'cycles':[{'id':'C','kind':'quarter','name':'N',"
    "'start':'2026-03-01','end':'2026-01-31'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"end\": 2026-01-31 is before the start 2026-03-01" } },

  /* Ids */
  { "duplicate-id", HEAD "'employees':[" EMP ("E3", "") "," EMP ("E4", "") "," EMP ("E3", "") "]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[2] (id \"E3\"): field \"id\": duplicate id, already used by "
      "employees[0]" } },
  { "id-in-workspace", HEAD "'employees':[" EMP ("E3", "") "," EMP ("E1", "") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[1] (id \"E1\"): field \"id\": \"E1\" already exists in the "
      "workspace" } },
  { "cycle-id-in-workspace", HEAD "'cycles':[" CYC ("2026-Q1", "") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"2026-Q1\"): field \"id\": \"2026-Q1\" already exists" } },

  /* References */
  { "unknown-manager", NULL, build_thirteenth_employee, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[12] (id \"E00013\"): field \"manager\": no employee with id "
      "\"E99999\"" } },
  { "unknown-department", HEAD "'employees':[{'id':'E3','name':'N','department':'D9'}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"E3\"): field \"department\": no department with id \"D9\"" } },
  { "unknown-parent-department", HEAD "'departments':[" DEPT ("D3", ",'parent':'D9'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"parent\": no department with id \"D9\"" } },
  { "unknown-head", HEAD "'departments':[" DEPT ("D3", ",'head':'E9'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"head\": no employee with id \"E9\"" } },
  { "unknown-cycle-parent", HEAD "'cycles':[" CYC ("C", ",'parent':'2025'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"parent\": no cycle with id \"2025\"" } },
  { "reference-to-wrong-kind", HEAD "'employees':[" EMP ("E3", ",'manager':'D1'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"manager\": no employee with id \"D1\"" } },

  /* Loops */
  { "manager-loop", HEAD "'employees':[" EMP ("E3", "") "," EMP ("A", ",'manager':'B'") ","
    EMP ("B", ",'manager':'A'") "]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: employees[1] (id \"A\"): field \"manager\": ", "loop", "N (A) → N (B) → N (A)" } },
  { "manager-self-loop", HEAD "'employees':[" EMP ("A", ",'manager':'A'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"A\"): field \"manager\": ", "loop" } },
  { "manager-loop-through-existing-chain", HEAD "'employees':[" EMP ("X", ",'manager':'Y'") ","
    EMP ("Y", ",'manager':'Z'") "," EMP ("Z", ",'manager':'X'") "," EMP ("W", ",'manager':'E2'")
    "]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "employees[0] (id \"X\"): field \"manager\": ", "N (X) → N (Y) → N (Z) → N (X)" } },
  { "department-loop", HEAD "'departments':[" DEPT ("D3", ",'parent':'D4'") ","
    DEPT ("D4", ",'parent':'D3'") "]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"parent\": ", "loop" } },
  { "cycle-loop", HEAD "'cycles':[" CYC ("C1", ",'parent':'C2'") "," CYC ("C2", ",'parent':'C1'")
    "]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C1\"): field \"parent\": ", "loop" } },

  /* Goals and what hangs off them (the fixture holds goals G1, G2, key
   * results K1–K3, check-ins 1–2) */
  { "goal-unknown-parent-goal", HEAD "'goals':[" GOAL ("G3", ",'parent_goal':'G9'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: goals[0] (id \"G3\"): field \"parent_goal\": no goal with id \"G9\"" } },
  { "goal-unknown-parent-kr", HEAD "'goals':[" GOAL ("G3", ",'parent_kr':'K9'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"parent_kr\": no key result with id \"K9\"" } },
  { "goal-unknown-cycle", HEAD "'goals':[{'id':'G3','kind':'objective','title':'T','owner_kind':"
    "'department','department':'D1','cycle':'2031','category':'business','origin':'assigned',"
    "'weight':1,'state':'draft'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"cycle\": no cycle with id \"2031\"" } },
  { "goal-id-in-workspace", HEAD "'goals':[" GOAL ("G1", "") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G1\"): field \"id\": \"G1\" already exists in the workspace" } },
  { "goal-bad-state", HEAD "'goals':[" GOAL ("G3", ",'state':'done'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"state\": \"done\" is not one of draft, submitted, approved, filed, returned" } },
  { "goal-weight-too-big", HEAD "'goals':[" GOAL ("G3", ",'weight':1.2") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"weight\": 1.2 is out of range: it must be from 0 to 1" } },
  { "goal-weight-is-string", HEAD "'goals':[" GOAL ("G3", ",'weight':'80%'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"weight\": expected a number, got a string" } },
  { "goal-employee-owner-without-employee", HEAD "'goals':[" GOAL ("G3", ",'owner_kind':'employee'") "]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"employee\": an employee's goal needs the employee" } },
  { "goal-department-owner-with-employee", HEAD "'goals':[" GOAL ("G3", ",'employee':'E1'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"employee\": must be null for a department goal" } },
  { "goal-two-parents", HEAD "'goals':[" GOAL ("G3", ",'parent_goal':'G1','parent_kr':'K1'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"parent_kr\": a goal aligns to a goal or to a key result, not to both" } },
  { "goal-bad-created-at", HEAD "'goals':[" GOAL ("G3", ",'created_at':'2026-01-05 01:30:00'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"created_at\": \"2026-01-05 01:30:00\" is not a time in the form YYYY-MM-DDTHH:MM:SSZ" } },
  { "goal-fractional-step", HEAD "'goals':[" GOAL ("G3", ",'approval_step':1.5") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"approval_step\": expected a whole number, got a fraction" } },
  { "goal-alignment-loop", HEAD "'goals':[" GOAL ("G3", ",'parent_goal':'G4'") ","
    GOAL ("G4", ",'parent_goal':'G3'") "]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"parent_goal\": ", "Alignment loop", "T (G3) → T (G4) → T (G3)" } },
  { "goal-alignment-loop-through-krs", HEAD "'goals':[" GOAL ("G3", ",'parent_kr':'K5'") ","
    GOAL ("G4", ",'parent_kr':'K4'") "],'key_results':[" KR ("K4", "G3", "") "," KR ("K5", "G4", "") "]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goals[0] (id \"G3\"): field \"parent_kr\": ", "Alignment loop" } },
  { "kr-unknown-goal", HEAD "'key_results':[" KR ("K4", "G9", "") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: key_results[0] (id \"K4\"): field \"goal\": no goal with id \"G9\"" } },
  { "kr-weight-above-one", HEAD "'key_results':[" KR ("K4", "G2", ",'weight':1.5") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "key_results[0] (id \"K4\"): field \"weight\": 1.5 is out of range: it must be from 0 to 1" } },
  { "kr-negative-weight", HEAD "'key_results':[" KR ("K4", "G2", ",'weight':-0.1") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"weight\": -0.1 is out of range" } },
  { "kr-unknown-measure", HEAD "'key_results':[" KR ("K4", "G2", ",'measure':'percent'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "key_results[0] (id \"K4\"): field \"measure\": \"percent\" is not one of numeric, percentage, milestone" } },
  { "kr-target-equals-baseline", HEAD "'key_results':[" KR ("K4", "G2", ",'baseline':10,'target':10") "]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "key_results[0] (id \"K4\"): field \"target\": equals the baseline 10" } },
  { "kr-missing-target", HEAD "'key_results':[{'id':'K4','goal':'G2','title':'T','measure':'numeric',"
    "'commitment':'committed','weight':1}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "key_results[0] (id \"K4\"): field \"target\": required field is missing" } },
  { "kr-confidence-eleven", HEAD "'key_results':[" KR ("K4", "G2", ",'confidence':11") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"confidence\": 11 is out of range: it must be from 0 to 10" } },
  { "checkin-unknown-kr", HEAD "'checkins':[{'id':3,'key_result':'K9','value':1,'at':'2026-02-01T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "people.json: checkins[0] (id \"3\"): field \"key_result\": no key result with id \"K9\"" } },
  { "checkin-id-zero", HEAD "'checkins':[{'id':0,'key_result':'K1','value':1,'at':'2026-02-01T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "checkins[0]: field \"id\": an id must be a whole number of at least 1" } },
  { "checkin-id-string", HEAD "'checkins':[{'id':'3','key_result':'K1','value':1,'at':'2026-02-01T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "checkins[0]: field \"id\": expected a whole number, got a string" } },
  { "checkin-id-in-workspace", HEAD "'checkins':[{'id':2,'key_result':'K1','value':1,'at':'2026-02-01T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "checkins[0] (id \"2\"): field \"id\": \"2\" already exists in the workspace" } },
  { "checkin-value-missing", HEAD "'checkins':[{'id':3,'key_result':'K1','at':'2026-02-01T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "checkins[0] (id \"3\"): field \"value\": required field is missing" } },
  { "checkin-bad-time", HEAD "'checkins':[{'id':3,'key_result':'K1','value':1,'at':'2026-02-30T00:00:00Z'}]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"at\": \"2026-02-30T00:00:00Z\" is not a time" } },
  { "checkin-unknown-author", HEAD "'checkins':[{'id':3,'key_result':'K1','value':1,'author':'E9',"
    "'at':'2026-02-01T00:00:00Z'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"author\": no employee with id \"E9\"" } },
  { "evidence-unknown-checkin", HEAD "'checkin_evidence':[" EVIDENCE ("2", "99", "'aGVsbG8='") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "checkin_evidence[0] (id \"2\"): field \"checkin\": no check-in with id \"99\"" } },
  { "evidence-bad-base64", HEAD "'checkin_evidence':[" EVIDENCE ("2", "1", "'aGVsbG8'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD, { "field \"data\": is not valid base64" } },
  { "evidence-wrong-sha256", HEAD "'checkin_evidence':[" EVIDENCE ("2", "1", "'aGVsbG8h'") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD, { "field \"sha256\": does not match the data" } },
  { "approval-unknown-goal", HEAD "'goal_approvals':[{'id':3,'goal':'G9','action':'submit','step':0,"
    "'at':'2026-01-05T00:00:00Z'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "goal_approvals[0] (id \"3\"): field \"goal\": no goal with id \"G9\"" } },
  { "approval-bad-action", HEAD "'goal_approvals':[{'id':3,'goal':'G1','action':'veto','step':0,"
    "'at':'2026-01-05T00:00:00Z'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "field \"action\": \"veto\" is not one of submit, approve, return, file" } },
  { "change-kr-of-other-goal", HEAD "'change_requests':[" CHANGE ("2", "'G2'", "'K1'", "'某医院招标政策突变'") "]}",
    NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "change_requests[0] (id \"2\"): field \"key_result\": key result \"K1\" belongs to goal \"G1\", not to \"G2\"" } },
  { "change-blank-reason", HEAD "'change_requests':[" CHANGE ("2", "'G1'", "'K1'", "'   '") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "change_requests[0] (id \"2\"): field \"reason\": must not be blank" } },
  { "rule-weight-one", HEAD "'weight_rules':[{'id':'WR2','name':'N','watch_kr':'K1','metric':'value',"
    "'comparison':'>','threshold':15,'target_kr':'K2','new_weight':1,'explanation':''}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "weight_rules[0] (id \"WR2\"): field \"new_weight\": 1 is out of range: it must be more than 0 and less than 1" } },
  { "rule-unknown-comparison", HEAD "'weight_rules':[{'id':'WR2','name':'N','watch_kr':'K1','metric':'value',"
    "'comparison':'=>','threshold':15,'target_kr':'K2','new_weight':0.3,'explanation':''}]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD, { "field \"comparison\": \"=>\" is not one of >, >=, <, <=" } },
  { "notice-unknown-recipient", HEAD "'notices':[{'id':2,'goal':'G1','recipient':'E9','at':'2026-02-01T00:00:00Z',"
    "'message':'M'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "notices[0] (id \"2\"): field \"recipient\": no employee with id \"E9\"" } },
  { "cycle-max-adjustment-above-one", HEAD "'cycles':[" CYC ("C", ",'max_adjustment':2") "]}", NULL,
    TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "cycles[0] (id \"C\"): field \"max_adjustment\": 2 is out of range: it must be from 0 to 1" } },

  /* The first problem is reported, in file order. */
  { "first-error-wins", HEAD "'departments':[" DEPT ("D3", ",'kind':'x'") "],"
    "'employees':[{'id':'E3'}]}", NULL, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
    { "departments[0] (id \"D3\"): field \"kind\"" } },
};

static void
test_import_broken (gconstpointer data)
{
  const BrokenCase *test = data;
  g_autoptr(TrellisStore) store = open_fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = test->build != NULL ? test->build () : g_strdup (test->json);
  g_autofree char *json = quote (raw);
  g_autofree char *before = export_or_fail (store);
  g_autofree char *after = NULL;
  gboolean ok;

  ok = trellis_interchange_import (store, json, -1, "people.json", NULL, NULL, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, TRELLIS_IMPORT_ERROR, (int) test->code);
  g_test_message ("%s: %s", test->name, error->message);

  g_assert_true (g_str_has_prefix (error->message, "people.json"));
  for (guint i = 0; i < G_N_ELEMENTS (test->fragments) && test->fragments[i] != NULL; i++)
    if (strstr (error->message, test->fragments[i]) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, test->fragments[i]);

  g_assert_false (trellis_store_in_transaction (store));
  after = export_or_fail (store);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/interchange/export/empty", test_export_empty);
  g_test_add_func ("/core/interchange/export/fixture", test_export_fixture);
  g_test_add_func ("/core/interchange/export/sorted", test_export_sorted);
  g_test_add_func ("/core/interchange/export/file", test_export_file);
  g_test_add_func ("/core/interchange/export/numbers-and-text", test_export_numbers_and_text);
  g_test_add_func ("/core/interchange/round-trip/demo", test_round_trip_demo);
  g_test_add_func ("/core/interchange/import/lenient", test_import_lenient);
  g_test_add_func ("/core/interchange/import/forward-references", test_import_forward_references);
  g_test_add_func ("/core/interchange/import/bom", test_import_bom);
  g_test_add_func ("/core/interchange/import/progress", test_import_progress);
  g_test_add_data_func ("/core/interchange/import/cancel/before", NULL, test_import_cancel);
  g_test_add_data_func ("/core/interchange/import/cancel/while-checking", "Checking references",
                        test_import_cancel);
  g_test_add_data_func ("/core/interchange/import/cancel/while-writing", "Writing employees",
                        test_import_cancel);
  g_test_add_func ("/core/interchange/import/inside-transaction", test_import_inside_transaction);
  g_test_add_func ("/core/interchange/import/file-errors", test_import_file_errors);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/interchange/import/broken/%s",
                                               broken_cases[i].name);
      g_test_add_data_func (path, &broken_cases[i], test_import_broken);
    }

  return g_test_run ();
}
