/* trellis-goal-detail.c
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

#define G_LOG_DOMAIN "trellis-goal-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "trellis-goal-detail.h"
#include "trellis-goal-util.h"
#include "trellis-sparkline-widget.h"

/* A long-running company goal gathers a long audit trail; the pane shows
 * the newest entries and says how many more there are. */
#define MAX_AUDIT_SHOWN 40

struct _TrellisGoalDetail
{
  GtkWidget            parent_instance;

  TrellisWorkspace    *workspace;
  TrellisGoalTree     *tree;
  TrellisGoal         *goal;
  gulong               goal_notify_id;
  char                *key_result_id;     /* the one whose check-ins are listed */
  char                *current_approver;
  /* key result id → GPtrArray of TrellisCheckin, read once per refresh */
  GHashTable          *checkins;
  gboolean             filling_krs;

  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkBox              *actions_box;
  GtkImage            *kind_icon;
  GtkLabel            *kind_label;
  GtkLabel            *title_label;
  GtkLabel            *owner_label;
  GtkLabel            *state_chip;
  GtkLabel            *category_chip;
  GtkLabel            *origin_chip;
  GtkLabel            *approval_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *status_pill;
  GtkLabel            *lagging_badge;
  GtkLabel            *abnormal_badge;
  GtkLabel            *score_label;
  GtkLabel            *weight_label;
  GtkLabel            *last_checkin_label;
  GtkLabel            *aligned_label;
  AdwPreferencesGroup *krs_group;
  GtkListBox          *kr_list;
  AdwPreferencesGroup *alignment_group;
  GtkListBox          *alignment_list;
  AdwPreferencesGroup *checkins_group;
  GtkListBox          *checkin_list;
  AdwPreferencesGroup *notices_group;
  GtkListBox          *notice_list;
  AdwPreferencesGroup *changes_group;
  GtkListBox          *change_list;
  AdwPreferencesGroup *approvals_group;
  GtkListBox          *approval_list;
  AdwPreferencesGroup *audit_group;
  GtkListBox          *audit_list;
};

G_DEFINE_FINAL_TYPE (TrellisGoalDetail, trellis_goal_detail, GTK_TYPE_WIDGET)

