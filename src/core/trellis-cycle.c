/* trellis-cycle.c
 * Copyright 2026 The Trellis authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "trellis-cycle"

#include "config.h"

#include "trellis-cycle.h"
#include "trellis-date.h"

struct _TrellisCycle
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *parent_id;
  TrellisCycleKind  kind;
  GDate             start;
  GDate             end;
};

G_DEFINE_FINAL_TYPE (TrellisCycle, trellis_cycle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_PARENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "year", "half", "quarter", "month", "week" };

static void
trellis_cycle_finalize (GObject *object)
{
  TrellisCycle *self = (TrellisCycle *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->parent_id);

  G_OBJECT_CLASS (trellis_cycle_parent_class)->finalize (object);
}

static void
trellis_cycle_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TrellisCycle *self = TRELLIS_CYCLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_PARENT_ID:
      g_value_set_string (value, self->parent_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_cycle_class_init (TrellisCycleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_cycle_finalize;
  object_class->get_property = trellis_cycle_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, TRELLIS_CYCLE_YEAR, TRELLIS_CYCLE_WEEK,
                      TRELLIS_CYCLE_YEAR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ID] =
    g_param_spec_string ("parent-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_cycle_init (TrellisCycle *self)
{
  g_date_clear (&self->start, 1);
  g_date_clear (&self->end, 1);
}

TrellisCycle *
trellis_cycle_new (const char       *id,
                   TrellisCycleKind  kind,
                   const char       *name,
                   const GDate      *start,
                   const GDate      *end,
                   const char       *parent_id)
{
  TrellisCycle *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (g_date_valid (start) && g_date_valid (end), NULL);

  self = g_object_new (TRELLIS_TYPE_CYCLE, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->name = g_strdup (name ? name : id);
  self->start = *start;
  self->end = *end;
  self->parent_id = (parent_id && *parent_id) ? g_strdup (parent_id) : NULL;
  return self;
}

const char *
trellis_cycle_get_id (TrellisCycle *self)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), NULL);
  return self->id;
}

TrellisCycleKind
trellis_cycle_get_kind (TrellisCycle *self)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), 0);
  return self->kind;
}

const char *
trellis_cycle_get_name (TrellisCycle *self)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), NULL);
  return self->name;
}

const char *
trellis_cycle_get_parent_id (TrellisCycle *self)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), NULL);
  return self->parent_id;
}

void
trellis_cycle_get_start (TrellisCycle *self,
                         GDate        *out_date)
{
  g_return_if_fail (TRELLIS_IS_CYCLE (self));
  *out_date = self->start;
}

void
trellis_cycle_get_end (TrellisCycle *self,
                       GDate        *out_date)
{
  g_return_if_fail (TRELLIS_IS_CYCLE (self));
  *out_date = self->end;
}

int
trellis_cycle_get_n_days (TrellisCycle *self)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), 0);
  return trellis_date_days_between (&self->start, &self->end) + 1;
}

gboolean
trellis_cycle_contains (TrellisCycle *self,
                        const GDate  *date)
{
  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), FALSE);
  return g_date_compare (date, &self->start) >= 0 && g_date_compare (date, &self->end) <= 0;
}

double
trellis_cycle_elapsed_fraction (TrellisCycle *self,
                                const GDate  *today)
{
  int elapsed;

  g_return_val_if_fail (TRELLIS_IS_CYCLE (self), 0.0);

  elapsed = trellis_date_days_between (&self->start, today) + 1;
  return CLAMP ((double)elapsed / trellis_cycle_get_n_days (self), 0.0, 1.0);
}

const char *
trellis_cycle_kind_to_string (TrellisCycleKind kind)
{
  g_return_val_if_fail (kind <= TRELLIS_CYCLE_WEEK, NULL);
  return kind_names[kind];
}

gboolean
trellis_cycle_kind_from_string (const char       *text,
                                TrellisCycleKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

static void
add_cycle (GPtrArray        *cycles,
           const char       *id,
           TrellisCycleKind  kind,
           const char       *name,
           const GDate      *start,
           const GDate      *end,
           const char       *parent_id)
{
  g_ptr_array_add (cycles, trellis_cycle_new (id, kind, name, start, end, parent_id));
}

static void
set_date (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

GPtrArray *
trellis_cycle_build_year (int year)
{
  GPtrArray *cycles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *year_id = g_strdup_printf ("%04d", year);
  GDate start, end;
  int n_weeks;

  g_return_val_if_fail (year > 1 && year < 9999, cycles);

  set_date (&start, year, 1, 1);
  set_date (&end, year, 12, 31);
  add_cycle (cycles, year_id, TRELLIS_CYCLE_YEAR, year_id, &start, &end, NULL);

  for (int h = 1; h <= 2; h++)
    {
      g_autofree char *id = g_strdup_printf ("%04d-H%d", year, h);

      set_date (&start, year, h == 1 ? 1 : 7, 1);
      set_date (&end, year, h == 1 ? 6 : 12, h == 1 ? 30 : 31);
      add_cycle (cycles, id, TRELLIS_CYCLE_HALF, id, &start, &end, year_id);
    }

  for (int q = 1; q <= 4; q++)
    {
      g_autofree char *id = g_strdup_printf ("%04d-Q%d", year, q);
      g_autofree char *half_id = g_strdup_printf ("%04d-H%d", year, q <= 2 ? 1 : 2);
      int last_month = q * 3;

      set_date (&start, year, last_month - 2, 1);
      set_date (&end, year, last_month, g_date_get_days_in_month (last_month, year));
      add_cycle (cycles, id, TRELLIS_CYCLE_QUARTER, id, &start, &end, half_id);
    }

  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *id = g_strdup_printf ("%04d-%02d", year, m);
      g_autofree char *quarter_id = g_strdup_printf ("%04d-Q%d", year, (m - 1) / 3 + 1);

      set_date (&start, year, m, 1);
      set_date (&end, year, m, g_date_get_days_in_month (m, year));
      add_cycle (cycles, id, TRELLIS_CYCLE_MONTH, id, &start, &end, quarter_id);
    }

  n_weeks = trellis_iso_weeks_in_year (year);
  for (int w = 1; w <= n_weeks; w++)
    {
      TrellisIsoWeek week = { year, w };
      g_autofree char *id = trellis_iso_week_to_string (&week);
      g_autofree char *month_id = NULL;
      GDate thursday;

      trellis_iso_week_get_start (&week, &start);
      end = start;
      g_date_add_days (&end, 6);
      thursday = start;
      g_date_add_days (&thursday, 3);
      month_id = g_strdup_printf ("%04d-%02d", year, g_date_get_month (&thursday));
      add_cycle (cycles, id, TRELLIS_CYCLE_WEEK, id, &start, &end, month_id);
    }

  return cycles;
}
