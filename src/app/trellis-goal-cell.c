/* trellis-goal-cell.c
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

#define G_LOG_DOMAIN "trellis-goal-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "trellis-goal-cell.h"
#include "trellis-goal-util.h"

struct _TrellisGoalCell
{
  GtkWidget          parent_instance;

  TrellisGoalColumn  column;
  TrellisGoal       *goal;
  gulong             notify_id;
  GDate              today;
  char              *text;
  const char        *css_class;   /* static string, on @label */
  const char        *bar_class;   /* static string, on @bar */

  GtkWidget         *box;
  GtkWidget         *icon;
  GtkWidget         *label;       /* GtkInscription for titles, else GtkLabel */
  GtkWidget         *bar;
  GtkWidget         *lagging;
  GtkWidget         *abnormal;
};

G_DEFINE_FINAL_TYPE (TrellisGoalCell, trellis_goal_cell, GTK_TYPE_WIDGET)

static void
set_text (TrellisGoalCell *self,
          char            *text)
{
  g_free (self->text);
  self->text = text;

  if (GTK_IS_INSCRIPTION (self->label))
    gtk_inscription_set_text (GTK_INSCRIPTION (self->label), text);
  else
    gtk_label_set_text (GTK_LABEL (self->label), text != NULL ? text : "");
}

static void
set_class (TrellisGoalCell *self,
           const char      *css_class)
{
  if (g_strcmp0 (self->css_class, css_class) == 0)
    return;
  if (self->css_class != NULL)
    gtk_widget_remove_css_class (self->label, self->css_class);
  self->css_class = css_class;
  if (css_class != NULL)
    gtk_widget_add_css_class (self->label, css_class);
}

static void
update (TrellisGoalCell *self)
{
  TrellisGoal *goal = self->goal;

  if (goal == NULL)
    {
      set_text (self, NULL);
      set_class (self, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      if (self->bar != NULL)
        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->bar), 0.0);
      return;
    }

  switch (self->column)
    {
    case TRELLIS_GOAL_COLUMN_TITLE:
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                    trellis_goal_kind_icon_name (trellis_goal_get_kind (goal)));
      gtk_widget_set_tooltip_text (self->icon, trellis_goal_kind_label (trellis_goal_get_kind (goal)));
      set_text (self, g_strdup (trellis_goal_get_title (goal)));
      gtk_widget_set_tooltip_text (self->label, trellis_goal_get_title (goal));
      break;

    case TRELLIS_GOAL_COLUMN_OWNER:
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                    trellis_goal_get_owner_kind (goal) == TRELLIS_OWNER_EMPLOYEE
                                    ? "avatar-default-symbolic" : "system-users-symbolic");
      set_text (self, g_strdup (trellis_goal_get_owner_name (goal)));
      gtk_widget_set_tooltip_text (self->label, trellis_goal_get_owner_name (goal));
      break;

    case TRELLIS_GOAL_COLUMN_WEIGHT:
      set_text (self, trellis_format_percent (trellis_goal_get_weight (goal)));
      break;

    case TRELLIS_GOAL_COLUMN_PROGRESS:
      {
        double progress = trellis_goal_get_progress (goal);

        const char *bar_class = trellis_goal_status_css_class (trellis_goal_get_progress_status (goal));

        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->bar), trellis_okr_display_progress (progress));
        set_text (self, trellis_format_percent (progress));
        if (g_strcmp0 (bar_class, self->bar_class) != 0)
          {
            if (self->bar_class != NULL)
              gtk_widget_remove_css_class (self->bar, self->bar_class);
            self->bar_class = bar_class;
            gtk_widget_add_css_class (self->bar, bar_class);
          }
        if (trellis_goal_get_n_children (goal) > 0)
          {
            g_autofree char *aligned = trellis_format_percent (trellis_goal_get_aligned_progress (goal));
            g_autofree char *tooltip = g_strdup_printf (ngettext ("Aligned progress %s from %u goal",
                                                                  "Aligned progress %s from %u goals",
                                                                  trellis_goal_get_n_children (goal)),
                                                        aligned, trellis_goal_get_n_children (goal));

            gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
          }
        else
          gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      }
      break;

    case TRELLIS_GOAL_COLUMN_SCORE:
      {
        double score = trellis_goal_get_score (goal);

        set_text (self, trellis_format_score (score));
        set_class (self, trellis_score_band_css_class (score));
      }
      break;

    case TRELLIS_GOAL_COLUMN_STATUS:
      {
        TrellisProgressStatus status = trellis_goal_get_progress_status (goal);

        set_text (self, g_strdup (trellis_goal_status_label (status)));
        set_class (self, trellis_goal_status_css_class (status));
        gtk_widget_set_visible (self->lagging, trellis_goal_get_lagging (goal));
        gtk_widget_set_visible (self->abnormal, trellis_goal_get_abnormal (goal));
      }
      break;

    case TRELLIS_GOAL_COLUMN_LAST_CHECKIN:
      {
        const char *at = trellis_goal_get_last_checkin_at (goal);
        g_autofree char *day = trellis_format_day (at);

        set_text (self, trellis_format_relative_day (at, &self->today));
        set_class (self, at == NULL ? "dim-label" : NULL);
        gtk_widget_set_tooltip_text (GTK_WIDGET (self), at != NULL ? day : NULL);
      }
      break;

    case TRELLIS_GOAL_COLUMN_STATE:
      set_text (self, g_strdup (trellis_goal_state_label (trellis_goal_get_state (goal))));
      set_class (self, trellis_goal_state_css_class (trellis_goal_get_state (goal)));
      break;

    case TRELLIS_N_GOAL_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
