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

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "trellis-date.h"
#include "trellis-interchange.h"
#include "trellis-org-repository.h"

/* The format is described by two tables: one FieldSpec[] per record array
 * and the ArraySpec[] listing the arrays in file order. Export, validation
 * and import all walk these tables, so a new array (goals, check-ins…) is a
 * field enum, a FieldSpec[], an insert function and one ArraySpec row.
 * docs/file-format.md is the user-facing description of the same tables. */

typedef enum {
  FIELD_ID,           /* non-empty string, unique in the file, new to the workspace */
  FIELD_NAME,         /* non-empty string */
  FIELD_TEXT_OR_NULL, /* string or null; "" reads as null */
  FIELD_ENUM,         /* one of FieldSpec.choices */
  FIELD_DATE,         /* "YYYY-MM-DD" */
  FIELD_DATE_OR_NULL,
  FIELD_REF,          /* id of a record of FieldSpec.ref_array */
  FIELD_REF_OR_NULL,
  FIELD_BOOLEAN,
} FieldType;

typedef struct {
  const char         *name;      /* JSON member */
  const char         *column;    /* SQL column */
  FieldType           type;
  const char * const *choices;   /* FIELD_ENUM: NULL-terminated */
  int                 ref_array; /* FIELD_REF*: an ArrayIndex */
  gboolean            optional;  /* FIELD_BOOLEAN may be left out… */
  gboolean            default_boolean; /* …and then takes this value */
} FieldSpec;

/* One field of one record read from the file. Text points into the JSON
 * tree, which lives as long as the import. */
typedef union {
  const char *text;
  gboolean    boolean;
} FieldValue;

typedef enum {
  ARRAY_DEPARTMENTS,
  ARRAY_EMPLOYEES,
  ARRAY_CYCLES,
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
  N_CYCLE_FIELDS
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
  const FieldSpec *fields;      /* fields[0] is the FIELD_ID */
  guint            n_fields;
  int              name_field;  /* how loop messages name a record */
  int              parent_field;/* self-reference checked for loops, or -1 */
  CheckLoopsFunc   check_loops;
  /* Cross-field checks of one record, e.g. end >= start; may be NULL. */
  gboolean       (*check_record)  (ImportContext    *ctx,
                                   ArrayState       *state,
                                   guint             index,
                                   GError          **error);
  gboolean       (*insert_record) (TrellisStore     *store,
                                   const FieldValue *values,
                                   GError          **error);
} ArraySpec;

struct _ArrayState {
  const ArraySpec *spec;
  JsonArray       *array;        /* NULL when the file has none */
  guint            n_records;
  FieldValue      *values;       /* n_records × spec->n_fields */
  GHashTable      *file_ids;     /* id (JSON tree) → index + 1 */
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
  [CYCLE_ID]     = { "id", "id", FIELD_ID },
  [CYCLE_KIND]   = { "kind", "kind", FIELD_ENUM, cycle_kinds },
  [CYCLE_NAME]   = { "name", "name", FIELD_NAME },
  [CYCLE_START]  = { "start", "start_date", FIELD_DATE },
  [CYCLE_END]    = { "end", "end_date", FIELD_DATE },
  [CYCLE_PARENT] = { "parent", "parent_id", FIELD_REF_OR_NULL, NULL, ARRAY_CYCLES },
};

static gboolean insert_department   (TrellisStore     *store,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean insert_employee     (TrellisStore     *store,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean insert_cycle        (TrellisStore     *store,
                                     const FieldValue *values,
                                     GError          **error);
static gboolean check_cycle_record  (ImportContext    *ctx,
                                     ArrayState       *state,
                                     guint             index,
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
    trellis_org_check_department_loops, NULL, insert_department,
  },
  [ARRAY_EMPLOYEES] = {
    "employees", "employees", N_("employee"), N_("Writing employees"),
    employee_fields, N_EMPLOYEE_FIELDS, EMPLOYEE_NAME, EMPLOYEE_MANAGER,
    trellis_org_check_manager_loops, NULL, insert_employee,
  },
  [ARRAY_CYCLES] = {
    "cycles", "cycles", N_("cycle"), N_("Writing cycles"),
    cycle_fields, N_CYCLE_FIELDS, CYCLE_NAME, CYCLE_PARENT,
    check_cycle_loops, check_cycle_record, insert_cycle,
  },
};

G_DEFINE_QUARK (trellis-import-error-quark, trellis_import_error)

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

/* Export */

/* Returns the result of the last sqlite3_step(): SQLITE_DONE when all went well. */
static int
export_array (const ArraySpec *spec,
              sqlite3_stmt    *stmt,
              JsonBuilder     *builder)
{
  int rc;

  json_builder_set_member_name (builder, spec->name);
  json_builder_begin_array (builder);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);

      for (guint i = 0; i < spec->n_fields; i++)
        {
          const FieldSpec *field = &spec->fields[i];

          json_builder_set_member_name (builder, field->name);

          if (field->type == FIELD_BOOLEAN)
            json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, i) != 0);
          else if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder,
                                           (const char *) sqlite3_column_text (stmt, i));
        }

      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
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

  /* Byte order (BINARY collation), whatever the table declares. */
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

