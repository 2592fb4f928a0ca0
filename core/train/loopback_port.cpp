#include "core/train/loopback_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <string>

#include "core/util/error.h"

namespace winnow::core {

namespace {

// The port the system gives 127.0.0.1:0, or 0 with `why` set.
int boundPort(std::string& why) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        why = std::strerror(errno);
        return 0;
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        why = std::strerror(errno);
    else
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

}  // namespace

int pickLoopbackPort() {
    static std::mutex mutex;
    static std::set<int> handedOut;
    std::string why = "every port offered was handed out before";
    for (int attempt = 0; attempt < 64; ++attempt) {
        const int port = boundPort(why);
        if (port == 0) break;
        const std::lock_guard lock(mutex);
        if (handedOut.insert(port).second) return port;
    }
    throw Error("no free TCP port on 127.0.0.1 for the processes' rendezvous: " + why);
}

}  // namespace winnow::core
