/* trellis-goals-page.c
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

#define G_LOG_DOMAIN "trellis-goals-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trellis-approval-dialog.h"
#include "trellis-change-request-dialog.h"
#include "trellis-goal-cell.h"
#include "trellis-goal-children-model.h"
#include "trellis-goal-editor.h"
#include "trellis-goal-util.h"
#include "trellis-goals-page.h"
#include "trellis-template-dialog.h"

/* Two model pipelines share one sort model, selection and column view:
 *
 *   tree:  roots → GtkTreeListModel (children from the goal tree)
 *   flat:  every goal → GtkFilterListModel (incremental) → GtkTreeListModel
 *          without children
 *
 *   either → GtkSortListModel (GtkTreeListRowSorter over the column
 *            sorters) → GtkSingleSelection → GtkColumnView
 *
 * Wrapping the flat list in a tree model too means every row is a
 * GtkTreeListRow and the cells do not care which one is shown. The numbers
 * in the cells come from TrellisGoal's properties, which the goal tree
 * updates and notifies after a check-in, so rows change in place. */

typedef struct {
  const char *title;
  int         fixed_width;   /* -1: natural */
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[TRELLIS_N_GOAL_COLUMNS] = {
  /* Titles are the point of the list: they get room first and grow. */
  [TRELLIS_GOAL_COLUMN_TITLE]        = { N_("Title"),         240, TRUE  },
  [TRELLIS_GOAL_COLUMN_OWNER]        = { N_("Owner"),         96,  FALSE },
  [TRELLIS_GOAL_COLUMN_WEIGHT]       = { N_("Weight"),        62,  FALSE },
  [TRELLIS_GOAL_COLUMN_PROGRESS]     = { N_("Progress"),      120, FALSE },
  [TRELLIS_GOAL_COLUMN_SCORE]        = { N_("Score"),         54,  FALSE },
  [TRELLIS_GOAL_COLUMN_STATUS]       = { N_("Status"),        144, FALSE },
  [TRELLIS_GOAL_COLUMN_LAST_CHECKIN] = { N_("Last Check-in"), 100, FALSE },
  [TRELLIS_GOAL_COLUMN_STATE]        = { N_("State"),         86,  FALSE },
};

typedef struct {
  TrellisGoalsPage  *page;
  TrellisGoalColumn  column;
} ColumnSorter;


/* The widest the detail pane starts, in pixels. */
#define DETAIL_WIDTH 400

struct _TrellisGoalsPage
{
  GtkWidget               parent_instance;

  TrellisWorkspace       *workspace;
  TrellisGoalTree        *tree;
  GPtrArray              *cycles;          /* TrellisCycle, as in the drop-down */
  char                   *cycle_id;
  GDate                   today;
  GCancellable           *load_cancellable;
  gboolean                loading;
  gboolean                syncing_cycles;
  gboolean                paned_placed;
  gint64                  load_started;   /* monotonic µs, for the debug log */
  /* What to restore after a reload. */
  GHashTable             *restore_expanded; /* goal ids */
  char                   *restore_goal_id;

  /* Filters */
  char                   *needle;          /* case-folded search text, NULL when empty */
  char                   *department_id;   /* NULL: everybody */
  int                     status;          /* -1: any */
  int                     state;           /* TrellisGoalState, -1: any */
  TrellisGoalsFilterFlags flags;
  GHashTable             *search_keys;     /* interned title or owner name → folded */
  GHashTable             *sort_keys[TRELLIS_N_GOAL_COLUMNS];
  char                   *count_text;
  GPtrArray              *weight_problems;

  GtkTreeListModel       *tree_model;
  GtkCustomFilter        *filter;
  GtkFilterListModel     *filter_model;
  GtkTreeListModel       *flat_model;
  GtkSortListModel       *sort_model;
  GtkSingleSelection     *selection;
  ColumnSorter            column_sorters[TRELLIS_N_GOAL_COLUMNS];

  GtkPaned               *paned;
  GtkDropDown            *cycle_drop_down;
  GtkSearchEntry         *search_entry;
  GtkDropDown            *department_drop_down;
  GtkDropDown            *status_drop_down;
  GtkDropDown            *state_drop_down;
  GtkToggleButton        *lagging_toggle;
  GtkToggleButton        *abnormal_toggle;
  GtkToggleButton        *unaligned_toggle;
  GtkToggleButton        *self_toggle;
  GtkLabel               *count_label;
  GtkInfoBar             *weight_bar;
  GtkLabel               *weight_label;
  GtkStack               *list_stack;
  GtkSpinner             *spinner;
  GtkColumnView          *column_view;
  AdwStatusPage          *empty_page;
  GtkButton              *empty_button;
  TrellisGoalDetail      *detail;
  TrellisCheckinDialog   *checkin_dialog;  /* weak */
};

G_DEFINE_FINAL_TYPE (TrellisGoalsPage, trellis_goals_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_load (TrellisGoalsPage *self);
static void update_actions (TrellisGoalsPage *self);

static TrellisStore *
get_store (TrellisGoalsPage *self)
{
  return trellis_workspace_get_store (self->workspace);
}

static TrellisOrganisation *
get_organisation (TrellisGoalsPage *self)
{
  return self->workspace != NULL ? trellis_workspace_get_organisation (self->workspace) : NULL;
}

static GtkWindow *
get_window (TrellisGoalsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
filter_active (TrellisGoalsPage *self)
{
  return self->needle != NULL || self->department_id != NULL ||
         self->status >= 0 || self->state >= 0 || self->flags != TRELLIS_GOALS_FILTER_NONE;
}

/* Sorting */

static void
clear_caches (TrellisGoalsPage *self)
{
  g_hash_table_remove_all (self->search_keys);
  for (guint i = 0; i < TRELLIS_N_GOAL_COLUMNS; i++)
    if (self->sort_keys[i] != NULL)
      g_hash_table_remove_all (self->sort_keys[i]);
}

static const char *
collation_key (TrellisGoalsPage  *self,
               TrellisGoal       *goal,
               TrellisGoalColumn  column)
{
  GHashTable *keys = self->sort_keys[column];
  /* Titles and owner names are interned, so a key serves every goal that
   * shares the text; goal objects come and go with the rows. */
  const char *text = column == TRELLIS_GOAL_COLUMN_TITLE ? trellis_goal_get_title (goal)
                                                         : trellis_goal_get_owner_name (goal);
  char *key = g_hash_table_lookup (keys, text);

  if (key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

      key = g_utf8_collate_key (folded, -1);
      g_hash_table_insert (keys, (gpointer) text, key);
    }

  return key;
}

static int
compare_doubles (double a,
                 double b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* GtkTreeListRowSorter hands the goals to these, and keeps children under
 * their parents. Text columns use cached collation keys. */
static int
compare_column_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ColumnSorter *sorter = user_data;
  TrellisGoalsPage *self = sorter->page;
  TrellisGoal *goal_a = (TrellisGoal *) a;
  TrellisGoal *goal_b = (TrellisGoal *) b;
  int cmp = 0;

  switch (sorter->column)
    {
    case TRELLIS_GOAL_COLUMN_TITLE:
    case TRELLIS_GOAL_COLUMN_OWNER:
      cmp = strcmp (collation_key (self, goal_a, sorter->column),
                    collation_key (self, goal_b, sorter->column));
      break;
    case TRELLIS_GOAL_COLUMN_WEIGHT:
      cmp = compare_doubles (trellis_goal_get_weight (goal_a), trellis_goal_get_weight (goal_b));
      break;
    case TRELLIS_GOAL_COLUMN_PROGRESS:
    case TRELLIS_GOAL_COLUMN_SCORE:
      cmp = compare_doubles (trellis_goal_get_progress (goal_a), trellis_goal_get_progress (goal_b));
      break;
    case TRELLIS_GOAL_COLUMN_STATUS:
      /* Ascending puts the riskiest first. */
      cmp = (int) trellis_goal_get_progress_status (goal_b) - (int) trellis_goal_get_progress_status (goal_a);
      if (cmp == 0)
        cmp = (int) trellis_goal_get_lagging (goal_b) - (int) trellis_goal_get_lagging (goal_a);
      break;
    case TRELLIS_GOAL_COLUMN_LAST_CHECKIN:
      cmp = g_strcmp0 (trellis_goal_get_last_checkin_at (goal_a), trellis_goal_get_last_checkin_at (goal_b));
      break;
    case TRELLIS_GOAL_COLUMN_STATE:
      cmp = (int) trellis_goal_get_state (goal_a) - (int) trellis_goal_get_state (goal_b);
      break;
    case TRELLIS_N_GOAL_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Filtering */

/* A title or an owner name, case-folded as the search matches it; cached
 * by the interned text, which many goals share. */
static const char *
folded_text (GHashTable *cache,
             const char *text)
{
  gpointer value;
  char *folded;

  if (text == NULL)
    return "";
  /* NULL stands for "folds to itself", as Chinese names do: no copy. */
  if (g_hash_table_lookup_extended (cache, text, NULL, &value))
    return value != NULL ? value : text;

  folded = g_utf8_casefold (text, -1);
  if (strcmp (folded, text) == 0)
    {
      g_free (folded);
      g_hash_table_insert (cache, (gpointer) text, NULL);
      return text;
    }
  g_hash_table_insert (cache, (gpointer) text, folded);
  return folded;
}

/* Title, owner, and for a person's goal their English name and employee
 * id too, as the Organisation page finds people. */
static gboolean
goal_matches_search (GHashTable          *cache,
                     TrellisOrganisation *organisation,
                     TrellisGoal         *goal,
                     const char          *needle)
{
  TrellisEmployee *owner;

  if (strstr (folded_text (cache, trellis_goal_get_title (goal)), needle) != NULL ||
      strstr (folded_text (cache, trellis_goal_get_owner_name (goal)), needle) != NULL)
    return TRUE;

  if (trellis_goal_get_owner_kind (goal) != TRELLIS_OWNER_EMPLOYEE || organisation == NULL)
    return FALSE;
  owner = trellis_organisation_find_employee (organisation, trellis_goal_get_employee_id (goal));
  return owner != NULL &&
         (strstr (folded_text (cache, trellis_employee_get_english_name (owner)), needle) != NULL ||
          strstr (folded_text (cache, trellis_employee_get_id (owner)), needle) != NULL);
}

static const char *
goal_department_id (TrellisGoalsPage *self,
                    TrellisGoal      *goal)
{
  if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE)
    {
      TrellisEmployee *employee = trellis_organisation_find_employee (get_organisation (self),
                                                                      trellis_goal_get_employee_id (goal));

      return employee != NULL ? trellis_employee_get_department_id (employee) : NULL;
    }

  return trellis_goal_get_department_id (goal);
}

static gboolean
filter_goal_cb (gpointer item,
                gpointer user_data)
{
  TrellisGoalsPage *self = user_data;
  TrellisGoal *goal = item;

  if (self->status >= 0 && (int) trellis_goal_get_progress_status (goal) != self->status)
    return FALSE;
  if (self->state >= 0 && (int) trellis_goal_get_state (goal) != self->state)
    return FALSE;
  if ((self->flags & TRELLIS_GOALS_FILTER_LAGGING) && !trellis_goal_get_lagging (goal))
    return FALSE;
  if ((self->flags & TRELLIS_GOALS_FILTER_ABNORMAL) && !trellis_goal_get_abnormal (goal))
    return FALSE;
  if ((self->flags & TRELLIS_GOALS_FILTER_UNALIGNED) && !trellis_goal_is_unaligned (goal))
    return FALSE;
  if ((self->flags & TRELLIS_GOALS_FILTER_SELF_CREATED) && trellis_goal_get_origin (goal) != TRELLIS_ORIGIN_SELF)
    return FALSE;

  if (self->department_id != NULL)
    {
      const char *department_id;

      /* The company's own goals belong to nobody below it. */
      if (trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_COMPANY)
        return FALSE;
      department_id = goal_department_id (self, goal);
      if (department_id == NULL ||
          !trellis_organisation_department_is_within (get_organisation (self), department_id, self->department_id))
        return FALSE;
    }

  if (self->needle != NULL &&
      !goal_matches_search (self->search_keys, get_organisation (self), goal, self->needle))
    return FALSE;

  return TRUE;
}

static guint
count_goals (TrellisGoalsPage *self)
{
  return self->tree != NULL ? g_list_model_get_n_items (trellis_goal_tree_get_goals (self->tree)) : 0;
}

static void
update_count (TrellisGoalsPage *self)
{
  guint total = count_goals (self);
  gboolean active = filter_active (self);
  guint shown = active ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : total;
  gboolean filtering = active && gtk_filter_list_model_get_pending (self->filter_model) > 0;

  g_free (self->count_text);
  if (self->tree == NULL)
    self->count_text = g_strdup ("");
  else if (!active)
    self->count_text = g_strdup_printf (ngettext ("%'u goal", "%'u goals", total), total);
  else
    /* Translators: the first number is how many goals match */
    self->count_text = g_strdup_printf (ngettext ("%'u of %'u goal", "%'u of %'u goals", total), shown, total);
  gtk_label_set_text (self->count_label, self->count_text);

  if (self->loading && self->tree == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      return;
    }

  if (shown > 0 || filtering)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (self->tree == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      return;
    }

  if (total == 0)
    {
      g_autofree char *title = g_strdup_printf (_("No Goals in %s"), self->cycle_id != NULL ? self->cycle_id : "");

      adw_status_page_set_icon_name (self->empty_page, "emoji-flags-symbolic");
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       _("Nobody has goals in this cycle yet. Start with the company’s objectives, then cascade them to departments and people."));
      gtk_button_set_label (self->empty_button, _("_New Goal…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "goals.new-goal");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Goals"));
      adw_status_page_set_description (self->empty_page,
                                       _("No goal in this cycle matches the search and every filter chosen. Try fewer filters, another department or another cycle."));
      gtk_button_set_label (self->empty_button, _("_Clear Search and Filters"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "goals.clear-filters");
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* Shows the tree or the flat list of matches, and filters. */
static void
apply_filter (TrellisGoalsPage *self,
              GtkFilterChange   change)
{
  gboolean active = filter_active (self) && self->tree != NULL;
  GListModel *wanted = active ? G_LIST_MODEL (self->flat_model) : G_LIST_MODEL (self->tree_model);

  if (active)
    {
      GListModel *goals = trellis_goal_tree_get_goals (self->tree);
      gint64 started = g_get_monotonic_time ();

      if (gtk_filter_list_model_get_model (self->filter_model) != goals)
        gtk_filter_list_model_set_model (self->filter_model, goals);
      else
        gtk_filter_changed (GTK_FILTER (self->filter), change);
      g_debug ("Filtered to %u of %u goals in %.0f ms", g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)),
               g_list_model_get_n_items (goals), (g_get_monotonic_time () - started) / 1000.0);
    }
  else
    /* Nothing to filter while the tree is shown. */
    gtk_filter_list_model_set_model (self->filter_model, NULL);

  if (gtk_sort_list_model_get_model (self->sort_model) != wanted)
    gtk_sort_list_model_set_model (self->sort_model, wanted);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.clear-filters", filter_active (self));
  update_count (self);
}

static void
on_filter_items_changed_cb (TrellisGoalsPage *self,
                            guint             position,
                            guint             removed,
                            guint             added,
                            GListModel       *model)
{
  update_count (self);
}

static void
on_filter_pending_cb (TrellisGoalsPage   *self,
                      GParamSpec         *pspec,
                      GtkFilterListModel *model)
{
  update_count (self);
}

static void
on_search_changed_cb (TrellisGoalsPage *self,
                      GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* A longer needle can only drop goals, a shorter one only add them. */
  if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  apply_filter (self, change);
}

static void
on_stop_search_cb (TrellisGoalsPage *self,
                   GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static TrellisGoalsFilterFlags
read_flags (TrellisGoalsPage *self)
{
  TrellisGoalsFilterFlags flags = TRELLIS_GOALS_FILTER_NONE;

  if (gtk_toggle_button_get_active (self->lagging_toggle))
    flags |= TRELLIS_GOALS_FILTER_LAGGING;
  if (gtk_toggle_button_get_active (self->abnormal_toggle))
    flags |= TRELLIS_GOALS_FILTER_ABNORMAL;
  if (gtk_toggle_button_get_active (self->unaligned_toggle))
    flags |= TRELLIS_GOALS_FILTER_UNALIGNED;
  if (gtk_toggle_button_get_active (self->self_toggle))
    flags |= TRELLIS_GOALS_FILTER_SELF_CREATED;

  return flags;
}

static void
on_filter_toggled_cb (TrellisGoalsPage *self,
                      GtkToggleButton  *toggle)
{
  TrellisGoalsFilterFlags flags = read_flags (self);
  GtkFilterChange change;

  if (flags == self->flags)
    return;

  if ((flags & self->flags) == self->flags)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if ((flags & self->flags) == flags)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->flags = flags;
  apply_filter (self, change);
}

static void
on_status_selected_cb (TrellisGoalsPage *self,
                       GParamSpec       *pspec,
                       GtkDropDown      *drop_down)
{
  static const int statuses[] = {
    -1, TRELLIS_PROGRESS_ON_TRACK, TRELLIS_PROGRESS_BEHIND, TRELLIS_PROGRESS_AT_RISK, TRELLIS_PROGRESS_ACHIEVED,
  };
  guint selected = gtk_drop_down_get_selected (drop_down);
  int status = selected < G_N_ELEMENTS (statuses) ? statuses[selected] : -1;
  GtkFilterChange change;

  if (status == self->status)
    return;

  if (self->status < 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (status < 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->status = status;
  apply_filter (self, change);
}

/* Where goals are in approval: drafts to chase, submissions to decide. */
static void
on_state_selected_cb (TrellisGoalsPage *self,
                      GParamSpec       *pspec,
                      GtkDropDown      *drop_down)
{
  static const int states[] = {
    -1, TRELLIS_GOAL_STATE_DRAFT, TRELLIS_GOAL_STATE_SUBMITTED, TRELLIS_GOAL_STATE_RETURNED,
    TRELLIS_GOAL_STATE_APPROVED, TRELLIS_GOAL_STATE_FILED,
  };
  guint selected = gtk_drop_down_get_selected (drop_down);
  int state = selected < G_N_ELEMENTS (states) ? states[selected] : -1;
  GtkFilterChange change;

  if (state == self->state)
    return;

  if (self->state < 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (state < 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->state = state;
  apply_filter (self, change);
}

static void
on_department_selected_cb (TrellisGoalsPage *self,
                           GParamSpec       *pspec,
                           GtkDropDown      *drop_down)
{
  TrellisDepartment *department = trellis_department_drop_down_get_selected (drop_down);
  TrellisOrganisation *organisation = get_organisation (self);
  const char *department_id = NULL;
  GtkFilterChange change;

  /* The top of the tree is everybody. */
  if (department != NULL && trellis_department_get_parent_id (department) != NULL)
    department_id = trellis_department_get_id (department);

  if (g_strcmp0 (department_id, self->department_id) == 0)
    return;

  if (self->department_id == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (department_id == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (trellis_organisation_department_is_within (organisation, department_id, self->department_id))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (trellis_organisation_department_is_within (organisation, self->department_id, department_id))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->department_id);
  self->department_id = g_strdup (department_id);
  apply_filter (self, change);
}

/* Cells */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  TrellisGoalColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "trellis-column"));
  GtkWidget *cell = trellis_goal_cell_new (column);

  if (column == TRELLIS_GOAL_COLUMN_TITLE)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), TRUE);
      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), cell);
      gtk_list_item_set_child (item, expander);
    }
  else
    gtk_list_item_set_child (item, cell);
}

static TrellisGoalCell *
cell_of (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_TREE_EXPANDER (child))
    child = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
  return TRELLIS_GOAL_CELL (child);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  TrellisGoalsPage *self = user_data;
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autoptr(TrellisGoal) goal = gtk_tree_list_row_get_item (row);
  TrellisGoalCell *cell = cell_of (item);

  if (GTK_IS_TREE_EXPANDER (child))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), row);
  trellis_goal_cell_set_today (cell, &self->today);
  trellis_goal_cell_set_goal (cell, goal);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_TREE_EXPANDER (child))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), NULL);
  trellis_goal_cell_set_goal (cell_of (item), NULL);
}

