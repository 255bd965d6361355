#!/bin/sh
# Debian's Boogie sends z3 4.8 the option `model_compress`, which that z3 does not know;
# z3 then prints a harmless "Prover error ... Legal parameters are: ..." block on every
# run. Drop that one line of the prover's input and run the real z3 (the same filter
# as vericode/dafny/z3wrap.py).
grep --line-buffered -v 'model_compress' | exec /usr/bin/z3 "$@"
