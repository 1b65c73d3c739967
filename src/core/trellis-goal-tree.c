/* trellis-goal-tree.c
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

#define G_LOG_DOMAIN "trellis-goal-tree"

#include "config.h"

#include <string.h>

#include "trellis-date.h"
#include "trellis-goal-list.h"
#include "trellis-goal-private.h"
#include "trellis-goal-repository.h"
#include "trellis-goal-tree.h"
#include "trellis-org-repository.h"
#include "trellis-text.h"

#define NO_GOAL     G_MAXUINT32
#define NO_CYCLE    G_MAXUINT16
#define BLOCK_SHIFT 10
#define BLOCK_SIZE  (1u << BLOCK_SHIFT)

/* Where a goal sits in the cascade, beside its record. */
typedef struct
{
  guint32 parent;
  guint32 first_child;
  guint32 next_sibling;
  guint16 cycle;
  /* Sums over the aligned children, kept so a check-in updates the parent
   * in constant time: a company KR can have thousands of goals under it. */
  double  sum_weighted;
  double  sum_weights;
  double  sum_plain;
} Links;

/* A key result by id: its goal and its place among the goal's KRs. */
typedef struct
{
  guint32 goal;
  guint32 kr;
} KeyResultRef;

typedef struct
{
  TrellisCycle *cycle;
  double        expected;   /* share of the cycle elapsed today */
  GDate         start;
  GDate         end;
} CycleSlot;

struct _TrellisGoalTree
{
  GObject               parent_instance;

  /* Records in blocks, so their addresses stay put while goals are added:
   * objects handed out point at them. */
  GPtrArray            *blocks;         /* of TrellisGoalData[BLOCK_SIZE] */
  GArray               *links;          /* of Links, by goal index */
  guint32               n_goals;
  GArray               *by_id;          /* goal indices sorted by id */
  GArray               *kr_by_id;       /* KeyResultRef sorted by key-result id */
  GStringChunk         *strings;        /* ids and timestamps of the records */
  GArray               *cycles;         /* of CycleSlot */
  GHashTable           *cycle_slots;    /* cycle id → slot + 1 */
  TrellisOrganisation  *organisation;   /* for owner names, may be NULL */
  TrellisGoalList      *roots;
  TrellisGoalList      *all;
  GDate                 today;
  TrellisOkrThresholds  thresholds;

  /* While loading: the key results of the goal being read. */
  GArray               *pending_krs;
};

G_DEFINE_FINAL_TYPE (TrellisGoalTree, trellis_goal_tree, G_TYPE_OBJECT)

static inline TrellisGoalData *
goal_at (TrellisGoalTree *self,
         guint32          index)
{
  return &((TrellisGoalData *)g_ptr_array_index (self->blocks, index >> BLOCK_SHIFT))[index & (BLOCK_SIZE - 1)];
}

static inline Links *
links_at (TrellisGoalTree *self,
          guint32          index)
{
  return &g_array_index (self->links, Links, index);
}

static void
release_key_results (TrellisKeyResultData *krs,
                     guint                 n_krs)
{
  for (guint i = 0; i < n_krs; i++)
    {
      if (krs[i].object != NULL)
        trellis_key_result_detach (krs[i].object);
      trellis_text_release (krs[i].title);
      trellis_text_release (krs[i].unit);
    }
  g_free (krs);
}

static void
trellis_goal_tree_finalize (GObject *object)
{
  TrellisGoalTree *self = (TrellisGoalTree *)object;

  /* Every object handed out holds the tree, so no record is shown now. */
  if (self->roots != NULL)
    trellis_goal_list_forget_tree (self->roots);
  if (self->all != NULL)
    trellis_goal_list_forget_tree (self->all);
  g_clear_object (&self->roots);
  g_clear_object (&self->all);

  for (guint32 i = 0; i < self->n_goals; i++)
    {
      TrellisGoalData *d = goal_at (self, i);

      trellis_text_release (d->title);
      trellis_text_release (d->description);
      if (!d->owner_borrowed)
        {
          trellis_text_release (d->owner_id);
          trellis_text_release (d->owner_name);
        }
      trellis_text_release (d->cycle_id);
      trellis_text_release (d->parent_id);
      release_key_results (d->krs, d->n_krs);
    }
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->by_id, g_array_unref);
  g_clear_pointer (&self->kr_by_id, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->pending_krs, g_array_unref);
  for (guint i = 0; self->cycles != NULL && i < self->cycles->len; i++)
    g_object_unref (g_array_index (self->cycles, CycleSlot, i).cycle);
  g_clear_pointer (&self->cycles, g_array_unref);
  g_clear_pointer (&self->cycle_slots, g_hash_table_unref);
  g_clear_object (&self->organisation);

  G_OBJECT_CLASS (trellis_goal_tree_parent_class)->finalize (object);
}

static void
trellis_goal_tree_class_init (TrellisGoalTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_goal_tree_finalize;
}

static void
trellis_goal_tree_init (TrellisGoalTree *self)
{
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->links = g_array_new (FALSE, FALSE, sizeof (Links));
  self->by_id = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->kr_by_id = g_array_new (FALSE, FALSE, sizeof (KeyResultRef));
  self->strings = g_string_chunk_new (64 * 1024);
  self->cycles = g_array_new (FALSE, TRUE, sizeof (CycleSlot));
  self->cycle_slots = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending_krs = g_array_new (FALSE, TRUE, sizeof (TrellisKeyResultData));
  g_date_clear (&self->today, 1);
}

void
trellis_weight_problem_free (TrellisWeightProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->owner_name);
  g_free (problem->cycle_id);
  g_free (problem->goal_id);
  g_free (problem);
}

/* Building */