static void
setup_columns (TrellisGoalsPage *self)
{
  for (guint i = 0; i < TRELLIS_N_GOAL_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = NULL;
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "trellis-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), self);

      self->column_sorters[i].page = self;
      self->column_sorters[i].column = i;
      sorter = gtk_custom_sorter_new (compare_column_cb, &self->column_sorters[i], NULL);

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Loading */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  TrellisGoalTree *tree = user_data;

  /* NULL marks a leaf, so the row shows no expander arrow. */
  if (trellis_goal_get_n_children (item) == 0)
    return NULL;
  return trellis_goal_children_model_new (tree, item);
}

static GListModel *
create_no_children_cb (gpointer item,
                       gpointer user_data)
{
  return NULL;
}

static void
update_weight_bar (TrellisGoalsPage *self)
{
  guint owners = 0, objectives = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->weight_problems != NULL && i < self->weight_problems->len; i++)
    {
      TrellisWeightProblem *problem = g_ptr_array_index (self->weight_problems, i);

      if (problem->goal_id == NULL)
        owners++;
      else
        objectives++;
    }

  if (owners > 0)
    g_string_append_printf (text, ngettext ("%'u owner has goal weights that do not add up to 100 %%.",
                                            "%'u owners have goal weights that do not add up to 100 %%.", owners),
                            owners);
  if (objectives > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%'u goal has key-result weights that do not add up to 100 %%.",
                                              "%'u goals have key-result weights that do not add up to 100 %%.",
                                              objectives),
                              objectives);
    }

  gtk_label_set_text (self->weight_label, text->str);
  gtk_info_bar_set_revealed (self->weight_bar, owners + objectives > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_bar), owners + objectives > 0);
}

