#pragma once
#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <utility>

namespace winnow::core {

// Walks the class folders of a folder-shaped source (imagefolder, video-folder) so that
// every readable entry is seen, whatever else in the tree fails:
//  - a folder that cannot be listed (permissions, I/O error, name too long) is reported by
//    its own path and its siblings are still walked;
//  - a symbolic link to a folder is followed only when its target lies inside the source
//    folder and has not been walked yet: `rootlink -> /` is not walked, `loop -> .` cannot
//    loop or walk the same images twice (folders are told apart by (device, inode));
//  - hidden entries (".name") are left out.
// Entries are visited in name order, so an import is the same on every file system.
class FolderWalker {
public:
    using FileFn = std::function<void(const std::filesystem::directory_entry&)>;
    using ProblemFn = std::function<void(const std::filesystem::path&, const std::string&)>;

    // `root`: the source folder. Its own (device, inode) counts as walked already.
    FolderWalker(const std::filesystem::path& root, ProblemFn onProblem);

    // Why the folder `dir` (an entry of the tree, possibly a symbolic link) must not be
    // walked ("" when it may be). Records nothing.
    std::string refusal(const std::filesystem::path& dir) const;

    // Walks `dir` recursively, calling onFile for every entry that is not a folder (regular
    // files, broken links, FIFOs...: the caller decides). Problems go to onProblem.
    void walk(const std::filesystem::path& dir, const FileFn& onFile);

    static bool hidden(const std::filesystem::path& p);

private:
    bool inside(const std::filesystem::path& canonical) const;
    std::filesystem::path m_root;  // canonical
    ProblemFn m_problem;
    std::set<std::pair<dev_t, ino_t>> m_walked;
};

}  // namespace winnow::core