/* The owner's id and name as the organisation holds them, or NULL. */
static gboolean
find_owner (TrellisGoalTree  *self,
            guint8            owner_kind,
            const char       *owner_id,
            const char      **out_id,
            const char      **out_name)
{
  if (self->organisation == NULL || owner_id == NULL)
    return FALSE;

  if (owner_kind == TRELLIS_OWNER_EMPLOYEE)
    {
      TrellisEmployee *e = trellis_organisation_find_employee (self->organisation, owner_id);

      if (e == NULL)
        return FALSE;
      *out_id = trellis_employee_get_id (e);
      *out_name = trellis_employee_get_name (e);
    }
  else
    {
      TrellisDepartment *d = trellis_organisation_find_department (self->organisation, owner_id);

      if (d == NULL)
        return FALSE;
      *out_id = trellis_department_get_id (d);
      *out_name = trellis_department_get_name (d);
    }
  return TRUE;
}

static guint16
cycle_slot_for (TrellisGoalTree *self,
                const char      *cycle_id)
{
  gpointer slot = cycle_id ? g_hash_table_lookup (self->cycle_slots, cycle_id) : NULL;

  return slot ? GPOINTER_TO_UINT (slot) - 1 : NO_CYCLE;
}

/* The key results read since the last goal belong to it. */
static void
flush_pending_key_results (TrellisGoalTree *self)
{
  TrellisGoalData *d;

  if (self->n_goals == 0)
    return;

  d = goal_at (self, self->n_goals - 1);
  d->n_krs = self->pending_krs->len;
  d->krs = d->n_krs ? g_memdup2 (self->pending_krs->data, d->n_krs * sizeof (TrellisKeyResultData)) : NULL;
  for (guint i = 0; i < d->n_krs; i++)
    {
      KeyResultRef ref = { self->n_goals - 1, i };

      d->krs[i].of.goal = d;
      g_array_append_val (self->kr_by_id, ref);
    }
  g_array_set_size (self->pending_krs, 0);
}

static guint32
append_goal (TrellisGoalTree         *self,
             const TrellisGoalFields *f)
{
  guint32 index = self->n_goals;
  gboolean employee = f->owner_kind == TRELLIS_OWNER_EMPLOYEE;
  const char *owner_id = employee ? f->employee_id : f->department_id;
  const char *found_id, *found_name;
  TrellisGoalData *d;
  Links links = { NO_GOAL, NO_GOAL, NO_GOAL, NO_CYCLE, 0.0, 0.0, 0.0 };

  flush_pending_key_results (self);

  if ((index & (BLOCK_SIZE - 1)) == 0)
    g_ptr_array_add (self->blocks, g_new0 (TrellisGoalData, BLOCK_SIZE));
  self->n_goals++;

  d = goal_at (self, index);
  d->id = g_string_chunk_insert (self->strings, f->id);
  d->kind = f->kind;
  d->title = trellis_text_intern (f->title);
  d->description = trellis_text_intern (f->description);
  d->owner_kind = f->owner_kind;
  if (find_owner (self, f->owner_kind, owner_id, &found_id, &found_name))
    {
      d->owner_id = (char *) found_id;
      d->owner_name = (char *) found_name;
      d->owner_borrowed = TRUE;
    }
  else
    {
      d->owner_id = trellis_text_intern (owner_id);
      d->owner_name = trellis_text_intern (owner_id);
    }
  d->cycle_id = trellis_text_intern (f->cycle_id);
  d->parent_is_kr = f->parent_goal_id == NULL && f->parent_kr_id != NULL;
  d->parent_id = trellis_text_intern (d->parent_is_kr ? f->parent_kr_id : f->parent_goal_id);
  d->category = f->category;
  d->origin = f->origin;
  d->weight = f->weight;
  d->original_weight = f->original_weight;
  d->state = f->state;
  d->approval_step = CLAMP (f->approval_step, G_MININT16, G_MAXINT16);
  d->position = CLAMP (f->position, G_MININT16, G_MAXINT16);
  /* Goals made together share a timestamp. */
  d->created_at = f->created_at ? g_string_chunk_insert_const (self->strings, f->created_at) : NULL;

  links.cycle = cycle_slot_for (self, f->cycle_id);
  g_array_append_val (self->links, links);
  g_array_append_val (self->by_id, index);
  return index;
}

static void
append_key_result (TrellisGoalTree              *self,
                   const TrellisKeyResultFields *f)
{
  TrellisKeyResultData d = { 0, };

  d.id = g_string_chunk_insert (self->strings, f->id);
  d.title = trellis_text_intern (f->title);
  d.unit = trellis_text_intern (f->unit);
  d.last_checkin_at = f->last_checkin_at ? g_string_chunk_insert (self->strings, f->last_checkin_at) : NULL;
  d.measure = f->measure;
  d.commitment = f->commitment;
  d.baseline = f->baseline;
  d.target = f->target;
  d.original_target = f->original_target;
  d.current = f->current;
  d.weight = f->weight;
  d.original_weight = f->original_weight;
  d.position = CLAMP (f->position, G_MININT16, G_MAXINT16);
  d.has_previous = f->has_previous;
  d.previous_value = f->previous_value;
  d.confidence = CLAMP (f->confidence, -1, 10);
  g_array_append_val (self->pending_krs, d);
}

static void
scan_goal_cb (const TrellisGoalFields *fields,
              gpointer                 user_data)
{
  append_goal (user_data, fields);
}

static void
scan_key_result_cb (const TrellisKeyResultFields *fields,
                    gpointer                      user_data)
{
  append_key_result (user_data, fields);
}

static int
compare_goal_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  TrellisGoalTree *self = user_data;

  return strcmp (goal_at (self, *(const guint32 *)a)->id, goal_at (self, *(const guint32 *)b)->id);
}