static void
set_loading (TrellisGoalsPage *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Remembers which goals are expanded and which one is shown. */
static void
remember_state (TrellisGoalsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);

  g_hash_table_remove_all (self->restore_expanded);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      g_autoptr(TrellisGoal) row_goal = NULL;

      if (!gtk_tree_list_row_get_expanded (row))
        continue;
      row_goal = gtk_tree_list_row_get_item (row);
      g_hash_table_add (self->restore_expanded, g_strdup (trellis_goal_get_id (row_goal)));
    }

  if (goal != NULL)
    {
      g_free (self->restore_goal_id);
      self->restore_goal_id = g_strdup (trellis_goal_get_id (goal));
    }
}

/* Expands the rows whose goals are in @ids, in one pass: expanding inserts
 * the children right after their parent, where the loop goes next. */
static void
expand_goals (TrellisGoalsPage *self,
              GHashTable       *ids)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);

  if (g_hash_table_size (ids) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree_model, i);
      g_autoptr(TrellisGoal) goal = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (ids, trellis_goal_get_id (goal)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* @weight_problems: (transfer full) (nullable): the tree's weight check */
static void
set_tree (TrellisGoalsPage *self,
          TrellisGoalTree  *tree,
          GPtrArray        *weight_problems)
{
  GtkTreeListModel *tree_model = NULL;

  g_set_object (&self->tree, tree);
  clear_caches (self);
  g_clear_pointer (&self->weight_problems, g_ptr_array_unref);
  self->weight_problems = weight_problems;

  if (tree != NULL)
    {
      GListModel *roots = trellis_goal_tree_get_roots (tree);

      tree_model = gtk_tree_list_model_new (g_object_ref (roots), FALSE, FALSE,
                                            create_children_cb, g_object_ref (tree), g_object_unref);
    }

  /* The old rows go before the tree model does: they hold its goals. */
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  gtk_sort_list_model_set_model (self->sort_model, NULL);
  g_clear_object (&self->tree_model);
  self->tree_model = tree_model;

  trellis_goal_detail_set_context (self->detail, self->workspace, tree);
  update_weight_bar (self);
  apply_filter (self, GTK_FILTER_CHANGE_DIFFERENT);
  update_actions (self);
}

/* Read in a worker thread, on a connection of its own: the workspace's
 * connection belongs to the main thread (WAL lets both read at once). The
 * weight check runs there too; with 100,000 people it takes a while. */
typedef struct {
  char                *path;
  TrellisOrganisation *organisation;
  char                *cycle_id;
  GDate                today;
  TrellisGoalTree     *tree;
  GPtrArray           *weight_problems;
  GHashTable          *search_keys;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_clear_object (&job->organisation);
  g_free (job->cycle_id);
  g_clear_object (&job->tree);
  g_clear_pointer (&job->weight_problems, g_ptr_array_unref);
  g_clear_pointer (&job->search_keys, g_hash_table_unref);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(TrellisStore) reader = NULL;
  GError *error = NULL;

  reader = trellis_store_open (job->path, &error);
  if (reader != NULL)
    job->tree = trellis_goal_tree_load (reader, job->organisation, job->cycle_id, &job->today,
                                        cancellable, &error);
  if (job->tree == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->weight_problems = trellis_goal_tree_check_weights (job->tree);

  /* Folding 200,000 titles takes seconds on the main thread, between
   * frames; here it delays the list by a fraction of that. */
  {
    GListModel *goals = trellis_goal_tree_get_goals (job->tree);
    guint n = g_list_model_get_n_items (goals);

    job->search_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(TrellisGoal) goal = g_list_model_get_item (goals, i);

        folded_text (job->search_keys, trellis_goal_get_title (goal));
        folded_text (job->search_keys, trellis_goal_get_owner_name (goal));
      }
  }
  /* The organisation goes back with the task, not with the thread. */
  g_task_return_boolean (task, TRUE);
}

static void
on_tree_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TrellisGoalsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *goal_id = NULL;
  gint64 loaded;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
        return;

      g_clear_object (&self->load_cancellable);
      set_loading (self, FALSE);
      set_tree (self, NULL, NULL);
      {
        g_autofree char *body = g_strdup_printf (_("The goals of %s could not be read: %s"),
                                                 self->cycle_id, error->message);

        trellis_widget_show_error (GTK_WIDGET (self), _("Could Not Load the Goals"), body);
      }
      return;
    }

  /* A newer load replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  loaded = g_get_monotonic_time ();
  set_tree (self, job->tree, g_steal_pointer (&job->weight_problems));
  g_hash_table_unref (self->search_keys);
  self->search_keys = g_steal_pointer (&job->search_keys);
  expand_goals (self, self->restore_expanded);
  g_hash_table_remove_all (self->restore_expanded);
  g_debug ("%u goals of %s: read in %.0f ms, shown in %.0f ms", count_goals (self), self->cycle_id,
           (loaded - self->load_started) / 1000.0, (g_get_monotonic_time () - loaded) / 1000.0);

  goal_id = g_steal_pointer (&self->restore_goal_id);
  if (goal_id != NULL)
    trellis_goals_page_show_goal (self, goal_id);
}

static void
start_load (TrellisGoalsPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  if (self->workspace == NULL || self->cycle_id == NULL)
    return;

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }

  trellis_clock_get_today (trellis_workspace_get_clock (self->workspace), &self->today);
  self->load_started = g_get_monotonic_time ();
  self->load_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->tree == NULL)
    update_count (self);

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (trellis_workspace_get_path (self->workspace));
  job->organisation = g_object_ref (get_organisation (self));
  job->cycle_id = g_strdup (self->cycle_id);
  job->today = self->today;

  task = g_task_new (NULL, self->load_cancellable, on_tree_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Cycles */