enum {
  GOAL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TrellisStore *
get_store (TrellisGoalDetail *self)
{
  return self->workspace != NULL ? trellis_workspace_get_store (self->workspace) : NULL;
}

static TrellisOrganisation *
get_organisation (TrellisGoalDetail *self)
{
  return self->workspace != NULL ? trellis_workspace_get_organisation (self->workspace) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class)
{
  static const char * const families[] = { "status-", "state-", "score-" };
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  /* Drop the old class of the same family, keep everything else. */
  for (guint i = 0; classes[i] != NULL; i++)
    for (guint f = 0; f < G_N_ELEMENTS (families); f++)
      if (g_str_has_prefix (classes[i], families[f]) && g_str_has_prefix (css_class, families[f]) &&
          strcmp (classes[i], "status-pill") != 0)
        gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A plain list row: a bold first line and dim lines below. */
static GtkWidget *
create_text_row (const char *title,
                 const char *subtitle,
                 const char *body)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "detail-row");
  if (title != NULL)
    gtk_box_append (GTK_BOX (box), create_label (title, NULL));
  if (subtitle != NULL)
    {
      GtkWidget *label = create_label (subtitle, "dim-label");

      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (body != NULL && body[0] != '\0')
    gtk_box_append (GTK_BOX (box), create_label (body, NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = create_label (text, "dim-label");

  gtk_widget_add_css_class (label, "detail-row");
  gtk_list_box_set_placeholder (list, label);
}

/* Header and numbers */

static void
update_summary (TrellisGoalDetail *self)
{
  TrellisGoal *goal = self->goal;
  TrellisOrganisation *organisation = get_organisation (self);
  TrellisProgressStatus status;
  g_autofree char *owner = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *score = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *last = NULL;
  g_autofree char *approval = NULL;
  GDate today;
  double original_weight;

  if (goal == NULL)
    return;

  gtk_image_set_from_icon_name (self->kind_icon, trellis_goal_kind_icon_name (trellis_goal_get_kind (goal)));
  gtk_label_set_text (self->kind_label, trellis_goal_kind_label (trellis_goal_get_kind (goal)));
  gtk_label_set_text (self->title_label, trellis_goal_get_title (goal));

  /* Translators: a goal's owner and cycle, e.g. "王伟 · 2026-Q4" */
  owner = g_strdup_printf (_("%s · %s"), trellis_goal_get_owner_label (goal), trellis_goal_get_cycle_id (goal));
  gtk_label_set_text (self->owner_label, owner);

  gtk_label_set_text (self->state_chip, trellis_goal_state_label (trellis_goal_get_state (goal)));
  set_css_class (GTK_WIDGET (self->state_chip), trellis_goal_state_css_class (trellis_goal_get_state (goal)));
  gtk_label_set_text (self->category_chip, trellis_goal_category_label (trellis_goal_get_category (goal)));
  gtk_label_set_text (self->origin_chip, trellis_goal_origin_label (trellis_goal_get_origin (goal)));

  switch (trellis_goal_get_state (goal))
    {
    case TRELLIS_GOAL_STATE_SUBMITTED:
      if (self->current_approver != NULL)
        {
          g_autofree char *who = trellis_describe_person (organisation, self->current_approver);

          /* Translators: %s is a person; %d the approval step */
          approval = g_strdup_printf (_("Waiting for %s to approve (step %d)."), who,
                                      trellis_goal_get_approval_step (goal) + 1);
        }
      else
        approval = g_strdup (_("Waiting for approval."));
      break;
    case TRELLIS_GOAL_STATE_DRAFT:
      approval = g_strdup (_("A draft: submit it for approval when it is ready."));
      break;
    case TRELLIS_GOAL_STATE_RETURNED:
      approval = g_strdup (_("Returned for revision: edit it and submit it again."));
      break;
    case TRELLIS_GOAL_STATE_APPROVED:
      approval = g_strdup (_("Approved; HR files it for the record."));
      break;
    case TRELLIS_GOAL_STATE_FILED:
    default:
      approval = NULL;
      break;
    }
  gtk_label_set_text (self->approval_label, approval != NULL ? approval : "");
  gtk_widget_set_visible (GTK_WIDGET (self->approval_label), approval != NULL);

  status = trellis_goal_get_progress_status (goal);
  progress = trellis_format_progress (trellis_goal_get_progress (goal));
  gtk_progress_bar_set_fraction (self->progress_bar, trellis_okr_display_progress (trellis_goal_get_progress (goal)));
  set_css_class (GTK_WIDGET (self->progress_bar), trellis_goal_status_css_class (status));
  gtk_label_set_text (self->progress_label, progress);
  gtk_label_set_text (self->status_pill, trellis_goal_status_label (status));
  set_css_class (GTK_WIDGET (self->status_pill), trellis_goal_status_css_class (status));
  gtk_widget_set_visible (GTK_WIDGET (self->lagging_badge), trellis_goal_get_lagging (goal));
  gtk_widget_set_visible (GTK_WIDGET (self->abnormal_badge), trellis_goal_get_abnormal (goal));

  score = trellis_format_score (trellis_goal_get_score (goal));
  /* Translators: an OKR score, e.g. "Score 0.6" */
  {
    g_autofree char *text = g_strdup_printf (_("Score %s"), score);

    gtk_label_set_text (self->score_label, text);
  }
  set_css_class (GTK_WIDGET (self->score_label), trellis_score_band_css_class (trellis_goal_get_score (goal)));

  weight = trellis_format_percent (trellis_goal_get_weight (goal));
  original_weight = trellis_goal_get_original_weight (goal);
  if (original_weight != trellis_goal_get_weight (goal))
    {
      g_autofree char *original = trellis_format_percent (original_weight);
      /* Translators: the weight now and the weight first approved */
      g_autofree char *text = g_strdup_printf (_("%s (originally %s)"), weight, original);

      gtk_label_set_text (self->weight_label, text);
    }
  else
    gtk_label_set_text (self->weight_label, weight);

  trellis_goal_tree_get_today (self->tree, &today);
  last = trellis_format_relative_day (trellis_goal_get_last_checkin_at (goal), &today);
  gtk_label_set_text (self->last_checkin_label, last);

  if (trellis_goal_get_n_children (goal) > 0)
    {
      g_autofree char *aligned = trellis_format_progress (trellis_goal_get_aligned_progress (goal));
      g_autofree char *text = g_strdup_printf (ngettext ("Aligned progress %s from %u goal",
                                                         "Aligned progress %s from %u goals",
                                                         trellis_goal_get_n_children (goal)),
                                               aligned, trellis_goal_get_n_children (goal));

      gtk_label_set_text (self->aligned_label, text);
    }
  else
    gtk_label_set_text (self->aligned_label, _("No goals are aligned to this one yet."));
}

/* Key results */

static GPtrArray *
get_checkins (TrellisGoalDetail *self,
              TrellisKeyResult  *kr)
{
  const char *id = trellis_key_result_get_id (kr);
  GPtrArray *checkins = g_hash_table_lookup (self->checkins, id);

  if (checkins == NULL)
    {
      g_autoptr(GError) error = NULL;

      checkins = trellis_goal_repository_list_checkins (get_store (self), id, &error);
      if (checkins == NULL)
        {
          g_warning ("Could not read the check-ins of %s: %s", id, error->message);
          checkins = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_checkin_free);
        }
      g_hash_table_insert (self->checkins, g_strdup (id), checkins);
    }

  return checkins;
}

static void
fill_sparkline (TrellisGoalDetail      *self,
                TrellisSparklineWidget *sparkline,
                TrellisKeyResult       *kr)
{
  GPtrArray *checkins = get_checkins (self, kr);
  TrellisCycle *cycle = trellis_goal_tree_find_cycle (self->tree, trellis_goal_get_cycle_id (self->goal));
  const TrellisOkrThresholds *thresholds = trellis_goal_tree_get_thresholds (self->tree);
  g_autofree double *x = g_new (double, MAX (checkins->len, 1));
  g_autofree double *progress = g_new (double, MAX (checkins->len, 1));
  g_autofree gboolean *abnormal = g_new0 (gboolean, MAX (checkins->len, 1));
  guint n_abnormal = 0;
  double today_fraction = 0.0;
  GDate today;

  for (guint i = 0; i < checkins->len; i++)
    {
      TrellisCheckin *checkin = g_ptr_array_index (checkins, i);

      x[i] = trellis_cycle_fraction_at (cycle, checkin->at);
      progress[i] = trellis_okr_progress (trellis_key_result_get_measure (kr),
                                          trellis_key_result_get_baseline (kr),
                                          trellis_key_result_get_target (kr),
                                          checkin->value);
      if (i > 0 && trellis_okr_is_abnormal_change (progress[i - 1], progress[i], thresholds))
        {
          abnormal[i] = TRUE;
          n_abnormal++;
        }
    }

  trellis_goal_tree_get_today (self->tree, &today);
  if (cycle != NULL)
    today_fraction = CLAMP (trellis_cycle_elapsed_fraction (cycle, &today), 0.0, 1.0);

  trellis_sparkline_widget_set_points (sparkline, x, progress, abnormal, checkins->len, today_fraction);

  {
    g_autofree char *description = NULL;

    if (checkins->len == 0)
      description = g_strdup (_("No check-ins yet"));
    else
      description = g_strdup_printf (ngettext ("%u check-in, %u abnormal", "%u check-ins, %u abnormal",
                                               checkins->len),
                                     checkins->len, n_abnormal);
    gtk_widget_set_tooltip_text (GTK_WIDGET (sparkline), description);
    gtk_accessible_update_property (GTK_ACCESSIBLE (sparkline),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Check-in history"),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  }
}

static GtkWidget *
create_chip (const char *text,
             const char *css_class)
{
  GtkWidget *chip = gtk_label_new (text);

  gtk_widget_add_css_class (chip, css_class);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  return chip;
}

static GtkWidget *
create_key_result_row (TrellisGoalDetail *self,
                       TrellisKeyResult  *kr)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line;
  GtkWidget *label;
  GtkWidget *bar;
  GtkWidget *sparkline;
  TrellisProgressStatus status = trellis_key_result_get_progress_status (kr);
  double progress = trellis_key_result_get_progress (kr);
  double score = trellis_key_result_get_score (kr);
  int confidence = trellis_key_result_get_confidence (kr);
  g_autofree char *value = trellis_format_key_result_value (kr);
  g_autofree char *percent = trellis_format_progress (progress);
  g_autofree char *score_text = trellis_format_score (score);
  g_autofree char *weight = trellis_format_percent (trellis_key_result_get_weight (kr));
  g_autofree char *weight_text = NULL;

  gtk_widget_add_css_class (outer, "detail-row");

  /* Title and weight */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = create_label (trellis_key_result_get_title (kr), "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (line), label);
  /* Translators: a key result's weight, e.g. "Weight 25 %" */
  weight_text = g_strdup_printf (_("Weight %s"), weight);
  label = gtk_label_new (weight_text);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);

  /* Value, bar, percentage */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new (value);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (line), label);
  bar = gtk_progress_bar_new ();
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "goal-progress");
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), trellis_okr_display_progress (progress));
  gtk_widget_add_css_class (bar, trellis_goal_status_css_class (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"), -1);
  gtk_box_append (GTK_BOX (line), bar);
  label = gtk_label_new (percent);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (box), line);

  /* Status and score, then commitment and confidence: two short lines
   * keep the pane narrow. */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = create_chip (trellis_goal_status_label (status), "status-pill");
  gtk_widget_add_css_class (label, trellis_goal_status_css_class (status));
  gtk_box_append (GTK_BOX (line), label);
  {
    /* Translators: an OKR score, e.g. "Score 0.6" */
    g_autofree char *text = g_strdup_printf (_("Score %s"), score_text);

    label = create_chip (text, "numeric");
    gtk_widget_add_css_class (label, trellis_score_band_css_class (score));
    gtk_box_append (GTK_BOX (line), label);
  }
  if (trellis_key_result_get_abnormal (kr))
    {
      label = create_chip (_("Abnormal"), "goal-badge");
      gtk_widget_add_css_class (label, "badge-abnormal");
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (box), line);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = create_chip (trellis_commitment_label (trellis_key_result_get_commitment (kr)), "goal-chip");
  gtk_box_append (GTK_BOX (line), label);
  if (confidence >= 0)
    {
      /* Translators: the owner's confidence, 0–10 */
      g_autofree char *text = g_strdup_printf (_("Confidence %d/10"), confidence);

      label = create_chip (text, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (box), line);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (outer), box);

  sparkline = trellis_sparkline_widget_new ();
  gtk_widget_set_size_request (sparkline, 80, 40);
  gtk_widget_set_valign (sparkline, GTK_ALIGN_CENTER);
  fill_sparkline (self, TRELLIS_SPARKLINE_WIDGET (sparkline), kr);
  gtk_box_append (GTK_BOX (outer), sparkline);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
  g_object_set_data_full (G_OBJECT (row), "key-result-id",
                          g_strdup (trellis_key_result_get_id (kr)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trellis_key_result_get_title (kr),
                                  -1);
  return row;
}

static void
update_key_results (TrellisGoalDetail *self)
{
  GPtrArray *krs = trellis_goal_get_key_results (self->goal);
  GtkListBoxRow *selected = NULL;

  self->filling_krs = TRUE;
  clear_list (self->kr_list);
  for (guint i = 0; i < krs->len; i++)
    {
      TrellisKeyResult *kr = g_ptr_array_index (krs, i);
      GtkWidget *row = create_key_result_row (self, kr);

      gtk_list_box_append (self->kr_list, row);
      if (g_strcmp0 (self->key_result_id, trellis_key_result_get_id (kr)) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }

  if (selected == NULL && krs->len > 0)
    {
      selected = gtk_list_box_get_row_at_index (self->kr_list, 0);
      g_free (self->key_result_id);
      self->key_result_id = g_strdup (trellis_key_result_get_id (g_ptr_array_index (krs, 0)));
    }
  else if (krs->len == 0)
    g_clear_pointer (&self->key_result_id, g_free);

  gtk_list_box_select_row (self->kr_list, selected);
  self->filling_krs = FALSE;

  adw_preferences_group_set_description (self->krs_group,
                                         krs->len == 0 ? _("This goal has no key results yet.") : NULL);
}

/* Check-ins */

static GtkWidget *
create_evidence_line (TrellisEvidence *evidence)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("mail-attachment-symbolic");
  GtkWidget *label = gtk_label_new (evidence->file_name);
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Save a Copy of “%s”…"), evidence->file_name);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "detail.save-evidence");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xs)", evidence->id, evidence->file_name);

  gtk_box_append (GTK_BOX (line), icon);
  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), button);
  return line;
}

