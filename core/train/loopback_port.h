#pragma once
// A TCP port on 127.0.0.1 for the master of a multi-process run started on this workstation
// (the GUI's Train dialog, issue 12): torchrun's default 29500 makes two runs at once collide.

namespace winnow::core {

// Binds 127.0.0.1 port 0, reads the port the system chose and closes the socket. A port this
// process handed out before is never handed out again (a run just launched may not have bound
// its port yet), so two launches from one program always get different ports. The port is free
// when chosen; another program may still take it before the launcher binds it, and the launcher
// then fails with its own message. Throws Error when no port can be bound.
int pickLoopbackPort();

}  // namespace winnow::core
