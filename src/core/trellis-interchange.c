/* trellis-interchange.c
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

#define G_LOG_DOMAIN "trellis-interchange"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "trellis-date.h"
#include "trellis-interchange.h"
#include "trellis-org-repository.h"

/* The format is described by two tables: one FieldSpec[] per record array
 * and the ArraySpec[] listing the arrays in file order. Export, validation
 * and import all walk these tables, so a new array is a field enum, a
 * FieldSpec[] and one ArraySpec row; records are inserted by a generic
 * INSERT built from the columns unless the array names an insert function.
 * docs/file-format.md is the user-facing description of the same tables. */

typedef enum {
  FIELD_ID,             /* non-empty string, unique in the file, new to the workspace */
  FIELD_INTEGER_ID,     /* whole number ≥ 1, likewise unique and new */
  FIELD_NAME,           /* non-empty string */
  FIELD_TEXT,           /* string, may be empty */
  FIELD_TEXT_OR_NULL,   /* string or null; "" reads as null */
  FIELD_ENUM,           /* one of FieldSpec.choices */
  FIELD_DATE,           /* "YYYY-MM-DD" */
  FIELD_DATE_OR_NULL,
  FIELD_TIMESTAMP,      /* "YYYY-MM-DDTHH:MM:SSZ" */
  FIELD_TIMESTAMP_OR_NULL,
  FIELD_REF,            /* id of a record of FieldSpec.ref_array */
  FIELD_REF_OR_NULL,
  FIELD_INTEGER_REF,    /* whole-number id of a record of FieldSpec.ref_array */
  FIELD_BOOLEAN,
  FIELD_NUMBER,         /* any JSON number; optional ones read as NAN when absent */
  FIELD_NUMBER_OR_NULL, /* NAN stands for null */
  FIELD_INTEGER,        /* whole number; optional ones read as NO_INTEGER when absent */
  FIELD_INTEGER_OR_NULL,
  FIELD_BASE64,         /* bytes, as a base64 string */
} FieldType;

#define NO_INTEGER G_MININT64

typedef struct {
  const char         *name;      /* JSON member */
  const char         *column;    /* SQL column */
  FieldType           type;
  const char * const *choices;   /* FIELD_ENUM: NULL-terminated */
  int                 ref_array; /* FIELD_REF*, FIELD_INTEGER_REF: an ArrayIndex */
  gboolean            optional;  /* may be left out (booleans, numbers, whole numbers)… */
  gboolean            default_boolean; /* …a boolean then takes this value */
  gboolean            ranged;    /* numbers: must lie in [min, max] */
  double              min;
  double              max;
} FieldSpec;

/* One field of one record read from the file. Text points into the JSON
 * tree or the import's string chunk, both alive as long as the import. */
typedef union {
  const char *text;
  gboolean    boolean;
  double      number;
  gint64      integer;
  GBytes     *bytes;
} FieldValue;

typedef enum {
  ARRAY_DEPARTMENTS,
  ARRAY_EMPLOYEES,
  ARRAY_CYCLES,
  ARRAY_GOALS,
  ARRAY_KEY_RESULTS,
  ARRAY_CHECKINS,
  ARRAY_CHECKIN_EVIDENCE,
  ARRAY_GOAL_APPROVALS,
  ARRAY_CHANGE_REQUESTS,
  ARRAY_WEIGHT_RULES,
  ARRAY_NOTICES,
  N_ARRAYS
} ArrayIndex;

enum {
  DEPARTMENT_ID,
  DEPARTMENT_NAME,
  DEPARTMENT_KIND,
  DEPARTMENT_PARENT,
  DEPARTMENT_HEAD,
  N_DEPARTMENT_FIELDS
};

enum {
  EMPLOYEE_ID,
  EMPLOYEE_NAME,
  EMPLOYEE_ENGLISH_NAME,
  EMPLOYEE_EMAIL,
  EMPLOYEE_TITLE,
  EMPLOYEE_LEVEL,
  EMPLOYEE_DEPARTMENT,
  EMPLOYEE_MANAGER,
  EMPLOYEE_HIRE_DATE,
  EMPLOYEE_ACTIVE,
  N_EMPLOYEE_FIELDS
};

enum {
  CYCLE_ID,
  CYCLE_KIND,
  CYCLE_NAME,
  CYCLE_START,
  CYCLE_END,
  CYCLE_PARENT,
  CYCLE_MAX_ADJUSTMENT,
  N_CYCLE_FIELDS
};

enum {
  GOAL_ID,
  GOAL_KIND,
  GOAL_TITLE,
  GOAL_DESCRIPTION,
  GOAL_OWNER_KIND,
  GOAL_DEPARTMENT,
  GOAL_EMPLOYEE,
  GOAL_CYCLE,
  GOAL_PARENT_GOAL,
  GOAL_PARENT_KR,
  GOAL_CATEGORY,
  GOAL_ORIGIN,
  GOAL_WEIGHT,
  GOAL_ORIGINAL_WEIGHT,
  GOAL_STATE,
  GOAL_APPROVAL_STEP,
  GOAL_POSITION,
  GOAL_CREATED_AT,
  N_GOAL_FIELDS
};

enum {
  KR_ID,
  KR_GOAL,
  KR_TITLE,
  KR_MEASURE,
  KR_BASELINE,
  KR_TARGET,
  KR_ORIGINAL_TARGET,
  KR_CURRENT,
  KR_UNIT,
  KR_COMMITMENT,
  KR_WEIGHT,
  KR_ORIGINAL_WEIGHT,
  KR_POSITION,
  KR_LAST_CHECKIN_AT,
  KR_PREVIOUS_VALUE,
  KR_CONFIDENCE,
  N_KR_FIELDS
};

enum {
  CHECKIN_ID,
  CHECKIN_KEY_RESULT,
  CHECKIN_VALUE,
  CHECKIN_CONFIDENCE,
  CHECKIN_NOTE,
  CHECKIN_AUTHOR,
  CHECKIN_AT,
  N_CHECKIN_FIELDS
};

enum {
  EVIDENCE_ID,
  EVIDENCE_CHECKIN,
  EVIDENCE_FILE_NAME,
  EVIDENCE_CONTENT_TYPE,
  EVIDENCE_SHA256,
  EVIDENCE_DATA,
  N_EVIDENCE_FIELDS
};

enum {
  APPROVAL_ID,
  APPROVAL_GOAL,
  APPROVAL_ACTION,
  APPROVAL_STEP,
  APPROVAL_ACTOR,
  APPROVAL_COMMENT,
  APPROVAL_AT,
  N_APPROVAL_FIELDS
};

enum {
  CHANGE_ID,
  CHANGE_GOAL,
  CHANGE_KEY_RESULT,
  CHANGE_FIELD,
  CHANGE_OLD_VALUE,
  CHANGE_NEW_VALUE,
  CHANGE_REASON,
  CHANGE_REQUESTED_BY,
  CHANGE_REQUESTED_AT,
  CHANGE_APPROVER,
  CHANGE_STATUS,
  CHANGE_DECIDED_AT,
  CHANGE_DECISION_NOTE,
  N_CHANGE_FIELDS
};

enum {
  RULE_ID,
  RULE_NAME,
  RULE_WATCH_KR,
  RULE_METRIC,
  RULE_COMPARISON,
  RULE_THRESHOLD,
  RULE_TARGET_KR,
  RULE_NEW_WEIGHT,
  RULE_EXPLANATION,
  RULE_FIRED_AT,
  N_RULE_FIELDS
};

enum {
  NOTICE_ID,
  NOTICE_GOAL,
  NOTICE_RECIPIENT,
  NOTICE_AT,
  NOTICE_MESSAGE,
  N_NOTICE_FIELDS
};

typedef struct _ImportContext ImportContext;
typedef struct _ArrayState    ArrayState;

typedef gboolean (*CheckLoopsFunc) (GHashTable          *parent_of,
                                    TrellisDescribeFunc  describe,
                                    gpointer             user_data,
                                    GError             **error);

typedef struct {
  const char      *name;        /* top-level member, e.g. "employees" */
  const char      *table;       /* SQL table holding the records */
  const char      *noun;        /* "employee", for "no employee with id …" */
  const char      *writing;     /* progress message */
  const FieldSpec *fields;      /* fields[0] is the FIELD_ID or FIELD_INTEGER_ID */
  guint            n_fields;
  int              name_field;  /* how loop messages name a record */
  /* The field read back for records already in the workspace (their
   * parent, for loops; a key result's goal), or -1. */
  int              parent_field;
  CheckLoopsFunc   check_loops; /* loops through parent_field, may be NULL */
  /* Cross-field checks of one record, e.g. end >= start; may be NULL. */
  gboolean       (*check_record)  (ImportContext    *ctx,
                                   ArrayState       *state,
                                   guint             index,
                                   GError          **error);
  /* Checks across records, once every reference is known to resolve. */
  gboolean       (*check_links)   (ImportContext    *ctx,
                                   ArrayState       *state,
                                   GError          **error);
  /* NULL: a generic INSERT of every column. */
  gboolean       (*insert_record) (ImportContext    *ctx,
                                   const FieldValue *values,
                                   GError          **error);
} ArraySpec;

struct _ArrayState {
  const ArraySpec *spec;
  JsonArray       *array;        /* NULL when the file has none */
  guint            n_records;
  FieldValue      *values;       /* n_records × spec->n_fields */
  GHashTable      *file_ids;     /* id → index + 1 */
  GHashTable      *existing;     /* id → parent id or NULL, both owned */
};

struct _ImportContext {
  TrellisStore        *store;
  const char          *source;
  ArrayState           arrays[N_ARRAYS];
  TrellisProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
  guint                total_records;
  guint                done_records;
  GStringChunk        *strings;     /* canonical whole-number ids */
  GPtrArray           *blobs;       /* decoded evidence */
  char                *now;         /* default creation time */
  /* Set while a loop check runs: the ids the checker asked us to describe. */
  ArrayState          *describing;
  GPtrArray           *loop_ids;
};