char *
trellis_interchange_export (TrellisStore  *store,
                            GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Read every table in one snapshot. A plain (deferred) BEGIN: export
   * only reads, so it must not take the write lock. */
  own_transaction = !trellis_store_in_transaction (store);
  if (own_transaction && !trellis_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "trellis");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TRELLIS_INTERCHANGE_VERSION);

  for (guint a = 0; a < N_ARRAYS; a++)
    {
      sqlite3_stmt *stmt = prepare_export (store, &array_specs[a], error);
      int rc;

      if (stmt == NULL)
        goto failed;

      rc = export_array (&array_specs[a], stmt, builder);
      if (rc != SQLITE_DONE)
        {
          trellis_store_set_error (store, error, array_specs[a].table);
          sqlite3_reset (stmt);
          goto failed;
        }
      sqlite3_reset (stmt);
    }

  json_builder_end_object (builder);

  if (own_transaction)
    end_read_transaction (store);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);

failed:
  if (own_transaction)
    end_read_transaction (store);
  return NULL;
}

gboolean
trellis_interchange_export_file (TrellisStore  *store,
                                 const char    *path,
                                 GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = trellis_interchange_export (store, error);
  if (text == NULL)
    return FALSE;

  /* Atomic, and private: the file holds personal data. */
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Import: reading records */

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
  gboolean nullable = field->type == FIELD_TEXT_OR_NULL ||
                      field->type == FIELD_DATE_OR_NULL ||
                      field->type == FIELD_REF_OR_NULL;
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

    case FIELD_BOOLEAN:
    default:
      break;
    }

  out_value->text = text;
  return TRUE;
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

  if (field->type != FIELD_BOOLEAN)
    return read_text_field (ctx, state, index, id, field, node, out_value, error);

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

  g_assert (spec->fields[0].type == FIELD_ID);
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

static gboolean
check_cycle_record (ImportContext  *ctx,
                    ArrayState     *state,
                    guint           index,
                    GError        **error)
{
  const FieldValue *values = record_values (state, index);

  /* Both are canonical "YYYY-MM-DD", so byte order is date order. */
  if (strcmp (values[CYCLE_END].text, values[CYCLE_START].text) < 0)
    {
      set_record_error (ctx, state, index, values[CYCLE_ID].text, "end", error,
                        _("%s is before the start %s"),
                        values[CYCLE_END].text, values[CYCLE_START].text);
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

          if (field->type != FIELD_REF && field->type != FIELD_REF_OR_NULL)
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

static gboolean
check_loops (ImportContext *ctx,
             ArrayState    *state,
             GError       **error)
{
  const ArraySpec *spec = state->spec;
  g_autoptr(GHashTable) parent_of = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint best_index = G_MAXUINT;
  const char *best_id = NULL;

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

  ctx->describing = state;
  g_ptr_array_set_size (ctx->loop_ids, 0);

  if (spec->check_loops (parent_of, describe_record, ctx, &local_error))
    {
      ctx->describing = NULL;
      return TRUE;
    }

  ctx->describing = NULL;

  /* Blame the record of the file that comes first in the file. */
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
    set_record_error (ctx, state, best_index, best_id,
                      spec->fields[spec->parent_field].name, error,
                      "%s", local_error->message);
  else
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID_RECORD,
                 "%s: %s: field \"%s\": %s", ctx->source, spec->name,
                 spec->fields[spec->parent_field].name, local_error->message);

  return FALSE;
}

static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Cycles have no loop check of their own in the repository; the same walk
 * as for managers, with states white (unseen) / grey (on the current path)
 * / black (known to reach a root). */
static gboolean
check_cycle_loops (GHashTable          *parent_of,
                   TrellisDescribeFunc  describe,
                   gpointer             user_data,
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
                       _("Cycle loop: %s"), message->str);
          return FALSE;
        }

      for (guint j = 0; j < path->len; j++)
        g_hash_table_insert (colour, path->pdata[j], GINT_TO_POINTER (BLACK));
    }

  return TRUE;
}

/* Import: writing */

static gboolean
insert_department (TrellisStore     *store,
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

  return trellis_org_repository_insert_department (store, department, error);
}

static gboolean
insert_employee (TrellisStore     *store,
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
  return trellis_org_repository_insert_employee (store, employee, error);
}

static gboolean
insert_cycle (TrellisStore     *store,
              const FieldValue *values,
              GError          **error)
{
  g_autoptr(TrellisCycle) cycle = NULL;
  TrellisCycleKind kind;
  GDate start, end;

  if (!trellis_cycle_kind_from_string (values[CYCLE_KIND].text, &kind))
    g_assert_not_reached ();

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  if (!trellis_date_parse (values[CYCLE_START].text, &start) ||
      !trellis_date_parse (values[CYCLE_END].text, &end))
    g_assert_not_reached ();

  cycle = trellis_cycle_new (values[CYCLE_ID].text, kind, values[CYCLE_NAME].text,
                             &start, &end, values[CYCLE_PARENT].text);

  return trellis_org_repository_insert_cycle (store, cycle, error);
}

static gboolean
write_records (ImportContext *ctx,
               GError       **error)
{
  for (guint a = 0; a < N_ARRAYS; a++)
    {
      ArrayState *state = &ctx->arrays[a];
      const char *message = _(state->spec->writing);

      if (state->n_records > 0)
        report_progress (ctx, PROGRESS_VALIDATED +
                         (PROGRESS_WRITTEN - PROGRESS_VALIDATED) * ctx->done_records /
                         MAX (ctx->total_records, 1), message);

      for (guint i = 0; i < state->n_records; i++)
        {
          const FieldValue *values = record_values (state, i);

          if (!state->spec->insert_record (ctx->store, values, error))
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