static int
compare_cycles (gconstpointer a,
                gconstpointer b)
{
  TrellisCycle *ca = *(TrellisCycle * const *) a;
  TrellisCycle *cb = *(TrellisCycle * const *) b;
  GDate sa, sb;
  int cmp;

  trellis_cycle_get_start (ca, &sa);
  trellis_cycle_get_start (cb, &sb);
  cmp = g_date_compare (&sa, &sb);
  if (cmp == 0)
    cmp = (int) trellis_cycle_get_kind (ca) - (int) trellis_cycle_get_kind (cb);
  return cmp;
}

static char *
cycle_label (TrellisCycle *cycle)
{
  if (trellis_cycle_get_kind (cycle) == TRELLIS_CYCLE_YEAR)
    /* Translators: a whole year in the cycle selector; %s is e.g. "2026" */
    return g_strdup_printf (_("%s · whole year"), trellis_cycle_get_name (cycle));
  return g_strdup (trellis_cycle_get_name (cycle));
}

static void
update_cycles (TrellisGoalsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint latest_started = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->cycle_id, g_free);
  self->cycles = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->workspace != NULL)
    {
      all = trellis_org_repository_list_cycles (get_store (self), &error);
      if (all == NULL)
        g_warning ("Could not read the cycles: %s", error->message);
    }

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (all, i);
      TrellisCycleKind kind = trellis_cycle_get_kind (cycle);

      if (kind == TRELLIS_CYCLE_YEAR || kind == TRELLIS_CYCLE_QUARTER)
        g_ptr_array_add (self->cycles, g_object_ref (cycle));
    }
  g_ptr_array_sort (self->cycles, compare_cycles);

  if (self->workspace != NULL)
    trellis_clock_get_today (trellis_workspace_get_clock (self->workspace), &self->today);

  for (guint i = 0; i < self->cycles->len; i++)
    {
      TrellisCycle *cycle = g_ptr_array_index (self->cycles, i);
      g_autofree char *label = cycle_label (cycle);
      GDate start;

      gtk_string_list_append (names, label);
      if (trellis_cycle_get_kind (cycle) != TRELLIS_CYCLE_QUARTER)
        continue;
      if (g_date_valid (&self->today) && trellis_cycle_contains (cycle, &self->today))
        selected = i;
      trellis_cycle_get_start (cycle, &start);
      if (g_date_valid (&self->today) && g_date_compare (&start, &self->today) <= 0)
        latest_started = i;
    }

  /* The quarter we are in; else the latest one begun; else the first. */
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = latest_started;
  if (selected == GTK_INVALID_LIST_POSITION && self->cycles->len > 0)
    selected = 0;

  self->syncing_cycles = TRUE;
  gtk_drop_down_set_model (self->cycle_drop_down, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->cycle_drop_down, selected);
  self->syncing_cycles = FALSE;

  if (selected != GTK_INVALID_LIST_POSITION)
    self->cycle_id = g_strdup (trellis_cycle_get_id (g_ptr_array_index (self->cycles, selected)));
}

