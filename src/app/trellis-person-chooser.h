/* trellis-person-chooser.h
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

#define TRELLIS_TYPE_PERSON_CHOOSER (trellis_person_chooser_get_type ())
G_DECLARE_FINAL_TYPE (TrellisPersonChooser, trellis_person_chooser, TRELLIS, PERSON_CHOOSER, GtkWidget)

/* A button showing a person; it opens a search over the whole
 * organisation, listing @suggestions (the usual people) while the search is
 * empty. Trellis has no login: HR acts on behalf of the person chosen. */
GtkWidget           *trellis_person_chooser_new              (void);
void                 trellis_person_chooser_set_organisation (TrellisPersonChooser *self,
                                                              TrellisOrganisation  *organisation);
void                 trellis_person_chooser_set_suggestions  (TrellisPersonChooser *self,
                                                              GPtrArray            *employees);
TrellisEmployee     *trellis_person_chooser_get_employee     (TrellisPersonChooser *self);
void                 trellis_person_chooser_set_employee     (TrellisPersonChooser *self,
                                                              TrellisEmployee      *employee);
const char          *trellis_person_chooser_get_employee_id  (TrellisPersonChooser *self);

G_END_DECLS
