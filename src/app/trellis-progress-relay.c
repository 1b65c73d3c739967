/* trellis-progress-relay.c
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

#define G_LOG_DOMAIN "trellis-progress-relay"

#include "config.h"

#include "trellis-progress-relay.h"

struct _TrellisProgressRelay
{
  GWeakRef  bar;
  GWeakRef  label;
  GMutex    lock;
  double    fraction;
  char     *message;
  gboolean  queued;
  gboolean  closed;
};

static void
relay_clear (gpointer data)
{
  TrellisProgressRelay *self = data;

  g_weak_ref_clear (&self->bar);
  g_weak_ref_clear (&self->label);
  g_mutex_clear (&self->lock);
  g_free (self->message);
}

TrellisProgressRelay *
trellis_progress_relay_new (GtkProgressBar *bar,
                            GtkLabel       *label)
{
  TrellisProgressRelay *self = g_atomic_rc_box_new0 (TrellisProgressRelay);

  g_weak_ref_init (&self->bar, bar);
  g_weak_ref_init (&self->label, label);
  g_mutex_init (&self->lock);
  return self;
}

TrellisProgressRelay *
trellis_progress_relay_ref (TrellisProgressRelay *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
trellis_progress_relay_unref (TrellisProgressRelay *self)
{
  g_atomic_rc_box_release_full (self, relay_clear);
}

void
trellis_progress_relay_close (TrellisProgressRelay *self)
{
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_mutex_unlock (&self->lock);

  trellis_progress_relay_unref (self);
}

static void
relay_unref_cb (gpointer data)
{
  trellis_progress_relay_unref (data);
}

static gboolean
apply_cb (gpointer data)
{
  TrellisProgressRelay *self = data;
  g_autoptr(GtkProgressBar) bar = NULL;
  g_autoptr(GtkLabel) label = NULL;
  g_autofree char *message = NULL;
  double fraction;
  gboolean closed;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  message = g_steal_pointer (&self->message);
  closed = self->closed;
  self->queued = FALSE;
  g_mutex_unlock (&self->lock);

  if (closed)
    return G_SOURCE_REMOVE;

  bar = g_weak_ref_get (&self->bar);
  label = g_weak_ref_get (&self->label);
  if (bar != NULL)
    gtk_progress_bar_set_fraction (bar, CLAMP (fraction, 0.0, 1.0));
  if (label != NULL && message != NULL)
    gtk_label_set_text (label, message);

  return G_SOURCE_REMOVE;
}

void
trellis_progress_relay_report (double      fraction,
                               const char *message,
                               gpointer    relay)
{
  TrellisProgressRelay *self = relay;
  gboolean queue;

  g_mutex_lock (&self->lock);
  self->fraction = fraction;
  if (message != NULL)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  queue = !self->queued && !self->closed;
  self->queued |= queue;
  g_mutex_unlock (&self->lock);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT, apply_cb, trellis_progress_relay_ref (self), relay_unref_cb);
}
