#pragma once
#include <stdexcept>
#include <string>

namespace winnow::core {

// The one exception type core throws for user-facing failures. The message is meant to be
// shown as is: it names the file or object and the reason.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when a long job notices its cancel flag; callers treat it as a clean stop.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace winnow::core
