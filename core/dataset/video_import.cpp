// Video folder import and the per-file check shared with the CSV import.
#include "core/dataset/video_import.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <cstdio>

#include "core/dataset/folder_walk.h"
#include "core/store/project.h"
#include "core/util/regular_file.h"
#include "core/util/error.h"
#include "core/util/number_text.h"

#ifdef WINNOW_HAVE_FFMPEG
#include "core/media/video_decoder.h"
#endif

namespace winnow::core {
namespace fs = std::filesystem;

#ifdef WINNOW_HAVE_FFMPEG

namespace {

std::string fixed(double v, int digits) { return formatNumber(v, digits); }

bool hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name.front() == '.';
}

}  // namespace

VideoCheck checkVideo(const fs::path& file, VerifyMode mode) {
    VideoCheck c;
    // FFmpeg would block forever opening a FIFO (and read a device without end): only
    // regular files are handed to it.
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        c.error = errno == ENOENT || errno == ENOTDIR ? "file not found" : std::strerror(errno);
        return c;
    }
    if (!S_ISREG(st.st_mode)) {
        c.error = "not a regular file (" + fileTypeName(st.st_mode) + ")";
        return c;
    }
    try {
        VideoDecoder dec(file);
        c.info = dec.info();
        const int64_t declared = c.info.frameCount;
        // Estimated counts and uneven timestamps are settled by reading the packets.
        if (mode == VerifyMode::Full || !c.info.frameCountExact || c.info.variableFrameRate) {
            const VideoInfo scanned = probeVideo(file, ProbeOptions{true});
            c.info.frameCount = scanned.frameCount;
            c.info.frameCountExact = true;
            c.info.variableFrameRate = c.info.variableFrameRate || scanned.variableFrameRate;
        }
        if (c.info.frameCount <= 0)
            throw Error(file.string() + ": the video stream holds no frames");
        dec.frame(0);
        // The last frame proves the file is whole; a truncated file stops earlier.
        const int64_t last = c.info.frameCount - 1;
        int64_t reached = -1;
        dec.frame(last, &reached);
        if (reached < last) {
            c.notes.push_back("truncated or damaged: only frames 0-" + std::to_string(reached) +
                              " decode (the file declares " + std::to_string(declared) +
                              "); clip shortened");
            c.info.frameCount = reached + 1;
        }
        if (c.info.variableFrameRate)
            c.notes.push_back("variable frame rate: frame i is the picture shown at i / " +
                              fixed(c.info.fps, 3) + " s");
        if (c.info.rotation != 0)
            c.notes.push_back("rotation metadata " + std::to_string(c.info.rotation) +
                              " degrees: frames are turned upright (" +
                              std::to_string(c.info.width) + "x" +
                              std::to_string(c.info.height) + ")");
        c.ok = true;
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& e) {
        // Like image samples, the stored reason leaves out the path (issues carry it).
        c.error = e.what();
        const std::string prefix = file.string() + ": ";
        if (c.error.compare(0, prefix.size(), prefix) == 0)
            c.error.erase(0, prefix.size());
    } catch (const std::exception& e) {
        c.error = e.what();
    }
    return c;
}

void storeVideoInfo(Project& project, const fs::path& file, const VideoInfo& info) {
    Statement st = project.db().prepare(
        "INSERT OR REPLACE INTO videos(path, duration, fps, frames, width, height, codec,"
        " pix_fmt, rotation) VALUES(?,?,?,?,?,?,?,?,?)");
    st.bind(1, file.string())
        .bind(2, info.durationSec)
        .bind(3, info.fps)
        .bind(4, info.frameCount)
        .bind(5, info.width)
        .bind(6, info.height)
        .bind(7, info.codec)
        .bind(8, info.pixFmt)
        .bind(9, info.rotation);
    st.run();
}

void importVideoFolder(ImportContext& ctx) {
    const fs::path root = ctx.options().source;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error(root.string() + ": not a folder (expected class/clip video files)");

    struct Item {
        fs::path path;
        std::string label;
    };
    std::vector<Item> items;
    std::vector<fs::path> classDirs;
    fs::directory_iterator top(root, ec);
    if (ec) throw Error("cannot read " + root.string() + ": " + ec.message());
    for (; top != fs::directory_iterator(); top.increment(ec)) {
        if (ec) throw Error("cannot read " + root.string() + ": " + ec.message());
        const auto& e = *top;
        if (hidden(e.path()))
            continue;
        std::error_code sec;
        if (e.is_directory(sec))
            classDirs.push_back(e.path());
        else if (sec && sec != std::errc::no_such_file_or_directory)
            ctx.addIssue({e.path().string(), -1, "cannot read: " + sec.message()}, true);
        else
            ctx.addIssue({e.path().string(), -1, "not inside a class folder; skipped"}, true);
    }
    std::sort(classDirs.begin(), classDirs.end());
    // The same walk as the image folder import: every readable entry, unreadable folders
    // reported by their own path, no symbolic link out of the tree or round a loop.
    FolderWalker walker(root, [&](const fs::path& p, const std::string& why) {
        ctx.addIssue({fs::absolute(p).lexically_normal().string(), -1, why}, true);
    });
    for (const auto& dir : classDirs) {
        std::vector<fs::path> files;
        walker.walk(dir, [&](const fs::directory_entry& e) {
            std::error_code fec;
            if (!e.is_regular_file(fec))
                return;
            if (isVideoExtension(e.path()))
                files.push_back(e.path());
            else
                ctx.addIssue({e.path().string(), -1,
                              "not a video file (.mp4, .avi, .mkv, .webm, .mov); skipped"},
                             true);
        });
        std::sort(files.begin(), files.end());
        for (auto& f : files)
            items.push_back({fs::absolute(f).lexically_normal(), dir.filename().string()});
    }

    const Split split = ctx.options().split.value_or(Split::Train);
    const int64_t total = int64_t(items.size());
    for (int64_t i = 0; i < total; ++i) {
        const Item& item = items[size_t(i)];
        ctx.progress(i, total, "probing videos");
        const VideoCheck check = checkVideo(item.path, ctx.options().verify);
        NewSample s;
        s.kind = MediaKind::VideoClip;
        s.path = item.path.string();
        s.label = item.label;
        s.split = split;
        if (check.ok) {
            s.frameStart = 0;
            s.frameEnd = check.info.frameCount;
            s.width = check.info.width;
            s.height = check.info.height;
            storeVideoInfo(ctx.project(), item.path, check.info);
            for (const auto& note : check.notes)
                ctx.addIssue({s.path, -1, note}, false);
        } else {
            s.status = SampleStatus::Unreadable;
            s.error = check.error;  // the driver records it as the file's issue
        }
        ctx.addSample(s);
    }
    ctx.progress(total, total, "probing videos");
}

#else

VideoCheck checkVideo(const fs::path& file, VerifyMode) {
    VideoCheck c;
    c.error = file.string() + ": this build has no video support (built without FFmpeg)";
    return c;
}

void storeVideoInfo(Project&, const fs::path&, const VideoInfo&) {}

void importVideoFolder(ImportContext& ctx) {
    throw Error(ctx.options().source.string() +
                ": this build has no video support (built without FFmpeg)");
}

#endif

}  // namespace winnow::core
