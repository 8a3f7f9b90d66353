#!/usr/bin/env python3
# assess.py MODEL EVENTS — what `resp assess --format json` prints, through
# libresp's GObject Introspection bindings alone.
#
#   GI_TYPELIB_PATH=build/libresp LD_LIBRARY_PATH=build/libresp \
#     /usr/bin/python3 examples/assess.py examples/data/city.json examples/data/events.json
import sys

import gi

gi.require_version("Resp", "1.0")
from gi.repository import GLib, Resp  # noqa: E402


def main(argv):
    if len(argv) != 3:
        print("usage: assess.py MODEL EVENTS", file=sys.stderr)
        return 2
    try:
        model, _ = Resp.Model.new_from_file(argv[1])
        rulebook = Resp.Rulebook.new_default()
        batch, _ = Resp.EventBatch.new_from_file(model, rulebook, argv[2])
    except GLib.Error as error:
        # the message starts with FILE:LINE:COL, like the tool's
        print(error.message, file=sys.stderr)
        return 1
    verdicts = Resp.assess_batch(model, rulebook, batch, 0)
    sys.stdout.write(Resp.verdicts_render(verdicts, batch.get_is_list(), Resp.Format.JSON))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
