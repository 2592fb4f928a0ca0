#pragma once
#include "core/util/error.h"

namespace winnow::core {

// A setting outside its allowed range, found before anything was written (no run row, no
// file). Front ends report it like a bad command-line value (winnow-cli exits 2).
class InvalidSetting : public Error {
public:
    using Error::Error;
};

}  // namespace winnow::core
