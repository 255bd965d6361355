#!/bin/sh
# Debian's Boogie sends z3 4.8 the option `model_compress`, which that z3 does not know;
# z3 then prints a harmless "Prover error ... Legal parameters are: ..." block on every
# run. Drop that one option line (whole) and run the real z3: the same filter as
# vericode/dafny/run/z3wrap.py. Read stdin only when z3 reads it (-in): Boogie runs
# `z3 --version` with its own stdin, which under the Dafny server is the command pipe.
case " $* " in *" -in "*) ;; *) exec /usr/bin/z3 "$@" </dev/null ;; esac
grep --line-buffered -v -x -E '[[:space:]]*\(set-option :model_compress (true|false)\)[[:space:]]*' \
    | exec /usr/bin/z3 "$@"
