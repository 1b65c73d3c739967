/* trellis-progress-relay.h
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

G_BEGIN_DECLS

/* Carries progress from a worker thread to a progress bar and a label on
 * the main thread. Only the newest value matters, so at most one idle
 * callback is queued however often the worker reports. Reference-counted:
 * the owner keeps one reference and the worker another. */
typedef struct _TrellisProgressRelay TrellisProgressRelay;

TrellisProgressRelay *trellis_progress_relay_new    (GtkProgressBar       *bar,
                                                     GtkLabel             *label);
TrellisProgressRelay *trellis_progress_relay_ref    (TrellisProgressRelay *self);
void                  trellis_progress_relay_unref  (TrellisProgressRelay *self);
/* The owner no longer shows this work (it finished, was cancelled or was
 * superseded): later reports are dropped. Drops the owner's reference. */
void                  trellis_progress_relay_close  (TrellisProgressRelay *self);
/* A TrellisProgressFunc: call it from any thread with the relay as data.
 * A NULL @message keeps the label's text. */
void                  trellis_progress_relay_report (double                fraction,
                                                     const char           *message,
                                                     gpointer              relay);

G_END_DECLS