static const char *
kr_ref_id (TrellisGoalTree    *self,
           const KeyResultRef *ref)
{
  return goal_at (self, ref->goal)->krs[ref->kr].id;
}

static int
compare_kr_refs (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  TrellisGoalTree *self = user_data;

  return strcmp (kr_ref_id (self, a), kr_ref_id (self, b));
}

/* Company goals first, then departments, then people; by owner, then as
 * the owner ordered them. */
static int
compare_siblings (TrellisGoalTree *self,
                  guint32          a,
                  guint32          b)
{
  const TrellisGoalData *ga = goal_at (self, a);
  const TrellisGoalData *gb = goal_at (self, b);
  int r;

  if (ga->owner_kind != gb->owner_kind)
    return ga->owner_kind < gb->owner_kind ? -1 : 1;
  r = g_strcmp0 (ga->owner_id, gb->owner_id);
  if (r != 0)
    return r;
  if (ga->position != gb->position)
    return ga->position < gb->position ? -1 : 1;
  return strcmp (ga->id, gb->id);
}

typedef struct
{
  guint32 parent;
  guint32 goal;
} Edge;

static int
compare_edges (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Edge *ea = a, *eb = b;

  if (ea->parent != eb->parent)
    return ea->parent < eb->parent ? -1 : 1;
  return compare_siblings (user_data, ea->goal, eb->goal);
}

