/* trellis-migrations.c
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

#define G_LOG_DOMAIN "trellis-migrations"

#include "config.h"

#include "trellis-migrations.h"
#include "trellis-store.h"

/* Each entry takes the schema from version i to i + 1. Never edit an entry
 * that has shipped: add a new one. Foreign keys are deferred so that a
 * transaction can insert records in any order (managers after reports,
 * departments after their heads); they are checked at COMMIT. */
static const char * const migrations[] = {
  /* 0 → 1: organisation and cycles */
  "CREATE TABLE workspace_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"

  "CREATE TABLE departments ("
  "  id        TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  name      TEXT NOT NULL CHECK (length (name) > 0),"
  "  kind      TEXT NOT NULL CHECK (kind IN ('company', 'region', 'department', 'team')),"
  "  parent_id TEXT REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,"
  "  head_id   TEXT REFERENCES employees (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,"
  "  CHECK (parent_id IS NULL OR parent_id <> id)"
  ") STRICT;"
  "CREATE INDEX departments_by_parent ON departments (parent_id);"
  /* SQLite looks child rows up by the referencing column when a parent row
   * is written: without this index every new employee scans departments. */
  "CREATE INDEX departments_by_head ON departments (head_id);"

  "CREATE TABLE employees ("
  "  id            TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  name          TEXT NOT NULL CHECK (length (name) > 0),"
  "  english_name  TEXT,"
  "  email         TEXT,"
  "  title         TEXT,"
  "  level         TEXT,"
  "  department_id TEXT NOT NULL REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,"
  "  manager_id    TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  hire_date     TEXT CHECK (hire_date IS NULL OR date (hire_date) = hire_date),"
  "  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  CHECK (manager_id IS NULL OR manager_id <> id)"
  ") STRICT;"
  "CREATE INDEX employees_by_department ON employees (department_id);"
  "CREATE INDEX employees_by_manager ON employees (manager_id);"

  "CREATE TABLE cycles ("
  "  id         TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('year', 'half', 'quarter', 'month', 'week')),"
  "  name       TEXT NOT NULL,"
  "  start_date TEXT NOT NULL CHECK (date (start_date) = start_date),"
  "  end_date   TEXT NOT NULL CHECK (date (end_date) = end_date),"
  "  parent_id  TEXT REFERENCES cycles (id) DEFERRABLE INITIALLY DEFERRED,"
  "  CHECK (end_date >= start_date)"
  ") STRICT;"
  "CREATE INDEX cycles_by_parent ON cycles (parent_id);",

  /* 1 → 2: the goal cascade. Owners are the company (its top department), a
   * department or an employee. trellis_actor() and trellis_now() are SQL
   * functions the store registers, so the audit triggers record who and when
   * with the workspace's clock. */
  "ALTER TABLE cycles ADD COLUMN max_adjustment REAL NOT NULL DEFAULT 0.1"
  "  CHECK (max_adjustment >= 0 AND max_adjustment <= 1);"

  "CREATE TABLE goals ("
  "  id             TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('objective', 'kpi')),"
  "  title          TEXT NOT NULL CHECK (length (title) > 0),"
  "  description    TEXT,"
  "  owner_kind     TEXT NOT NULL CHECK (owner_kind IN ('company', 'department', 'employee')),"
  "  department_id  TEXT REFERENCES departments (id) DEFERRABLE INITIALLY DEFERRED,"
  "  employee_id    TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  cycle_id       TEXT NOT NULL REFERENCES cycles (id) DEFERRABLE INITIALLY DEFERRED,"
  "  parent_goal_id TEXT REFERENCES goals (id) DEFERRABLE INITIALLY DEFERRED,"
  "  parent_kr_id   TEXT REFERENCES key_results (id) DEFERRABLE INITIALLY DEFERRED,"
  "  category       TEXT NOT NULL DEFAULT 'business' CHECK (category IN ('business', 'development', 'innovation')),"
  "  origin         TEXT NOT NULL DEFAULT 'assigned' CHECK (origin IN ('assigned', 'self')),"
  "  weight         REAL NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight <= 1),"
  "  original_weight REAL NOT NULL DEFAULT 1,"
  "  status         TEXT NOT NULL DEFAULT 'draft'"
  "                 CHECK (status IN ('draft', 'submitted', 'approved', 'filed', 'returned')),"
  "  approval_step  INTEGER NOT NULL DEFAULT 0,"
  "  position       INTEGER NOT NULL DEFAULT 0,"
  "  created_at     TEXT NOT NULL,"
  "  CHECK ((owner_kind = 'employee') = (employee_id IS NOT NULL)),"
  "  CHECK ((owner_kind = 'employee') = (department_id IS NULL)),"
  "  CHECK (parent_goal_id IS NULL OR parent_kr_id IS NULL),"
  "  CHECK (parent_goal_id IS NULL OR parent_goal_id <> id)"
  ") STRICT;"
  "CREATE INDEX goals_by_parent_goal ON goals (parent_goal_id);"
  "CREATE INDEX goals_by_parent_kr ON goals (parent_kr_id);"
  "CREATE INDEX goals_by_employee ON goals (employee_id, cycle_id);"
  "CREATE INDEX goals_by_department ON goals (department_id, cycle_id);"
  "CREATE INDEX goals_by_cycle ON goals (cycle_id);"

  "CREATE TABLE key_results ("
  "  id              TEXT PRIMARY KEY CHECK (length (id) > 0),"
  "  goal_id         TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  title           TEXT NOT NULL CHECK (length (title) > 0),"
  "  measure         TEXT NOT NULL CHECK (measure IN ('numeric', 'percentage', 'milestone')),"
  "  baseline        REAL NOT NULL DEFAULT 0,"
  "  target          REAL NOT NULL,"
  "  original_target REAL NOT NULL,"
  "  current         REAL NOT NULL DEFAULT 0,"
  "  unit            TEXT,"
  "  commitment      TEXT NOT NULL DEFAULT 'committed' CHECK (commitment IN ('committed', 'aspirational')),"
  "  weight          REAL NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight <= 1),"
  "  original_weight REAL NOT NULL DEFAULT 1,"
  "  position        INTEGER NOT NULL DEFAULT 0,"
  /* Kept with each check-in so status, lagging and abnormal jumps need no
   * scan of the history. */
  "  last_checkin_at TEXT,"
  "  previous_value  REAL,"
  "  confidence      INTEGER,"
  "  CHECK (measure = 'milestone' OR target <> baseline)"
  ") STRICT;"
  "CREATE INDEX key_results_by_goal ON key_results (goal_id);"

  /* Check-ins are history: appended, never changed. */
  "CREATE TABLE checkins ("
  "  id            INTEGER PRIMARY KEY,"
  "  key_result_id TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  value         REAL NOT NULL,"
  "  confidence    INTEGER CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 10)),"
  "  note          TEXT,"
  "  author_id     TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  at            TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX checkins_by_key_result ON checkins (key_result_id, at);"
  "CREATE INDEX checkins_by_author ON checkins (author_id);"
  "CREATE TRIGGER checkins_append_only BEFORE UPDATE ON checkins"
  "  BEGIN SELECT RAISE (ABORT, 'check-ins are history and cannot be changed'); END;"

  /* Evidence is copied in, so it cannot break when a file moves. */
  "CREATE TABLE checkin_evidence ("
  "  id           INTEGER PRIMARY KEY,"
  "  checkin_id   INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,"
  "  file_name    TEXT NOT NULL,"
  "  content_type TEXT,"
  "  sha256       TEXT NOT NULL,"
  "  data         BLOB NOT NULL"
  ") STRICT;"
  "CREATE INDEX checkin_evidence_by_checkin ON checkin_evidence (checkin_id);"

  /* Approval steps per owner kind and level prefix ('M', 'P' or '' for any). */
  "CREATE TABLE approval_steps ("
  "  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('company', 'department', 'employee')),"
  "  level      TEXT NOT NULL DEFAULT '',"
  "  position   INTEGER NOT NULL,"
  "  approver   TEXT NOT NULL CHECK (approver IN ('manager', 'skip-level-manager', 'department-head', 'hr')),"
  "  PRIMARY KEY (owner_kind, level, position)"
  ") STRICT;"
  "INSERT INTO approval_steps VALUES ('employee', '', 0, 'manager');"
  "INSERT INTO approval_steps VALUES ('employee', 'M', 0, 'manager');"
  "INSERT INTO approval_steps VALUES ('employee', 'M', 1, 'skip-level-manager');"
  "INSERT INTO approval_steps VALUES ('department', '', 0, 'department-head');"
  "INSERT INTO approval_steps VALUES ('company', '', 0, 'department-head');"

  "CREATE TABLE goal_approvals ("
  "  id       INTEGER PRIMARY KEY,"
  "  goal_id  TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  action   TEXT NOT NULL CHECK (action IN ('submit', 'approve', 'return', 'file')),"
  "  step     INTEGER NOT NULL,"
  "  actor_id TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  comment  TEXT,"
  "  at       TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX goal_approvals_by_goal ON goal_approvals (goal_id);"

  "CREATE TABLE change_requests ("
  "  id             INTEGER PRIMARY KEY,"
  "  goal_id        TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  key_result_id  TEXT REFERENCES key_results (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  field          TEXT NOT NULL CHECK (field IN ('target', 'weight')),"
  "  old_value      REAL NOT NULL,"
  "  new_value      REAL NOT NULL,"
  "  reason         TEXT NOT NULL CHECK (length (trim (reason)) > 0),"
  "  requested_by   TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  requested_at   TEXT NOT NULL,"
  "  approver_id    TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),"
  "  decided_at     TEXT,"
  "  decision_note  TEXT"
  ") STRICT;"
  "CREATE INDEX change_requests_by_goal ON change_requests (goal_id);"
  "CREATE INDEX change_requests_by_approver ON change_requests (approver_id, status);"
  "CREATE INDEX change_requests_by_key_result ON change_requests (key_result_id);"

  "CREATE TABLE weight_rules ("
  "  id            TEXT PRIMARY KEY,"
  "  name          TEXT NOT NULL,"
  "  watch_kr_id   TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  metric        TEXT NOT NULL CHECK (metric IN ('value', 'progress')),"
  "  comparison    TEXT NOT NULL CHECK (comparison IN ('>', '>=', '<', '<=')),"
  "  threshold     REAL NOT NULL,"
  "  target_kr_id  TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  new_weight    REAL NOT NULL CHECK (new_weight > 0 AND new_weight < 1),"
  "  explanation   TEXT NOT NULL,"
  "  fired_at      TEXT"
  ") STRICT;"
  "CREATE INDEX weight_rules_by_watch ON weight_rules (watch_kr_id);"
  "CREATE INDEX weight_rules_by_target ON weight_rules (target_kr_id);"

  /* Messages an owner reads: why a weight changed, a decision, a return. */
  "CREATE TABLE notices ("
  "  id          INTEGER PRIMARY KEY,"
  "  goal_id     TEXT REFERENCES goals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  recipient_id TEXT REFERENCES employees (id) DEFERRABLE INITIALLY DEFERRED,"
  "  at          TEXT NOT NULL,"
  "  message     TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX notices_by_goal ON notices (goal_id);"

  "CREATE TABLE goal_templates ("
  "  id            TEXT PRIMARY KEY,"
  "  name          TEXT NOT NULL,"
  "  department_id TEXT REFERENCES departments (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,"
  "  level         TEXT,"
  "  cycle_kind    TEXT NOT NULL CHECK (cycle_kind IN ('year', 'half', 'quarter', 'month')),"
  "  kind          TEXT NOT NULL DEFAULT 'objective' CHECK (kind IN ('objective', 'kpi')),"
  "  title         TEXT NOT NULL,"
  "  category      TEXT NOT NULL DEFAULT 'business' CHECK (category IN ('business', 'development', 'innovation'))"
  ") STRICT;"

  "CREATE TABLE kr_library ("
  "  id            TEXT PRIMARY KEY,"
  "  title         TEXT NOT NULL,"
  "  measure       TEXT NOT NULL CHECK (measure IN ('numeric', 'percentage', 'milestone')),"
  "  baseline      REAL NOT NULL DEFAULT 0,"
  "  target        REAL NOT NULL,"
  "  unit          TEXT,"
  "  commitment    TEXT NOT NULL DEFAULT 'committed' CHECK (commitment IN ('committed', 'aspirational')),"
  "  department_id TEXT REFERENCES departments (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,"
  "  level         TEXT,"
  "  cycle_kind    TEXT CHECK (cycle_kind IS NULL OR cycle_kind IN ('year', 'half', 'quarter', 'month'))"
  ") STRICT;"

  "CREATE TABLE goal_template_key_results ("
  "  template_id TEXT NOT NULL REFERENCES goal_templates (id) ON DELETE CASCADE,"
  "  position    INTEGER NOT NULL,"
  "  library_id  TEXT NOT NULL REFERENCES kr_library (id),"
  "  weight      REAL NOT NULL CHECK (weight > 0 AND weight <= 1),"
  "  PRIMARY KEY (template_id, position)"
  ") STRICT;"

  /* The audit trail: appended by triggers, never changed or removed. */
  "CREATE TABLE audit_log ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at        TEXT NOT NULL,"
  "  actor_id  TEXT,"
  "  entity    TEXT NOT NULL,"
  "  entity_id TEXT NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  field     TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ") STRICT;"
  "CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"

  "CREATE TRIGGER goals_audit_insert AFTER INSERT ON goals BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'goal', new.id, 'create', new.title);"
  "END;"
  "CREATE TRIGGER goals_audit_delete AFTER DELETE ON goals BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, old_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'goal', old.id, 'delete', old.title);"
  "END;"
  "CREATE TRIGGER goals_audit_update AFTER UPDATE ON goals BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value, new_value)"
  "  SELECT trellis_now (), trellis_actor (), 'goal', new.id, 'update', f, o, n FROM ("
  "    SELECT 'title' AS f, old.title AS o, new.title AS n WHERE old.title IS NOT new.title"
  "    UNION ALL SELECT 'description', old.description, new.description WHERE old.description IS NOT new.description"
  "    UNION ALL SELECT 'weight', old.weight, new.weight WHERE old.weight IS NOT new.weight"
  "    UNION ALL SELECT 'status', old.status, new.status WHERE old.status IS NOT new.status"
  "    UNION ALL SELECT 'approval_step', old.approval_step, new.approval_step WHERE old.approval_step IS NOT new.approval_step"
  "    UNION ALL SELECT 'parent_goal_id', old.parent_goal_id, new.parent_goal_id WHERE old.parent_goal_id IS NOT new.parent_goal_id"
  "    UNION ALL SELECT 'parent_kr_id', old.parent_kr_id, new.parent_kr_id WHERE old.parent_kr_id IS NOT new.parent_kr_id"
  "    UNION ALL SELECT 'category', old.category, new.category WHERE old.category IS NOT new.category"
  "    UNION ALL SELECT 'cycle_id', old.cycle_id, new.cycle_id WHERE old.cycle_id IS NOT new.cycle_id"
  "    UNION ALL SELECT 'owner', coalesce (old.employee_id, old.department_id), coalesce (new.employee_id, new.department_id)"
  "      WHERE old.employee_id IS NOT new.employee_id OR old.department_id IS NOT new.department_id);"
  "END;"

  "CREATE TRIGGER key_results_audit_insert AFTER INSERT ON key_results BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'key_result', new.id, 'create', new.title);"
  "END;"
  "CREATE TRIGGER key_results_audit_delete AFTER DELETE ON key_results BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, old_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'key_result', old.id, 'delete', old.title);"
  "END;"
  "CREATE TRIGGER key_results_audit_update AFTER UPDATE ON key_results BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value, new_value)"
  "  SELECT trellis_now (), trellis_actor (), 'key_result', new.id, 'update', f, o, n FROM ("
  "    SELECT 'title' AS f, old.title AS o, new.title AS n WHERE old.title IS NOT new.title"
  "    UNION ALL SELECT 'target', old.target, new.target WHERE old.target IS NOT new.target"
  "    UNION ALL SELECT 'baseline', old.baseline, new.baseline WHERE old.baseline IS NOT new.baseline"
  "    UNION ALL SELECT 'weight', old.weight, new.weight WHERE old.weight IS NOT new.weight"
  "    UNION ALL SELECT 'measure', old.measure, new.measure WHERE old.measure IS NOT new.measure"
  "    UNION ALL SELECT 'commitment', old.commitment, new.commitment WHERE old.commitment IS NOT new.commitment);"
  "END;"

  "CREATE TRIGGER goal_approvals_audit AFTER INSERT ON goal_approvals BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, new_value)"
  "  VALUES (new.at, new.actor_id, 'goal', new.goal_id, new.action, 'step ' || new.step, new.comment);"
  "END;"
  "CREATE TRIGGER change_requests_audit_insert AFTER INSERT ON change_requests BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value, new_value)"
  "  VALUES (new.requested_at, new.requested_by, 'goal', new.goal_id, 'request-change',"
  "          coalesce (new.key_result_id || '.', '') || new.field, new.old_value, new.new_value);"
  "END;"
  "CREATE TRIGGER change_requests_audit_decide AFTER UPDATE OF status ON change_requests"
  "  WHEN old.status IS NOT new.status BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value, new_value)"
  "  VALUES (coalesce (new.decided_at, trellis_now ()), trellis_actor (), 'goal', new.goal_id,"
  "          CASE new.status WHEN 'approved' THEN 'approve-change' ELSE 'reject-change' END,"
  "          coalesce (new.key_result_id || '.', '') || new.field, new.old_value, new.new_value);"
  "END;"
  "CREATE TRIGGER weight_rules_audit_fire AFTER UPDATE OF fired_at ON weight_rules"
  "  WHEN old.fired_at IS NULL AND new.fired_at IS NOT NULL BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
  "  VALUES (new.fired_at, NULL, 'weight_rule', new.id, 'fire', new.explanation);"
  "END;"

  "INSERT OR IGNORE INTO workspace_meta (key, value) VALUES"
  "  ('status.behind-gap', '16.5'), ('status.at-risk-gap', '33'),"
  "  ('checkin.lagging-days', '7'), ('checkin.abnormal-jump', '0.3');",

  /* 2 → 3: key results in the order a goal lists them, so a quarter's goal
   * tree reads in one pass without SQLite sorting 400,000 rows in memory. */
  "CREATE INDEX key_results_by_goal_position ON key_results (goal_id, position, id);"
  "DROP INDEX key_results_by_goal;"
  /* Who may approve and which weights change by rule are part of the
   * approval trail too, now that people edit them in the app. */
  "CREATE TRIGGER approval_steps_audit_insert AFTER INSERT ON approval_steps BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, new_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'approval_steps', new.owner_kind || ':' || new.level,"
  "          'add-step', new.position, new.approver);"
  "END;"
  "CREATE TRIGGER approval_steps_audit_delete AFTER DELETE ON approval_steps BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'approval_steps', old.owner_kind || ':' || old.level,"
  "          'remove-step', old.position, old.approver);"
  "END;"
  "CREATE TRIGGER approval_steps_audit_update AFTER UPDATE ON approval_steps BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, field, old_value, new_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'approval_steps', new.owner_kind || ':' || new.level,"
  "          'update-step', new.position, old.approver, new.approver);"
  "END;"
  "CREATE TRIGGER weight_rules_audit_insert AFTER INSERT ON weight_rules BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, new_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'weight_rule', new.id, 'create', new.name);"
  "END;"
  /* Check-ins were append-only against edits; now against deletion too,
   * including the cascade from a deleted key result or goal. */
  "CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins"
  "  BEGIN SELECT RAISE (ABORT, 'check-ins are history and cannot be deleted'); END;"
  "CREATE TRIGGER weight_rules_audit_delete AFTER DELETE ON weight_rules BEGIN"
  "  INSERT INTO audit_log (at, actor_id, entity, entity_id, action, old_value)"
  "  VALUES (trellis_now (), trellis_actor (), 'weight_rule', old.id, 'delete', old.name);"
  "END;",
};

int
trellis_migrations_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
trellis_migrations_apply (sqlite3  *db,
                          int       from_version,
                          GError  **error)
{
  char *message = NULL;
  int latest = trellis_migrations_latest_version ();

  g_return_val_if_fail (from_version >= 0 && from_version <= latest, FALSE);

  if (from_version == latest)
    return TRUE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    goto failed;

  for (int v = from_version; v < latest; v++)
    {
      if (sqlite3_exec (db, migrations[v], NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_SQL,
                       "Could not upgrade the workspace to version %d: %s",
                       v + 1, message);
          sqlite3_free (message);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  {
    g_autofree char *pragmas =
      g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                       TRELLIS_APPLICATION_ID, latest);
    if (sqlite3_exec (db, pragmas, NULL, NULL, &message) != SQLITE_OK)
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        goto failed;
      }
  }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  return TRUE;

failed:
  g_set_error (error, TRELLIS_STORE_ERROR, TRELLIS_STORE_ERROR_SQL,
               "Could not upgrade the workspace: %s", message ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}
