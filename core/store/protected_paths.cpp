#include "core/store/protected_paths.h"

#include <sys/stat.h>

#include <unordered_set>

#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

std::optional<ProtectedPaths::FolderId> folderId(const fs::path& dir) {
    struct stat st {};
    if (dir.empty() || ::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return std::nullopt;
    return ProtectedPaths::FolderId{uint64_t(st.st_dev), uint64_t(st.st_ino)};
}

std::string folderOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? std::string("/") : path.substr(0, slash);
}

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

ProtectedPaths::ProtectedPaths(Project& project)
    : m_project(project), m_projectName(project.file().filename().string()),
      m_projectDir(folderId(project.file().parent_path())), m_cacheDir(folderId(project.cacheDir())) {}

void ProtectedPaths::scanMedia() {
    if (m_scanned) return;
    m_scanned = true;
    std::unordered_set<std::string> folders;
    std::string last;
    for (const char* sql : {"SELECT path FROM samples", "SELECT source FROM imports"}) {
        auto st = m_project.db().prepare(sql);
        while (st.step()) {
            std::string folder = folderOf(st.text(0));
            if (folder == last) continue;  // samples of one folder usually come together
            last = folder;
            folders.insert(std::move(folder));
        }
    }
    for (const auto& f : folders)
        if (auto id = folderId(f)) m_mediaDirs[*id].push_back(f);
}

const std::unordered_map<std::string, std::string>& ProtectedPaths::namesIn(const FolderId& folder) {
    auto [it, fresh] = m_names.try_emplace(folder);
    if (!fresh) return it->second;
    auto& names = it->second;
    for (const auto& spelling : m_mediaDirs[folder]) {
        const std::string prefix = spelling == "/" ? spelling : spelling + "/";
        std::string upper = prefix;
        upper.back() = char('/' + 1);  // every path that starts with prefix sorts below this
        auto add = [&](const std::string& sql, const std::string& what) {
            auto st = m_project.db().prepare(sql);
            st.bind(1, prefix).bind(2, upper);
            while (st.step()) {
                const std::string path = st.text(1);
                if (!startsWith(path, prefix) || path.find('/', prefix.size()) != std::string::npos) continue;
                names.try_emplace(path.substr(prefix.size()), what + std::to_string(st.int64(0)));
            }
        };
        // A range on samples(path), which the UNIQUE(path, ...) index serves.
        add("SELECT id, path FROM samples WHERE path >= ?1 AND path < ?2",
            "the media file of sample ");
        add("SELECT id, source FROM imports WHERE source >= ?1 AND source < ?2",
            "the source of import #");
    }
    return names;
}

std::optional<ProtectedPaths::FolderId> ProtectedPaths::folder(const fs::path& dir) {
    auto [it, fresh] = m_folders.try_emplace(dir.string());
    if (fresh) it->second = folderId(dir);
    return it->second;
}

std::string ProtectedPaths::reason(const fs::path& path) {
    fs::path abs = fs::absolute(path).lexically_normal();
    if (abs.filename().empty()) abs = abs.parent_path();  // "dir/" names the folder itself
    const std::string name = abs.filename().string();
    const fs::path parent = abs.parent_path();
    if (m_cacheDir && folderId(abs) == m_cacheDir) return "it is the project's cache folder";
    // The cache folder, existing or not yet, on the way from the root to `path`?
    for (fs::path cur = abs; cur.has_relative_path(); cur = cur.parent_path()) {
        const auto up = folder(cur.parent_path());
        if (!up) continue;
        if (up == m_projectDir && cur.filename().string() == m_projectName + "-cache")
            return cur == abs ? "it is the project's cache folder" : "it is inside the project's cache folder";
        if (up == m_cacheDir) return "it is inside the project's cache folder";
    }
    const auto pid = folder(parent);
    if (!pid) return {};
    if (pid == m_projectDir) {
        const std::string& n = m_projectName;
        if (name == n) return "it is the project file";
        if (name == n + "-wal") return "it is the project's write-ahead log";
        if (name == n + "-shm") return "it is the project's shared-memory index";
        if (name == n + "-journal") return "it is the project's journal";
        if (name == n + "-cache") return "it is the project's cache folder";
        if (startsWith(name, n + ".v") && name.size() > n.size() + 6 && name.ends_with(".bak"))
            return "it is a backup of the project";
    }
    scanMedia();
    if (!m_mediaDirs.count(*pid)) return {};
    const auto& names = namesIn(*pid);
    auto it = names.find(name);
    return it == names.end() ? std::string() : "it is " + it->second;
}

void ProtectedPaths::refuse(const fs::path& path) {
    const std::string why = reason(path);
    if (!why.empty())
        throw Error("refusing to write " + path.string() + ": " + why + " of " + m_project.file().string() +
                    "; choose another output path");
}

}  // namespace winnow::core