static void
on_cycle_selected_cb (TrellisGoalsPage *self,
                      GParamSpec       *pspec,
                      GtkDropDown      *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  TrellisCycle *cycle;

  if (self->syncing_cycles || self->cycles == NULL || selected >= self->cycles->len)
    return;

  cycle = g_ptr_array_index (self->cycles, selected);
  if (g_strcmp0 (self->cycle_id, trellis_cycle_get_id (cycle)) == 0)
    return;

  g_free (self->cycle_id);
  self->cycle_id = g_strdup (trellis_cycle_get_id (cycle));
  g_hash_table_remove_all (self->restore_expanded);
  g_clear_pointer (&self->restore_goal_id, g_free);
  start_load (self);
}

/* Selection and the detail pane */

static void
update_actions (TrellisGoalsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  gboolean ready = self->tree != NULL && !self->loading;
  gboolean has_goal = ready && goal != NULL;
  TrellisGoalState state = has_goal ? trellis_goal_get_state (goal) : TRELLIS_GOAL_STATE_DRAFT;
  gboolean has_krs = has_goal && trellis_goal_get_key_results (goal)->len > 0;
  gboolean editable = state == TRELLIS_GOAL_STATE_DRAFT || state == TRELLIS_GOAL_STATE_RETURNED;
  gboolean agreed = state == TRELLIS_GOAL_STATE_APPROVED || state == TRELLIS_GOAL_STATE_FILED;

  gtk_widget_action_set_enabled (widget, "goals.new-goal", ready);
  gtk_widget_action_set_enabled (widget, "goals.assign-template", ready);
  /* Check-ins track goals that are at least on their way to approval. */
  gtk_widget_action_set_enabled (widget, "goals.check-in", has_krs && !editable);
  gtk_widget_action_set_enabled (widget, "goals.request-change", has_goal && agreed);
  gtk_widget_action_set_enabled (widget, "goals.edit", has_goal && editable);
  gtk_widget_action_set_enabled (widget, "goals.delete", has_goal && editable);
  gtk_widget_action_set_enabled (widget, "goals.submit", has_goal && editable);
  gtk_widget_action_set_enabled (widget, "goals.approve", has_goal && state == TRELLIS_GOAL_STATE_SUBMITTED);
  gtk_widget_action_set_enabled (widget, "goals.return", has_goal && state == TRELLIS_GOAL_STATE_SUBMITTED);
  gtk_widget_action_set_enabled (widget, "goals.file", has_goal && state == TRELLIS_GOAL_STATE_APPROVED);
  gtk_widget_action_set_enabled (widget, "goals.decide-change", has_goal);
  gtk_widget_action_set_enabled (widget, "goals.show-weight-problems",
                                 self->weight_problems != NULL && self->weight_problems->len > 0);
}

static void
on_detail_goal_state_cb (TrellisGoalsPage *self)
{
  update_actions (self);
}