static void
update_checkins (TrellisGoalDetail *self)
{
  TrellisKeyResult *kr = trellis_goal_detail_get_key_result (self);
  TrellisOrganisation *organisation = get_organisation (self);
  GPtrArray *checkins;

  clear_list (self->checkin_list);

  if (kr == NULL)
    {
      adw_preferences_group_set_title (self->checkins_group, _("Check-ins"));
      gtk_widget_set_visible (GTK_WIDGET (self->checkins_group), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->checkins_group), TRUE);
  {
    /* Translators: %s is a key result's title */
    g_autofree char *title = g_strdup_printf (_("Check-ins of “%s”"), trellis_key_result_get_title (kr));

    adw_preferences_group_set_title (self->checkins_group, title);
  }

  checkins = get_checkins (self, kr);
  for (guint i = checkins->len; i > 0; i--)
    {
      TrellisCheckin *checkin = g_ptr_array_index (checkins, i - 1);
      g_autofree char *value = trellis_key_result_format_value (kr, checkin->value);
      g_autofree char *day = trellis_format_day (checkin->at);
      g_autofree char *author = trellis_describe_person (organisation, checkin->author_id);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (checkin->confidence >= 0)
        /* Translators: a check-in's value and the confidence given, 0–10 */
        title = g_strdup_printf (_("%s · confidence %d/10"), value, checkin->confidence);
      else
        title = g_strdup (value);

      if (author != NULL)
        /* Translators: when and by whom, e.g. "2026-11-20 · 王伟" */
        subtitle = g_strdup_printf (_("%s · %s"), day, author);
      else
        subtitle = g_strdup (day);

      row = create_text_row (title, subtitle, checkin->note);

      if (checkin->n_evidence > 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) evidence = trellis_goal_repository_list_evidence (get_store (self), checkin->id, &error);
          GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

          for (guint e = 0; evidence != NULL && e < evidence->len; e++)
            gtk_box_append (GTK_BOX (box), create_evidence_line (g_ptr_array_index (evidence, e)));
          if (evidence == NULL)
            g_warning ("Could not list evidence: %s", error->message);
        }

      gtk_list_box_append (self->checkin_list, row);
    }
}

