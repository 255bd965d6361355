#!/bin/sh
# `dafny-server`: Debian's warm DafnyServer.exe on stdin/stdout (the protocol of
# vericode/dafny/run/server.py), for `ENGINE run -i --rm ... IMAGE dafny-server`.
# It runs as the container's main process and ends when either side does: stdin ends
# (vericode closed it, or died and the engine's client with it), or the server exits.
# Its end kills everything else in the container (a busy server and its z3 included),
# and `--rm` removes the container. Requests name `/z3exe:/usr/local/bin/z3-quiet`.
set -eu
fifo=$(mktemp -u /tmp/dafny-server-in.XXXXXX)
mkfifo -m 600 "$fifo"
cd /tmp
exec 3<&0 </dev/null
cat <&3 >"$fifo" 3<&- &
reader=$!
exec 3<&-
/usr/bin/cli /usr/lib/dafny/DafnyServer.exe <"$fifo" &
server=$!
while kill -0 "$reader" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 0.2; done
