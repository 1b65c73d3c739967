/* trellis-goal-template.h
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "trellis-goal.h"
#include "trellis-progress.h"
#include "trellis-organisation.h"
#include "trellis-store.h"

G_BEGIN_DECLS

/* A reusable key result in the library, scoped (optionally) by department,
 * level and cycle kind. */
typedef struct {
  char              *id;
  char              *title;
  TrellisMeasure     measure;
  double             baseline;
  double             target;
  char              *unit;
  TrellisCommitment  commitment;
  char              *department_id;
  char              *level;
  char              *cycle_kind;
} TrellisLibraryKeyResult;

typedef struct {
  char              *id;
  char              *name;
  char              *department_id;
  char              *level;
  char              *cycle_kind;
  TrellisGoalKind    kind;
  char              *title;
  TrellisGoalCategory category;
  /* of TrellisTemplateKeyResult */
  GPtrArray         *key_results;
} TrellisGoalTemplate;

typedef struct {
  char   *library_id;
  double  weight;
} TrellisTemplateKeyResult;

void       trellis_library_key_result_free      (TrellisLibraryKeyResult *item);
void       trellis_goal_template_free           (TrellisGoalTemplate     *template_);

/* Returns the new id. */
char      *trellis_goal_template_add_library_key_result (TrellisStore *store,
                                                 const TrellisLibraryKeyResult *item,
                                                 GError                 **error);
/* Replaces every field of the entry with @item->id, with the same checks
 * as adding. Goals drafted from it before keep their own copies. */
gboolean   trellis_goal_template_update_library_key_result (TrellisStore *store,
                                                 const TrellisLibraryKeyResult *item,
                                                 GError                 **error);
/* Refused (TRELLIS_GOAL_ERROR_NOT_ALLOWED) while a template uses the entry;
 * the message names those templates. */
gboolean   trellis_goal_template_delete_library_key_result (TrellisStore *store,
                                                 const char              *library_id,
                                                 GError                 **error);
/* Library entries that fit a department (or its ancestors), level and cycle
 * kind; NULL arguments match everything. */
GPtrArray *trellis_goal_template_list_library   (TrellisStore            *store,
                                                 const char              *department_id,
                                                 const char              *level,
                                                 const char              *cycle_kind,
                                                 GError                 **error);
/* Stores a template whose KR weights must sum to 100 %. Returns its id. */
char      *trellis_goal_template_add            (TrellisStore            *store,
                                                 const TrellisGoalTemplate *template_,
                                                 GError                 **error);
/* Replaces the template with @template_->id and its key results, with the
 * same checks as adding. Goals assigned from it before are not touched. */
gboolean   trellis_goal_template_update         (TrellisStore            *store,
                                                 const TrellisGoalTemplate *template_,
                                                 GError                 **error);
/* Removes the template and its key results; goals assigned from it stay. */
gboolean   trellis_goal_template_delete         (TrellisStore            *store,
                                                 const char              *template_id,
                                                 GError                 **error);
/* All templates by id, each with its key results in order. */
GPtrArray *trellis_goal_template_list           (TrellisStore            *store,
                                                 GError                 **error);
/* Creates one draft goal per employee from the template, in @cycle_id,
 * aligned to @parent_goal_id or @parent_kr_id (either may be NULL), with
 * @weight, in ONE transaction; an employee who already has a goal from
 * this template in the cycle is skipped. Returns the number created. */
/* Is @employee someone @template_ is made for: a level starting with the
 * template's and, with @organisation, its department or one below? */
gboolean   trellis_goal_template_fits           (const TrellisGoalTemplate *template_,
                                                 TrellisOrganisation     *organisation,
                                                 TrellisEmployee         *employee);
gint       trellis_goal_template_bulk_assign    (TrellisStore            *store,
                                                 const char              *template_id,
                                                 const char * const      *employee_ids,
                                                 const char              *cycle_id,
                                                 const char              *parent_goal_id,
                                                 const char              *parent_kr_id,
                                                 double                   weight,
                                                 TrellisProgressFunc      progress,
                                                 gpointer                 progress_data,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);

G_END_DECLS
