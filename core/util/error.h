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

// A setting outside its allowed range, found before anything was written (no run row, no
// file). Front ends report it like a bad command-line value (winnow-cli exits 2).
class InvalidSetting : public Error {
public:
    using Error::Error;
};

// Thrown when a long job notices its cancel flag; callers treat it as a clean stop.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace winnow::core