static guint32
find_goal_index (TrellisGoalTree *self,
                 const char      *goal_id)
{
  guint lo = 0, hi = self->by_id->len;

  while (goal_id != NULL && lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint32 index = g_array_index (self->by_id, guint32, mid);
      int r = strcmp (goal_at (self, index)->id, goal_id);

      if (r == 0)
        return index;
      if (r < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NO_GOAL;
}

static const KeyResultRef *
find_kr_ref (TrellisGoalTree *self,
             const char      *key_result_id,
             guint           *out_position)
{
  guint lo = 0, hi = self->kr_by_id->len;

  while (key_result_id != NULL && lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const KeyResultRef *ref = &g_array_index (self->kr_by_id, KeyResultRef, mid);
      int r = strcmp (kr_ref_id (self, ref), key_result_id);

      if (r == 0)
        {
          if (out_position)
            *out_position = mid;
          return ref;
        }
      if (r < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (out_position)
    *out_position = lo;
  return NULL;
}

static guint32
find_parent_index (TrellisGoalTree *self,
                   guint32          index)
{
  const TrellisGoalData *d = goal_at (self, index);
  guint32 parent;

  if (d->parent_id == NULL)
    return NO_GOAL;
  if (d->parent_is_kr)
    {
      const KeyResultRef *ref = find_kr_ref (self, d->parent_id, NULL);
      parent = ref ? ref->goal : NO_GOAL;
    }
  else
    parent = find_goal_index (self, d->parent_id);

  /* A goal aligned to itself through its own KR would hide from the tree. */
  return parent == index ? NO_GOAL : parent;
}

/* Arrays grow by doubling; a quarter of 100,000 people would keep 4 MB of
 * slack. */
static GArray *
shrink_to_fit (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  g_array_unref (array);
  return copy;
}

/* Two people with one name (two 张伟轩 among 100,000) would read as one
 * person with twice the goals: their goals' owner label adds the id. */
static void
name_namesakes (TrellisGoalTree *self)
{
  g_autoptr(GHashTable) first_owner = g_hash_table_new (g_str_hash, g_str_equal);  /* name → owner id */
  g_autoptr(GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);       /* names of two or more */

  for (guint32 i = 0; i < self->n_goals; i++)
    {
      const TrellisGoalData *d = goal_at (self, i);
      const char *other;

      if (d->owner_kind != TRELLIS_OWNER_EMPLOYEE || d->owner_name == NULL || d->owner_id == NULL)
        continue;
      other = g_hash_table_lookup (first_owner, d->owner_name);
      if (other == NULL)
        g_hash_table_insert (first_owner, d->owner_name, d->owner_id);
      else if (strcmp (other, d->owner_id) != 0)
        g_hash_table_add (shared, d->owner_name);
    }

  if (g_hash_table_size (shared) == 0)
    return;

  for (guint32 i = 0; i < self->n_goals; i++)
    {
      TrellisGoalData *d = goal_at (self, i);

      d->owner_shared = d->owner_kind == TRELLIS_OWNER_EMPLOYEE && d->owner_name != NULL &&
                        g_hash_table_contains (shared, d->owner_name);
    }
}

/* Sorted indices, parents, children in sibling order, the roots and the
 * cascade order, once every record is in. */
static void
link_goals (TrellisGoalTree *self)
{
  g_autoptr(GArray) edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), self->n_goals);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *roots = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->n_goals);

  flush_pending_key_results (self);
  name_namesakes (self);
  g_array_sort_with_data (self->by_id, compare_goal_ids, self);
  g_array_sort_with_data (self->kr_by_id, compare_kr_refs, self);

  for (guint32 i = 0; i < self->n_goals; i++)
    {
      Edge edge = { find_parent_index (self, i), i };

      links_at (self, i)->parent = edge.parent;
      g_array_append_val (edges, edge);
    }
  g_array_sort_with_data (edges, compare_edges, self);

  /* Linked back to front so each parent's first child comes first. */
  for (guint i = edges->len; i > 0; i--)
    {
      const Edge *edge = &g_array_index (edges, Edge, i - 1);

      if (edge->parent == NO_GOAL)
        continue;
      links_at (self, edge->goal)->next_sibling = links_at (self, edge->parent)->first_child;
      links_at (self, edge->parent)->first_child = edge->goal;
      goal_at (self, edge->parent)->n_children++;
    }
  /* The roots sort last (no parent is the largest index), in sibling order. */
  for (guint i = 0; i < edges->len; i++)
    if (g_array_index (edges, Edge, i).parent == NO_GOAL)
      g_array_append_val (roots, g_array_index (edges, Edge, i).goal);

  for (guint r = 0; r < roots->len; r++)
    {
      g_array_append_val (stack, g_array_index (roots, guint32, r));
      while (stack->len > 0)
        {
          guint32 index = g_array_index (stack, guint32, stack->len - 1);
          guint first = stack->len - 1;

          g_array_set_size (stack, stack->len - 1);
          g_array_append_val (order, index);
          /* Children pushed in reverse so the first is visited first. */
          for (guint32 c = links_at (self, index)->first_child; c != NO_GOAL; c = links_at (self, c)->next_sibling)
            g_array_insert_val (stack, first, c);
        }
    }

  self->roots = trellis_goal_list_new (self, TRUE, roots);
  self->all = trellis_goal_list_new (self, TRUE, order);

  self->links = shrink_to_fit (self->links);
  self->by_id = shrink_to_fit (self->by_id);
  self->kr_by_id = shrink_to_fit (self->kr_by_id);
}

static void
set_up (TrellisGoalTree            *self,
        GPtrArray                  *cycles,
        TrellisOrganisation        *organisation,
        const GDate                *today,
        const TrellisOkrThresholds *thresholds)
{
  self->today = *today;
  if (thresholds != NULL)
    self->thresholds = *thresholds;
  else
    trellis_okr_thresholds_init (&self->thresholds);
  self->organisation = organisation ? g_object_ref (organisation) : NULL;

  for (guint i = 0; cycles != NULL && i < cycles->len; i++)
    {
      CycleSlot slot = { g_object_ref (g_ptr_array_index (cycles, i)), 0.0 };

      g_array_append_val (self->cycles, slot);
      g_hash_table_insert (self->cycle_slots, (gpointer)trellis_cycle_get_id (slot.cycle),
                           GUINT_TO_POINTER (self->cycles->len));
    }
}

/* Numbers */

static void
update_cycles (TrellisGoalTree *self)
{
  for (guint i = 0; i < self->cycles->len; i++)
    {
      CycleSlot *slot = &g_array_index (self->cycles, CycleSlot, i);

      slot->expected = trellis_cycle_elapsed_fraction (slot->cycle, &self->today);
      trellis_cycle_get_start (slot->cycle, &slot->start);
      trellis_cycle_get_end (slot->cycle, &slot->end);
    }
}

static void
date_from_timestamp (const char *timestamp,
                     GDate      *out_date)
{
  char day[11];

  g_date_clear (out_date, 1);
  if (timestamp == NULL || strlen (timestamp) < 10)
    return;
  memcpy (day, timestamp, 10);
  day[10] = '\0';
  trellis_date_parse (day, out_date);
}

/* A goal's own numbers, from its key results. */
static void
evaluate_goal (TrellisGoalTree *self,
               guint32          index)
{
  TrellisGoalData *d = goal_at (self, index);
  guint16 slot_index = links_at (self, index)->cycle;
  const CycleSlot *slot = slot_index != NO_CYCLE ? &g_array_index (self->cycles, CycleSlot, slot_index) : NULL;
  double expected = slot ? slot->expected : 0.0;
  double stack_values[16], stack_weights[16];
  g_autofree double *heap_values = NULL;
  g_autofree double *heap_weights = NULL;
  double *values = stack_values, *weights = stack_weights;
  TrellisProgressStatus status = TRELLIS_PROGRESS_ACHIEVED;
  const char *last = NULL;
  gboolean abnormal = FALSE;

  if (d->n_krs > G_N_ELEMENTS (stack_values))
    {
      values = heap_values = g_new (double, d->n_krs);
      weights = heap_weights = g_new (double, d->n_krs);
    }

  for (guint i = 0; i < d->n_krs; i++)
    {
      TrellisKeyResultData *kr = &d->krs[i];

      trellis_key_result_data_evaluate (kr, expected, &self->thresholds);
      values[i] = kr->progress;
      weights[i] = kr->weight;
      /* An objective is as risky as its riskiest key result. */
      status = MAX (status, kr->status);
      abnormal |= kr->abnormal;
      if (kr->last_checkin_at != NULL && (last == NULL || strcmp (kr->last_checkin_at, last) > 0))
        last = kr->last_checkin_at;
    }

  d->progress = trellis_okr_weighted_mean (values, weights, d->n_krs);
  if (d->n_krs == 0)
    status = trellis_okr_status (d->progress, expected, &self->thresholds);
  d->status = status;
  d->abnormal = abnormal;
  d->last_checkin_at = last;
  d->lagging = FALSE;
  /* A draft or returned goal cannot take check-ins yet: not lagging. */
  if (slot != NULL && d->state != TRELLIS_GOAL_STATE_DRAFT && d->state != TRELLIS_GOAL_STATE_RETURNED)
    {
      GDate last_date;

      date_from_timestamp (last, &last_date);
      d->lagging = trellis_okr_is_lagging (g_date_valid (&last_date) ? &last_date : NULL,
                                           &slot->start, &slot->end, &self->today, &self->thresholds);
    }
}

static void
publish_aligned (TrellisGoalTree *self,
                 guint32          index)
{
  TrellisGoalData *d = goal_at (self, index);
  const Links *links = links_at (self, index);
  guint n = d->n_children;

  d->aligned_progress = n == 0 ? 0.0 : links->sum_weights > 0.0 ? links->sum_weighted / links->sum_weights
                                                                 : links->sum_plain / n;
}

/* A goal's aligned progress: the weighted mean of its children's own
 * progress, or their plain mean when no child has weight. */
static void
evaluate_aligned (TrellisGoalTree *self,
                  guint32          index)
{
  TrellisGoalData *d = goal_at (self, index);
  double sum_weighted = 0.0, sum_weights = 0.0, sum_plain = 0.0;
  guint n = 0;

  for (guint32 c = links_at (self, index)->first_child; c != NO_GOAL; c = links_at (self, c)->next_sibling)
    {
      const TrellisGoalData *child = goal_at (self, c);

      sum_weighted += child->weight * child->progress;
      sum_weights += child->weight;
      sum_plain += child->progress;
      n++;
    }

  links_at (self, index)->sum_weighted = sum_weighted;
  links_at (self, index)->sum_weights = sum_weights;
  links_at (self, index)->sum_plain = sum_plain;
  d->n_children = n;
  publish_aligned (self, index);
}

void
trellis_goal_tree_recompute (TrellisGoalTree *self)
{
  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  update_cycles (self);
  for (guint32 i = 0; i < self->n_goals; i++)
    evaluate_goal (self, i);
  for (guint32 i = 0; i < self->n_goals; i++)
    {
      TrellisGoalData *d = goal_at (self, i);

      evaluate_aligned (self, i);
      if (d->object != NULL)
        trellis_goal_data_changed (d, TRELLIS_GOAL_CHANGED_COMPUTED | TRELLIS_GOAL_CHANGED_ALIGNED);
    }
}

/* After a goal's key results (or, with @old_weight, its weight) changed:
 * its numbers, and its parent's sums without visiting the siblings. */
static void
goal_changed (TrellisGoalTree *self,
              guint32          index,
              double           old_weight)
{
  TrellisGoalData *d = goal_at (self, index);
  double before = d->progress;
  guint32 parent = links_at (self, index)->parent;
  gboolean weight_changed = old_weight != d->weight;

  evaluate_goal (self, index);
  trellis_goal_data_changed (d, TRELLIS_GOAL_CHANGED_COMPUTED |
                                (weight_changed ? TRELLIS_GOAL_CHANGED_WEIGHT : 0));

  if (parent != NO_GOAL && (d->progress != before || weight_changed))
    {
      Links *links = links_at (self, parent);

      links->sum_weighted += d->weight * d->progress - old_weight * before;
      links->sum_weights += d->weight - old_weight;
      links->sum_plain += d->progress - before;
      publish_aligned (self, parent);
      trellis_goal_data_changed (goal_at (self, parent), TRELLIS_GOAL_CHANGED_ALIGNED);
    }
}

void
trellis_goal_tree_key_result_changed (TrellisGoalTree *self,
                                      const char      *key_result_id)
{
  const KeyResultRef *ref;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  ref = find_kr_ref (self, key_result_id, NULL);
  if (ref != NULL)
    goal_changed (self, ref->goal, goal_at (self, ref->goal)->weight);
}

void
trellis_goal_tree_apply_checkin (TrellisGoalTree *self,
                                 const char      *key_result_id,
                                 double           value,
                                 int              confidence,
                                 const char      *at)
{
  const KeyResultRef *ref;
  TrellisKeyResultData *kr;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));

  ref = find_kr_ref (self, key_result_id, NULL);
  if (ref == NULL)
    return;
  kr = &goal_at (self, ref->goal)->krs[ref->kr];

  /* Same rule as the store: a back-dated check-in is history only. */
  if (kr->last_checkin_at != NULL && g_strcmp0 (at, kr->last_checkin_at) < 0)
    return;

  kr->previous_value = kr->current;
  kr->has_previous = TRUE;
  kr->current = value;
  if (confidence >= 0)
    kr->confidence = MIN (confidence, 10);
  kr->last_checkin_at = at ? g_string_chunk_insert (self->strings, at) : NULL;
  goal_changed (self, ref->goal, goal_at (self, ref->goal)->weight);
}