static void
show_in_detail (TrellisGoalsPage *self,
                TrellisGoal      *goal)
{
  TrellisGoal *old = trellis_goal_detail_get_goal (self->detail);

  if (old == goal)
    return;

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_detail_goal_state_cb, self);
  trellis_goal_detail_set_goal (self->detail, goal);
  if (goal != NULL)
    g_signal_connect_object (goal, "notify::state", G_CALLBACK (on_detail_goal_state_cb),
                             self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
on_selected_goal_cb (TrellisGoalsPage   *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(TrellisGoal) goal = NULL;

  /* Rows come and go as the list is filtered; the pane keeps its goal. */
  if (row == NULL)
    return;

  goal = gtk_tree_list_row_get_item (row);
  show_in_detail (self, goal);
}

static void
on_row_activated_cb (TrellisGoalsPage *self,
                     guint             position,
                     GtkColumnView    *view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
on_detail_goal_activated_cb (TrellisGoalsPage  *self,
                             TrellisGoal       *goal,
                             TrellisGoalDetail *detail)
{
  trellis_goals_page_show_goal (self, trellis_goal_get_id (goal));
}

/* Actions */

static void
after_write (TrellisGoalsPage *self)
{
  trellis_goal_detail_refresh (self->detail);
  update_actions (self);
}

static void
on_checkin_saved_cb (TrellisGoalsPage *self)
{
  trellis_widget_add_toast (GTK_WIDGET (self), _("Check-in saved"));
  after_write (self);
}

static void
on_change_requested_cb (TrellisGoalsPage *self)
{
  trellis_widget_add_toast (GTK_WIDGET (self), _("Change request sent for approval"));
  after_write (self);
}

static void
on_approval_done_cb (TrellisGoalsPage *self,
                     const char       *message)
{
  trellis_widget_add_toast (GTK_WIDGET (self), message);
  after_write (self);
}

static TrellisCheckinDialog *
open_checkin (TrellisGoalsPage *self)
{
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  TrellisCheckinDialog *dialog;

  if (goal == NULL || self->tree == NULL)
    return NULL;

  dialog = trellis_checkin_dialog_new (get_window (self), self->workspace, self->tree, goal,
                                       trellis_goal_detail_get_key_result (self->detail));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_checkin_saved_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->checkin_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_checkin (TRELLIS_GOALS_PAGE (widget));
}

static void
request_change_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  TrellisChangeRequestDialog *dialog;

  if (goal == NULL)
    return;

  dialog = trellis_change_request_dialog_new (get_window (self), self->workspace, self->tree, goal,
                                              trellis_goal_detail_get_key_result (self->detail));
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_change_requested_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_editor_saved_cb (TrellisGoalsPage *self,
                    const char       *goal_id)
{
  gboolean realigned = TRUE;
  g_autoptr(GError) error = NULL;

  /* An edit that leaves the goal where it hangs updates it in place: at
   * 100,000 people a new load takes seconds. */
  if (self->tree != NULL && trellis_goal_tree_contains (self->tree, goal_id))
    {
      if (!trellis_goal_tree_reload_goal (self->tree, get_store (self), goal_id, &realigned, &error))
        g_warning ("Could not update goal %s: %s", goal_id, error->message);
      else if (!realigned)
        {
          after_write (self);
          return;
        }
    }

  /* New goals and changed alignments change the tree's shape: read it
   * again, keeping what was open. */
  remember_state (self);
  g_free (self->restore_goal_id);
  self->restore_goal_id = g_strdup (goal_id);
  start_load (self);
}

static void
on_editor_destroyed_cb (TrellisGoalsPage *self)
{
  /* Not while the page itself is going away. */
  if (self->detail != NULL && self->tree != NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    after_write (self);
}

static void
open_editor (TrellisGoalsPage *self,
             TrellisGoal      *goal)
{
  TrellisGoalEditor *editor = trellis_goal_editor_new (get_window (self), self->workspace, self->tree,
                                                       goal, self->cycle_id);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  /* Removing a key result is written at once, even if the editor is then
   * cancelled: the pane shows what the store now holds. */
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);

  if (self->tree != NULL)
    open_editor (self, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);

  if (goal != NULL)
    open_editor (self, goal);
}

static void
on_delete_goal_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (user_data);
  const char *goal_id = g_object_get_data (G_OBJECT (dialog), "goal-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->tree == NULL)
    return;

  if (!trellis_goal_repository_delete_goal (get_store (self), goal_id, &error))
    {
      trellis_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Goal"), error->message);
      return;
    }

  trellis_widget_add_toast (GTK_WIDGET (self), _("Goal deleted"));
  /* Goals aligned to it move to the top as unaligned: a new load places them. */
  trellis_goal_detail_set_goal (self->detail, NULL);
  trellis_goals_page_reload (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_children;

  if (goal == NULL)
    return;

  n_children = trellis_goal_get_n_children (goal);
  if (n_children > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” and its key results are deleted. %u goal aligned to it becomes unaligned. The audit trail keeps the record.",
                                         "“%s” and its key results are deleted. %u goals aligned to it become unaligned. The audit trail keeps the record.",
                                         n_children),
                            trellis_goal_get_title (goal), n_children);
  else
    body = g_strdup_printf (_("“%s” and its key results are deleted. The audit trail keeps the record."),
                            trellis_goal_get_title (goal));

  dialog = adw_message_dialog_new (get_window (self), _("Delete Goal?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "goal-id", g_strdup (trellis_goal_get_id (goal)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_goal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  TrellisEmployee *owner;
  g_autoptr(GError) error = NULL;

  if (goal == NULL)
    return;

  /* The owner submits; HR presses the button on their behalf. */
  owner = trellis_goal_get_owner_person (goal, get_organisation (self));
  if (!trellis_goal_workflow_submit (get_store (self), get_organisation (self), goal,
                                     owner != NULL ? trellis_employee_get_id (owner) : NULL, &error))
    {
      trellis_widget_show_error (widget, _("Could Not Submit the Goal"), error->message);
      return;
    }

  trellis_widget_add_toast (widget, _("Submitted for approval"));
  after_write (self);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  g_autoptr(GError) error = NULL;

  if (goal == NULL)
    return;

  /* HR files, and HR is whoever runs Trellis: no person is recorded. */
  if (!trellis_goal_workflow_file (get_store (self), goal, NULL, &error))
    {
      trellis_widget_show_error (widget, _("Could Not File the Goal"), error->message);
      return;
    }

  trellis_widget_add_toast (widget, _("Filed"));
  after_write (self);
}

static void
open_approval (TrellisGoalsPage    *self,
               TrellisApprovalMode  mode)
{
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  TrellisApprovalDialog *dialog;

  if (goal == NULL)
    return;

  dialog = trellis_approval_dialog_new (get_window (self), self->workspace, goal, mode);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_approval_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_approval (TRELLIS_GOALS_PAGE (widget), TRELLIS_APPROVAL_APPROVE);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_approval (TRELLIS_GOALS_PAGE (widget), TRELLIS_APPROVAL_RETURN);
}

static void
on_change_decided_cb (TrellisGoalsPage *self,
                      const char       *message)
{
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  g_autoptr(GError) error = NULL;

  /* An approved change re-baselines a target or weight in the store. */
  if (goal != NULL && self->tree != NULL &&
      !trellis_goal_tree_reload_goal (self->tree, get_store (self), trellis_goal_get_id (goal), NULL, &error))
    g_warning ("Could not update goal %s: %s", trellis_goal_get_id (goal), error->message);

  trellis_widget_add_toast (GTK_WIDGET (self), message);
  after_write (self);
}

static void
decide_change_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisGoal *goal = trellis_goal_detail_get_goal (self->detail);
  TrellisApprovalDialog *dialog;
  gint64 request_id;
  gboolean approve;

  if (goal == NULL)
    return;

  g_variant_get (parameter, "(xb)", &request_id, &approve);
  dialog = trellis_approval_dialog_new_for_change (get_window (self), self->workspace, goal, request_id, approve);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_change_decided_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_template_assigned_cb (TrellisGoalsPage *self,
                         int               created,
                         int               skipped)
{
  g_autofree char *created_text = g_strdup_printf (ngettext ("Created %'d goal", "Created %'d goals", created),
                                                   created);
  g_autofree char *text = NULL;

  if (skipped > 0)
    {
      g_autofree char *skipped_text = g_strdup_printf (ngettext ("%'d person already had one",
                                                                 "%'d people already had one", skipped),
                                                       skipped);

      /* Translators: a toast: "Created 412 goals; 3 people already had one" */
      text = g_strdup_printf (_("%s; %s"), created_text, skipped_text);
    }
  else
    text = g_strdup (created_text);

  trellis_widget_add_toast (GTK_WIDGET (self), text);

  if (created > 0)
    {
      remember_state (self);
      start_load (self);
    }
}

static void
assign_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  TrellisTemplateDialog *dialog;

  if (self->tree == NULL)
    return;

  dialog = trellis_template_dialog_new (get_window (self), self->workspace, self->tree,
                                        self->cycle_id, self->department_id);
  g_signal_connect_object (dialog, "assigned", G_CALLBACK (on_template_assigned_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  trellis_goals_page_set_filter_flags (self, TRELLIS_GOALS_FILTER_NONE);
  gtk_drop_down_set_selected (self->status_drop_down, 0);
  gtk_drop_down_set_selected (self->state_drop_down, 0);
  trellis_department_drop_down_select (self->department_drop_down, NULL);
}

static void
on_problem_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         gpointer       user_data)
{
  TrellisGoalsPage *self = user_data;
  const char *goal_id = g_object_get_data (G_OBJECT (row), "goal-id");
  const char *owner = g_object_get_data (G_OBJECT (row), "owner");
  GtkRoot *dialog = gtk_widget_get_root (GTK_WIDGET (list));

  if (goal_id != NULL)
    trellis_goals_page_show_goal (self, goal_id);
  else if (owner != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), owner);
    }
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
show_weight_problems_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro;
  GtkWidget *list = gtk_list_box_new ();

  if (self->weight_problems == NULL)
    return;

  gtk_window_set_title (GTK_WINDOW (window), _("Weights That Do Not Add Up"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), get_window (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 560);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  trellis_dialog_setup_escape (GTK_WINDOW (window));

  /* xgettext:no-c-format */
  intro = gtk_label_new (_("Each person’s or department’s goals in a cycle, and each goal’s key results, should share 100 % of the weight. Choose a line to see the goals."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0.0);
  gtk_widget_add_css_class (intro, "dim-label");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_problem_activated_cb), self, 0);

  for (guint i = 0; i < self->weight_problems->len; i++)
    {
      TrellisWeightProblem *problem = g_ptr_array_index (self->weight_problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *sum = trellis_format_percent (problem->sum);
      g_autofree char *subtitle = NULL;
      GtkWidget *label = gtk_label_new (sum);

      if (problem->goal_id != NULL)
        /* Translators: a cycle; then what does not add up */
        subtitle = g_strdup_printf (_("%s · key results of this goal"), problem->cycle_id);
      else
        subtitle = g_strdup_printf (_("%s · all goals of this owner"), problem->cycle_id);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->owner_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "goal-id", g_strdup (problem->goal_id), g_free);
      g_object_set_data_full (G_OBJECT (row), "owner", g_strdup (problem->owner_name), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_widget_add_css_class (content, "dialog-content");
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
place_paned_cb (gpointer user_data)
{
  TrellisGoalsPage *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  gtk_paned_set_position (self->paned, MAX (width - CLAMP (width * 30 / 100, 340, DETAIL_WIDTH), 0));
  return G_SOURCE_REMOVE;
}

/* The detail pane starts at a comfortable width, then keeps what the user
 * makes it as the window grows (the list takes the extra space). The
 * position is set after the allocation that reported the size: during it,
 * GtkPaned would overwrite it. */
static void
on_paned_max_position_cb (TrellisGoalsPage *self)
{
  if (self->paned_placed || gtk_widget_get_width (GTK_WIDGET (self->paned)) <= 0)
    return;

  self->paned_placed = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, place_paned_cb, g_object_ref (self), g_object_unref);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  trellis_goals_page_focus_search (TRELLIS_GOALS_PAGE (widget));
}

/* GObject */

static void
trellis_goals_page_map (GtkWidget *widget)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_goals_page_parent_class)->map (widget);

  /* Goals are read the first time somebody looks at them. */
  if (self->workspace != NULL && self->tree == NULL && !self->loading)
    start_load (self);
}

static void
trellis_goals_page_dispose (GObject *object)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (object);
  GtkWidget *child;

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  g_clear_weak_pointer (&self->checkin_dialog);

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_GOALS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->flat_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->tree);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->weight_problems, g_ptr_array_unref);
  if (self->search_keys != NULL)
    g_hash_table_remove_all (self->search_keys);
  for (guint i = 0; i < TRELLIS_N_GOAL_COLUMNS; i++)
    g_clear_pointer (&self->sort_keys[i], g_hash_table_unref);

  G_OBJECT_CLASS (trellis_goals_page_parent_class)->dispose (object);
}