/* Alignment path */

static void
update_alignment (TrellisGoalDetail *self)
{
  g_autoptr(GPtrArray) path = trellis_goal_tree_get_alignment_path (self->tree, self->goal);

  clear_list (self->alignment_list);

  /* The path ends with the goal itself; list what it rolls up to. */
  for (guint i = 0; i + 1 < path->len; i++)
    {
      TrellisGoal *ancestor = g_ptr_array_index (path, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), trellis_goal_get_owner_name (ancestor),
                                                   trellis_goal_get_cycle_id (ancestor));
      g_autofree char *progress = trellis_format_progress (trellis_goal_get_progress (ancestor));
      GtkWidget *label = gtk_label_new (progress);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_goal_get_title (ancestor));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (trellis_goal_kind_icon_name (trellis_goal_get_kind (ancestor))));
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_margin_start (row, 0);
      g_object_set_data_full (G_OBJECT (row), "goal", g_object_ref (ancestor), g_object_unref);
      gtk_list_box_append (self->alignment_list, row);
    }

  if (path->len > 1)
    adw_preferences_group_set_description (self->alignment_group, NULL);
  else if (trellis_goal_get_owner_kind (self->goal) == TRELLIS_OWNER_COMPANY)
    adw_preferences_group_set_description (self->alignment_group,
                                           _("A company goal: the top of the cascade."));
  else if (trellis_goal_is_unaligned (self->goal))
    adw_preferences_group_set_description (self->alignment_group,
                                           _("Not aligned to any goal or key result. Edit the goal to align it."));
  else
    adw_preferences_group_set_description (self->alignment_group,
                                           _("Aligned to a goal outside the cycles shown."));
  gtk_widget_set_visible (GTK_WIDGET (self->alignment_list), path->len > 1);
}

/* Notices, change requests, approvals, audit trail */

static const char *
change_status_label (TrellisChangeStatus status)
{
  switch (status)
    {
    case TRELLIS_CHANGE_PENDING:
      return _("Pending");
    case TRELLIS_CHANGE_APPROVED:
      return _("Approved");
    case TRELLIS_CHANGE_REJECTED:
      return _("Rejected");
    default:
      return "";
    }
}

static char *
format_change_value (TrellisChangeField field,
                     double             value)
{
  return field == TRELLIS_CHANGE_WEIGHT ? trellis_format_percent (value) : trellis_format_number (value);
}

static void
update_notices (TrellisGoalDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = trellis_goal_repository_list_notices (get_store (self),
                                                                        trellis_goal_get_id (self->goal), &error);

  clear_list (self->notice_list);
  if (notices == NULL)
    {
      g_warning ("Could not read notices: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->notices_group), FALSE);
      return;
    }

  for (guint i = 0; i < notices->len; i++)
    {
      const char *notice = g_ptr_array_index (notices, i);
      const char *tab = strchr (notice, '\t');
      g_autofree char *day = tab != NULL ? trellis_format_day (notice) : NULL;

      gtk_list_box_append (self->notice_list,
                           create_text_row (NULL, day, tab != NULL ? tab + 1 : notice));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notices_group), notices->len > 0);
}

