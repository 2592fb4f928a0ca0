#include "core/util/process_tag.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace winnow::core {

namespace {

std::string hostName() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
    return buf;
}

// Field 22 of /proc/<pid>/stat (the start time); "" when the process does not exist.
std::string startTicks(long pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    if (!f) return "";
    std::string line;
    std::getline(f, line);
    const size_t close = line.rfind(')');  // the command name may hold spaces and parentheses
    if (close == std::string::npos) return "";
    std::istringstream rest(line.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22 && (rest >> field); ++i)
        if (i == 22) return field;
    return "";
}

// Field 4 of /proc/<pid>/stat (the parent's pid); 0 when the process does not exist.
long parentOf(long pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    if (!f) return 0;
    std::string line;
    std::getline(f, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(line.substr(close + 1));
    std::string state;
    long ppid = 0;
    if (!(rest >> state >> ppid)) return 0;
    return ppid;
}

std::vector<std::string> splitTag(const std::string& tag) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(tag);
    while (std::getline(in, part, ';')) parts.push_back(part);
    return parts;
}

}  // namespace

std::string currentProcessTag() {
    const long pid = long(getpid());
    return hostName() + ";" + std::to_string(pid) + ";" + startTicks(pid);
}

OwnerState ownerState(const std::string& tag) {
    const auto parts = splitTag(tag);
    if (parts.size() != 3 || parts[2].empty() || parts[0] != hostName()) return OwnerState::Unknown;
    long pid = 0;
    try {
        pid = std::stol(parts[1]);
    } catch (...) {
        return OwnerState::Unknown;
    }
    if (pid <= 0) return OwnerState::Unknown;
    const std::string now = startTicks(pid);
    return !now.empty() && now == parts[2] ? OwnerState::Alive : OwnerState::Gone;
}

bool isThisProcessOrChild(const std::string& tag) {
    if (ownerState(tag) != OwnerState::Alive) return false;
    const long self = long(getpid());
    long pid = std::stol(splitTag(tag)[1]);  // ownerState checked the tag's form
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        if (pid == self) return true;
        pid = parentOf(pid);
    }
    return false;
}

std::string describeOwner(const std::string& tag) {
    const auto parts = splitTag(tag);
    if (parts.size() < 2) return "an unknown process";
    return "process " + parts[1] + " on " + parts[0];
}

}  // namespace winnow::core
