/* trellis-window.h
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

#include <adwaita.h>

#include "trellis-core.h"
#include "trellis-organisation-page.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_WINDOW (trellis_window_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWindow, trellis_window, TRELLIS, WINDOW, AdwApplicationWindow)

/* @application may be NULL (widget tests build windows without one). */
TrellisWindow           *trellis_window_new                   (GtkApplication   *application);

TrellisWorkspace        *trellis_window_get_workspace         (TrellisWindow    *self);
/* Shows @workspace at once (NULL goes back to the welcome page). */
void                     trellis_window_set_workspace         (TrellisWindow    *self,
                                                               TrellisWorkspace *workspace);
/* Opens @file in a worker thread, showing progress; errors are shown in a
 * dialog and leave the current workspace in place. */
void                     trellis_window_open_file             (TrellisWindow    *self,
                                                               GFile            *file);
/* Generates a fresh demo organisation in the cache directory and opens it. */
void                     trellis_window_open_demo             (TrellisWindow    *self);
/* TRUE while a workspace is being opened or generated. */
gboolean                 trellis_window_get_busy              (TrellisWindow    *self);
/* What the loading page's Cancel button does: stops opening or generating
 * and goes back to what was shown before. */
void                     trellis_window_cancel                (TrellisWindow    *self);

/* The sidebar area shown: "organisation", "goals", "rhythm", "feedback",
 * "calibration", "development" or "dashboard" (also the win.page action). */
const char              *trellis_window_get_page              (TrellisWindow    *self);
void                     trellis_window_set_page              (TrellisWindow    *self,
                                                               const char       *page);
/* "welcome", "loading" or "workspace". */
const char              *trellis_window_get_view              (TrellisWindow    *self);
TrellisOrganisationPage *trellis_window_get_organisation_page (TrellisWindow    *self);

G_END_DECLS