/* Making trees */

TrellisGoalTree *
trellis_goal_tree_new (GPtrArray                  *goals,
                       GPtrArray                  *cycles,
                       TrellisOrganisation        *organisation,
                       const GDate                *today,
                       const TrellisOkrThresholds *thresholds)
{
  TrellisGoalTree *self;

  g_return_val_if_fail (goals != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_TREE, NULL);
  set_up (self, cycles, organisation, today, thresholds);

  for (guint i = 0; i < goals->len; i++)
    {
      TrellisGoal *goal = g_ptr_array_index (goals, i);
      GPtrArray *krs = trellis_goal_get_key_results (goal);
      TrellisGoalFields fields;

      trellis_goal_get_fields (goal, &fields);
      append_goal (self, &fields);
      for (guint k = 0; k < krs->len; k++)
        {
          TrellisKeyResultFields kr_fields;

          trellis_key_result_get_fields (g_ptr_array_index (krs, k), &kr_fields);
          append_key_result (self, &kr_fields);
        }
    }

  link_goals (self);
  trellis_goal_tree_recompute (self);
  return self;
}

GStrv
trellis_goal_tree_scope_cycles (GPtrArray  *all_cycles,
                                const char *cycle_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) parent_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all_cycles->len; i++)
    {
      TrellisCycle *c = g_ptr_array_index (all_cycles, i);
      g_hash_table_insert (parent_of, (gpointer)trellis_cycle_get_id (c),
                           (gpointer)trellis_cycle_get_parent_id (c));
    }

  for (guint i = 0; i < all_cycles->len; i++)
    {
      TrellisCycle *c = g_ptr_array_index (all_cycles, i);
      const char *id = trellis_cycle_get_id (c);
      gboolean in_scope = FALSE;

      if (trellis_cycle_get_kind (c) == TRELLIS_CYCLE_WEEK)
        continue;

      /* An ancestor of the cycle, or the cycle itself... */
      for (const char *walk = cycle_id; walk != NULL && !in_scope; walk = g_hash_table_lookup (parent_of, walk))
        in_scope = g_str_equal (walk, id);
      /* ...or a descendant of it. */
      for (const char *walk = id; walk != NULL && !in_scope; walk = g_hash_table_lookup (parent_of, walk))
        in_scope = g_str_equal (walk, cycle_id);

      if (in_scope)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}