static void
update_changes (TrellisGoalDetail *self)
{
  TrellisOrganisation *organisation = get_organisation (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = trellis_change_request_list (get_store (self),
                                                               trellis_goal_get_id (self->goal), &error);

  clear_list (self->change_list);
  if (requests == NULL)
    {
      g_warning ("Could not read change requests: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->changes_group), FALSE);
      return;
    }

  /* Newest first, like the rest of the pane's history. */
  for (guint i = requests->len; i > 0; i--)
    {
      TrellisChangeRequest *request = g_ptr_array_index (requests, i - 1);
      TrellisKeyResult *kr = request->key_result_id != NULL ? trellis_goal_find_key_result (self->goal, request->key_result_id) : NULL;
      g_autofree char *old_value = format_change_value (request->field, request->old_value);
      g_autofree char *new_value = format_change_value (request->field, request->new_value);
      g_autofree char *requester = trellis_describe_person (organisation, request->requested_by);
      g_autofree char *approver = trellis_describe_person (organisation, request->approver_id);
      g_autofree char *day = trellis_format_day (request->requested_at);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *box;

      if (request->key_result_id == NULL)
        /* Translators: a requested change of the goal's weight: old → new */
        title = g_strdup_printf (_("Goal weight %s → %s"), old_value, new_value);
      else if (request->field == TRELLIS_CHANGE_TARGET)
        /* Translators: %s is a key result; then old → new target */
        title = g_strdup_printf (_("Target of “%s” %s → %s"),
                                 kr != NULL ? trellis_key_result_get_title (kr) : request->key_result_id,
                                 old_value, new_value);
      else
        title = g_strdup_printf (_("Weight of “%s” %s → %s"),
                                 kr != NULL ? trellis_key_result_get_title (kr) : request->key_result_id,
                                 old_value, new_value);

      if (request->status == TRELLIS_CHANGE_PENDING)
        /* Translators: date, requester, status, approver */
        subtitle = g_strdup_printf (_("%s · asked by %s · %s, for %s to decide"),
                                    day, requester != NULL ? requester : "—",
                                    change_status_label (request->status), approver != NULL ? approver : "—");
      else
        {
          g_autofree char *decided = trellis_format_day (request->decided_at);

          /* Translators: date, requester, status, approver, decision date */
          subtitle = g_strdup_printf (_("%s · asked by %s · %s by %s on %s"),
                                      day, requester != NULL ? requester : "—",
                                      change_status_label (request->status),
                                      approver != NULL ? approver : "—", decided);
        }

      row = create_text_row (title, subtitle, request->reason);
      box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (request->decision_note != NULL && request->decision_note[0] != '\0')
        {
          g_autofree char *note = g_strdup_printf (_("Decision note: %s"), request->decision_note);

          gtk_box_append (GTK_BOX (box), create_label (note, "dim-label"));
        }

      if (request->status == TRELLIS_CHANGE_PENDING)
        {
          GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *approve = gtk_button_new_with_mnemonic (_("_Approve…"));
          GtkWidget *reject = gtk_button_new_with_mnemonic (_("Re_ject…"));

          gtk_widget_set_margin_top (buttons, 4);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (approve), "goals.decide-change");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (approve), "(xb)", request->id, TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (reject), "goals.decide-change");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (reject), "(xb)", request->id, FALSE);
          gtk_box_append (GTK_BOX (buttons), approve);
          gtk_box_append (GTK_BOX (buttons), reject);
          gtk_box_append (GTK_BOX (box), buttons);
        }

      gtk_list_box_append (self->change_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), requests->len > 0);
}

static void
update_approvals (TrellisGoalDetail *self)
{
  TrellisOrganisation *organisation = get_organisation (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = trellis_goal_workflow_list_history (get_store (self),
                                                                     trellis_goal_get_id (self->goal), &error);

  clear_list (self->approval_list);
  if (history == NULL)
    {
      g_warning ("Could not read the approval history: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->approvals_group), FALSE);
      return;
    }

  for (guint i = history->len; i > 0; i--)
    {
      TrellisApproval *approval = g_ptr_array_index (history, i - 1);
      g_autofree char *who = trellis_describe_person (organisation, approval->actor_id);
      g_autofree char *day = trellis_format_day (approval->at);
      g_autofree char *title = NULL;
      const char *name = who != NULL ? who : _("HR");

      if (g_strcmp0 (approval->action, "submit") == 0)
        title = g_strdup_printf (_("%s submitted it"), name);
      else if (g_strcmp0 (approval->action, "approve") == 0)
        title = g_strdup_printf (_("%s approved step %d"), name, approval->step + 1);
      else if (g_strcmp0 (approval->action, "return") == 0)
        title = g_strdup_printf (_("%s returned it for revision"), name);
      else if (g_strcmp0 (approval->action, "file") == 0)
        title = g_strdup_printf (_("%s filed it"), name);
      else
        title = g_strdup_printf ("%s %s", name, approval->action);

      gtk_list_box_append (self->approval_list, create_text_row (title, day, approval->comment));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->approvals_group), history->len > 0);
}

static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "title") == 0)
    return _("title");
  if (g_strcmp0 (field, "description") == 0)
    return _("description");
  if (g_strcmp0 (field, "weight") == 0)
    return _("weight");
  if (g_strcmp0 (field, "status") == 0)
    return _("state");
  if (g_strcmp0 (field, "target") == 0)
    return _("target");
  if (g_strcmp0 (field, "baseline") == 0)
    return _("baseline");
  if (g_strcmp0 (field, "measure") == 0)
    return _("measure");
  if (g_strcmp0 (field, "commitment") == 0)
    return _("commitment");
  if (g_strcmp0 (field, "category") == 0)
    return _("category");
  if (g_strcmp0 (field, "owner") == 0)
    return _("owner");
  if (g_strcmp0 (field, "cycle_id") == 0)
    return _("cycle");
  if (g_strcmp0 (field, "parent_goal_id") == 0 || g_strcmp0 (field, "parent_kr_id") == 0)
    return _("alignment");
  return field;
}