/* How often (in records) progress is reported and cancellation checked. */
#define CHECK_INTERVAL 2048

/* Progress fractions at the end of each phase: parsing, reading records,
 * checking references and loops, writing; then the commit. */
#define PROGRESS_PARSED    0.15
#define PROGRESS_READ      0.25
#define PROGRESS_VALIDATED 0.35
#define PROGRESS_WRITTEN   0.95

static const char * const department_kinds[] = { "company", "region", "department", "team", NULL };
static const char * const cycle_kinds[] = { "year", "half", "quarter", "month", "week", NULL };
static const char * const goal_kinds[] = { "objective", "kpi", NULL };
static const char * const owner_kinds[] = { "company", "department", "employee", NULL };
static const char * const goal_categories[] = { "business", "development", "innovation", NULL };
static const char * const goal_origins[] = { "assigned", "self", NULL };
static const char * const goal_states[] = { "draft", "submitted", "approved", "filed", "returned", NULL };
static const char * const measures[] = { "numeric", "percentage", "milestone", NULL };
static const char * const commitments[] = { "committed", "aspirational", NULL };
static const char * const approval_actions[] = { "submit", "approve", "return", "file", NULL };
static const char * const change_fields[] = { "target", "weight", NULL };
static const char * const change_statuses[] = { "pending", "approved", "rejected", NULL };
static const char * const rule_metrics[] = { "value", "progress", NULL };
static const char * const rule_comparisons[] = { ">", ">=", "<", "<=", NULL };

#define WEIGHT TRUE, 0.0, 1.0