TrellisGoalTree *
trellis_goal_tree_load (TrellisStore         *store,
                        TrellisOrganisation  *organisation,
                        const char           *cycle_id,
                        const GDate          *today,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(TrellisGoalTree) self = NULL;
  g_auto(GStrv) scope = NULL;
  TrellisOkrThresholds thresholds;

  g_return_val_if_fail (TRELLIS_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  cycles = trellis_org_repository_list_cycles (store, error);
  if (cycles == NULL)
    return NULL;

  if (cycle_id != NULL)
    scope = trellis_goal_tree_scope_cycles (cycles, cycle_id);

  trellis_goal_repository_load_thresholds (store, &thresholds);
  self = g_object_new (TRELLIS_TYPE_GOAL_TREE, NULL);
  set_up (self, cycles, organisation, today, &thresholds);

  if (!trellis_goal_repository_scan_goals (store, (const char * const *)scope, cancellable,
                                           scan_goal_cb, scan_key_result_cb, self, error))
    return NULL;

  link_goals (self);
  trellis_goal_tree_recompute (self);
  return g_steal_pointer (&self);
}

/* Looking things up */

TrellisGoal *
trellis_goal_tree_materialize (TrellisGoalTree *self,
                               guint32          index)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  g_return_val_if_fail (index < self->n_goals, NULL);

  return trellis_goal_new_backed (G_OBJECT (self), goal_at (self, index));
}

/* The record index of a goal this tree handed out (or of one with its id). */
static guint32
index_of (TrellisGoalTree *self,
          TrellisGoal     *goal)
{
  return goal != NULL ? find_goal_index (self, trellis_goal_get_id (goal)) : NO_GOAL;
}

GListModel *
trellis_goal_tree_get_roots (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return G_LIST_MODEL (self->roots);
}

GListModel *
trellis_goal_tree_get_goals (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return G_LIST_MODEL (self->all);
}

GListModel *
trellis_goal_tree_list_children (TrellisGoalTree *self,
                                 TrellisGoal     *goal)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 index;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  index = index_of (self, goal);
  if (index != NO_GOAL)
    for (guint32 c = links_at (self, index)->first_child; c != NO_GOAL; c = links_at (self, c)->next_sibling)
      g_array_append_val (children, c);

  return G_LIST_MODEL (trellis_goal_list_new (self, FALSE, children));
}

GListModel *
trellis_goal_tree_list_by_owner_kind (TrellisGoalTree  *self,
                                      TrellisOwnerKind  up_to)
{
  GArray *goals = g_array_new (FALSE, FALSE, sizeof (guint32));
  GListModel *all;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  all = G_LIST_MODEL (self->all);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      guint32 index = trellis_goal_list_get_index (self->all, i);

      if (goal_at (self, index)->owner_kind <= up_to)
        g_array_append_val (goals, index);
    }
  return G_LIST_MODEL (trellis_goal_list_new (self, FALSE, goals));
}

guint
trellis_goal_tree_get_n_goals (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), 0);
  return self->n_goals;
}

guint
trellis_goal_tree_get_n_key_results (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), 0);
  return self->kr_by_id->len;
}

const char *
trellis_goal_tree_get_key_result_id (TrellisGoalTree *self,
                                     guint            position)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  g_return_val_if_fail (position < self->kr_by_id->len, NULL);

  return kr_ref_id (self, &g_array_index (self->kr_by_id, KeyResultRef, position));
}

TrellisGoal *
trellis_goal_tree_lookup (TrellisGoalTree *self,
                          const char      *goal_id)
{
  guint32 index;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  index = find_goal_index (self, goal_id);
  return index != NO_GOAL ? trellis_goal_tree_materialize (self, index) : NULL;
}

gboolean
trellis_goal_tree_contains (TrellisGoalTree *self,
                            const char      *goal_id)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), FALSE);
  return find_goal_index (self, goal_id) != NO_GOAL;
}

TrellisGoal *
trellis_goal_tree_dup_parent (TrellisGoalTree *self,
                              TrellisGoal     *goal)
{
  guint32 index, parent;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  index = index_of (self, goal);
  parent = index != NO_GOAL ? links_at (self, index)->parent : NO_GOAL;
  return parent != NO_GOAL ? trellis_goal_tree_materialize (self, parent) : NULL;
}

TrellisKeyResult *
trellis_goal_tree_lookup_key_result (TrellisGoalTree *self,
                                     const char      *key_result_id)
{
  const KeyResultRef *ref;
  g_autoptr(TrellisGoal) goal = NULL;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  ref = find_kr_ref (self, key_result_id, NULL);
  if (ref == NULL)
    return NULL;
  goal = trellis_goal_tree_materialize (self, ref->goal);
  return g_object_ref (g_ptr_array_index (trellis_goal_get_key_results (goal), ref->kr));
}

GPtrArray *
trellis_goal_tree_get_alignment_path (TrellisGoalTree *self,
                                      TrellisGoal     *goal)
{
  GPtrArray *path = g_ptr_array_new_with_free_func (g_object_unref);
  guint32 index;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), path);

  index = index_of (self, goal);
  while (index != NO_GOAL && path->len <= self->n_goals)
    {
      g_ptr_array_insert (path, 0, trellis_goal_tree_materialize (self, index));
      index = links_at (self, index)->parent;
    }
  return path;
}

