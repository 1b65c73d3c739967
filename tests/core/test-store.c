/* test-store.c
 *
 * Copyright 2026 The Trellis authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "trellis-core.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("trellis-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "work.trellis", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static int
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (fixture->path, &error);
  sqlite3 *db;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  db = trellis_store_get_handle (store);

  /* Personal data: only the owner may read the file. */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (trellis_store_get_user_version (store), ==, trellis_store_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, trellis_store_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, TRELLIS_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'employees'"), ==, 1);

  /* Only the defaults the schema brings: settings and approval steps. */
  for (const char * const *t = trellis_store_list_tables (); *t; t++)
    if (!g_str_equal (*t, "workspace_meta") && !g_str_equal (*t, "approval_steps"))
      g_assert_cmpint (trellis_store_count_rows (store, *t, &error), ==, 0);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (fixture->path, &error);
  g_autoptr(TrellisDepartment) department = trellis_department_new ("C", "Acme", TRELLIS_DEPARTMENT_COMPANY, NULL, NULL);

  g_assert_no_error (error);
  g_assert_true (trellis_org_repository_insert_department (store, department, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Every write is saved at once: a second open sees it and migrates nothing. */
  store = trellis_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_store_count_rows (store, "departments", &error), ==, 1);
}

/* A migration from version 0 runs in one transaction: an old, empty
 * workspace file (user_version 0, no tables) is upgraded in place. */
static void
test_migrate_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1414679635", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = trellis_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_store_get_user_version (store), ==, trellis_store_schema_version ());
}

static void
assert_refused_unchanged (Fixture    *fixture,
                          int         expected_code,
                          const char *expected_fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  TrellisStore *store;

  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  store = trellis_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TRELLIS_STORE_ERROR, expected_code);
  g_assert_nonnull (strstr (error->message, expected_fragment));
  g_assert_nonnull (strstr (error->message, fixture->path));

  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          "CREATE TABLE future (x);",
                                          TRELLIS_APPLICATION_ID, trellis_store_schema_version () + 1);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (fixture, TRELLIS_STORE_ERROR_NEWER_VERSION, "newer version of Trellis");
}

static void
test_refuse_garbage (Fixture       *fixture,
                     gconstpointer  data)
{
  const char garbage[] = "Name,Employee Id\n张伟,E1\nthis is a CSV file, not a workspace\n";

  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, NULL));
  assert_refused_unchanged (fixture, TRELLIS_STORE_ERROR_NOT_A_WORKSPACE, "not an SQLite database");
}

static void
test_refuse_other_sqlite (Fixture       *fixture,
                          gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE accounts (id, balance)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_unchanged (fixture, TRELLIS_STORE_ERROR_NOT_A_WORKSPACE, "another application");
}

static void
test_refuse_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TrellisStore *store = trellis_store_open (fixture->dir, &error);

  g_assert_null (store);
  g_assert_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_OPEN);
}

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStore) store = trellis_store_open (":memory:", &error);
  g_autoptr(TrellisDepartment) a = trellis_department_new ("A", "A", TRELLIS_DEPARTMENT_COMPANY, NULL, NULL);
  g_autoptr(TrellisDepartment) b = trellis_department_new ("B", "B", TRELLIS_DEPARTMENT_REGION, "A", NULL);
  g_autoptr(TrellisDepartment) dangling = trellis_department_new ("X", "X", TRELLIS_DEPARTMENT_REGION, "NOPE", NULL);

  g_assert_no_error (error);

  /* Rolled back: nothing stays. */
  g_assert_true (trellis_store_begin (store, &error));
  g_assert_true (trellis_org_repository_insert_department (store, a, &error));
  trellis_store_rollback (store);
  g_assert_cmpint (trellis_store_count_rows (store, "departments", &error), ==, 0);

  /* Nested begin joins the outer transaction; children may come first. */
  g_assert_true (trellis_store_begin (store, &error));
  g_assert_true (trellis_org_repository_insert_department (store, b, &error));
  g_assert_true (trellis_store_begin (store, &error));
  g_assert_true (trellis_org_repository_insert_department (store, a, &error));
  g_assert_true (trellis_store_commit (store, &error));
  g_assert_true (trellis_store_in_transaction (store));
  g_assert_true (trellis_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_store_count_rows (store, "departments", &error), ==, 2);

  /* A dangling reference fails at COMMIT and leaves nothing behind. */
  g_assert_true (trellis_store_begin (store, &error));
  g_assert_true (trellis_org_repository_insert_department (store, dangling, &error));
  g_assert_false (trellis_store_commit (store, &error));
  g_assert_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_CONSTRAINT);
  g_assert_false (trellis_store_in_transaction (store));
  g_assert_cmpint (trellis_store_count_rows (store, "departments", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/store/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/core/store/reopen", Fixture, NULL, fixture_set_up, test_reopen, fixture_tear_down);
  g_test_add ("/core/store/migrate-empty", Fixture, NULL, fixture_set_up, test_migrate_empty, fixture_tear_down);
  g_test_add ("/core/store/refuse-newer", Fixture, NULL, fixture_set_up, test_refuse_newer, fixture_tear_down);
  g_test_add ("/core/store/refuse-garbage", Fixture, NULL, fixture_set_up, test_refuse_garbage, fixture_tear_down);
  g_test_add ("/core/store/refuse-other-sqlite", Fixture, NULL, fixture_set_up, test_refuse_other_sqlite, fixture_tear_down);
  g_test_add ("/core/store/refuse-folder", Fixture, NULL, fixture_set_up, test_refuse_folder, fixture_tear_down);
  g_test_add_func ("/core/store/transactions", test_transactions);

  return g_test_run ();
}