static void
trellis_goals_page_finalize (GObject *object)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (object);

  g_free (self->cycle_id);
  g_free (self->needle);
  g_free (self->department_id);
  g_free (self->count_text);
  g_free (self->restore_goal_id);
  g_hash_table_unref (self->search_keys);
  g_hash_table_unref (self->restore_expanded);

  G_OBJECT_CLASS (trellis_goals_page_parent_class)->finalize (object);
}

static void
trellis_goals_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_goals_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TrellisGoalsPage *self = TRELLIS_GOALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      trellis_goals_page_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_goals_page_class_init (TrellisGoalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_goals_page_dispose;
  object_class->finalize = trellis_goals_page_finalize;
  object_class->get_property = trellis_goals_page_get_property;
  object_class->set_property = trellis_goals_page_set_property;
  widget_class->map = trellis_goals_page_map;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         TRELLIS_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRELLIS_TYPE_GOAL_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-goals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, cycle_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, department_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, state_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, lagging_toggle);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, abnormal_toggle);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, unaligned_toggle);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, self_toggle);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, weight_bar);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, weight_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_goal_activated_cb);

  gtk_widget_class_install_action (widget_class, "goals.new-goal", NULL, new_goal_action);
  gtk_widget_class_install_action (widget_class, "goals.assign-template", NULL, assign_template_action);
  gtk_widget_class_install_action (widget_class, "goals.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "goals.show-weight-problems", NULL, show_weight_problems_action);
  gtk_widget_class_install_action (widget_class, "goals.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "goals.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "goals.request-change", NULL, request_change_action);
  gtk_widget_class_install_action (widget_class, "goals.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "goals.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "goals.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "goals.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "goals.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "goals.file", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "goals.decide-change", "(xb)", decide_change_action);

  /* Typing in the list starts a search (the entry captures keys); Ctrl+F
   * is the window's, and goes to the people search. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "goals.check-in", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-goals-page");
}

/* Right opens a goal; Left closes it, or selects its parent: the keys of
 * every tree people know. */
static void
select_and_show_position (TrellisGoalsPage *self,
                          guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  /* GtkColumnView has no scroll_to before 4.12; its inner list view does. */
  gtk_widget_activate_action (gtk_widget_get_last_child (GTK_WIDGET (self->column_view)),
                              "list.scroll-to-item", "u", position);
}

static gboolean
on_tree_key_pressed_cb (TrellisGoalsPage *self,
                        guint             keyval,
                        guint             keycode,
                        GdkModifierType   state)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GtkTreeListRow) row = NULL;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;

  if ((!right && !left) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row == NULL)
    return FALSE;

  if (right && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, TRUE);
      return TRUE;
    }
  if (left)
    {
      g_autoptr(GtkTreeListRow) parent = NULL;

      if (gtk_tree_list_row_get_expanded (row))
        {
          gtk_tree_list_row_set_expanded (row, FALSE);
          return TRUE;
        }
      parent = gtk_tree_list_row_get_parent (row);
      if (parent != NULL)
        {
          /* Parents come before their children: look upwards. */
          for (guint i = position; i > 0; i--)
            {
              g_autoptr(GtkTreeListRow) candidate = g_list_model_get_item (G_LIST_MODEL (self->selection), i - 1);

              if (candidate == parent)
                {
                  select_and_show_position (self, i - 1);
                  break;
                }
            }
          return TRUE;
        }
    }
  return FALSE;
}

