/* trellis-employee-detail.h
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

#define TRELLIS_TYPE_EMPLOYEE_DETAIL (trellis_employee_detail_get_type ())
G_DECLARE_FINAL_TYPE (TrellisEmployeeDetail, trellis_employee_detail, TRELLIS, EMPLOYEE_DETAIL, GtkWidget)

/* One person's details, reporting line and direct reports. Emits
 * ::employee-activated when a manager or a report is clicked. */
GtkWidget           *trellis_employee_detail_new              (void);
TrellisOrganisation *trellis_employee_detail_get_organisation (TrellisEmployeeDetail *self);
void                 trellis_employee_detail_set_organisation (TrellisEmployeeDetail *self,
                                                               TrellisOrganisation   *organisation);
TrellisEmployee     *trellis_employee_detail_get_employee     (TrellisEmployeeDetail *self);
void                 trellis_employee_detail_set_employee     (TrellisEmployeeDetail *self,
                                                               TrellisEmployee       *employee);
/* The boxed lists of the reporting line (direct manager first) and of the
 * direct reports; one AdwActionRow per person. */
GtkListBox          *trellis_employee_detail_get_manager_list (TrellisEmployeeDetail *self);
GtkListBox          *trellis_employee_detail_get_reports_list (TrellisEmployeeDetail *self);

G_END_DECLS