static const FieldSpec department_fields[N_DEPARTMENT_FIELDS] = {
  [DEPARTMENT_ID]     = { "id", "id", FIELD_ID },
  [DEPARTMENT_NAME]   = { "name", "name", FIELD_NAME },
  [DEPARTMENT_KIND]   = { "kind", "kind", FIELD_ENUM, department_kinds },
  [DEPARTMENT_PARENT] = { "parent", "parent_id", FIELD_REF_OR_NULL, NULL, ARRAY_DEPARTMENTS },
  [DEPARTMENT_HEAD]   = { "head", "head_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
};

static const FieldSpec employee_fields[N_EMPLOYEE_FIELDS] = {
  [EMPLOYEE_ID]           = { "id", "id", FIELD_ID },
  [EMPLOYEE_NAME]         = { "name", "name", FIELD_NAME },
  [EMPLOYEE_ENGLISH_NAME] = { "english_name", "english_name", FIELD_TEXT_OR_NULL },
  [EMPLOYEE_EMAIL]        = { "email", "email", FIELD_TEXT_OR_NULL },
  [EMPLOYEE_TITLE]        = { "title", "title", FIELD_TEXT_OR_NULL },
  [EMPLOYEE_LEVEL]        = { "level", "level", FIELD_TEXT_OR_NULL },
  [EMPLOYEE_DEPARTMENT]   = { "department", "department_id", FIELD_REF, NULL, ARRAY_DEPARTMENTS },
  [EMPLOYEE_MANAGER]      = { "manager", "manager_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [EMPLOYEE_HIRE_DATE]    = { "hire_date", "hire_date", FIELD_DATE_OR_NULL },
  [EMPLOYEE_ACTIVE]       = { "active", "active", FIELD_BOOLEAN, NULL, 0, TRUE, TRUE },
};

static const FieldSpec cycle_fields[N_CYCLE_FIELDS] = {
  [CYCLE_ID]             = { "id", "id", FIELD_ID },
  [CYCLE_KIND]           = { "kind", "kind", FIELD_ENUM, cycle_kinds },
  [CYCLE_NAME]           = { "name", "name", FIELD_NAME },
  [CYCLE_START]          = { "start", "start_date", FIELD_DATE },
  [CYCLE_END]            = { "end", "end_date", FIELD_DATE },
  [CYCLE_PARENT]         = { "parent", "parent_id", FIELD_REF_OR_NULL, NULL, ARRAY_CYCLES },
  [CYCLE_MAX_ADJUSTMENT] = { "max_adjustment", "max_adjustment", FIELD_NUMBER, NULL, 0, TRUE, FALSE, WEIGHT },
};

static const FieldSpec goal_fields[N_GOAL_FIELDS] = {
  [GOAL_ID]              = { "id", "id", FIELD_ID },
  [GOAL_KIND]            = { "kind", "kind", FIELD_ENUM, goal_kinds },
  [GOAL_TITLE]           = { "title", "title", FIELD_NAME },
  [GOAL_DESCRIPTION]     = { "description", "description", FIELD_TEXT_OR_NULL },
  [GOAL_OWNER_KIND]      = { "owner_kind", "owner_kind", FIELD_ENUM, owner_kinds },
  [GOAL_DEPARTMENT]      = { "department", "department_id", FIELD_REF_OR_NULL, NULL, ARRAY_DEPARTMENTS },
  [GOAL_EMPLOYEE]        = { "employee", "employee_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [GOAL_CYCLE]           = { "cycle", "cycle_id", FIELD_REF, NULL, ARRAY_CYCLES },
  [GOAL_PARENT_GOAL]     = { "parent_goal", "parent_goal_id", FIELD_REF_OR_NULL, NULL, ARRAY_GOALS },
  [GOAL_PARENT_KR]       = { "parent_kr", "parent_kr_id", FIELD_REF_OR_NULL, NULL, ARRAY_KEY_RESULTS },
  [GOAL_CATEGORY]        = { "category", "category", FIELD_ENUM, goal_categories },
  [GOAL_ORIGIN]          = { "origin", "origin", FIELD_ENUM, goal_origins },
  [GOAL_WEIGHT]          = { "weight", "weight", FIELD_NUMBER, NULL, 0, FALSE, FALSE, WEIGHT },
  [GOAL_ORIGINAL_WEIGHT] = { "original_weight", "original_weight", FIELD_NUMBER, NULL, 0, TRUE, FALSE, WEIGHT },
  [GOAL_STATE]           = { "state", "status", FIELD_ENUM, goal_states },
  [GOAL_APPROVAL_STEP]   = { "approval_step", "approval_step", FIELD_INTEGER, NULL, 0, TRUE, FALSE, TRUE, 0, 1000 },
  [GOAL_POSITION]        = { "position", "position", FIELD_INTEGER, NULL, 0, TRUE },
  [GOAL_CREATED_AT]      = { "created_at", "created_at", FIELD_TIMESTAMP_OR_NULL },
};

static const FieldSpec kr_fields[N_KR_FIELDS] = {
  [KR_ID]              = { "id", "id", FIELD_ID },
  [KR_GOAL]            = { "goal", "goal_id", FIELD_REF, NULL, ARRAY_GOALS },
  [KR_TITLE]           = { "title", "title", FIELD_NAME },
  [KR_MEASURE]         = { "measure", "measure", FIELD_ENUM, measures },
  [KR_BASELINE]        = { "baseline", "baseline", FIELD_NUMBER, NULL, 0, TRUE },
  [KR_TARGET]          = { "target", "target", FIELD_NUMBER },
  [KR_ORIGINAL_TARGET] = { "original_target", "original_target", FIELD_NUMBER, NULL, 0, TRUE },
  [KR_CURRENT]         = { "current", "current", FIELD_NUMBER, NULL, 0, TRUE },
  [KR_UNIT]            = { "unit", "unit", FIELD_TEXT_OR_NULL },
  [KR_COMMITMENT]      = { "commitment", "commitment", FIELD_ENUM, commitments },
  [KR_WEIGHT]          = { "weight", "weight", FIELD_NUMBER, NULL, 0, FALSE, FALSE, WEIGHT },
  [KR_ORIGINAL_WEIGHT] = { "original_weight", "original_weight", FIELD_NUMBER, NULL, 0, TRUE, FALSE, WEIGHT },
  [KR_POSITION]        = { "position", "position", FIELD_INTEGER, NULL, 0, TRUE },
  [KR_LAST_CHECKIN_AT] = { "last_checkin_at", "last_checkin_at", FIELD_TIMESTAMP_OR_NULL },
  [KR_PREVIOUS_VALUE]  = { "previous_value", "previous_value", FIELD_NUMBER_OR_NULL },
  [KR_CONFIDENCE]      = { "confidence", "confidence", FIELD_INTEGER_OR_NULL, NULL, 0, FALSE, FALSE, TRUE, 0, 10 },
};

static const FieldSpec checkin_fields[N_CHECKIN_FIELDS] = {
  [CHECKIN_ID]         = { "id", "id", FIELD_INTEGER_ID },
  [CHECKIN_KEY_RESULT] = { "key_result", "key_result_id", FIELD_REF, NULL, ARRAY_KEY_RESULTS },
  [CHECKIN_VALUE]      = { "value", "value", FIELD_NUMBER },
  [CHECKIN_CONFIDENCE] = { "confidence", "confidence", FIELD_INTEGER_OR_NULL, NULL, 0, FALSE, FALSE, TRUE, 0, 10 },
  [CHECKIN_NOTE]       = { "note", "note", FIELD_TEXT_OR_NULL },
  [CHECKIN_AUTHOR]     = { "author", "author_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [CHECKIN_AT]         = { "at", "at", FIELD_TIMESTAMP },
};

static const FieldSpec evidence_fields[N_EVIDENCE_FIELDS] = {
  [EVIDENCE_ID]           = { "id", "id", FIELD_INTEGER_ID },
  [EVIDENCE_CHECKIN]      = { "checkin", "checkin_id", FIELD_INTEGER_REF, NULL, ARRAY_CHECKINS },
  [EVIDENCE_FILE_NAME]    = { "file_name", "file_name", FIELD_NAME },
  [EVIDENCE_CONTENT_TYPE] = { "content_type", "content_type", FIELD_TEXT_OR_NULL },
  [EVIDENCE_SHA256]       = { "sha256", "sha256", FIELD_NAME },
  [EVIDENCE_DATA]         = { "data", "data", FIELD_BASE64 },
};

static const FieldSpec approval_fields[N_APPROVAL_FIELDS] = {
  [APPROVAL_ID]      = { "id", "id", FIELD_INTEGER_ID },
  [APPROVAL_GOAL]    = { "goal", "goal_id", FIELD_REF, NULL, ARRAY_GOALS },
  [APPROVAL_ACTION]  = { "action", "action", FIELD_ENUM, approval_actions },
  [APPROVAL_STEP]    = { "step", "step", FIELD_INTEGER, NULL, 0, FALSE, FALSE, TRUE, 0, 1000 },
  [APPROVAL_ACTOR]   = { "actor", "actor_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [APPROVAL_COMMENT] = { "comment", "comment", FIELD_TEXT_OR_NULL },
  [APPROVAL_AT]      = { "at", "at", FIELD_TIMESTAMP },
};

static const FieldSpec change_fields_spec[N_CHANGE_FIELDS] = {
  [CHANGE_ID]            = { "id", "id", FIELD_INTEGER_ID },
  [CHANGE_GOAL]          = { "goal", "goal_id", FIELD_REF, NULL, ARRAY_GOALS },
  [CHANGE_KEY_RESULT]    = { "key_result", "key_result_id", FIELD_REF_OR_NULL, NULL, ARRAY_KEY_RESULTS },
  [CHANGE_FIELD]         = { "field", "field", FIELD_ENUM, change_fields },
  [CHANGE_OLD_VALUE]     = { "old_value", "old_value", FIELD_NUMBER },
  [CHANGE_NEW_VALUE]     = { "new_value", "new_value", FIELD_NUMBER },
  [CHANGE_REASON]        = { "reason", "reason", FIELD_NAME },
  [CHANGE_REQUESTED_BY]  = { "requested_by", "requested_by", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [CHANGE_REQUESTED_AT]  = { "requested_at", "requested_at", FIELD_TIMESTAMP },
  [CHANGE_APPROVER]      = { "approver", "approver_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [CHANGE_STATUS]        = { "status", "status", FIELD_ENUM, change_statuses },
  [CHANGE_DECIDED_AT]    = { "decided_at", "decided_at", FIELD_TIMESTAMP_OR_NULL },
  [CHANGE_DECISION_NOTE] = { "decision_note", "decision_note", FIELD_TEXT_OR_NULL },
};

static const FieldSpec rule_fields[N_RULE_FIELDS] = {
  [RULE_ID]          = { "id", "id", FIELD_ID },
  [RULE_NAME]        = { "name", "name", FIELD_NAME },
  [RULE_WATCH_KR]    = { "watch_kr", "watch_kr_id", FIELD_REF, NULL, ARRAY_KEY_RESULTS },
  [RULE_METRIC]      = { "metric", "metric", FIELD_ENUM, rule_metrics },
  [RULE_COMPARISON]  = { "comparison", "comparison", FIELD_ENUM, rule_comparisons },
  [RULE_THRESHOLD]   = { "threshold", "threshold", FIELD_NUMBER },
  [RULE_TARGET_KR]   = { "target_kr", "target_kr_id", FIELD_REF, NULL, ARRAY_KEY_RESULTS },
  [RULE_NEW_WEIGHT]  = { "new_weight", "new_weight", FIELD_NUMBER, NULL, 0, FALSE, FALSE, WEIGHT },
  [RULE_EXPLANATION] = { "explanation", "explanation", FIELD_TEXT },
  [RULE_FIRED_AT]    = { "fired_at", "fired_at", FIELD_TIMESTAMP_OR_NULL },
};

static const FieldSpec notice_fields[N_NOTICE_FIELDS] = {
  [NOTICE_ID]        = { "id", "id", FIELD_INTEGER_ID },
  [NOTICE_GOAL]      = { "goal", "goal_id", FIELD_REF_OR_NULL, NULL, ARRAY_GOALS },
  [NOTICE_RECIPIENT] = { "recipient", "recipient_id", FIELD_REF_OR_NULL, NULL, ARRAY_EMPLOYEES },
  [NOTICE_AT]        = { "at", "at", FIELD_TIMESTAMP },
  [NOTICE_MESSAGE]   = { "message", "message", FIELD_TEXT },
};

static gboolean insert_department   (ImportContext    *ctx,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean insert_employee     (ImportContext    *ctx,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean insert_cycle        (ImportContext    *ctx,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean check_cycle_record  (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_goal_record   (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_kr_record     (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_evidence_record (ImportContext  *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_change_record (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_rule_record   (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
                                     GError          **error);
static gboolean check_goal_links    (ImportContext    *ctx,
                                     ArrayState       *state,
                                     GError          **error);
static gboolean check_change_links  (ImportContext    *ctx,
                                     ArrayState       *state,
                                     GError          **error);
static gboolean check_cycle_loops   (GHashTable          *parent_of,
                                     TrellisDescribeFunc  describe,
                                     gpointer             user_data,
                                     GError             **error);

/* In file order. Parents come before the arrays that refer to them only for
 * readability: references are resolved after every array has been read. */
static const ArraySpec array_specs[N_ARRAYS] = {
  [ARRAY_DEPARTMENTS] = {
    "departments", "departments", N_("department"), N_("Writing departments"),
    department_fields, N_DEPARTMENT_FIELDS, DEPARTMENT_NAME, DEPARTMENT_PARENT,
    trellis_org_check_department_loops, NULL, NULL, insert_department,
  },
  [ARRAY_EMPLOYEES] = {
    "employees", "employees", N_("employee"), N_("Writing employees"),
    employee_fields, N_EMPLOYEE_FIELDS, EMPLOYEE_NAME, EMPLOYEE_MANAGER,
    trellis_org_check_manager_loops, NULL, NULL, insert_employee,
  },
  [ARRAY_CYCLES] = {
    "cycles", "cycles", N_("cycle"), N_("Writing cycles"),
    cycle_fields, N_CYCLE_FIELDS, CYCLE_NAME, CYCLE_PARENT,
    check_cycle_loops, check_cycle_record, NULL, insert_cycle,
  },
  [ARRAY_GOALS] = {
    "goals", "goals", N_("goal"), N_("Writing goals"),
    goal_fields, N_GOAL_FIELDS, GOAL_TITLE, GOAL_PARENT_GOAL,
    NULL, check_goal_record, check_goal_links, NULL,
  },
  [ARRAY_KEY_RESULTS] = {
    "key_results", "key_results", N_("key result"), N_("Writing key results"),
    kr_fields, N_KR_FIELDS, KR_TITLE, KR_GOAL,
    NULL, check_kr_record, NULL, NULL,
  },
  [ARRAY_CHECKINS] = {
    "checkins", "checkins", N_("check-in"), N_("Writing check-ins"),
    checkin_fields, N_CHECKIN_FIELDS, CHECKIN_AT, -1,
    NULL, NULL, NULL, NULL,
  },
  [ARRAY_CHECKIN_EVIDENCE] = {
    "checkin_evidence", "checkin_evidence", N_("evidence"), N_("Writing evidence"),
    evidence_fields, N_EVIDENCE_FIELDS, EVIDENCE_FILE_NAME, -1,
    NULL, check_evidence_record, NULL, NULL,
  },
  [ARRAY_GOAL_APPROVALS] = {
    "goal_approvals", "goal_approvals", N_("approval"), N_("Writing approvals"),
    approval_fields, N_APPROVAL_FIELDS, APPROVAL_ACTION, -1,
    NULL, NULL, NULL, NULL,
  },
  [ARRAY_CHANGE_REQUESTS] = {
    "change_requests", "change_requests", N_("change request"), N_("Writing change requests"),
    change_fields_spec, N_CHANGE_FIELDS, CHANGE_REASON, -1,
    NULL, check_change_record, check_change_links, NULL,
  },
  [ARRAY_WEIGHT_RULES] = {
    "weight_rules", "weight_rules", N_("weight rule"), N_("Writing weight rules"),
    rule_fields, N_RULE_FIELDS, RULE_NAME, -1,
    NULL, check_rule_record, NULL, NULL,
  },
  [ARRAY_NOTICES] = {
    "notices", "notices", N_("notice"), N_("Writing notices"),
    notice_fields, N_NOTICE_FIELDS, NOTICE_MESSAGE, -1,
    NULL, NULL, NULL, NULL,
  },
};

G_DEFINE_QUARK (trellis-import-error-quark, trellis_import_error)

/* Helpers: field types */

static gboolean
field_is_nullable (FieldType type)
{
  switch (type)
    {
    case FIELD_TEXT_OR_NULL:
    case FIELD_DATE_OR_NULL:
    case FIELD_TIMESTAMP_OR_NULL:
    case FIELD_REF_OR_NULL:
    case FIELD_NUMBER_OR_NULL:
    case FIELD_INTEGER_OR_NULL:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
field_is_text (FieldType type)
{
  switch (type)
    {
    case FIELD_ID:
    case FIELD_NAME:
    case FIELD_TEXT:
    case FIELD_TEXT_OR_NULL:
    case FIELD_ENUM:
    case FIELD_DATE:
    case FIELD_DATE_OR_NULL:
    case FIELD_TIMESTAMP:
    case FIELD_TIMESTAMP_OR_NULL:
    case FIELD_REF:
    case FIELD_REF_OR_NULL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The shortest decimal that reads back as the same double: 0.35, not
 * 0.34999999999999998. Locale-independent. */
static void
format_number (char   *buffer,
               gsize   size,
               double  value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, size, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return;
    }
}

/* Helpers: JSON */

static const char *
json_type_describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

static gboolean
json_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
json_node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_INT64 ||
                                          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Helpers: errors */

static inline FieldValue *
record_values (ArrayState *state,
               guint       index)
{
  return &state->values[(gsize) index * state->spec->n_fields];
}

/* "employees[12] (id "E00013")", or "employees[12]" before the id is known. */
static char *
record_label (ArrayState *state,
              guint       index,
              const char *id)
{
  if (id != NULL)
    return g_strdup_printf ("%s[%u] (id \"%s\")", state->spec->name, index, id);
  return g_strdup_printf ("%s[%u]", state->spec->name, index);
}

static void
set_record_error (ImportContext *ctx,
                  ArrayState    *state,
                  guint          index,
                  const char    *id,
                  const char    *field,
                  GError       **error,
                  const char    *format,
                  ...) G_GNUC_PRINTF (7, 8);

static void
set_record_error (ImportContext *ctx,
                  ArrayState    *state,
                  guint          index,
                  const char    *id,
                  const char    *field,
                  GError       **error,
                  const char    *format,
                  ...)
{
  g_autofree char *label = record_label (state, index, id);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
                 "%s: %s: field \"%s\": %s", ctx->source, label, field, reason);
  else
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
                 "%s: %s: %s", ctx->source, label, reason);
}

static void
report_progress (ImportContext *ctx,
                 double         fraction,
                 const char    *message)
{
  if (ctx->progress != NULL)
    ctx->progress (CLAMP (fraction, 0.0, 1.0), message, ctx->progress_data);
}

/* Called once per record in each phase; every CHECK_INTERVAL records it
 * reports progress between @from and @to and checks for cancellation. */
static gboolean
tick (ImportContext *ctx,
      double         from,
      double         to,
      const char    *message,
      GError       **error)
{
  ctx->done_records++;

  if (ctx->done_records % CHECK_INTERVAL != 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  report_progress (ctx, from + (to - from) * ctx->done_records / MAX (ctx->total_records, 1),
                   message);
  return TRUE;
}

/* Export
 *
 * Written by hand rather than through JsonGenerator: numbers come out in
 * their shortest form (json-glib writes 0.35 as 0.34999999999999998) and
 * no document tree is built. The layout is json-glib's pretty printing:
 * two-space indentation, "key" : value, [] for an empty array. */

static void
write_json_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_json_value (GString         *out,
                  const FieldSpec *field,
                  sqlite3_stmt    *stmt,
                  int              column)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  int type = sqlite3_column_type (stmt, column);

  if (field->type == FIELD_BOOLEAN)
    {
      g_string_append (out, sqlite3_column_int (stmt, column) != 0 ? "true" : "false");
      return;
    }

  if (type == SQLITE_NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (field->type)
    {
    case FIELD_NUMBER:
    case FIELD_NUMBER_OR_NULL:
      {
        double value = sqlite3_column_double (stmt, column);

        if (!isfinite (value))
          {
            g_string_append (out, "null");
            return;
          }
        format_number (number, sizeof number, value);
        g_string_append (out, number);
      }
      break;

    case FIELD_INTEGER:
    case FIELD_INTEGER_OR_NULL:
    case FIELD_INTEGER_ID:
    case FIELD_INTEGER_REF:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
      break;

    case FIELD_BASE64:
      {
        g_autofree char *encoded = g_base64_encode (sqlite3_column_blob (stmt, column),
                                                    sqlite3_column_bytes (stmt, column));
        write_json_string (out, encoded);
      }
      break;

    default:
      write_json_string (out, (const char *) sqlite3_column_text (stmt, column));
    }
}

/* Where the text goes: a string, or a file written a chunk at a time so a
 * large workspace never sits in memory twice. */
typedef struct
{
  GString *out;
  int      fd;           /* -1: keep everything in @out */
  int      write_errno;
} ExportSink;

#define EXPORT_CHUNK (1024 * 1024)

static gboolean
sink_flush (ExportSink *sink)
{
  gsize done = 0;

  if (sink->fd < 0 || sink->write_errno != 0)
    return sink->write_errno == 0;

  while (done < sink->out->len)
    {
      gssize n = write (sink->fd, sink->out->str + done, sink->out->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          sink->write_errno = errno;
          return FALSE;
        }
      done += n;
    }
  g_string_truncate (sink->out, 0);
  return TRUE;
}

static void
sink_maybe_flush (ExportSink *sink)
{
  if (sink->fd >= 0 && sink->out->len >= EXPORT_CHUNK)
    sink_flush (sink);
}

/* Returns the result of the last sqlite3_step(): SQLITE_DONE when all went well. */
static int
export_array (const ArraySpec *spec,
              sqlite3_stmt    *stmt,
              ExportSink      *sink,
              gboolean         last)
{
  GString *out = sink->out;
  gboolean first = TRUE;
  int rc;

  g_string_append (out, "  ");
  write_json_string (out, spec->name);
  g_string_append (out, " : [");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (out, first ? "\n    {\n" : ",\n    {\n");
      first = FALSE;

      for (guint i = 0; i < spec->n_fields; i++)
        {
          const FieldSpec *field = &spec->fields[i];

          g_string_append (out, "      ");
          write_json_string (out, field->name);
          g_string_append (out, " : ");
          write_json_value (out, field, stmt, i);
          g_string_append (out, i + 1 < spec->n_fields ? ",\n" : "\n");
        }

      g_string_append (out, "    }");
      sink_maybe_flush (sink);
    }

  g_string_append (out, first ? "]" : "\n  ]");
  g_string_append (out, last ? "\n" : ",\n");
  return rc;
}

static sqlite3_stmt *
prepare_export (TrellisStore    *store,
                const ArraySpec *spec,
                GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", spec->fields[i].column);

  /* Byte order (BINARY collation), whatever the table declares; whole-number
   * ids sort as numbers. */
  g_string_append_printf (sql, " FROM %s ORDER BY id COLLATE BINARY", spec->table);

  return trellis_store_prepare (store, sql->str, error);
}

static void
end_read_transaction (TrellisStore *store)
{
  sqlite3 *db = trellis_store_get_handle (store);

  if (sqlite3_get_autocommit (db) == 0)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
export_to_sink (TrellisStore  *store,
                ExportSink    *sink,
                GError       **error)
{
  gboolean own_transaction;
  gboolean ok = FALSE;

  /* Read every table in one snapshot. A plain (deferred) BEGIN: export
   * only reads, so it must not take the write lock. */
  own_transaction = !trellis_store_in_transaction (store);
  if (own_transaction && !trellis_store_exec (store, "BEGIN DEFERRED", error))
    return FALSE;

  g_string_append_printf (sink->out, "{\n  \"format\" : \"trellis\",\n  \"version\" : %d,\n",
                          TRELLIS_INTERCHANGE_VERSION);

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      sqlite3_stmt *stmt = prepare_export (store, &array_specs[a], error);
      int rc;

      if (stmt == NULL)
        goto out;

      rc = export_array (&array_specs[a], stmt, sink, a + 1 == N_ARRAYS);
      if (rc != SQLITE_DONE)
        {
          trellis_store_set_error (store, error, array_specs[a].table);
          sqlite3_reset (stmt);
          goto out;
        }
      sqlite3_reset (stmt);
    }

  g_string_append (sink->out, "}\n");
  ok = TRUE;

out:
  if (own_transaction)
    end_read_transaction (store);
  return ok;
}

char *
trellis_interchange_export (TrellisStore  *store,
                            GError       **error)
{
  ExportSink sink = { NULL, -1, 0 };

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sink.out = g_string_sized_new (64 * 1024);
  if (!export_to_sink (store, &sink, error))
    {
      g_string_free (sink.out, TRUE);
      return NULL;
    }
  return g_string_free (sink.out, FALSE);
}

gboolean
trellis_interchange_export_file (TrellisStore  *store,
                                 const char    *path,
                                 GError       **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *display = NULL;
  ExportSink sink = { NULL, -1, 0 };
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Atomic, and private (the file holds personal data): written beside
   * @path, synced, then renamed over it. */
  display = g_filename_display_name (path);
  partial = g_strconcat (path, ".XXXXXX", NULL);
  sink.fd = g_mkstemp_full (partial, O_WRONLY | O_CLOEXEC, 0600);
  if (sink.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create a file next to %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  sink.out = g_string_sized_new (EXPORT_CHUNK + 64 * 1024);
  ok = export_to_sink (store, &sink, error);
  if (ok)
    sink_flush (&sink);
  g_string_free (g_steal_pointer (&sink.out), TRUE);

  if (ok && (sink.write_errno != 0 || fsync (sink.fd) != 0))
    {
      int saved_errno = sink.write_errno != 0 ? sink.write_errno : errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (close (sink.fd) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);

  return ok;
}

/* Import: reading records */

/* "2026-11-22T09:30:00Z", a real day and time. */
static gboolean
timestamp_is_valid (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  char day[11];
  GDate date;
  int hour, minute, second;

  if (strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;

  memcpy (day, text, 10);
  day[10] = '\0';
  g_date_clear (&date, 1);
  if (!trellis_date_parse (day, &date) || !g_date_valid (&date))
    return FALSE;
  {
    g_autofree char *canonical = trellis_date_to_string (&date);
    if (strcmp (canonical, day) != 0)
      return FALSE;
  }

  hour = (text[11] - '0') * 10 + (text[12] - '0');
  minute = (text[14] - '0') * 10 + (text[15] - '0');
  second = (text[17] - '0') * 10 + (text[18] - '0');
  return hour < 24 && minute < 60 && second < 60;
}

static gboolean
base64_is_valid (const char *text)
{
  gsize length = strlen (text);

  if (length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (g_ascii_isalnum (c) || c == '+' || c == '/')
        continue;
      /* Padding: only the last one or two characters. */
      if (c == '=' && i >= length - 2 && (i == length - 1 || text[length - 1] == '='))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_text_field (ImportContext   *ctx,
                 ArrayState      *state,
                 guint            index,
                 const char      *id,
                 const FieldSpec *field,
                 JsonNode        *node,
                 FieldValue      *out_value,
                 GError         **error)
{
  gboolean nullable = field_is_nullable (field->type);
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        {
          out_value->text = NULL;
          return TRUE;
        }

      if (node == NULL)
        set_record_error (ctx, state, index, id, field->name, error,
                          _("required field is missing"));
      else
        set_record_error (ctx, state, index, id, field->name, error,
                          _("must not be null"));
      return FALSE;
    }

  if (!json_node_is_string (node))
    {
      set_record_error (ctx, state, index, id, field->name, error,
                        nullable ? _("expected a string or null, got %s")
                                 : _("expected a string, got %s"),
                        json_type_describe (node));
      return FALSE;
    }

  text = json_node_get_string (node);

  switch (field->type)
    {
    case FIELD_ID:
    case FIELD_REF:
    case FIELD_REF_OR_NULL:
      if (*text == '\0')
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            field->type == FIELD_REF_OR_NULL
                              ? _("an id must not be empty (use null for none)")
                              : _("an id must not be empty"));
          return FALSE;
        }
      break;

    case FIELD_NAME:
      if (*text == '\0')
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            _("must not be empty"));
          return FALSE;
        }
      break;

    case FIELD_TEXT_OR_NULL:
      /* The store keeps no empty strings: "" and null are the same. */
      if (*text == '\0')
        text = NULL;
      break;

    case FIELD_ENUM:
      if (!g_strv_contains ((const char * const *) field->choices, text))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) field->choices);
          set_record_error (ctx, state, index, id, field->name, error,
                            _("\"%s\" is not one of %s"), text, choices);
          return FALSE;
        }
      break;

    case FIELD_DATE:
    case FIELD_DATE_OR_NULL:
      {
        GDate date;
        g_autofree char *canonical = NULL;

        g_date_clear (&date, 1);
        if (trellis_date_parse (text, &date) && g_date_valid (&date))
          canonical = trellis_date_to_string (&date);

        if (canonical == NULL || strcmp (canonical, text) != 0)
          {
            set_record_error (ctx, state, index, id, field->name, error,
                              _("\"%s\" is not a date in the form YYYY-MM-DD"), text);
            return FALSE;
          }
      }
      break;

    case FIELD_TIMESTAMP:
    case FIELD_TIMESTAMP_OR_NULL:
      if (!timestamp_is_valid (text))
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            _("\"%s\" is not a time in the form YYYY-MM-DDTHH:MM:SSZ (UTC)"), text);
          return FALSE;
        }
      break;

    case FIELD_TEXT:
    default:
      break;
    }

  out_value->text = text;
  return TRUE;
}

static gboolean
check_range (ImportContext   *ctx,
             ArrayState      *state,
             guint            index,
             const char      *id,
             const FieldSpec *field,
             double           value,
             GError         **error)
{
  char value_text[G_ASCII_DTOSTR_BUF_SIZE], min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

  if (!field->ranged || (value >= field->min && value <= field->max))
    return TRUE;

  format_number (value_text, sizeof value_text, value);
  format_number (min, sizeof min, field->min);
  format_number (max, sizeof max, field->max);
  set_record_error (ctx, state, index, id, field->name, error,
                    _("%s is out of range: it must be from %s to %s"), value_text, min, max);
  return FALSE;
}

/* Numbers, whole numbers, whole-number ids and references, base64. */
static gboolean
read_value_field (ImportContext   *ctx,
                  ArrayState      *state,
                  guint            index,
                  const char      *id,
                  const FieldSpec *field,
                  JsonNode        *node,
                  FieldValue      *out_value,
                  GError         **error)
{
  gboolean nullable = field_is_nullable (field->type);
  gboolean whole = field->type == FIELD_INTEGER || field->type == FIELD_INTEGER_OR_NULL ||
                   field->type == FIELD_INTEGER_ID || field->type == FIELD_INTEGER_REF;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable || (field->optional && field->type != FIELD_INTEGER_ID))
        {
          if (field->type == FIELD_NUMBER || field->type == FIELD_NUMBER_OR_NULL)
            out_value->number = NAN;
          else if (field->type == FIELD_INTEGER || field->type == FIELD_INTEGER_OR_NULL)
            out_value->integer = NO_INTEGER;
          else
            out_value->text = NULL;
          return TRUE;
        }

      set_record_error (ctx, state, index, id, field->name, error,
                        node == NULL ? _("required field is missing") : _("must not be null"));
      return FALSE;
    }

  if (field->type == FIELD_BASE64)
    {
      const char *text;
      gsize length;
      guchar *data;

      if (!json_node_is_string (node))
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            _("expected a base64 string, got %s"), json_type_describe (node));
          return FALSE;
        }
      text = json_node_get_string (node);
      if (!base64_is_valid (text))
        {
          set_record_error (ctx, state, index, id, field->name, error, _("is not valid base64"));
          return FALSE;
        }
      data = g_base64_decode (text, &length);
      out_value->bytes = g_bytes_new_take (data, length);
      g_ptr_array_add (ctx->blobs, out_value->bytes);
      return TRUE;
    }

  if (whole)
    {
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            nullable ? _("expected a whole number or null, got %s")
                                     : _("expected a whole number, got %s"),
                            json_node_is_number (node) ? _("a fraction") : json_type_describe (node));
          return FALSE;
        }

      value = json_node_get_int (node);
      if ((field->type == FIELD_INTEGER_ID || field->type == FIELD_INTEGER_REF) && value < 1)
        {
          set_record_error (ctx, state, index, id, field->name, error,
                            _("an id must be a whole number of at least 1"));
          return FALSE;
        }
      if (!check_range (ctx, state, index, id, field, (double) value, error))
        return FALSE;

      if (field->type == FIELD_INTEGER_ID || field->type == FIELD_INTEGER_REF)
        {
          char text[32];

          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
          out_value->text = g_string_chunk_insert_const (ctx->strings, text);
        }
      else
        out_value->integer = value;
      return TRUE;
    }

  if (!json_node_is_number (node))
    {
      set_record_error (ctx, state, index, id, field->name, error,
                        nullable ? _("expected a number or null, got %s") : _("expected a number, got %s"),
                        json_type_describe (node));
      return FALSE;
    }

  out_value->number = json_node_get_double (node);
  return check_range (ctx, state, index, id, field, out_value->number, error);
}

static gboolean
read_field (ImportContext   *ctx,
            ArrayState      *state,
            guint            index,
            const char      *id,
            const FieldSpec *field,
            JsonObject      *object,
            FieldValue      *out_value,
            GError         **error)
{
  JsonNode *node = json_object_get_member (object, field->name);

  if (field_is_text (field->type))
    return read_text_field (ctx, state, index, id, field, node, out_value, error);
  if (field->type != FIELD_BOOLEAN)
    return read_value_field (ctx, state, index, id, field, node, out_value, error);

  if (node == NULL && field->optional)
    {
      out_value->boolean = field->default_boolean;
      return TRUE;
    }

  if (node == NULL)
    {
      set_record_error (ctx, state, index, id, field->name, error,
                        _("required field is missing"));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_record_error (ctx, state, index, id, field->name, error,
                        _("expected true or false, got %s"), json_type_describe (node));
      return FALSE;
    }

  out_value->boolean = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_record (ImportContext *ctx,
             ArrayState    *state,
             guint          index,
             GError       **error)
{
  const ArraySpec *spec = state->spec;
  JsonNode *node = json_array_get_element (state->array, index);
  FieldValue *values = record_values (state, index);
  JsonObject *object;
  const char *id;
  gpointer other;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_record_error (ctx, state, index, NULL, NULL, error,
                        _("expected an object, got %s"), json_type_describe (node));
      return FALSE;
    }

  object = json_node_get_object (node);

  g_assert (spec->fields[0].type == FIELD_ID || spec->fields[0].type == FIELD_INTEGER_ID);
  if (!read_field (ctx, state, index, NULL, &spec->fields[0], object, &values[0], error))
    return FALSE;
  id = values[0].text;

  if (g_hash_table_lookup_extended (state->file_ids, id, NULL, &other))
    {
      g_autofree char *first = record_label (state, GPOINTER_TO_UINT (other) - 1, NULL);
      set_record_error (ctx, state, index, id, spec->fields[0].name, error,
                        _("duplicate id, already used by %s"), first);
      return FALSE;
    }

  if (g_hash_table_contains (state->existing, id))
    {
      set_record_error (ctx, state, index, id, spec->fields[0].name, error,
                        _("\"%s\" already exists in the workspace"), id);
      return FALSE;
    }

  g_hash_table_insert (state->file_ids, (gpointer) id, GUINT_TO_POINTER (index + 1));

  for (guint i = 1; i < spec->n_fields; i++)
    if (!read_field (ctx, state, index, id, &spec->fields[i], object, &values[i], error))
      return FALSE;

  if (spec->check_record != NULL && !spec->check_record (ctx, state, index, error))
    return FALSE;

  return TRUE;
}

/* Import: checks of one record */

static gboolean
check_cycle_record (ImportContext  *ctx,
                    ArrayState     *state,
                    guint           index,
                    GError        **error)
{
  FieldValue *values = record_values (state, index);

  /* Both are canonical "YYYY-MM-DD", so byte order is date order. */
  if (strcmp (values[CYCLE_END].text, values[CYCLE_START].text) < 0)
    {
      set_record_error (ctx, state, index, values[CYCLE_ID].text, "end", error,
                        _("%s is before the start %s"),
                        values[CYCLE_END].text, values[CYCLE_START].text);
      return FALSE;
    }

  /* The schema's default: a target or weight may move by 10 % in the cycle. */
  if (isnan (values[CYCLE_MAX_ADJUSTMENT].number))
    values[CYCLE_MAX_ADJUSTMENT].number = 0.1;

  return TRUE;
}

static gboolean
check_goal_record (ImportContext  *ctx,
                   ArrayState     *state,
                   guint           index,
                   GError        **error)
{
  FieldValue *values = record_values (state, index);
  const char *id = values[GOAL_ID].text;
  gboolean employee = g_str_equal (values[GOAL_OWNER_KIND].text, "employee");

  /* Who owns it: an employee, or a department (the company's top one for
   * company goals), never both. */
  if (employee && values[GOAL_EMPLOYEE].text == NULL)
    {
      set_record_error (ctx, state, index, id, "employee", error,
                        _("an employee's goal needs the employee"));
      return FALSE;
    }
  if (employee && values[GOAL_DEPARTMENT].text != NULL)
    {
      set_record_error (ctx, state, index, id, "department", error,
                        _("must be null for an employee's goal"));
      return FALSE;
    }
  if (!employee && values[GOAL_DEPARTMENT].text == NULL)
    {
      set_record_error (ctx, state, index, id, "department", error,
                        _("a %s goal needs the department that owns it"), values[GOAL_OWNER_KIND].text);
      return FALSE;
    }
  if (!employee && values[GOAL_EMPLOYEE].text != NULL)
    {
      set_record_error (ctx, state, index, id, "employee", error,
                        _("must be null for a %s goal"), values[GOAL_OWNER_KIND].text);
      return FALSE;
    }

  if (values[GOAL_PARENT_GOAL].text != NULL && values[GOAL_PARENT_KR].text != NULL)
    {
      set_record_error (ctx, state, index, id, "parent_kr", error,
                        _("a goal aligns to a goal or to a key result, not to both"));
      return FALSE;
    }
  if (g_strcmp0 (values[GOAL_PARENT_GOAL].text, id) == 0)
    {
      set_record_error (ctx, state, index, id, "parent_goal", error, _("a goal cannot align to itself"));
      return FALSE;
    }

  if (isnan (values[GOAL_ORIGINAL_WEIGHT].number))
    values[GOAL_ORIGINAL_WEIGHT].number = values[GOAL_WEIGHT].number;
  if (values[GOAL_APPROVAL_STEP].integer == NO_INTEGER)
    values[GOAL_APPROVAL_STEP].integer = 0;
  if (values[GOAL_POSITION].integer == NO_INTEGER)
    values[GOAL_POSITION].integer = 0;
  if (values[GOAL_CREATED_AT].text == NULL)
    values[GOAL_CREATED_AT].text = ctx->now;

  return TRUE;
}

static gboolean
check_kr_record (ImportContext  *ctx,
                 ArrayState     *state,
                 guint           index,
                 GError        **error)
{
  FieldValue *values = record_values (state, index);

  if (isnan (values[KR_BASELINE].number))
    values[KR_BASELINE].number = 0.0;

  if (!g_str_equal (values[KR_MEASURE].text, "milestone") &&
      values[KR_TARGET].number == values[KR_BASELINE].number)
    {
      char baseline[G_ASCII_DTOSTR_BUF_SIZE];

      format_number (baseline, sizeof baseline, values[KR_BASELINE].number);
      set_record_error (ctx, state, index, values[KR_ID].text, "target", error,
                        _("equals the baseline %s: progress needs a distance to cover (only a "
                          "milestone may have them equal)"), baseline);
      return FALSE;
    }

  if (isnan (values[KR_ORIGINAL_TARGET].number))
    values[KR_ORIGINAL_TARGET].number = values[KR_TARGET].number;
  if (isnan (values[KR_CURRENT].number))
    values[KR_CURRENT].number = values[KR_BASELINE].number;
  if (isnan (values[KR_ORIGINAL_WEIGHT].number))
    values[KR_ORIGINAL_WEIGHT].number = values[KR_WEIGHT].number;
  if (values[KR_POSITION].integer == NO_INTEGER)
    values[KR_POSITION].integer = 0;

  return TRUE;
}

static gboolean
check_evidence_record (ImportContext  *ctx,
                       ArrayState     *state,
                       guint           index,
                       GError        **error)
{
  FieldValue *values = record_values (state, index);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, values[EVIDENCE_DATA].bytes);

  if (g_ascii_strcasecmp (sha256, values[EVIDENCE_SHA256].text) != 0)
    {
      set_record_error (ctx, state, index, values[EVIDENCE_ID].text, "sha256", error,
                        _("does not match the data (whose SHA-256 is %s)"), sha256);
      return FALSE;
    }
  values[EVIDENCE_SHA256].text = g_string_chunk_insert_const (ctx->strings, sha256);
  return TRUE;
}

static gboolean
check_change_record (ImportContext  *ctx,
                     ArrayState     *state,
                     guint           index,
                     GError        **error)
{
  FieldValue *values = record_values (state, index);
  g_autofree char *reason = g_strstrip (g_strdup (values[CHANGE_REASON].text));

  if (*reason == '\0')
    {
      set_record_error (ctx, state, index, values[CHANGE_ID].text, "reason", error,
                        _("must not be blank: say what happened"));
      return FALSE;
    }
  if (g_str_equal (values[CHANGE_FIELD].text, "target") && values[CHANGE_KEY_RESULT].text == NULL)
    {
      set_record_error (ctx, state, index, values[CHANGE_ID].text, "key_result", error,
                        _("a change of target names the key result"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_rule_record (ImportContext  *ctx,
                   ArrayState     *state,
                   guint           index,
                   GError        **error)
{
  FieldValue *values = record_values (state, index);
  double weight = values[RULE_NEW_WEIGHT].number;

  if (weight <= 0.0 || weight >= 1.0)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      format_number (text, sizeof text, weight);
      set_record_error (ctx, state, index, values[RULE_ID].text, "new_weight", error,
                        _("%s is out of range: it must be more than 0 and less than 1"), text);
      return FALSE;
    }
  return TRUE;
}

/* Import: what the workspace already holds */

static gboolean
load_existing (ImportContext *ctx,
               ArrayState    *state,
               GError       **error)
{
  const ArraySpec *spec = state->spec;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (spec->parent_field >= 0)
    sql = g_strdup_printf ("SELECT id, %s FROM %s", spec->fields[spec->parent_field].column,
                           spec->table);
  else
    sql = g_strdup_printf ("SELECT id, NULL FROM %s", spec->table);

  stmt = trellis_store_prepare (ctx->store, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (state->existing,
                           g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup (parent));
    }

  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (ctx->store, error, spec->table);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/* Import: references and loops */

static gboolean
check_references (ImportContext *ctx,
                  ArrayState    *state,
                  GError       **error)
{
  const ArraySpec *spec = state->spec;
  const char *message = _("Checking references");

  for (guint i = 0; i < state->n_records; i++)
    {
      const FieldValue *values = record_values (state, i);

      for (guint f = 0; f < spec->n_fields; f++)
        {
          const FieldSpec *field = &spec->fields[f];
          ArrayState *target;
          const char *ref = values[f].text;

          if (field->type != FIELD_REF && field->type != FIELD_REF_OR_NULL &&
              field->type != FIELD_INTEGER_REF)
            continue;
          if (ref == NULL)
            continue;

          target = &ctx->arrays[field->ref_array];
          if (g_hash_table_contains (target->file_ids, ref) ||
              g_hash_table_contains (target->existing, ref))
            continue;

          set_record_error (ctx, state, i, values[0].text, field->name, error,
                            _("no %s with id \"%s\""), _(target->spec->noun), ref);
          return FALSE;
        }

      if (!tick (ctx, PROGRESS_READ, PROGRESS_VALIDATED, message, error))
        return FALSE;
    }

  return TRUE;
}

/* The goal a key result belongs to, from the file or the workspace. */
static const char *
goal_of_key_result (ImportContext *ctx,
                    const char    *key_result_id)
{
  ArrayState *krs = &ctx->arrays[ARRAY_KEY_RESULTS];
  gpointer position;

  if (key_result_id == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (krs->file_ids, key_result_id, NULL, &position))
    return record_values (krs, GPOINTER_TO_UINT (position) - 1)[KR_GOAL].text;
  return g_hash_table_lookup (krs->existing, key_result_id);
}

static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Finds a loop in @parent_of, walking with states white (unseen) / grey
 * (on the current path) / black (known to reach a root), and names it
 * with @label ("Cycle loop: …"). */
static gboolean
check_parent_loops (GHashTable          *parent_of,
                    TrellisDescribeFunc  describe,
                    gpointer             user_data,
                    const char          *label,
                    GError             **error)
{
  g_autoptr(GHashTable) colour = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  enum { GREY = 1, BLACK = 2 };

  keys = g_hash_table_get_keys_as_array (parent_of, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (gpointer), compare_string_pointers, NULL);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *id = keys[i];
      g_autoptr(GPtrArray) path = g_ptr_array_new ();

      while (id != NULL && GPOINTER_TO_INT (g_hash_table_lookup (colour, id)) == 0)
        {
          g_hash_table_insert (colour, (gpointer) id, GINT_TO_POINTER (GREY));
          g_ptr_array_add (path, (gpointer) id);
          id = g_hash_table_lookup (parent_of, id);
        }

      if (id != NULL && GPOINTER_TO_INT (g_hash_table_lookup (colour, id)) == GREY)
        {
          g_autoptr(GString) message = g_string_new (NULL);
          guint start = 0;

          while (strcmp (path->pdata[start], id) != 0)
            start++;

          for (guint j = start; j <= path->len; j++)
            {
              const char *member = j < path->len ? path->pdata[j] : id;
              g_autofree char *described = describe ? describe (member, user_data)
                                                    : g_strdup (member);

              if (j > start)
                g_string_append (message, " → ");
              g_string_append (message, described);
            }

          g_set_error (error, TRELLIS_ORG_ERROR, TRELLIS_ORG_ERROR_INVALID,
                       "%s: %s", label, message->str);
          return FALSE;
        }

      for (guint j = 0; j < path->len; j++)
        g_hash_table_insert (colour, path->pdata[j], GINT_TO_POINTER (BLACK));
    }

  return TRUE;
}

/* Cycles have no loop check of their own in the repository. */
static gboolean
check_cycle_loops (GHashTable          *parent_of,
                   TrellisDescribeFunc  describe,
                   gpointer             user_data,
                   GError             **error)
{
  return check_parent_loops (parent_of, describe, user_data, _("Cycle loop"), error);
}

static char *
lookup_existing_name (ImportContext *ctx,
                      ArrayState    *state,
                      const char    *id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *name = NULL;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                         state->spec->fields[state->spec->name_field].column,
                         state->spec->table);
  stmt = trellis_store_prepare (ctx->store, sql, NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return name;
}

/* TrellisDescribeFunc for the loop checks: "张伟 (E1)". It also notes
 * which ids are in the loop, so the error can name a record of the file. */
static char *
describe_record (const char *id,
                 gpointer    user_data)
{
  ImportContext *ctx = user_data;
  ArrayState *state = ctx->describing;
  g_autofree char *existing_name = NULL;
  const char *name = NULL;
  gpointer position;

  g_ptr_array_add (ctx->loop_ids, g_strdup (id));

  if (g_hash_table_lookup_extended (state->file_ids, id, NULL, &position))
    name = record_values (state, GPOINTER_TO_UINT (position) - 1)[state->spec->name_field].text;
  else
    name = existing_name = lookup_existing_name (ctx, state, id);

  if (name == NULL || *name == '\0')
    return g_strdup (id);

  return g_strdup_printf ("%s (%s)", name, id);
}

/* Runs @check over @parent_of and, when it finds a loop, blames the member
 * of the loop that comes first in the file, in the field @field_of says. */
static gboolean
report_loop (ImportContext  *ctx,
             ArrayState     *state,
             GHashTable     *parent_of,
             gboolean      (*check) (GHashTable *, TrellisDescribeFunc, gpointer, GError **),
             const char   *(*field_of) (ArrayState *, guint),
             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  guint best_index = G_MAXUINT;
  const char *best_id = NULL;
  gpointer key;

  ctx->describing = state;
  g_ptr_array_set_size (ctx->loop_ids, 0);

  if (check (parent_of, describe_record, ctx, &local_error))
    {
      ctx->describing = NULL;
      return TRUE;
    }

  ctx->describing = NULL;

  for (guint i = 0; i < ctx->loop_ids->len; i++)
    {
      gpointer position;

      if (g_hash_table_lookup_extended (state->file_ids, ctx->loop_ids->pdata[i],
                                        &key, &position) &&
          GPOINTER_TO_UINT (position) - 1 < best_index)
        {
          best_index = GPOINTER_TO_UINT (position) - 1;
          best_id = key;
        }
    }

  if (best_id != NULL)
    set_record_error (ctx, state, best_index, best_id, field_of (state, best_index), error,
                      "%s", local_error->message);
  else
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
                 "%s: %s: field \"%s\": %s", ctx->source, state->spec->name,
                 field_of (state, 0), local_error->message);

  return FALSE;
}

static const char *
parent_field_name (ArrayState *state,
                   guint       index)
{
  return state->spec->fields[state->spec->parent_field].name;
}

static gboolean
check_loops (ImportContext *ctx,
             ArrayState    *state,
             GError       **error)
{
  const ArraySpec *spec = state->spec;
  g_autoptr(GHashTable) parent_of = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (spec->parent_field < 0 || spec->check_loops == NULL || state->n_records == 0)
    return TRUE;

  /* Existing records cannot point at new ones, so they can only extend a
   * chain; they are included so the checker sees the whole tree. */
  parent_of = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_iter_init (&iter, state->existing);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (parent_of, key, value);

  for (guint i = 0; i < state->n_records; i++)
    {
      const FieldValue *values = record_values (state, i);

      if (values[spec->parent_field].text != NULL)
        g_hash_table_insert (parent_of, (gpointer) values[0].text,
                             (gpointer) values[spec->parent_field].text);
    }

  return report_loop (ctx, state, parent_of, spec->check_loops, parent_field_name, error);
}

static gboolean
check_alignment_loops (GHashTable          *parent_of,
                       TrellisDescribeFunc  describe,
                       gpointer             user_data,
                       GError             **error)
{
  return check_parent_loops (parent_of, describe, user_data, _("Alignment loop"), error);
}

static const char *
alignment_field_name (ArrayState *state,
                      guint       index)
{
  return record_values (state, index)[GOAL_PARENT_GOAL].text != NULL ? "parent_goal" : "parent_kr";
}

/* A goal aligns to a goal, or to a key result and so to that KR's goal:
 * following either must never come back. Goals already in the workspace
 * count, through their parent goal or the goal of their parent KR. */
static gboolean
check_goal_links (ImportContext *ctx,
                  ArrayState    *state,
                  GError       **error)
{
  g_autoptr(GHashTable) parent_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (state->n_records == 0)
    return TRUE;

  stmt = trellis_store_prepare (ctx->store,
                                "SELECT g.id, coalesce (g.parent_goal_id, k.goal_id) FROM goals g"
                                " LEFT JOIN key_results k ON k.id = g.parent_kr_id"
                                " WHERE g.parent_goal_id IS NOT NULL OR g.parent_kr_id IS NOT NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);

      if (parent != NULL)
        g_hash_table_insert (parent_of,
                             g_string_chunk_insert_const (ctx->strings, (const char *) sqlite3_column_text (stmt, 0)),
                             g_string_chunk_insert_const (ctx->strings, parent));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_store_set_error (ctx->store, error, "goals");
      return FALSE;
    }

  for (guint i = 0; i < state->n_records; i++)
    {
      const FieldValue *values = record_values (state, i);
      const char *parent = values[GOAL_PARENT_GOAL].text;

      if (parent == NULL)
        parent = goal_of_key_result (ctx, values[GOAL_PARENT_KR].text);
      if (parent != NULL)
        g_hash_table_insert (parent_of, (gpointer) values[GOAL_ID].text, (gpointer) parent);
    }

  return report_loop (ctx, state, parent_of, check_alignment_loops, alignment_field_name, error);
}

/* A change to a key result is a change to that key result's goal. */
static gboolean
check_change_links (ImportContext *ctx,
                    ArrayState    *state,
                    GError       **error)
{
  for (guint i = 0; i < state->n_records; i++)
    {
      const FieldValue *values = record_values (state, i);
      const char *kr = values[CHANGE_KEY_RESULT].text;
      const char *owner = goal_of_key_result (ctx, kr);

      if (kr != NULL && g_strcmp0 (owner, values[CHANGE_GOAL].text) != 0)
        {
          set_record_error (ctx, state, i, values[CHANGE_ID].text, "key_result", error,
                            _("key result \"%s\" belongs to goal \"%s\", not to \"%s\""),
                            kr, owner ? owner : "?", values[CHANGE_GOAL].text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Import: writing */

static gboolean
insert_department (ImportContext    *ctx,
                   const FieldValue *values,
                   GError          **error)
{
  g_autoptr(TrellisDepartment) department = NULL;
  TrellisDepartmentKind kind;

  if (!trellis_department_kind_from_string (values[DEPARTMENT_KIND].text, &kind))
    g_assert_not_reached ();

  department = trellis_department_new (values[DEPARTMENT_ID].text,
                                       values[DEPARTMENT_NAME].text,
                                       kind,
                                       values[DEPARTMENT_PARENT].text,
                                       values[DEPARTMENT_HEAD].text);

  return trellis_org_repository_insert_department (ctx->store, department, error);
}

static gboolean
insert_employee (ImportContext    *ctx,
                 const FieldValue *values,
                 GError          **error)
{
  g_autoptr(TrellisEmployee) employee = NULL;
  TrellisEmployeeFields fields = {
    .id = values[EMPLOYEE_ID].text,
    .name = values[EMPLOYEE_NAME].text,
    .english_name = values[EMPLOYEE_ENGLISH_NAME].text,
    .email = values[EMPLOYEE_EMAIL].text,
    .title = values[EMPLOYEE_TITLE].text,
    .level = values[EMPLOYEE_LEVEL].text,
    .department_id = values[EMPLOYEE_DEPARTMENT].text,
    .manager_id = values[EMPLOYEE_MANAGER].text,
    .hire_date = values[EMPLOYEE_HIRE_DATE].text,
    .active = values[EMPLOYEE_ACTIVE].boolean,
  };

  employee = trellis_employee_new (&fields);
  return trellis_org_repository_insert_employee (ctx->store, employee, error);
}

static gboolean
insert_cycle (ImportContext    *ctx,
              const FieldValue *values,
              GError          **error)
{
  g_autoptr(TrellisCycle) cycle = NULL;
  TrellisCycleKind kind;
  GDate start, end;
  sqlite3_stmt *stmt;

  if (!trellis_cycle_kind_from_string (values[CYCLE_KIND].text, &kind))
    g_assert_not_reached ();

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  if (!trellis_date_parse (values[CYCLE_START].text, &start) ||
      !trellis_date_parse (values[CYCLE_END].text, &end))
    g_assert_not_reached ();

  cycle = trellis_cycle_new (values[CYCLE_ID].text, kind, values[CYCLE_NAME].text,
                             &start, &end, values[CYCLE_PARENT].text);

  if (!trellis_org_repository_insert_cycle (ctx->store, cycle, error))
    return FALSE;

  stmt = trellis_store_prepare (ctx->store, "UPDATE cycles SET max_adjustment = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, values[CYCLE_ID].text, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, values[CYCLE_MAX_ADJUSTMENT].number);
  return trellis_store_step_done (ctx->store, stmt, error);
}

/* Every column of the record, bound by type. */
static gboolean
insert_generic (ImportContext    *ctx,
                const ArraySpec  *spec,
                const FieldValue *values,
                GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_string_append_printf (sql, "INSERT INTO %s (", spec->table);
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", spec->fields[i].column);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append_c (sql, ')');

  stmt = trellis_store_prepare (ctx->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const FieldValue *value = &values[i];
      int column = i + 1;

      switch (spec->fields[i].type)
        {
        case FIELD_BOOLEAN:
          sqlite3_bind_int (stmt, column, value->boolean ? 1 : 0);
          break;
        case FIELD_NUMBER:
        case FIELD_NUMBER_OR_NULL:
          if (!isnan (value->number))
            sqlite3_bind_double (stmt, column, value->number);
          break;
        case FIELD_INTEGER:
        case FIELD_INTEGER_OR_NULL:
          if (value->integer != NO_INTEGER)
            sqlite3_bind_int64 (stmt, column, value->integer);
          break;
        case FIELD_INTEGER_ID:
        case FIELD_INTEGER_REF:
          if (value->text != NULL)
            sqlite3_bind_int64 (stmt, column, g_ascii_strtoll (value->text, NULL, 10));
          break;
        case FIELD_BASE64:
          {
            gsize size;
            gconstpointer data = g_bytes_get_data (value->bytes, &size);
            sqlite3_bind_blob64 (stmt, column, data ? data : "", size, SQLITE_STATIC);
          }
          break;
        default:
          if (value->text != NULL)
            sqlite3_bind_text (stmt, column, value->text, -1, SQLITE_STATIC);
          break;
        }
    }

  return trellis_store_step_done (ctx->store, stmt, error);
}

static gboolean
write_records (ImportContext *ctx,
               GError       **error)
{
  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];
      const ArraySpec *spec = state->spec;
      const char *message = _(spec->writing);

      if (state->n_records > 0)
        report_progress (ctx, PROGRESS_VALIDATED +
                         (PROGRESS_WRITTEN - PROGRESS_VALIDATED) * ctx->done_records /
                         MAX (ctx->total_records, 1), message);

      for (guint i = 0; i < state->n_records; i++)
        {
          const FieldValue *values = record_values (state, i);
          gboolean ok = spec->insert_record != NULL ? spec->insert_record (ctx, values, error)
                                                    : insert_generic (ctx, spec, values, error);

          if (!ok)
            {
              g_autofree char *label = record_label (state, i, values[0].text);
              g_prefix_error (error, "%s: %s: ", ctx->source, label);
              return FALSE;
            }

          if (!tick (ctx, PROGRESS_VALIDATED, PROGRESS_WRITTEN, message, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Import: the whole */

static void
import_context_clear (ImportContext *ctx)
{
  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];

      g_clear_pointer (&state->values, g_free);
      g_clear_pointer (&state->file_ids, g_hash_table_unref);
      g_clear_pointer (&state->existing, g_hash_table_unref);
    }

  g_clear_pointer (&ctx->loop_ids, g_ptr_array_unref);
  g_clear_pointer (&ctx->blobs, g_ptr_array_unref);
  g_clear_pointer (&ctx->strings, g_string_chunk_free);
  g_clear_pointer (&ctx->now, g_free);
}

/* Checks "format" and "version" and finds the arrays. */
static gboolean
read_header (ImportContext *ctx,
             JsonNode      *root,
             GError       **error)
{
  JsonObject *object;
  JsonNode *node;
  gint64 version;

  if (root == NULL)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_PARSE,
                   _("%s: the file is empty"), ctx->source);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_FORMAT,
                   _("%s: not a Trellis file: expected an object at the top, got %s"),
                   ctx->source, json_type_describe (root));
      return FALSE;
    }

  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !json_node_is_string (node) ||
      strcmp (json_node_get_string (node), "trellis") != 0)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_FORMAT,
                   _("%s: not a Trellis file: \"format\" must be \"trellis\""), ctx->source);
      return FALSE;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      (version = json_node_get_int (node)) < 1)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_FORMAT,
                   _("%s: \"version\" must be a whole number of at least 1"), ctx->source);
      return FALSE;
    }

  if (version > TRELLIS_INTERCHANGE_VERSION)
    {
      g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_VERSION,
                   _("%s: written by a newer Trellis (format version %s; this version "
                     "reads up to %d)"),
                   ctx->source, version_text, TRELLIS_INTERCHANGE_VERSION);
      return FALSE;
    }

  /* A future version 2 reader upgrades version 1 records here. */

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];

      node = json_object_get_member (object, state->spec->name);
      if (node == NULL)
        continue;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_FORMAT,
                       _("%s: \"%s\" must be an array, got %s"),
                       ctx->source, state->spec->name, json_type_describe (node));
          return FALSE;
        }

      state->array = json_node_get_array (node);
      state->n_records = json_array_get_length (state->array);
      ctx->total_records += state->n_records;
    }

  return TRUE;
}