TrellisCycle *
trellis_goal_tree_find_cycle (TrellisGoalTree *self,
                              const char      *cycle_id)
{
  guint16 slot;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);

  slot = cycle_slot_for (self, cycle_id);
  return slot != NO_CYCLE ? g_array_index (self->cycles, CycleSlot, slot).cycle : NULL;
}

typedef struct
{
  const char *owner_name;
  const char *cycle_id;
  double      sum;
} WeightGroup;

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const TrellisWeightProblem *pa = *(TrellisWeightProblem * const *)a;
  const TrellisWeightProblem *pb = *(TrellisWeightProblem * const *)b;
  int r = g_strcmp0 (pa->cycle_id, pb->cycle_id);

  if (r == 0)
    r = g_strcmp0 (pa->owner_name, pb->owner_name);
  if (r == 0)
    r = g_strcmp0 (pa->goal_id, pb->goal_id);
  return r;
}

GPtrArray *
trellis_goal_tree_check_weights (TrellisGoalTree *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify)trellis_weight_problem_free);
  GHashTableIter iter;
  WeightGroup *group;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), problems);

  for (guint32 index = 0; index < self->n_goals; index++)
    {
      const TrellisGoalData *goal = goal_at (self, index);
      g_autofree char *key = g_strdup_printf ("%s\n%s", goal->owner_id, goal->cycle_id);

      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (WeightGroup, 1);
          group->owner_name = goal->owner_name;
          group->cycle_id = goal->cycle_id;
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      group->sum += goal->weight;

      if (goal->n_krs > 0)
        {
          g_autofree double *weights = g_new (double, goal->n_krs);
          double sum;

          for (guint i = 0; i < goal->n_krs; i++)
            weights[i] = goal->krs[i].weight;
          if (!trellis_okr_weights_sum_to_one (weights, goal->n_krs, &sum))
            {
              TrellisWeightProblem *p = g_new0 (TrellisWeightProblem, 1);
              p->owner_name = g_strdup (goal->title);
              p->cycle_id = g_strdup (goal->cycle_id);
              p->goal_id = g_strdup (goal->id);
              p->sum = sum;
              g_ptr_array_add (problems, p);
            }
        }
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&group))
    {
      double one = group->sum;

      if (!trellis_okr_weights_sum_to_one (&one, 1, NULL))
        {
          TrellisWeightProblem *p = g_new0 (TrellisWeightProblem, 1);
          p->owner_name = g_strdup (group->owner_name);
          p->cycle_id = g_strdup (group->cycle_id);
          p->sum = group->sum;
          g_ptr_array_add (problems, p);
        }
    }

  g_ptr_array_sort (problems, compare_problems);
  return problems;
}

/* Adding and reloading goals */

static void
link_child (TrellisGoalTree *self,
            guint32          parent,
            guint32          index)
{
  guint32 *slot = &links_at (self, parent)->first_child;

  /* Into its place among the siblings. */
  while (*slot != NO_GOAL && compare_siblings (self, *slot, index) < 0)
    slot = &links_at (self, *slot)->next_sibling;
  links_at (self, index)->next_sibling = *slot;
  *slot = index;
  links_at (self, index)->parent = parent;
}

static void
insert_sorted_ids (TrellisGoalTree *self,
                   guint32          index)
{
  const TrellisGoalData *d = goal_at (self, index);
  guint lo = 0, hi = self->by_id->len;

  /* The new goal was appended last; move it to its sorted place. */
  g_array_set_size (self->by_id, self->by_id->len - 1);
  hi = self->by_id->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (strcmp (goal_at (self, g_array_index (self->by_id, guint32, mid))->id, d->id) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->by_id, lo, index);
}

/* The kr_by_id entries of goal @index, after its KRs were replaced. */
static void
reindex_key_results (TrellisGoalTree *self,
                     guint32          index,
                     gboolean         remove_old)
{
  const TrellisGoalData *d = goal_at (self, index);

  if (remove_old)
    for (guint i = self->kr_by_id->len; i > 0; i--)
      if (g_array_index (self->kr_by_id, KeyResultRef, i - 1).goal == index)
        g_array_remove_index (self->kr_by_id, i - 1);

  for (guint k = 0; k < d->n_krs; k++)
    {
      KeyResultRef ref = { index, k };
      guint position;

      if (find_kr_ref (self, d->krs[k].id, &position) == NULL)
        g_array_insert_val (self->kr_by_id, position, ref);
    }
}

void
trellis_goal_tree_add_goal (TrellisGoalTree *self,
                            TrellisGoal     *goal)
{
  GPtrArray *krs;
  TrellisGoalFields fields;
  guint32 index, parent;
  guint kr_start;

  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));
  g_return_if_fail (TRELLIS_IS_GOAL (goal));
  g_return_if_fail (!trellis_goal_tree_contains (self, trellis_goal_get_id (goal)));

  trellis_goal_get_fields (goal, &fields);
  index = append_goal (self, &fields);
  krs = trellis_goal_get_key_results (goal);
  for (guint k = 0; k < krs->len; k++)
    {
      TrellisKeyResultFields kr_fields;

      trellis_key_result_get_fields (g_ptr_array_index (krs, k), &kr_fields);
      append_key_result (self, &kr_fields);
    }

  /* flush_pending_key_results() appends the refs unsorted; sort them in. */
  kr_start = self->kr_by_id->len;
  flush_pending_key_results (self);
  g_array_set_size (self->kr_by_id, kr_start);
  reindex_key_results (self, index, FALSE);
  insert_sorted_ids (self, index);

  evaluate_goal (self, index);
  parent = find_parent_index (self, index);
  if (parent != NO_GOAL)
    {
      link_child (self, parent, index);
      evaluate_aligned (self, parent);
      trellis_goal_data_changed (goal_at (self, parent), TRELLIS_GOAL_CHANGED_ALIGNED);
    }
  else
    trellis_goal_list_append (self->roots, index);

  trellis_goal_list_append (self->all, index);
}

