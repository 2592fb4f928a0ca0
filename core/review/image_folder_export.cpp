#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <map>
#include <set>
#include <system_error>

#include "core/dataset/sample_store.h"
#include "core/dataset/image_loader.h"
#include "core/review/exporters.h"
#include "core/store/project.h"
#include "core/store/protected_paths.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxComponentBytes = 100;

// True when `p` (after resolving . and ..) lies inside `root`.
bool inside(const fs::path& root, const fs::path& p) {
    auto r = fs::weakly_canonical(root);
    auto c = fs::weakly_canonical(p);
    auto [ri, ci] = std::mismatch(r.begin(), r.end(), c.begin(), c.end());
    return ri == r.end();
}

// Cuts `s` to at most `bytes` bytes without splitting a UTF-8 sequence.
std::string truncateUtf8(std::string s, size_t bytes) {
    if (s.size() <= bytes) return s;
    size_t n = bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s.resize(n);
    return s;
}

std::string hashTag(const std::string& s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : s) {
        h ^= c;
        h *= 16777619u;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "~%08x", h);
    return buf;
}

std::string lowerAscii(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Creates `dir` and its missing parents, remembering each folder it created.
void makeFolders(const fs::path& dir, std::vector<fs::path>& created) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = dir; !p.empty() && !fs::exists(fs::symlink_status(p, ec)); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.root_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0777) != 0 && errno != EEXIST) throwIoError("creating folder", *it, errno);
        created.push_back(*it);
    }
}

// A symbolic link made under a temporary name and renamed into place.
void linkAtomically(const fs::path& to, const fs::path& link) {
    fs::path tmp = link.parent_path() / ("." + link.filename().string() + ".tmp-link-" + std::to_string(::getpid()));
    ::unlink(tmp.c_str());
    if (::symlink(to.c_str(), tmp.c_str()) != 0) throwIoError("creating link", link, errno);
    if (::rename(tmp.c_str(), link.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throwIoError("creating link", link, err);
    }
}

void writePng(const Image& img, const fs::path& out) {
    int type = img.channels == 1 ? CV_8UC1 : CV_8UC3;
    cv::Mat m(img.height, img.width, type, const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat bgr;
    if (img.channels == 3) cv::cvtColor(m, bgr, cv::COLOR_RGB2BGR);
    else bgr = m;
    std::vector<uchar> png;
    if (!cv::imencode(".png", bgr, png)) throw Error("cannot encode " + out.string() + " as PNG");
    writeFileAtomically(out, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()),
                        AtomicFile::Sync::No);
}

}  // namespace

std::string safePathComponent(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f || c == ':') out += '_';
        else out += char(c);
    }
    out = truncateUtf8(std::move(out), kMaxComponentBytes);
    if (!out.empty() && out != "." && out != "..") return out;
    std::string wrapped(1, '_');
    wrapped.append(out);
    wrapped.push_back('_');
    return wrapped;
}

std::vector<std::string> classFolderNames(const std::vector<std::string>& classNames) {
    std::vector<std::string> folders;
    std::set<std::string> taken;  // compared ignoring ASCII case, for case-insensitive targets
    for (const auto& name : classNames) {
        std::string folder = safePathComponent(name);
        if (folder != name) folder += hashTag(name);
        const std::string base = folder;
        for (int n = 2; taken.count(lowerAscii(folder)); ++n) folder = base + "~" + std::to_string(n);
        taken.insert(lowerAscii(folder));
        folders.push_back(folder);
    }
    return folders;
}

