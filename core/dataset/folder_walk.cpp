#include "core/dataset/folder_walk.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

bool identity(const fs::path& p, std::pair<dev_t, ino_t>& id, std::string& why) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
        why = std::strerror(errno);
        return false;
    }
    id = {st.st_dev, st.st_ino};
    return true;
}

}  // namespace

FolderWalker::FolderWalker(const fs::path& root, ProblemFn onProblem) : m_problem(std::move(onProblem)) {
    std::error_code ec;
    m_root = fs::canonical(root, ec);
    if (ec) m_root = fs::absolute(root).lexically_normal();
    std::pair<dev_t, ino_t> id;
    std::string why;
    if (identity(m_root, id, why)) m_walked.insert(id);
}

bool FolderWalker::hidden(const fs::path& p) {
    const std::string n = p.filename().string();
    return !n.empty() && n[0] == '.';
}

bool FolderWalker::inside(const fs::path& canonical) const {
    const std::string r = m_root.string(), c = canonical.string();
    if (c == r) return true;
    const std::string prefix = r.back() == '/' ? r : r + "/";
    return c.compare(0, prefix.size(), prefix) == 0;
}

std::string FolderWalker::refusal(const fs::path& dir) const {
    std::error_code ec;
    if (fs::is_symlink(dir, ec)) {
        fs::path target = fs::canonical(dir, ec);
        if (ec) return "cannot follow symbolic link: " + ec.message();
        if (!inside(target))
            return "symbolic link to " + target.string() + ", outside the source folder; not followed";
    }
    std::pair<dev_t, ino_t> id;
    std::string why;
    if (!identity(dir, id, why)) return "cannot read folder: " + why;
    if (m_walked.count(id))
        return fs::is_symlink(dir, ec)
                   ? "symbolic link to a folder that is already walked (a loop or a second way in); not followed"
                   : "folder already walked; skipped";
    return {};
}

void FolderWalker::walk(const fs::path& dir, const FileFn& onFile) {
    if (std::string why = refusal(dir); !why.empty()) {
        m_problem(dir, why);
        return;
    }
    std::pair<dev_t, ino_t> id;
    std::string why;
    if (identity(dir, id, why)) m_walked.insert(id);

    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        m_problem(dir, "cannot read folder: " + ec.message());
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
    }
    if (ec) m_problem(dir, "cannot list every entry of this folder: " + ec.message());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });

    for (const auto& e : entries) {
        if (hidden(e.path())) continue;
        std::error_code sec;
        const bool isDir = e.is_directory(sec);  // follows symbolic links
        if (sec && sec != std::errc::no_such_file_or_directory) {
            m_problem(e.path(), "cannot read: " + sec.message());
            continue;
        }
        if (isDir) walk(e.path(), onFile);
        else onFile(e);
    }
}

}  // namespace winnow::core