on_goal_notify_cb (TrellisGoalCell *self,
                   GParamSpec      *pspec,
                   TrellisGoal     *goal)
{
  update (self);
}

static GtkWidget *
create_badge (const char *text,
              const char *css_class,
              const char *tooltip)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "goal-badge");
  gtk_widget_add_css_class (badge, css_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, tooltip);
  gtk_widget_set_visible (badge, FALSE);
  return badge;
}

static void
build (TrellisGoalCell *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  switch (self->column)
    {
    case TRELLIS_GOAL_COLUMN_TITLE:
    case TRELLIS_GOAL_COLUMN_OWNER:
      self->icon = gtk_image_new ();
      if (self->column == TRELLIS_GOAL_COLUMN_OWNER)
        gtk_widget_add_css_class (self->icon, "dim-label");
      self->label = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->label),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->label),
                                     self->column == TRELLIS_GOAL_COLUMN_TITLE ? 16 : 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->label),
                                     self->column == TRELLIS_GOAL_COLUMN_TITLE ? 30 : 7);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_box_append (GTK_BOX (self->box), self->icon);
      gtk_box_append (GTK_BOX (self->box), self->label);
      break;

    case TRELLIS_GOAL_COLUMN_PROGRESS:
      self->bar = gtk_progress_bar_new ();
      gtk_widget_set_valign (self->bar, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (self->bar, TRUE);
      gtk_widget_set_size_request (self->bar, 48, -1);
      gtk_widget_add_css_class (self->bar, "goal-progress");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                      -1);
      self->label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->label), 1.0);
      gtk_label_set_width_chars (GTK_LABEL (self->label), 6);
      gtk_widget_add_css_class (self->label, "numeric");
      gtk_box_append (GTK_BOX (self->box), self->bar);
      gtk_box_append (GTK_BOX (self->box), self->label);
      break;

    case TRELLIS_GOAL_COLUMN_STATUS:
      self->label = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->label, "status-pill");
      gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
      /* Translators: a small badge; the goal has had no check-in for too long */
      self->lagging = create_badge (_("Lagging"), "badge-lagging",
                                    _("No check-in for longer than the workspace allows"));
      /* Translators: a small badge; a check-in moved progress backwards or jumped */
      self->abnormal = create_badge (_("Abnormal"), "badge-abnormal",
                                     _("A recent check-in went backwards or jumped unusually far"));
      gtk_box_append (GTK_BOX (self->box), self->label);
      gtk_box_append (GTK_BOX (self->box), self->lagging);
      gtk_box_append (GTK_BOX (self->box), self->abnormal);
      break;

    case TRELLIS_GOAL_COLUMN_WEIGHT:
    case TRELLIS_GOAL_COLUMN_SCORE:
      self->label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->label), 1.0);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_widget_add_css_class (self->label, "numeric");
      gtk_box_append (GTK_BOX (self->box), self->label);
      break;

    case TRELLIS_GOAL_COLUMN_LAST_CHECKIN:
    case TRELLIS_GOAL_COLUMN_STATE:
      self->label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (self->label, "numeric");
      gtk_box_append (GTK_BOX (self->box), self->label);
      break;

    case TRELLIS_N_GOAL_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
trellis_goal_cell_dispose (GObject *object)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (object);

  trellis_goal_cell_set_goal (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (trellis_goal_cell_parent_class)->dispose (object);
}

static void
trellis_goal_cell_finalize (GObject *object)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (object);

  g_free (self->text);

  G_OBJECT_CLASS (trellis_goal_cell_parent_class)->finalize (object);
}

static void
trellis_goal_cell_class_init (TrellisGoalCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_goal_cell_dispose;
  object_class->finalize = trellis_goal_cell_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "trellis-goal-cell");
}

static void
trellis_goal_cell_init (TrellisGoalCell *self)
{
  g_date_clear (&self->today, 1);
}

GtkWidget *
trellis_goal_cell_new (TrellisGoalColumn column)
{
  TrellisGoalCell *self;

  g_return_val_if_fail (column < TRELLIS_N_GOAL_COLUMNS, NULL);

  self = g_object_new (TRELLIS_TYPE_GOAL_CELL, NULL);
  self->column = column;
  build (self);

  return GTK_WIDGET (self);
}

TrellisGoalColumn
trellis_goal_cell_get_column (TrellisGoalCell *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_CELL (self), 0);

  return self->column;
}

TrellisGoal *
trellis_goal_cell_get_goal (TrellisGoalCell *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_CELL (self), NULL);

  return self->goal;
}

void
trellis_goal_cell_set_goal (TrellisGoalCell *self,
                            TrellisGoal     *goal)
{
  g_return_if_fail (TRELLIS_IS_GOAL_CELL (self));
  g_return_if_fail (goal == NULL || TRELLIS_IS_GOAL (goal));

  if (self->goal == goal)
    return;

  if (self->goal != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->goal);
      g_clear_object (&self->goal);
    }

  if (goal != NULL)
    {
      self->goal = g_object_ref (goal);
      self->notify_id = g_signal_connect_object (goal, "notify", G_CALLBACK (on_goal_notify_cb),
                                                 self, G_CONNECT_SWAPPED);
    }

  if (self->box != NULL)
    update (self);
}

void
trellis_goal_cell_set_today (TrellisGoalCell *self,
                             const GDate     *today)
{
  g_return_if_fail (TRELLIS_IS_GOAL_CELL (self));

  if (today != NULL)
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
}

const char *
trellis_goal_cell_get_text (TrellisGoalCell *self)
{
  g_return_val_if_fail (TRELLIS_IS_GOAL_CELL (self), NULL);

  return self->text;
}