ImageFolderReport exportImageFolder(Project& project, const fs::path& target,
                                    const ImageFolderOptions& options, const ProgressFn& progress,
                                    const CancelToken* cancel) {
    ProtectedPaths guard(project);
    guard.refuse(target);
    std::error_code ec;
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target)) throw Error(target.string() + " exists and is not a folder");
        if (!fs::is_empty(target) && !options.force)
            throw Error(target.string() +
                        " is not empty; choose an empty folder or allow writing into it");
    }

    std::vector<std::string> classNames;
    std::vector<int> classIdx;
    {
        auto cs = project.db().prepare("SELECT idx, name FROM classes ORDER BY idx");
        while (cs.step()) {
            classIdx.push_back(cs.int32(0));
            classNames.push_back(cs.text(1));
        }
    }
    const std::vector<std::string> folderList = classFolderNames(classNames);
    std::map<int, std::string> folders;
    for (size_t k = 0; k < classIdx.size(); ++k) folders[classIdx[k]] = folderList[k];

    SampleStore store(project.db());
    SampleTable table = store.loadTable();
    std::vector<int8_t> excluded(table.size(), 0);
    {
        auto ex = project.db().prepare("SELECT excluded FROM samples ORDER BY id");
        for (size_t i = 0; ex.step() && i < excluded.size(); ++i) excluded[i] = int8_t(ex.int32(0));
    }
    ImageLoader loader(project.db());
    ImageFolderReport report;
    ProgressReporter reporter(progress, cancel, int64_t(table.size()), 256);

    // Everything this export creates, removed again when it fails or is cancelled, so that a
    // failed export never looks like a complete one. (Files it replaced in a forced export
    // into a used folder stay replaced.)
    std::vector<fs::path> createdFolders, createdFiles;
    auto put = [&](const fs::path& out, const auto& write) {
        guard.refuse(out);
        const bool existed = fs::exists(fs::symlink_status(out, ec));
        write();
        if (!existed) createdFiles.push_back(out);
    };
    try {
        makeFolders(target, createdFolders);
        std::set<fs::path> ready;
        for (size_t i = 0; i < table.size(); ++i) {
            reporter.step(1, "exporting");
            int label = table.label[i];
            if (label < 0 || table.status[i] != int8_t(SampleStatus::Ok) ||
                (excluded[i] && !options.includeExcluded) || table.kind[i] == int8_t(MediaKind::VideoClip)) {
                ++report.skipped;
                continue;
            }
            auto s = store.sample(table.ids[i]);
            if (!s) continue;
            fs::path dir = target / splitName(s->split) / folders[label];
            fs::path src = s->path;
            std::string ext = s->kind == MediaKind::ArrayRecord ? ".png" : src.extension().string();
            fs::path out = dir / (std::to_string(s->id) + (ext.empty() ? "" : safePathComponent(ext)));
            if (ready.insert(dir).second) {
                if (!inside(target, dir)) throw Error("refusing to write outside " + target.string());
                makeFolders(dir, createdFolders);
            }
            if (s->kind == MediaKind::ArrayRecord) {
                put(out, [&] { writePng(loader.load(*s), out); });
            } else if (options.copy) {
                put(out, [&] { copyFileAtomically(src, out, AtomicFile::Sync::No); });
            } else {
                put(out, [&] { linkAtomically(fs::absolute(src), out); });
            }
            ++report.written;
        }
        // Which folder holds which class: names were made safe and unique, so the mapping
        // cannot be read back from the folder names alone.
        nlohmann::json mapping = nlohmann::json::array();
        for (size_t k = 0; k < classIdx.size(); ++k) {
            nlohmann::json c;
            c["index"] = classIdx[k];
            c["name"] = classNames[k];
            c["folder"] = folderList[k];
            mapping.push_back(c);
        }
        nlohmann::json doc;
        doc["classes"] = mapping;
        const fs::path mappingFile = target / "classes.json";
        put(mappingFile, [&] { writeFileAtomically(mappingFile, dumpJson(doc) + "\n"); });
    } catch (...) {
        for (auto it = createdFiles.rbegin(); it != createdFiles.rend(); ++it) fs::remove(*it, ec);
        for (auto it = createdFolders.rbegin(); it != createdFolders.rend(); ++it) fs::remove(*it, ec);
        throw;
    }
    reporter.done("exported " + std::to_string(report.written) + " samples");
    return report;
}

}  // namespace winnow::core
