#!/bin/sh
# vericode verifier image entry point.
#   (no arguments)        print Dafny's version
#   COMMAND ARGS...       run COMMAND if it is a program on PATH (dafny, z3, sh, ...)
#   ARGS...               otherwise run `dafny ARGS...` (e.g. `verify x.dfy`, `/compile:0 x.dfy`)
set -e
if [ "$#" -eq 0 ]; then
    if dafny --version >/dev/null 2>&1; then exec dafny --version; fi
    exec dafny /version
fi
if command -v -- "$1" >/dev/null 2>&1; then
    exec "$@"
fi
exec dafny "$@"
