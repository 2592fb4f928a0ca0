#pragma once
#include <string>

// Identifies the process that owns a long-lived project row (a training run being trained),
// so that a later process can tell a row whose owner died (crash, kill -9, power loss) from
// one still being worked on. The tag is "host;pid;start", where start is the process's start
// time in clock ticks since boot (Linux /proc), which tells a reused pid from the owner.
namespace winnow::core {

std::string currentProcessTag();

enum class OwnerState { Alive, Gone, Unknown };

// Alive: the tagged process is running on this host. Gone: this host, and no process with
// that pid and start time exists. Unknown: another host, or a tag this build cannot read.
OwnerState ownerState(const std::string& tag);

// True when the tag names this process or one it started, directly or not (the GUI's own
// training, or torchrun's ranks started from its Train dialog): this host, and walking the
// tagged process's parents reaches this process. False for a process that is gone.
bool isThisProcessOrChild(const std::string& tag);

// "process 1234 on host-name", for messages.
std::string describeOwner(const std::string& tag);

}  // namespace winnow::core