static char *
format_audit_value (const char *field,
                    const char *value)
{
  TrellisGoalState state;

  if (value == NULL)
    return g_strdup ("—");
  if (g_strcmp0 (field, "weight") == 0)
    return trellis_format_percent (g_ascii_strtod (value, NULL));
  if (g_strcmp0 (field, "target") == 0 || g_strcmp0 (field, "baseline") == 0)
    return trellis_format_number (g_ascii_strtod (value, NULL));
  if (g_strcmp0 (field, "status") == 0 && trellis_goal_state_from_string (value, &state))
    return g_strdup (trellis_goal_state_label (state));
  return g_strdup (value);
}

static char *
describe_audit_entry (TrellisGoalDetail *self,
                      TrellisAuditEntry *entry)
{
  TrellisOrganisation *organisation = get_organisation (self);
  g_autofree char *actor = trellis_describe_person (organisation, entry->actor_id);
  g_autofree char *day = trellis_format_day (entry->at);
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *subject = NULL;
  const char *who = actor != NULL ? actor : _("Trellis");

  if (g_strcmp0 (entry->entity, "key_result") == 0)
    {
      TrellisKeyResult *kr = trellis_goal_find_key_result (self->goal, entry->entity_id);

      subject = g_strdup (kr != NULL ? trellis_key_result_get_title (kr) : entry->entity_id);
    }

  if (g_strcmp0 (entry->action, "create") == 0)
    {
      if (subject != NULL)
        /* Translators: date, person, key result: "2026-11-20 王伟 added key result “…”" */
        return g_strdup_printf (_("%s %s added key result “%s”"), day, who, subject);
      if (g_strcmp0 (entry->entity, "goal") == 0)
        return g_strdup_printf (_("%s %s created the goal"), day, who);
    }
  else if (g_strcmp0 (entry->action, "delete") == 0)
    {
      if (subject != NULL)
        return g_strdup_printf (_("%s %s removed key result “%s”"), day, who, subject);
    }
  else if (g_strcmp0 (entry->action, "remove-key-result") == 0)
    {
      /* The goal's own line for a key result that is gone: its title is
       * the old value. */
      return g_strdup_printf (_("%s %s removed key result “%s”"), day, who,
                              entry->old_value != NULL ? entry->old_value : entry->field);
    }
  else if (g_strcmp0 (entry->action, "update") == 0 && entry->field != NULL)
    {
      old_value = format_audit_value (entry->field, entry->old_value);
      new_value = format_audit_value (entry->field, entry->new_value);
      if (subject != NULL)
        /* Translators: date, person, field, key result, old → new:
         * "2026-11-20 王伟 changed the target of “…” 130 → 120" */
        return g_strdup_printf (_("%s %s changed the %s of “%s” %s → %s"),
                                day, who, field_label (entry->field), subject, old_value, new_value);
      /* Translators: date, person, field, old → new: "2026-11-20 王伟 changed weight 30 % → 25 %" */
      return g_strdup_printf (_("%s %s changed %s %s → %s"),
                              day, who, field_label (entry->field), old_value, new_value);
    }

  else if (g_strcmp0 (entry->action, "submit") == 0)
    return g_strdup_printf (_("%s %s submitted the goal"), day, who);
  else if (g_strcmp0 (entry->action, "approve") == 0)
    return g_strdup_printf (_("%s %s approved the goal"), day, who);
  else if (g_strcmp0 (entry->action, "return") == 0)
    {
      if (entry->new_value != NULL && entry->new_value[0] != '\0')
        /* Translators: date, person, the comment they gave */
        return g_strdup_printf (_("%s %s returned the goal: “%s”"), day, who, entry->new_value);
      return g_strdup_printf (_("%s %s returned the goal"), day, who);
    }
  else if (g_strcmp0 (entry->action, "file") == 0)
    return g_strdup_printf (_("%s %s filed the goal"), day, who);
  else if (g_str_has_suffix (entry->action, "-change") && entry->field != NULL)
    {
      /* "K000123.target" for a key result's field, "weight" for the goal's. */
      const char *dot = strchr (entry->field, '.');
      g_autofree char *kr_id = dot != NULL ? g_strndup (entry->field, dot - entry->field) : NULL;
      const char *field = dot != NULL ? dot + 1 : entry->field;
      TrellisKeyResult *kr = kr_id != NULL ? trellis_goal_find_key_result (self->goal, kr_id) : NULL;
      g_autofree char *what = NULL;

      old_value = format_audit_value (field, entry->old_value);
      new_value = format_audit_value (field, entry->new_value);
      if (kr_id != NULL)
        /* Translators: a field of a key result: "the target of “Signed clinics”" */
        what = g_strdup_printf (_("the %s of “%s”"), field_label (field),
                                kr != NULL ? trellis_key_result_get_title (kr) : kr_id);
      else
        /* Translators: a field of the goal itself: "the weight" */
        what = g_strdup_printf (_("the %s"), field_label (field));

      if (g_strcmp0 (entry->action, "request-change") == 0)
        /* Translators: date, person, "the target of “…”", old → new */
        return g_strdup_printf (_("%s %s asked to change %s %s → %s"), day, who, what, old_value, new_value);
      if (g_strcmp0 (entry->action, "approve-change") == 0)
        return g_strdup_printf (_("%s %s approved changing %s %s → %s"), day, who, what, old_value, new_value);
      return g_strdup_printf (_("%s %s declined changing %s %s → %s"), day, who, what, old_value, new_value);
    }

  if (g_strcmp0 (entry->entity, "weight_rule") == 0)
    return g_strdup_printf (_("%s a weight rule fired (%s)"), day, entry->entity_id);

  return g_strdup_printf ("%s %s %s %s", day, who, entry->action, entry->entity);
}

