// ImageFolder: <root>/<class>/**/<image>. The class is the first-level folder name; images
// in deeper folders count for that class (as torchvision's ImageFolder does for one level).
// The tree is walked by FolderWalker (folder_walk.h): unreadable folders are issues of their
// own, symbolic links never lead out of the source folder or round in a loop.
#include <algorithm>
#include <system_error>

#include "core/dataset/folder_walk.h"
#include "core/dataset/import_formats.h"
#include "core/media/image_probe.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) { return FolderWalker::hidden(p); }

struct Walk {
    ImportContext& ctx;
    std::vector<PendingImage> pending;

    // Files that cannot become samples are issues now; images wait for probing.
    void consider(const fs::directory_entry& e, const std::string& label) {
        std::error_code ec;
        std::string path = normalisedPath(e.path());
        if (e.is_symlink(ec) && !fs::exists(e.path(), ec)) {
            ctx.addIssue({path, -1, "broken symbolic link; skipped"}, true);
            return;
        }
        if (!e.is_regular_file(ec)) {
            ctx.addIssue({path, -1, "not a regular file; skipped"}, true);
            return;
        }
        if (!hasImageExtension(e.path())) {
            std::string ext = e.path().extension().string();
            ctx.addIssue({path, -1, ext.empty() ? "no file extension; not an image, skipped"
                                                : "unknown extension '" + ext + "'; not an image, skipped"},
                         true);
            return;
        }
        if (label.empty()) {
            ctx.addIssue({path, -1, "image is not inside a class folder; skipped"}, true);
            return;
        }
        pending.push_back({path, label, ctx.options().split.value_or(Split::Train), -1});
    }

    void walkClass(FolderWalker& walker, const fs::path& dir, const std::string& label) {
        walker.walk(dir, [&](const fs::directory_entry& e) {
            // A cancel is noticed within a few thousand entries, even in one huge folder.
            if ((++seen & 4095) == 0) ctx.progress(0, 1, "scanning " + dir.string());
            consider(e, label);
        });
    }
    int64_t seen = 0;
};

}  // namespace

void importImageFolder(ImportContext& ctx) {
    const fs::path root = ctx.options().source;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error("cannot import " + root.string() + " as an image folder: not a folder");
    std::vector<fs::directory_entry> top;
    fs::directory_iterator it(root, ec);
    if (ec) throw Error("cannot read " + root.string() + ": " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) throw Error("cannot read " + root.string() + ": " + ec.message());
        if (!hidden(it->path())) top.push_back(*it);
    }
    std::sort(top.begin(), top.end(), [](auto& a, auto& b) { return a.path() < b.path(); });

    Walk w{ctx, {}, 0};
    FolderWalker walker(root, [&](const fs::path& p, const std::string& why) {
        ctx.addIssue({normalisedPath(p), -1, why}, true);
    });
    ctx.progress(0, 1, "scanning " + root.string());
    for (const auto& e : top) {
        std::error_code sec;
        const bool isDir = e.is_directory(sec);
        if (sec && sec != std::errc::no_such_file_or_directory) {
            ctx.addIssue({normalisedPath(e.path()), -1, "cannot read: " + sec.message()}, true);
            continue;
        }
        if (isDir) {
            std::string label = e.path().filename().string();
            size_t before = w.pending.size();
            w.walkClass(walker, e.path(), label);
            // Classes numbered in folder-name order (as ImageFolder does), empty ones left out.
            if (w.pending.size() > before) ctx.declareClass(label);
            ctx.progress(0, 1, "scanning " + e.path().string());
        } else {
            w.consider(e, "");
        }
    }
    std::sort(w.pending.begin(), w.pending.end(),
              [](const PendingImage& a, const PendingImage& b) { return a.path < b.path; });
    ImageBatcher batcher(ctx);
    const int64_t total = int64_t(w.pending.size());
    for (int64_t i = 0; i < total; ++i) {
        batcher.add(std::move(w.pending[size_t(i)]));
        if ((i & 1023) == 0) ctx.progress(i, total, "checking images");
    }
    batcher.finish();
}

}  // namespace winnow::core
