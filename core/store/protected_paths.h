#pragma once
#include <compare>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace winnow::core {

class Project;

// What an export must never replace: the project file, its -wal/-shm/-journal, its migration
// backups (X.winnow.vN.bak), its cache folder and everything inside it, and every file a
// sample or an import was read from. A folder is recognised by its identity (device and
// inode), so a path that reaches it through a symbolic link or another mount is recognised too.
// The media index is built on first use and kept, so one ProtectedPaths serves a whole export.
class ProtectedPaths {
public:
    explicit ProtectedPaths(Project& project);
    // Why replacing `path` would damage the project (e.g. "it is the project file"), or empty.
    std::string reason(const std::filesystem::path& path);
    // Throws Error("refusing to write <path>: <reason>; ...") when reason() is not empty.
    void refuse(const std::filesystem::path& path);

    struct FolderId {
        uint64_t dev = 0, ino = 0;
        auto operator<=>(const FolderId&) const = default;
    };

private:
    void scanMedia();
    std::optional<FolderId> folder(const std::filesystem::path& dir);  // remembered per spelling
    const std::unordered_map<std::string, std::string>& namesIn(const FolderId& folder);

    Project& m_project;
    std::string m_projectName;
    std::optional<FolderId> m_projectDir, m_cacheDir;
    bool m_scanned = false;
    std::unordered_map<std::string, std::optional<FolderId>> m_folders;
    std::map<FolderId, std::vector<std::string>> m_mediaDirs;  // folder -> its spellings in the project
    // folder -> file name -> what it is ("the media file of sample 12"), loaded on demand
    std::map<FolderId, std::unordered_map<std::string, std::string>> m_names;
};

}  // namespace winnow::core