static void
update_audit (TrellisGoalDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = trellis_goal_repository_list_audit (get_store (self),
                                                                     trellis_goal_get_id (self->goal), &error);
  guint shown = 0;

  clear_list (self->audit_list);
  if (entries == NULL)
    {
      g_warning ("Could not read the audit trail: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->audit_group), FALSE);
      return;
    }

  for (guint i = entries->len; i > 0 && shown < MAX_AUDIT_SHOWN; i--)
    {
      TrellisAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *text = NULL;

      /* The state and step move with every workflow action, which has its
       * own line ("approved the goal"). */
      if (g_strcmp0 (entry->action, "update") == 0 &&
          (g_strcmp0 (entry->field, "approval_step") == 0 || g_strcmp0 (entry->field, "status") == 0))
        continue;

      text = describe_audit_entry (self, entry);
      gtk_list_box_append (self->audit_list, create_text_row (NULL, NULL, text));
      shown++;
    }

  if (entries->len > shown && shown == MAX_AUDIT_SHOWN)
    adw_preferences_group_set_description (self->audit_group, _("The newest entries; older ones are kept in the workspace."));
  else
    adw_preferences_group_set_description (self->audit_group, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->audit_group), shown > 0);
}

static void
update_approver (TrellisGoalDetail *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->current_approver, g_free);
  if (trellis_goal_get_state (self->goal) != TRELLIS_GOAL_STATE_SUBMITTED)
    return;

  self->current_approver = trellis_goal_workflow_dup_current_approver (get_store (self), get_organisation (self),
                                                                       self->goal, &error);
  if (error != NULL)
    g_debug ("No current approver for %s: %s", trellis_goal_get_id (self->goal), error->message);
}

