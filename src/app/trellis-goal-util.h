/* trellis-goal-util.h
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

#pragma once

#include <gtk/gtk.h>

#include "trellis-core.h"

G_BEGIN_DECLS

/* How the goal widgets colour things. CSS classes are defined in
 * data/style.css and follow the dark theme; the translated labels
 * (trellis_goal_status_label () and the like) are in trellis-goal-labels.h,
 * which trellis-core.h brings in. */
const char *trellis_goal_status_css_class    (TrellisProgressStatus status);
const char *trellis_goal_state_css_class     (TrellisGoalState      state);
const char *trellis_goal_kind_icon_name      (TrellisGoalKind       kind);
const char *trellis_score_band_css_class     (double                score);

/* 0.25 → "25 %", 0.125 → "12.5 %" */
char       *trellis_format_percent           (double                fraction);
/* Progress as people scan it: 0.624 → "62 %", 1.25 → "125 %" */
char       *trellis_format_progress          (double                fraction);
/* 0.6 → "0.6" */
char       *trellis_format_score             (double                score);
/* 120 → "120", 12.5 → "12.5" */
char       *trellis_format_number            (double                value);
/* "2026-11-20T09:00:00Z" → "2026-11-20" */
char       *trellis_format_day               (const char           *timestamp);
/* "Today", "Yesterday", "3 days ago" or the day; "Never" for NULL. */
char       *trellis_format_relative_day      (const char           *timestamp,
                                              const GDate          *today);
/* "300 / 400 家", "45 % / 60 %", "Done" */
char       *trellis_format_key_result_value  (TrellisKeyResult     *key_result);
/* "王伟" for an employee id, the id itself when unknown, NULL for NULL. */
char       *trellis_describe_person          (TrellisOrganisation  *organisation,
                                              const char           *employee_id);
/* Whoever speaks for a goal: the employee, or the head of the department. */
TrellisEmployee *trellis_goal_get_owner_person (TrellisGoal         *goal,
                                              TrellisOrganisation  *organisation);
/* The cycle's share elapsed at @timestamp, 0..1. */
double      trellis_cycle_fraction_at        (TrellisCycle         *cycle,
                                              const char           *timestamp);

/* What a goal owned in @department_id (NULL: the company) can align to:
 * the company's and that department chain's goals in @tree, each followed
 * by its key results. Fills @labels and, in step, @goal_ids and @kr_ids
 * (one of them NULL per entry); the first entry is "Not aligned". */
void        trellis_alignment_choices_build  (TrellisGoalTree      *tree,
                                              TrellisOrganisation  *organisation,
                                              const char           *department_id,
                                              const char           *exclude_goal_id,
                                              GtkStringList        *labels,
                                              GPtrArray            *goal_ids,
                                              GPtrArray            *kr_ids);

/* A GtkDropDown over the department tree, indented by depth. */
void        trellis_department_drop_down_set_organisation (GtkDropDown         *drop_down,
                                                           TrellisOrganisation *organisation);
/* NULL when nothing is selected. */
TrellisDepartment *trellis_department_drop_down_get_selected (GtkDropDown *drop_down);
void        trellis_department_drop_down_select (GtkDropDown *drop_down,
                                                 const char  *department_id);

/* Gives @window a modal dialog's keyboard behaviour: Escape closes it. */
void        trellis_dialog_setup_escape      (GtkWindow            *window);
/* Enter in the spin button activates the window's default widget (GTK 4.8
 * spin buttons have no activates-default of their own). */
void        trellis_spin_button_activates_default (GtkSpinButton *spin);
/* The AdwToastOverlay above @widget, if any. */
/* A spin button inside a scrolled form changes its value only when it has
 * the focus; otherwise the wheel scrolls the form, as people expect. */
void        trellis_spin_button_ignore_scroll (GtkSpinButton    *spin);
/* Scrolls the form around @widget so it shows (after the next layout):
 * an error at the foot of a long dialog must not go unseen. */
void        trellis_widget_scroll_into_view (GtkWidget          *widget);
/* The same for every spin button inside @widget. */
void        trellis_widget_protect_spin_buttons (GtkWidget      *widget);
void        trellis_widget_add_toast         (GtkWidget            *widget,
                                              const char           *text);
/* Shows @message in an AdwMessageDialog over @widget's window. */
void        trellis_widget_show_error        (GtkWidget            *widget,
                                              const char           *heading,
                                              const char           *message);

G_END_DECLS
