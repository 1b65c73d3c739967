/* trellis-cli.h
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

#include <gio/gio.h>

#include "trellis-core.h"

G_BEGIN_DECLS

/* Exit statuses, documented in docs/cli.md. */
typedef enum {
  TRELLIS_CLI_EXIT_OK = 0,
  TRELLIS_CLI_EXIT_FAILED = 1, /* the data or a file was wrong */
  TRELLIS_CLI_EXIT_USAGE = 2,  /* the command line was wrong */
} TrellisCliExit;

typedef struct _TrellisCliCommand TrellisCliCommand;

struct _TrellisCliCommand {
  const char *name;
  /* Positional arguments, as shown after "[OPTION…]" in the usage line. */
  const char *parameters;
  /* One line for "trellis-cli --help" (translatable, marked with N_()). */
  const char *summary;
  /* A paragraph under the options in "trellis-cli NAME --help", or NULL. */
  const char *description;
  /* The command's options; the variables they point to are the command
   * file's statics, which is fine for a process that runs one command. */
  const GOptionEntry *entries;
  /* Runs with the options parsed; @argv holds the positional arguments
   * after argv[0]. Returns a TrellisCliExit. */
  int (*run) (const TrellisCliCommand *command,
              int                      argc,
              char                   **argv);
};

extern const TrellisCliCommand trellis_cli_bench_command;
extern const TrellisCliCommand trellis_cli_init_command;
extern const TrellisCliCommand trellis_cli_demo_command;
extern const TrellisCliCommand trellis_cli_info_command;
extern const TrellisCliCommand trellis_cli_export_command;
extern const TrellisCliCommand trellis_cli_import_command;
extern const TrellisCliCommand trellis_cli_goals_command;

/* Prints "trellis-cli: MESSAGE" on stderr and returns TRELLIS_CLI_EXIT_FAILED. */
int           trellis_cli_fail             (const char              *format,
                                            ...) G_GNUC_PRINTF (1, 2);
/* Prints the message and a hint to see the command's --help; returns
 * TRELLIS_CLI_EXIT_USAGE. */
int           trellis_cli_usage_error      (const TrellisCliCommand *command,
                                            const char              *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* Table columns are padded by what a terminal shows, not by bytes or
 * characters: a Chinese character takes two columns, a combining mark none.
 * Every padded column goes through trellis_cli_pad (). */
typedef enum {
  TRELLIS_CLI_ALIGN_START,   /* text, then spaces */
  TRELLIS_CLI_ALIGN_END,     /* spaces, then text: numbers */
} TrellisCliAlign;

/* The columns @text takes in a terminal (g_unichar_iswide () counts two,
 * g_unichar_iszerowidth () none). */
guint         trellis_cli_display_width    (const char              *text);
/* @text padded with spaces to @width columns; longer text is left whole. */
char         *trellis_cli_pad              (const char              *text,
                                            guint                    width,
                                            TrellisCliAlign          align);

/* Opens a workspace that must already exist (trellis_store_open() would
 * create a missing file). */
TrellisStore *trellis_cli_open_existing    (const char              *path,
                                            GError                 **error);

/* Work run in a thread while the main thread turns SIGINT and SIGTERM into
 * cancellation, so an interrupted command can still clean up. */
typedef gboolean (*TrellisCliWorkFunc) (gpointer       data,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean      trellis_cli_run_cancellable  (TrellisCliWorkFunc       func,
                                            gpointer                 data,
                                            GError                 **error);

/* Fills a new store; runs inside trellis_cli_create_workspace(). */
typedef gboolean (*TrellisCliFillFunc) (TrellisStore  *store,
                                        gpointer       data,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Creates a workspace at @path by filling PATH.partial-XXXXXX in the same
 * directory and renaming it over @path only once @fill succeeded. Refuses
 * an existing @path unless @replace. */
gboolean      trellis_cli_create_workspace (const char              *path,
                                            gboolean                 replace,
                                            TrellisCliFillFunc       fill,
                                            gpointer                 data,
                                            GCancellable            *cancellable,
                                            GError                 **error);

/* A percentage line on stderr, redrawn with \r, only when stderr is a
 * terminal. Safe to call from a worker thread. */
typedef struct {
  gboolean enabled;
  int      last_percent;
  char    *last_message;
} TrellisCliProgress;

void          trellis_cli_progress_init    (TrellisCliProgress      *progress);
void          trellis_cli_progress_update  (double                   fraction,
                                            const char              *message,
                                            gpointer                 user_data);
/* Ends the line (if one was drawn) and frees the state. */
void          trellis_cli_progress_finish  (TrellisCliProgress      *progress);

G_END_DECLS
