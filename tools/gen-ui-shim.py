#!/usr/bin/env python3
# gen-ui-shim.py --nm NM --library LIB --output OUT [--depfile FILE]
#                [--sources DIR]... [--fake TYPE:PARENT]... [UI-FILE]...
#
# Writes the generated half of the ui-validate shim (see ui-validate-shim.c):
#
#  - trellis_ui_shim_ensure_library_types(): g_type_ensure() on every
#    *_get_type function LIB (libadwaita) exports, found with `nm -D`;
#  - trellis_ui_shim_register_stand_in_types(): registers, by name, a stand-in
#    type for every <template class="T" parent="P"> in the UI files (and every
#    --fake T:P), derived from P, as gtk4-builder-tool does for the template
#    of the file it validates, so that one .ui file can use another project
#    widget as a child. The signals and properties T adds to P are taken from
#    the C file under the --sources directories that defines T
#    (G_DEFINE_*TYPE (T, …), g_param_spec_*("name", …), g_signal_new ("name",
#    …)), so a misspelt name in a .ui file is still an error. They get a
#    generic signature: no signal arguments, and enum, flags and boxed
#    properties become strings. When no C file defines T, whatever the .ui
#    files use on T is accepted;
#  - a no-op function for every signal handler and closure function the UI
#    files name. GTK 4.8's default builder scope resolves them with dlsym()
#    and the real ones are bound by the widget classes, which are not here.
#
# Standard library only.
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SIGNAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Handlers with these prefixes are library functions (handler="gtk_widget_hide");
# a stub would interpose them.
LIBRARY_PREFIXES = ("g_", "gtk_", "gdk_", "gsk_", "adw_", "pango_", "cairo_", "graphene_")
EXPRESSION_TAGS = {"lookup", "closure", "constant"}

DEFINE_TYPE = re.compile(r"\bG_DEFINE_(?:[A-Z_]*_)?TYPE(?:_[A-Z_]+)?\s*\(\s*([A-Za-z_]\w*)\s*,")
PARAM_SPEC = re.compile(r"\b(g|gtk)_param_spec_(\w+)\s*\(\s*\"([^\"]+)\"")
OVERRIDE_PROPERTY = re.compile(r"\bg_object_class_override_property\s*\([^;]*?\"([^\"]+)\"\s*\)")
SIGNAL_NEW = re.compile(r"\bg_signal_new(?:_class_handler|v)?\s*\(\s*(?:I_\s*\(\s*)?\"([^\"]+)\"")
# Property kinds the generated class_init knows; anything else is a string.
PARAM_KINDS = {
    "boolean": "b", "int": "i", "uint": "u", "int64": "I", "uint64": "U",
    "long": "I", "ulong": "U", "double": "d", "float": "d", "string": "s",
    "object": "o", "expression": "e",
}


def scan_sources(dirs):
    """Maps a type name to (properties {name: kind}, signals) from its C file."""
    found, read = {}, []
    for top in dirs:
        for dirpath, _, filenames in os.walk(top):
            for filename in sorted(filenames):
                if not filename.endswith(".c"):
                    continue
                path = os.path.join(dirpath, filename)
                read.append(path)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                types = DEFINE_TYPE.findall(text)
                if not types:
                    continue
                props = {}
                for prefix, kind, name in PARAM_SPEC.findall(text):
                    props.setdefault(name.replace("_", "-"), PARAM_KINDS.get(kind, "s"))
                for name in OVERRIDE_PROPERTY.findall(text):
                    props.setdefault(name.replace("_", "-"), "s")
                sigs = {n.replace("_", "-") for n in SIGNAL_NEW.findall(text)}
                for t in types:
                    found.setdefault(t, (props, sigs))
    return found, read


def library_get_types(nm, library):
    out = subprocess.run([nm, "-D", "--defined-only", library],
                         check=True, capture_output=True, text=True).stdout
    symbols = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) != 3 or fields[1] != "T":
            continue
        name = fields[2].split("@", 1)[0]
        if name.endswith("_get_type") and IDENT.match(name):
            symbols.add(name)
    return sorted(symbols)