gboolean
trellis_goal_tree_reload_goal (TrellisGoalTree  *self,
                               TrellisStore     *store,
                               const char       *goal_id,
                               gboolean         *out_realigned,
                               GError          **error)
{
  g_autoptr(TrellisGoal) stored = NULL;
  TrellisGoalData *d;
  GPtrArray *stored_krs;
  TrellisGoalFields f;
  TrellisGoalChanges changes = 0;
  gboolean same_krs;
  double old_weight;
  guint32 index;

  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), FALSE);
  g_return_val_if_fail (TRELLIS_IS_STORE (store), FALSE);

  if (out_realigned != NULL)
    *out_realigned = FALSE;

  index = find_goal_index (self, goal_id);
  if (index == NO_GOAL)
    return TRUE;

  stored = trellis_goal_repository_get_goal (store, goal_id, error);
  if (stored == NULL)
    return FALSE;

  d = goal_at (self, index);
  old_weight = d->weight;
  trellis_goal_get_fields (stored, &f);

  if (g_strcmp0 (d->parent_id, d->parent_is_kr ? f.parent_kr_id : f.parent_goal_id) != 0 ||
      g_strcmp0 (d->cycle_id, f.cycle_id) != 0 ||
      g_strcmp0 (d->owner_id, f.owner_kind == TRELLIS_OWNER_EMPLOYEE ? f.employee_id : f.department_id) != 0)
    {
      /* Where it hangs in the cascade changed: only a new load places it. */
      if (out_realigned != NULL)
        *out_realigned = TRUE;
    }

  if (g_strcmp0 (d->title, f.title) != 0)
    {
      trellis_text_release (d->title);
      d->title = trellis_text_intern (f.title);
      changes |= TRELLIS_GOAL_CHANGED_TEXT;
    }
  if (g_strcmp0 (d->description, f.description) != 0)
    {
      trellis_text_release (d->description);
      d->description = trellis_text_intern (f.description);
      changes |= TRELLIS_GOAL_CHANGED_TEXT;
    }
  if (d->kind != f.kind || d->category != f.category || d->origin != f.origin)
    changes |= TRELLIS_GOAL_CHANGED_TEXT;
  d->kind = f.kind;
  d->category = f.category;
  d->origin = f.origin;
  d->original_weight = f.original_weight;
  if (d->weight != f.weight)
    {
      d->weight = f.weight;
      changes |= TRELLIS_GOAL_CHANGED_WEIGHT;
    }
  if (d->state != f.state || d->approval_step != f.approval_step)
    {
      d->state = f.state;
      d->approval_step = f.approval_step;
      changes |= TRELLIS_GOAL_CHANGED_STATE;
    }

  /* Key results: values in place when they are the same ones, else new records. */
  stored_krs = trellis_goal_get_key_results (stored);
  same_krs = stored_krs->len == d->n_krs;
  for (guint k = 0; same_krs && k < d->n_krs; k++)
    same_krs = g_strcmp0 (d->krs[k].id, trellis_key_result_get_id (g_ptr_array_index (stored_krs, k))) == 0;

  if (!same_krs)
    {
      release_key_results (d->krs, d->n_krs);
      d->krs = NULL;
      d->n_krs = 0;
    }
  for (guint k = 0; k < stored_krs->len; k++)
    {
      TrellisKeyResultFields kf;

      trellis_key_result_get_fields (g_ptr_array_index (stored_krs, k), &kf);
      if (same_krs)
        {
          TrellisKeyResultData *kr = &d->krs[k];

          kr->target = kf.target;
          kr->baseline = kf.baseline;
          kr->original_target = kf.original_target;
          kr->weight = kf.weight;
          kr->original_weight = kf.original_weight;
          kr->current = kf.current;
          kr->has_previous = kf.has_previous;
          kr->previous_value = kf.previous_value;
          kr->confidence = CLAMP (kf.confidence, -1, 10);
          if (g_strcmp0 (kr->last_checkin_at, kf.last_checkin_at) != 0)
            kr->last_checkin_at = kf.last_checkin_at ? g_string_chunk_insert (self->strings, kf.last_checkin_at) : NULL;
          if (g_strcmp0 (kr->title, kf.title) != 0)
            {
              trellis_text_release (kr->title);
              kr->title = trellis_text_intern (kf.title);
            }
        }
      else
        append_key_result (self, &kf);
    }
  if (!same_krs)
    {
      d->n_krs = self->pending_krs->len;
      d->krs = d->n_krs ? g_memdup2 (self->pending_krs->data, d->n_krs * sizeof (TrellisKeyResultData)) : NULL;
      for (guint k = 0; k < d->n_krs; k++)
        d->krs[k].of.goal = d;
      g_array_set_size (self->pending_krs, 0);
      reindex_key_results (self, index, TRUE);
      changes |= TRELLIS_GOAL_CHANGED_KEY_RESULTS;
    }

  trellis_goal_data_changed (d, changes);
  goal_changed (self, index, old_weight);
  return TRUE;
}

const TrellisOkrThresholds *
trellis_goal_tree_get_thresholds (TrellisGoalTree *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_TREE (self), NULL);
  return &self->thresholds;
}

void
trellis_goal_tree_get_today (TrellisGoalTree *self,
                             GDate           *out_today)
{
  g_return_if_fail (TRELLIS_IS_GOAL_TREE (self));
  *out_today = self->today;
}
