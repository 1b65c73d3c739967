/* trellis-organisation-page.h
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
#include "trellis-employee-detail.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ORGANISATION_PAGE (trellis_organisation_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisOrganisationPage, trellis_organisation_page, TRELLIS, ORGANISATION_PAGE, GtkWidget)

GtkWidget             *trellis_organisation_page_new              (void);
TrellisOrganisation   *trellis_organisation_page_get_organisation (TrellisOrganisationPage *self);
void                   trellis_organisation_page_set_organisation (TrellisOrganisationPage *self,
                                                                   TrellisOrganisation     *organisation);
void                   trellis_organisation_page_focus_search     (TrellisOrganisationPage *self);
GtkEditable           *trellis_organisation_page_get_search_entry (TrellisOrganisationPage *self);
/* Restricts the list to a department's subtree (NULL: everybody). */
void                   trellis_organisation_page_select_department (TrellisOrganisationPage *self,
                                                                    const char              *department_id);
/* People passing the search and department filter so far, and whether
 * the incremental filter is still working through the list. */
guint                  trellis_organisation_page_get_n_shown      (TrellisOrganisationPage *self);
gboolean               trellis_organisation_page_get_filtering    (TrellisOrganisationPage *self);
/* The text of the count label, e.g. "37 of 2,100 people". */
const char            *trellis_organisation_page_get_count_text   (TrellisOrganisationPage *self);
/* Shows @employee_id in the detail pane and selects it in the list when it
 * passes the filter. */
void                   trellis_organisation_page_show_employee    (TrellisOrganisationPage *self,
                                                                   const char              *employee_id);
TrellisEmployee       *trellis_organisation_page_get_employee     (TrellisOrganisationPage *self);
GtkColumnView         *trellis_organisation_page_get_column_view  (TrellisOrganisationPage *self);
TrellisEmployeeDetail *trellis_organisation_page_get_detail       (TrellisOrganisationPage *self);

G_END_DECLS