static void
trellis_goals_page_init (TrellisGoalsPage *self)
{
  GtkTreeListRowSorter *row_sorter;

  self->status = -1;
  self->state = -1;
  g_date_clear (&self->today, 1);
  self->search_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->restore_expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sort_keys[TRELLIS_GOAL_COLUMN_TITLE] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->sort_keys[TRELLIS_GOAL_COLUMN_OWNER] = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_columns (self);

  self->filter = gtk_custom_filter_new (filter_goal_cb, self, NULL);
  /* Not incremental: with the search keys folded by the loader, 200,000
   * goals filter in well under 100 ms, where GTK 4.8's incremental mode
   * (512 items an idle) took seconds, redrawing the list in between. */
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (on_filter_pending_cb), self, G_CONNECT_SWAPPED);
  self->flat_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              FALSE, FALSE, create_no_children_cb, NULL, NULL);

  row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->sort_model = gtk_sort_list_model_new (NULL, GTK_SORTER (row_sorter));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_goal_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->cycle_drop_down, "notify::selected",
                           G_CALLBACK (on_cycle_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_drop_down, "notify::selected",
                           G_CALLBACK (on_status_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_drop_down, "notify::selected",
                           G_CALLBACK (on_state_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->department_drop_down, "notify::selected",
                           G_CALLBACK (on_department_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the list moves the focus sideways. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_tree_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  }
  g_signal_connect_object (self->paned, "notify::max-position",
                           G_CALLBACK (on_paned_max_position_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "goals.clear-filters", FALSE);
  update_weight_bar (self);
  update_count (self);
}

/* Public API */

GtkWidget *
trellis_goals_page_new (void)
{
  return g_object_new (TRELLIS_TYPE_GOALS_PAGE, NULL);
}

TrellisWorkspace *
trellis_goals_page_get_workspace (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->workspace;
}

void
trellis_goals_page_set_workspace (TrellisGoalsPage *self,
                                  TrellisWorkspace *workspace)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));
  g_return_if_fail (workspace == NULL || TRELLIS_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  set_loading (self, FALSE);

  show_in_detail (self, NULL);
  g_set_object (&self->workspace, workspace);
  g_hash_table_remove_all (self->restore_expanded);
  g_clear_pointer (&self->restore_goal_id, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->department_id, g_free);
  self->status = -1;
  self->state = -1;
  self->flags = TRELLIS_GOALS_FILTER_NONE;

  set_tree (self, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  trellis_goals_page_set_filter_flags (self, TRELLIS_GOALS_FILTER_NONE);
  gtk_drop_down_set_selected (self->status_drop_down, 0);
  gtk_drop_down_set_selected (self->state_drop_down, 0);
  trellis_department_drop_down_set_organisation (self->department_drop_down, get_organisation (self));
  update_cycles (self);
  update_count (self);

  if (workspace != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

gboolean
trellis_goals_page_get_loading (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), FALSE);

  return self->loading;
}

TrellisGoalTree *
trellis_goals_page_get_tree (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->tree;
}

const char *
trellis_goals_page_get_cycle_id (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->cycle_id;
}

void
trellis_goals_page_set_cycle_id (TrellisGoalsPage *self,
                                 const char       *cycle_id)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  for (guint i = 0; self->cycles != NULL && i < self->cycles->len; i++)
    if (g_strcmp0 (trellis_cycle_get_id (g_ptr_array_index (self->cycles, i)), cycle_id) == 0)
      {
        gtk_drop_down_set_selected (self->cycle_drop_down, i);
        return;
      }

  g_warning ("No cycle “%s” to show", cycle_id);
}

void
trellis_goals_page_reload (TrellisGoalsPage *self)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  remember_state (self);
  start_load (self);
}

void
trellis_goals_page_focus_search (TrellisGoalsPage *self)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GtkEditable *
trellis_goals_page_get_search_entry (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

TrellisGoalsFilterFlags
trellis_goals_page_get_filter_flags (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), 0);

  return self->flags;
}

void
trellis_goals_page_set_filter_flags (TrellisGoalsPage        *self,
                                     TrellisGoalsFilterFlags  flags)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  /* Each toggle reports; the last one sees the whole new set. */
  gtk_toggle_button_set_active (self->lagging_toggle, (flags & TRELLIS_GOALS_FILTER_LAGGING) != 0);
  gtk_toggle_button_set_active (self->abnormal_toggle, (flags & TRELLIS_GOALS_FILTER_ABNORMAL) != 0);
  gtk_toggle_button_set_active (self->unaligned_toggle, (flags & TRELLIS_GOALS_FILTER_UNALIGNED) != 0);
  gtk_toggle_button_set_active (self->self_toggle, (flags & TRELLIS_GOALS_FILTER_SELF_CREATED) != 0);
}

void
trellis_goals_page_set_status_filter (TrellisGoalsPage *self,
                                      int               status)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  switch (status)
    {
    case TRELLIS_PROGRESS_ON_TRACK:
      gtk_drop_down_set_selected (self->status_drop_down, 1);
      break;
    case TRELLIS_PROGRESS_BEHIND:
      gtk_drop_down_set_selected (self->status_drop_down, 2);
      break;
    case TRELLIS_PROGRESS_AT_RISK:
      gtk_drop_down_set_selected (self->status_drop_down, 3);
      break;
    case TRELLIS_PROGRESS_ACHIEVED:
      gtk_drop_down_set_selected (self->status_drop_down, 4);
      break;
    default:
      gtk_drop_down_set_selected (self->status_drop_down, 0);
      break;
    }
}

void
trellis_goals_page_set_state_filter (TrellisGoalsPage *self,
                                     int               state)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  /* The drop-down lists draft, submitted, returned, approved, filed. */
  switch (state)
    {
    case TRELLIS_GOAL_STATE_DRAFT: gtk_drop_down_set_selected (self->state_drop_down, 1); break;
    case TRELLIS_GOAL_STATE_SUBMITTED: gtk_drop_down_set_selected (self->state_drop_down, 2); break;
    case TRELLIS_GOAL_STATE_RETURNED: gtk_drop_down_set_selected (self->state_drop_down, 3); break;
    case TRELLIS_GOAL_STATE_APPROVED: gtk_drop_down_set_selected (self->state_drop_down, 4); break;
    case TRELLIS_GOAL_STATE_FILED: gtk_drop_down_set_selected (self->state_drop_down, 5); break;
    default: gtk_drop_down_set_selected (self->state_drop_down, 0); break;
    }
}

void
trellis_goals_page_select_department (TrellisGoalsPage *self,
                                      const char       *department_id)
{
  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));

  trellis_department_drop_down_select (self->department_drop_down, department_id);
}

gboolean
trellis_goals_page_get_filtered (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), FALSE);

  return filter_active (self);
}

guint
trellis_goals_page_get_n_shown (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

gboolean
trellis_goals_page_get_filtering (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), FALSE);

  return self->loading ||
         gtk_filter_list_model_get_pending (self->filter_model) > 0 ||
         gtk_sort_list_model_get_pending (self->sort_model) > 0;
}

const char *
trellis_goals_page_get_count_text (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->count_text;
}

guint
trellis_goals_page_get_n_weight_problems (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), 0);

  return self->weight_problems != NULL ? self->weight_problems->len : 0;
}

static guint
find_position (TrellisGoalsPage *self,
               TrellisGoal      *goal)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(TrellisGoal) item = gtk_tree_list_row_get_item (row);

      if (item == goal)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
trellis_goals_page_show_goal (TrellisGoalsPage *self,
                              const char       *goal_id)
{
  g_autoptr(TrellisGoal) goal = NULL;
  guint position;

  g_return_if_fail (TRELLIS_IS_GOALS_PAGE (self));
  g_return_if_fail (goal_id != NULL);

  if (self->tree == NULL)
    return;

  goal = trellis_goal_tree_lookup (self->tree, goal_id);
  if (goal == NULL)
    return;

  show_in_detail (self, goal);

  if (!filter_active (self))
    {
      g_autoptr(GPtrArray) path = trellis_goal_tree_get_alignment_path (self->tree, goal);
      g_autoptr(GHashTable) ancestors = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i + 1 < path->len; i++)
        g_hash_table_add (ancestors, (gpointer) trellis_goal_get_id (g_ptr_array_index (path, i)));
      expand_goals (self, ancestors);
    }

  position = find_position (self, goal);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      return;
    }

  select_and_show_position (self, position);
}

TrellisGoal *
trellis_goals_page_get_goal (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return trellis_goal_detail_get_goal (self->detail);
}

TrellisCheckinDialog *
trellis_goals_page_check_in (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return open_checkin (self);
}

GtkColumnView *
trellis_goals_page_get_column_view (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->column_view;
}

TrellisGoalDetail *
trellis_goals_page_get_detail (TrellisGoalsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOALS_PAGE (self), NULL);

  return self->detail;
}
