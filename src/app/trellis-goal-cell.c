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
#include <math.h>

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

  /* The only child: a box for titles, owners and statuses, else the label. */
  GtkWidget         *child;
  GtkWidget         *icon;
  GtkWidget         *label;       /* GtkInscription for titles, else GtkLabel */
  GtkWidget         *lagging;     /* created when first needed */
  GtkWidget         *abnormal;
  /* The progress column draws its bar itself: a GtkProgressBar is three
   * widgets, and a list view keeps about 200 rows of cells. */
  double             fraction;
  TrellisProgressStatus status;
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
  return badge;
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
      self->fraction = 0.0;
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
      set_text (self, g_strdup (trellis_goal_get_owner_label (goal)));
      gtk_widget_set_tooltip_text (self->label, trellis_goal_get_owner_label (goal));
      break;

    case TRELLIS_GOAL_COLUMN_WEIGHT:
      set_text (self, trellis_format_percent (trellis_goal_get_weight (goal)));
      break;

    case TRELLIS_GOAL_COLUMN_PROGRESS:
      {
        double progress = trellis_goal_get_progress (goal);

        self->fraction = trellis_okr_display_progress (progress);
        self->status = trellis_goal_get_progress_status (goal);
        set_text (self, trellis_format_progress (progress));
        gtk_widget_queue_draw (GTK_WIDGET (self));
        if (trellis_goal_get_n_children (goal) > 0)
          {
            g_autofree char *aligned = trellis_format_progress (trellis_goal_get_aligned_progress (goal));
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
        if (trellis_goal_get_lagging (goal) && self->lagging == NULL)
          {
            /* Translators: a small badge; the goal has had no check-in for too long */
            self->lagging = create_badge (_("Lagging"), "badge-lagging",
                                          _("No check-in for longer than the workspace allows"));
            gtk_box_insert_child_after (GTK_BOX (self->child), self->lagging, self->label);
          }
        if (trellis_goal_get_abnormal (goal) && self->abnormal == NULL)
          {
            /* Translators: a small badge; a check-in moved progress backwards or jumped */
            self->abnormal = create_badge (_("Abnormal"), "badge-abnormal",
                                           _("A recent check-in went backwards or jumped unusually far"));
            gtk_box_append (GTK_BOX (self->child), self->abnormal);
          }
        if (self->lagging != NULL)
          gtk_widget_set_visible (self->lagging, trellis_goal_get_lagging (goal));
        if (self->abnormal != NULL)
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

static void
build (TrellisGoalCell *self)
{
  switch (self->column)
    {
    case TRELLIS_GOAL_COLUMN_TITLE:
    case TRELLIS_GOAL_COLUMN_OWNER:
      self->child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      self->icon = gtk_image_new ();
      if (self->column == TRELLIS_GOAL_COLUMN_OWNER)
        gtk_widget_add_css_class (self->icon, "dim-label");
      self->label = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->label),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (self->label),
                                     self->column == TRELLIS_GOAL_COLUMN_TITLE ? 14 : 4);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (self->label),
                                     self->column == TRELLIS_GOAL_COLUMN_TITLE ? 30 : 7);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_box_append (GTK_BOX (self->child), self->icon);
      gtk_box_append (GTK_BOX (self->child), self->label);
      break;

    case TRELLIS_GOAL_COLUMN_STATUS:
      self->child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      self->label = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->label, "status-pill");
      gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (self->child), self->label);
      break;

    case TRELLIS_GOAL_COLUMN_PROGRESS:
    case TRELLIS_GOAL_COLUMN_WEIGHT:
    case TRELLIS_GOAL_COLUMN_SCORE:
      self->label = self->child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->label), 1.0);
      gtk_widget_add_css_class (self->label, "numeric");
      if (self->column == TRELLIS_GOAL_COLUMN_PROGRESS)
        {
          gtk_label_set_width_chars (GTK_LABEL (self->label), 6);
          gtk_widget_set_halign (self->label, GTK_ALIGN_END);
        }
      break;

    case TRELLIS_GOAL_COLUMN_LAST_CHECKIN:
    case TRELLIS_GOAL_COLUMN_STATE:
      self->label = self->child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (self->label, "numeric");
      break;

    case TRELLIS_N_GOAL_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}

/* The progress column: the bar on the left, the percentage on the right. */
#define BAR_HEIGHT 6
#define BAR_MIN_WIDTH 40
#define BAR_SPACING 8

static void
trellis_goal_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (widget);

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (self->column == TRELLIS_GOAL_COLUMN_PROGRESS && orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum += BAR_MIN_WIDTH + BAR_SPACING;
      *natural += BAR_MIN_WIDTH * 2 + BAR_SPACING;
    }
}

static void
trellis_goal_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (widget);

  if (self->column == TRELLIS_GOAL_COLUMN_PROGRESS)
    {
      int label_width;

      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_width, NULL, NULL);
      label_width = MIN (label_width, width);
      gtk_widget_allocate (self->child, label_width, height, baseline,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - label_width, 0)));
      return;
    }

  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
append_color (GtkSnapshot          *snapshot,
              const GdkRGBA        *color,
              const graphene_rect_t *rect)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, rect->size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
trellis_goal_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (widget);

  if (self->column == TRELLIS_GOAL_COLUMN_PROGRESS && self->goal != NULL)
    {
      static const char * const color_names[] = {
        [TRELLIS_PROGRESS_ACHIEVED] = "accent_color",
        [TRELLIS_PROGRESS_ON_TRACK] = "success_color",
        [TRELLIS_PROGRESS_BEHIND] = "warning_color",
        [TRELLIS_PROGRESS_AT_RISK] = "error_color",
      };
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);
      int bar_width = width - gtk_widget_get_width (self->child) - BAR_SPACING;
      GdkRGBA trough, fill;
      graphene_rect_t rect;

      if (bar_width > 0)
        {
          /* Theme colours, so the bar follows the dark style. */
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          GtkStyleContext *context = gtk_widget_get_style_context (widget);

          gtk_style_context_get_color (context, &trough);
          if (!gtk_style_context_lookup_color (context, color_names[self->status], &fill))
            fill = trough;
          G_GNUC_END_IGNORE_DEPRECATIONS
          trough.alpha *= 0.15;

          rect = GRAPHENE_RECT_INIT (0, (height - BAR_HEIGHT) / 2, bar_width, BAR_HEIGHT);
          append_color (snapshot, &trough, &rect);
          if (self->fraction > 0.0)
            {
              rect.size.width = MAX (round (bar_width * self->fraction), BAR_HEIGHT);
              append_color (snapshot, &fill, &rect);
            }
        }
    }

  gtk_widget_snapshot_child (widget, self->child, snapshot);
}

static void
trellis_goal_cell_dispose (GObject *object)
{
  TrellisGoalCell *self = TRELLIS_GOAL_CELL (object);

  trellis_goal_cell_set_goal (self, NULL);
  g_clear_pointer (&self->child, gtk_widget_unparent);

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
  widget_class->measure = trellis_goal_cell_measure;
  widget_class->size_allocate = trellis_goal_cell_size_allocate;
  widget_class->snapshot = trellis_goal_cell_snapshot;

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

  if (self->child != NULL)
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