static gboolean
parse_json (ImportContext *ctx,
            JsonParser    *parser,
            const char    *json,
            gssize         length,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = strlen (json);

  /* Tolerate the byte-order mark some Windows editors write. */
  if (length >= 3 && memcmp (json, "\xEF\xBB\xBF", 3) == 0)
    {
      json += 3;
      length -= 3;
    }

  if (json_parser_load_from_data (parser, json, length, &local_error))
    return TRUE;

  /* json-glib says "<data>:3:14: Parse error: …"; name the real source. */
  if (g_str_has_prefix (local_error->message, "<data>:"))
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_PARSE,
                 "%s:%s", ctx->source, local_error->message + strlen ("<data>:"));
  else
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_PARSE,
                 "%s: %s", ctx->source, local_error->message);

  return FALSE;
}

static gboolean
validate (ImportContext *ctx,
          GError       **error)
{
  const char *message = _("Checking records");

  ctx->done_records = 0;

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];

      state->values = g_new0 (FieldValue, (gsize) state->n_records * state->spec->n_fields);

      for (guint i = 0; i < state->n_records; i++)
        {
          if (!read_record (ctx, state, i, error))
            return FALSE;
          if (!tick (ctx, PROGRESS_PARSED, PROGRESS_READ, message, error))
            return FALSE;
        }
    }

  /* References may point forward, to later arrays, or into the workspace. */
  ctx->done_records = 0;
  for (guint a = 0; a < N_ARRAYS; a++)
    if (!check_references (ctx, &ctx->arrays[a], error))
      return FALSE;

  for (guint a = 0; a < N_ARRAYS; a++)
    if (!check_loops (ctx, &ctx->arrays[a], error))
      return FALSE;

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];

      if (state->spec->check_links != NULL && !state->spec->check_links (ctx, state, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
trellis_interchange_import (TrellisStore         *store,
                            const char           *json,
                            gssize                length,
                            const char           *source_name,
                            TrellisProgressFunc   progress,
                            gpointer              progress_data,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  ImportContext ctx = { 0 };
  gboolean nested = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ctx.store = store;
  ctx.source = source_name != NULL ? source_name : _("input");
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.cancellable = cancellable;
  ctx.loop_ids = g_ptr_array_new_with_free_func (g_free);
  ctx.blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  ctx.strings = g_string_chunk_new (64 * 1024);
  ctx.now = trellis_store_dup_now (store);

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ctx.arrays[a].spec = &array_specs[a];
      ctx.arrays[a].file_ids = g_hash_table_new (g_str_hash, g_str_equal);
      ctx.arrays[a].existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  report_progress (&ctx, 0.0, _("Reading the file"));

  parser = json_parser_new ();
  if (!parse_json (&ctx, parser, json, length, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!read_header (&ctx, json_parser_get_root (parser), error))
    goto out;

  report_progress (&ctx, PROGRESS_PARSED, _("Checking records"));

  /* The transaction starts before the workspace is read, so what was
   * validated against is what gets written to. */
  nested = trellis_store_in_transaction (store);
  if (!trellis_store_begin (store, error))
    goto out;

  for (guint a = 0; a < N_ARRAYS; a++)
    if (!load_existing (&ctx, &ctx.arrays[a], error))
      goto unwritten;

  if (!validate (&ctx, error))
    goto unwritten;

  ctx.done_records = 0;
  if (!write_records (&ctx, error))
    goto rollback;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  report_progress (&ctx, PROGRESS_WRITTEN, _("Saving"));

  if (!trellis_store_commit (store, error))
    {
      g_prefix_error (error, "%s: ", ctx.source);
      goto rollback;
    }

  report_progress (&ctx, 1.0, _("Imported"));
  ok = TRUE;
  goto out;

unwritten:
  /* Nothing was written: inside a caller's transaction, leave it alone
   * (the store has no savepoints, so a rollback would undo the caller's
   * work too). */
  if (nested)
    {
      trellis_store_commit (store, NULL);
      goto out;
    }

rollback:
  if (trellis_store_in_transaction (store))
    trellis_store_rollback (store);

out:
  import_context_clear (&ctx);
  return ok;
}

gboolean
trellis_interchange_import_file (TrellisStore         *store,
                                 const char           *path,
                                 TrellisProgressFunc   progress,
                                 gpointer              progress_data,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *source = NULL;
  gsize length;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  basename = g_path_get_basename (path);
  source = g_filename_display_name (basename);

  return trellis_interchange_import (store, contents, length, source,
                                     progress, progress_data, cancellable, error);
}
