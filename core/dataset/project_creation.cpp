#include "core/dataset/project_creation.h"

namespace winnow::core {
namespace fs = std::filesystem;

ProjectCreation::ProjectCreation(fs::path file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", "-cache"}) {
        fs::path p = file;
        p += suffix;
        if (!fs::exists(fs::symlink_status(p, ec))) m_new.push_back(p);
    }
}

void ProjectCreation::undo() noexcept {
    std::error_code ec;
    for (const auto& p : m_new) fs::remove_all(p, ec);
}

}  // namespace winnow::core
