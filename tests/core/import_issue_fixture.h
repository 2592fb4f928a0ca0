#pragma once
// Looks up a project's import issues the way the import tests check them.
#include <cstdint>
#include <string>

#include "core/store/project.h"

namespace winnow::test {

// True when an import issue's path contains `pathPart` and its reason `reasonPart` (and, when
// `line` >= 0, it names that line).
inline bool hasIssue(core::Project& p, const std::string& pathPart, const std::string& reasonPart,
                     int64_t line = -1) {
    auto st = p.db().prepare("SELECT path, coalesce(line,-1), reason FROM import_issues");
    while (st.step())
        if (st.text(0).find(pathPart) != std::string::npos && st.text(2).find(reasonPart) != std::string::npos &&
            (line < 0 || st.int64(1) == line))
            return true;
    return false;
}

}  // namespace winnow::test
