/* trellis-text.c
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

#define G_LOG_DOMAIN "trellis-text"

#include "config.h"

#include <math.h>
#include <string.h>

#include "trellis-text.h"

gboolean
trellis_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
trellis_text_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (fabs (value) < 5e-5)
    value = 0.0;
  g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
  if (strchr (buffer, '.') != NULL)
    {
      end = buffer + strlen (buffer) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return g_strdup (buffer);
}

char *
trellis_text_intern (const char *text)
{
  return (text != NULL && *text != '\0') ? g_ref_string_new_intern (text) : NULL;
}

void
trellis_text_release (char *text)
{
  if (text != NULL)
    g_ref_string_release (text);
}