static void
update (TrellisGoalDetail *self)
{
  if (self->goal == NULL || self->tree == NULL || self->workspace == NULL)
    {
      clear_list (self->kr_list);
      clear_list (self->checkin_list);
      clear_list (self->alignment_list);
      clear_list (self->notice_list);
      clear_list (self->change_list);
      clear_list (self->approval_list);
      clear_list (self->audit_list);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_hash_table_remove_all (self->checkins);
  update_approver (self);
  update_summary (self);
  update_key_results (self);
  update_checkins (self);
  update_alignment (self);
  update_notices (self);
  update_changes (self);
  update_approvals (self);
  update_audit (self);
  gtk_stack_set_visible_child_name (self->stack, "goal");
}

static void
on_goal_notify_cb (TrellisGoalDetail *self,
                   GParamSpec        *pspec,
                   TrellisGoal       *goal)
{
  if (g_strcmp0 (pspec->name, "state") == 0)
    update_approver (self);
  update_summary (self);
}

static void
on_kr_selected_cb (TrellisGoalDetail *self,
                   GtkListBoxRow     *row,
                   GtkListBox        *list)
{
  const char *id;

  if (self->filling_krs || row == NULL)
    return;

  id = g_object_get_data (G_OBJECT (row), "key-result-id");
  if (g_strcmp0 (id, self->key_result_id) == 0)
    return;

  g_free (self->key_result_id);
  self->key_result_id = g_strdup (id);
  update_checkins (self);
}

static void
on_kr_activated_cb (TrellisGoalDetail *self,
                    GtkListBoxRow     *row,
                    GtkListBox        *list)
{
  on_kr_selected_cb (self, row, list);
  gtk_widget_activate_action (GTK_WIDGET (self), "goals.check-in", NULL);
}

static void
on_alignment_activated_cb (TrellisGoalDetail *self,
                           GtkListBoxRow     *row,
                           GtkListBox        *list)
{
  TrellisGoal *goal = g_object_get_data (G_OBJECT (row), "goal");

  if (goal != NULL)
    g_signal_emit (self, signals[GOAL_ACTIVATED], 0, goal);
}

static void
on_save_evidence_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              gpointer         user_data)
{
  TrellisGoalDetail *self = user_data;
  gint64 evidence_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "evidence-id"));

  if (response == GTK_RESPONSE_ACCEPT && self->workspace != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = trellis_goal_repository_get_evidence_data (get_store (self), evidence_id, &error);

      if (data != NULL)
        g_file_replace_contents (file, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                 NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error);
      if (error != NULL)
        trellis_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Evidence"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          trellis_widget_add_toast (GTK_WIDGET (self), text);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisGoalDetail *self = TRELLIS_GOAL_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  const char *file_name;
  gint64 evidence_id;

  g_variant_get (parameter, "(x&s)", &evidence_id, &file_name);

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Evidence"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_object_set_data (G_OBJECT (chooser), "evidence-id", GSIZE_TO_POINTER ((gsize) evidence_id));
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_evidence_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
trellis_goal_detail_dispose (GObject *object)
{
  TrellisGoalDetail *self = TRELLIS_GOAL_DETAIL (object);
  GtkWidget *child;

  if (self->goal != NULL)
    g_clear_signal_handler (&self->goal_notify_id, self->goal);
  g_clear_object (&self->goal);
  g_clear_object (&self->tree);
  g_clear_object (&self->workspace);

  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_GOAL_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (trellis_goal_detail_parent_class)->dispose (object);
}

static void
trellis_goal_detail_finalize (GObject *object)
{
  TrellisGoalDetail *self = TRELLIS_GOAL_DETAIL (object);

  g_free (self->key_result_id);
  g_free (self->current_approver);
  g_hash_table_unref (self->checkins);

  G_OBJECT_CLASS (trellis_goal_detail_parent_class)->finalize (object);
}

static void
trellis_goal_detail_class_init (TrellisGoalDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_goal_detail_dispose;
  object_class->finalize = trellis_goal_detail_finalize;

  /**
   * TrellisGoalDetail::goal-activated:
   * @goal: the goal clicked on the alignment path
   */
  signals[GOAL_ACTIVATED] =
    g_signal_new ("goal-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TRELLIS_TYPE_GOAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/trellishr/Trellis/trellis-goal-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, owner_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, state_chip);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, category_chip);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, origin_chip);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, approval_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, status_pill);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, lagging_badge);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, abnormal_badge);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, weight_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, last_checkin_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, aligned_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, krs_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, kr_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, alignment_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, alignment_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, checkins_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, checkin_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, notices_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, notice_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, changes_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, change_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, approvals_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, approval_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, audit_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisGoalDetail, audit_list);
  gtk_widget_class_bind_template_callback (widget_class, on_kr_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kr_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alignment_activated_cb);

  gtk_widget_class_install_action (widget_class, "detail.save-evidence", "(xs)", save_evidence_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-goal-detail");
}

/* Only what can be done to the goal now is offered: the page enables the
 * actions by the goal's state, and a disabled one's button hides. */
static void
on_action_sensitive_cb (GtkWidget  *button,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  gtk_widget_set_visible (button, gtk_widget_get_sensitive (button));
}

static void
trellis_goal_detail_init (TrellisGoalDetail *self)
{
  self->checkins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      g_signal_connect (button, "notify::sensitive", G_CALLBACK (on_action_sensitive_cb), NULL);
      on_action_sensitive_cb (button, NULL, NULL);
    }

  add_placeholder (self->checkin_list, _("No check-ins yet."));
  add_placeholder (self->kr_list, _("No key results."));
}

GtkWidget *
trellis_goal_detail_new (void)
{
  return g_object_new (TRELLIS_TYPE_GOAL_DETAIL, NULL);
}

void
trellis_goal_detail_set_context (TrellisGoalDetail *self,
                                 TrellisWorkspace  *workspace,
                                 TrellisGoalTree   *tree)
{
  g_return_if_fail (TRELLIS_IS_GOAL_DETAIL (self));
  g_return_if_fail (workspace == NULL || TRELLIS_IS_WORKSPACE (workspace));
  g_return_if_fail (tree == NULL || TRELLIS_IS_GOAL_TREE (tree));

  if (self->workspace == workspace && self->tree == tree)
    return;

  /* A goal belongs to one tree. */
  trellis_goal_detail_set_goal (self, NULL);
  g_set_object (&self->workspace, workspace);
  g_set_object (&self->tree, tree);
  update (self);
}

TrellisGoal *
trellis_goal_detail_get_goal (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  return self->goal;
}

void
trellis_goal_detail_set_goal (TrellisGoalDetail *self,
                              TrellisGoal       *goal)
{
  g_return_if_fail (TRELLIS_IS_GOAL_DETAIL (self));
  g_return_if_fail (goal == NULL || TRELLIS_IS_GOAL (goal));

  if (self->goal == goal)
    return;

  if (self->goal != NULL)
    g_clear_signal_handler (&self->goal_notify_id, self->goal);
  g_set_object (&self->goal, goal);
  g_clear_pointer (&self->key_result_id, g_free);
  if (goal != NULL)
    self->goal_notify_id = g_signal_connect_object (goal, "notify", G_CALLBACK (on_goal_notify_cb),
                                                    self, G_CONNECT_SWAPPED);

  update (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
}

TrellisKeyResult *
trellis_goal_detail_get_key_result (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  if (self->goal == NULL || self->key_result_id == NULL)
    return NULL;
  return trellis_goal_find_key_result (self->goal, self->key_result_id);
}

void
trellis_goal_detail_select_key_result (TrellisGoalDetail *self,
                                       const char        *key_result_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (TRELLIS_IS_GOAL_DETAIL (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->kr_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "key-result-id"), key_result_id) == 0)
      {
        gtk_list_box_select_row (self->kr_list, row);
        return;
      }
}

void
trellis_goal_detail_refresh (TrellisGoalDetail *self)
{
  g_return_if_fail (TRELLIS_IS_GOAL_DETAIL (self));

  update (self);
}

GtkListBox *
trellis_goal_detail_get_key_result_list (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  return self->kr_list;
}

GtkListBox *
trellis_goal_detail_get_checkin_list (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  return self->checkin_list;
}

GtkListBox *
trellis_goal_detail_get_alignment_list (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  return self->alignment_list;
}

const char *
trellis_goal_detail_get_current_approver (TrellisGoalDetail *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_DETAIL (self), NULL);

  return self->current_approver;
}