def parse(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        # Leave the report to gtk4-builder-tool, which names the line.
        print(f"{path}: not well-formed ({e}); skipped", file=sys.stderr)
        return None


def property_kind(element):
    for child in element:
        if child.tag == "object":
            return "o"
        if child.tag in EXPRESSION_TAGS:
            return "e"
    return "s"


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nm", required=True)
    ap.add_argument("--library", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--depfile")
    ap.add_argument("--sources", action="append", default=[], metavar="DIR")
    ap.add_argument("--fake", action="append", default=[], metavar="TYPE:PARENT")
    ap.add_argument("ui_files", nargs="*")
    args = ap.parse_args()

    get_types = library_get_types(args.nm, args.library)
    if not get_types:
        sys.exit(f"{args.library} exports no *_get_type functions")

    roots = [r for r in (parse(p) for p in args.ui_files) if r is not None]

    parents = {}
    for spec in args.fake:
        cls, sep, parent = spec.partition(":")
        if not sep or not IDENT.match(cls) or not IDENT.match(parent):
            sys.exit(f"--fake {spec}: expected TYPE:PARENT")
        parents[cls] = parent
    for root in roots:
        for template in root.iter("template"):
            cls, parent = template.get("class", ""), template.get("parent", "")
            if IDENT.match(cls) and IDENT.match(parent):
                parents.setdefault(cls, parent)

    sources, read = scan_sources(args.sources)

    signals = {cls: set() for cls in parents}
    properties = {cls: {} for cls in parents}
    for cls in parents:
        if cls in sources:
            properties[cls] = dict(sources[cls][0])
            signals[cls] = set(sources[cls][1])

    handlers = set()
    for root in roots:
        for element in root.iter():
            cls = element.get("class")
            if element.tag in ("object", "template") and cls in parents and cls not in sources:
                for child in element:
                    name = child.get("name", "")
                    if child.tag == "signal":
                        name = name.split("::", 1)[0]
                        if SIGNAL_NAME.match(name):
                            signals[cls].add(name)
                    elif child.tag in ("property", "binding") and SIGNAL_NAME.match(name):
                        properties[cls].setdefault(name, property_kind(child))
            if element.tag == "signal":
                handlers.add(element.get("handler", ""))
            elif element.tag == "closure":
                handlers.add(element.get("function", ""))
    handlers = sorted(h for h in handlers
                      if IDENT.match(h) and not h.startswith(LIBRARY_PREFIXES))

    out = [
        f"/* Generated by tools/gen-ui-shim.py from {os.path.basename(args.library)}",
        " * and the project's .ui files. Do not edit. */",
        "",
        "#include <gtk/gtk.h>",
        "",
        "void trellis_ui_shim_ensure_library_types (void);",
        "void trellis_ui_shim_register_stand_in_types (void);",
        "",
    ]
    out += [f"GType {s} (void);" for s in get_types]
    out += ["", "void", "trellis_ui_shim_ensure_library_types (void)", "{"]
    out += [f"  g_type_ensure ({s} ());" for s in get_types]
    out += ["}", ""]

    out += ["/* Signal handlers (never run) and closure functions (which may be evaluated,"
            " * and return 0 / NULL) named in the .ui files. */"]
    for h in handlers:
        out += [f"__attribute__ ((visibility (\"default\"))) gpointer {h} (void);",
                f"gpointer {h} (void) {{ return NULL; }}"]
    out += [""]

    out += [
        "typedef struct {",
        "  const char *name;",
        "  char kind; /* see stand_in_class_init () */",
        "} StandInProperty;",
        "",
        "typedef struct {",
        "  const char *type_name;",
        "  const char *parent_name;",
        "  const char * const *signals;",
        "  const StandInProperty *properties;",
        "} StandIn;",
        "",
    ]
    for i, cls in enumerate(sorted(parents)):
        sig = "".join(f"{c_string(s)}, " for s in sorted(signals[cls]))
        out += [f"static const char * const stand_in_signals_{i}[] = {{ {sig}NULL }};"]
        props = "".join(f"{{ {c_string(n)}, '{k}' }}, "
                        for n, k in sorted(properties[cls].items()))
        out += [f"static const StandInProperty stand_in_properties_{i}[] = {{ {props}{{ NULL, 0 }} }};"]
    out += ["", "static const StandIn stand_ins[] = {"]
    for i, cls in enumerate(sorted(parents)):
        out += [f"  {{ {c_string(cls)}, {c_string(parents[cls])}, "
                f"stand_in_signals_{i}, stand_in_properties_{i} }},"]
    out += ["  { NULL, NULL, NULL, NULL }", "};", ""]

    out += r"""
static void
stand_in_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
}

static void
stand_in_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  g_param_value_set_default (pspec, value);
}

static void
stand_in_class_init (gpointer klass,
                     gpointer class_data)
{
  const StandIn *stand_in = class_data;
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);
  guint prop_id = 1;

  /* GObject calls these only for properties this class installs. */
  object_class->set_property = stand_in_set_property;
  object_class->get_property = stand_in_get_property;

  for (guint i = 0; stand_in->signals[i] != NULL; i++)
    {
      if (g_signal_lookup (stand_in->signals[i], type) == 0)
        g_signal_new (stand_in->signals[i], type, G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);
    }

  for (guint i = 0; stand_in->properties[i].name != NULL; i++)
    {
      const char *name = stand_in->properties[i].name;
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
      GParamSpec *pspec;

      if (g_object_class_find_property (object_class, name) != NULL)
        continue;

      switch (stand_in->properties[i].kind)
        {
        case 'b':
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case 'i':
          pspec = g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;
        case 'u':
          pspec = g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, flags);
          break;
        case 'I':
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case 'U':
          pspec = g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0, flags);
          break;
        case 'd':
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case 'o':
          pspec = g_param_spec_object (name, NULL, NULL, G_TYPE_OBJECT, flags);
          break;
        case 'e':
          pspec = gtk_param_spec_expression (name, NULL, NULL, flags);
          break;
        default:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        }
      g_object_class_install_property (object_class, prop_id++, pspec);
    }
}

void
trellis_ui_shim_register_stand_in_types (void)
{
  gboolean progress = TRUE;

  /* A parent may itself be a stand-in: repeat until nothing changes. */
  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; stand_ins[i].type_name != NULL; i++)
        {
          GTypeInfo info = { 0, };
          GTypeQuery query;
          GType parent;

          if (g_type_from_name (stand_ins[i].type_name) != G_TYPE_INVALID)
            continue;
          parent = g_type_from_name (stand_ins[i].parent_name);
          if (parent == G_TYPE_INVALID)
            continue;
          g_type_query (parent, &query);
          if (query.type == G_TYPE_INVALID)
            continue;

          info.class_size = query.class_size;
          info.class_init = stand_in_class_init;
          info.class_data = &stand_ins[i];
          info.instance_size = query.instance_size;
          g_type_register_static (parent, stand_ins[i].type_name, &info, 0);
          progress = TRUE;
        }
    }
}
""".split("\n")

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, args.output)

    if args.depfile:
        def esc(path):
            return path.replace(" ", "\\ ")
        with open(args.depfile, "w", encoding="utf-8") as f:
            f.write(f"{esc(args.output)}: {' '.join(esc(p) for p in read)}\n")


if __name__ == "__main__":
    main()
