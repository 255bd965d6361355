#!/bin/sh
# `dafny` in the Debian image: Debian's Dafny 2.3 with the quiet z3 wrapper, so that
# its output carries only what the verifier says. A later /z3exe: argument wins.
exec /usr/bin/dafny /z3exe:/usr/local/bin/z3-quiet "$@"
