#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <map>
#include <system_error>

#include "core/dataset/sample_store.h"
#include "core/media/image_loader.h"
#include "core/review/exporters.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

// True when `p` (after resolving . and ..) lies inside `root`.
bool inside(const fs::path& root, const fs::path& p) {
    auto r = fs::weakly_canonical(root);
    auto c = fs::weakly_canonical(p);
    auto [ri, ci] = std::mismatch(r.begin(), r.end(), c.begin(), c.end());
    return ri == r.end();
}

void writePng(const Image& img, const fs::path& out) {
    int type = img.channels == 1 ? CV_8UC1 : CV_8UC3;
    cv::Mat m(img.height, img.width, type, const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat bgr;
    if (img.channels == 3) cv::cvtColor(m, bgr, cv::COLOR_RGB2BGR);
    else bgr = m;
    if (!cv::imwrite(out.string(), bgr)) throw Error("cannot write " + out.string());
}

}  // namespace

ImageFolderReport exportImageFolder(Project& project, const fs::path& target,
                                    const ImageFolderOptions& options, const ProgressFn& progress,
                                    const CancelToken* cancel) {
    std::error_code ec;
    if (fs::exists(target, ec)) {
        if (!fs::is_directory(target)) throw Error(target.string() + " exists and is not a folder");
        if (!fs::is_empty(target) && !options.force)
            throw Error(target.string() +
                        " is not empty; choose an empty folder or allow writing into it");
    }
    fs::create_directories(target, ec);
    if (ec) throw Error("cannot create " + target.string() + ": " + ec.message());

    std::map<int, std::string> names;
    auto cs = project.db().prepare("SELECT idx, name FROM classes");
    while (cs.step()) names[cs.int32(0)] = safePathComponent(cs.text(1));

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
        fs::path dir = target / splitName(s->split) / names[label];
        fs::path src = s->path;
        std::string ext = s->kind == MediaKind::ArrayRecord ? ".png" : src.extension().string();
        fs::path out = dir / (std::to_string(s->id) + safePathComponent(ext));
        if (!inside(target, dir)) throw Error("refusing to write outside " + target.string());
        fs::create_directories(dir);
        if (fs::exists(fs::symlink_status(out))) fs::remove(out);
        if (s->kind == MediaKind::ArrayRecord) {
            writePng(loader.load(*s), out);
        } else if (options.copy) {
            fs::copy_file(src, out, fs::copy_options::overwrite_existing, ec);
            if (ec) throw Error("cannot copy " + src.string() + ": " + ec.message());
        } else {
            fs::create_symlink(fs::absolute(src), out, ec);
            if (ec) throw Error("cannot link " + out.string() + ": " + ec.message());
        }
        ++report.written;
    }
    reporter.done("exported " + std::to_string(report.written) + " samples");
    return report;
}

}  // namespace winnow::core
