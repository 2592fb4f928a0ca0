// CSV manifest of clips: path,label[,split][,start][,end], times in seconds. One long video
// may be listed many times with different [start, end) to cut it into clips; it is probed
// once. An optional header row names the columns in any order.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "core/dataset/csv_reader.h"
#include "core/dataset/video_import.h"
#include "core/util/error.h"
#include "core/util/number_text.h"

namespace winnow::core {
namespace fs = std::filesystem;

#ifdef WINNOW_HAVE_FFMPEG

namespace {

struct Columns {
    int path = 0, label = 1, split = -1, start = -1, end = -1;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// Seconds as written in the manifest: plain decimal digits with an optional fraction
// ("12", "2.5", ".5"). Not hex ("0x10"), exponents, "inf"/"nan", signs or spaces, and not
// dependent on the locale (parseNumber). nullopt for anything else.
std::optional<double> parseSeconds(const std::string& s) {
    if (s.empty() || s.size() > 32)
        return std::nullopt;
    size_t dots = 0, digits = 0;
    for (char ch : s) {
        if (ch == '.') ++dots;
        else if (ch >= '0' && ch <= '9') ++digits;
        else return std::nullopt;
    }
    if (dots > 1 || digits == 0)
        return std::nullopt;
    return parseNumber(s);
}

// A header names its columns; without one the columns are positional, where a number in
// the third column means start/end follow the label directly (no split column).
bool detectColumns(const std::vector<std::string>& row, Columns& c) {
    Columns named{-1, -1, -1, -1, -1};
    for (size_t i = 0; i < row.size(); ++i) {
        const std::string n = lower(row[i]);
        const int idx = int(i);
        if (n == "path" || n == "file" || n == "filename" || n == "video") named.path = idx;
        else if (n == "label" || n == "class" || n == "category") named.label = idx;
        else if (n == "split" || n == "subset" || n == "set") named.split = idx;
        else if (n == "start" || n == "start_s" || n == "begin" || n == "from") named.start = idx;
        else if (n == "end" || n == "end_s" || n == "stop" || n == "to") named.end = idx;
    }
    if (named.path >= 0) {
        c = named;
        return true;
    }
    c = Columns{};
    if (row.size() > 2 && (row[2].empty() || parseSeconds(row[2]))) {
        c.start = 2;
        c.end = row.size() > 3 ? 3 : -1;
    } else {
        c.split = row.size() > 2 ? 2 : -1;
        c.start = row.size() > 3 ? 3 : -1;
        c.end = row.size() > 4 ? 4 : -1;
    }
    return false;
}

const std::string& field(const std::vector<std::string>& row, int i) {
    static const std::string empty;
    return i >= 0 && size_t(i) < row.size() ? row[size_t(i)] : empty;
}

std::string seconds(double v) { return formatNumber(v, 3) + " s"; }

}  // namespace

void importVideoCsv(ImportContext& ctx) {
    const fs::path csv = ctx.options().source;
    CsvReader reader(csv);
    const fs::path base = fs::absolute(csv).parent_path();
    const Split defaultSplit = ctx.options().split.value_or(Split::Train);

    std::map<std::string, VideoCheck> probed;   // one probe per video, however many clips
    std::set<std::string> reportedUnreadable;
    std::vector<std::string> row;
    int64_t line = 0;
    std::string err;
    Columns cols;
    bool first = true;
    while (reader.next(row, line, err)) {
        ctx.progress(reader.bytesRead(), std::max<int64_t>(reader.fileSize(), 1),
                     "probing videos");
        if (first) {
            first = false;
            if (detectColumns(row, cols))
                continue;
        }
        const std::string where = csv.string();
        if (!err.empty()) {
            ctx.addIssue({where, line, err + "; row skipped"}, true);
            continue;
        }
        const std::string& rawPath = field(row, cols.path);
        if (rawPath.empty()) {
            ctx.addIssue({where, line, "empty path; row skipped"}, true);
            continue;
        }
        fs::path p(rawPath);
        if (p.is_relative())
            p = base / p;
        p = p.lexically_normal();
        const std::string path = p.string();

        NewSample s;
        s.kind = MediaKind::VideoClip;
        s.path = path;
        s.line = line;  // every issue about this row names its line
        s.label = field(row, cols.label);
        if (s.label.empty()) {
            ctx.addIssue({path, line, "row has no label; skipped"}, true);
            continue;
        }
        s.split = defaultSplit;
        const std::string& splitText = field(row, cols.split);
        if (!ctx.options().split && !splitText.empty()) {
            if (auto parsed = parseSplit(splitText))
                s.split = *parsed;
            else
                ctx.addIssue({path, line, "unknown split '" + splitText + "'; imported as " +
                                              splitName(defaultSplit)}, false);
        }
        const std::string& startText = field(row, cols.start);
        const std::string& endText = field(row, cols.end);
        const std::optional<double> start = parseSeconds(startText);
        const std::optional<double> end = parseSeconds(endText);
        if ((!startText.empty() && !start) || (!endText.empty() && !end)) {
            ctx.addIssue({path, line, "start/end must be seconds >= 0 (got '" + startText +
                                          "', '" + endText + "'); row skipped"}, true);
            continue;
        }

        auto it = probed.find(path);
        if (it == probed.end()) {
            it = probed.emplace(path, checkVideo(p, ctx.options().verify)).first;
            if (it->second.ok) {
                storeVideoInfo(ctx.project(), p, it->second.info);
                for (const auto& note : it->second.notes)
                    ctx.addIssue({path, line, note}, false);
            }
        }
        const VideoCheck& check = it->second;
        if (!check.ok) {
            if (reportedUnreadable.insert(path).second) {
                s.status = SampleStatus::Unreadable;
                s.error = check.error;
                ctx.addSample(s);
            } else {
                ctx.addIssue({path, line, check.error + "; row skipped"}, true);
            }
            continue;
        }
        const VideoInfo& info = check.info;
        // Seconds to a frame number, held below frameCount + 2 before rounding: a time far past
        // the end (up to 32 digits) would not fit in 64 bits, and llround would return garbage.
        const auto toFrame = [&](double sec) {
            const double f = sec * info.fps;
            return f < double(info.frameCount) + 2 ? int64_t(std::llround(f)) : info.frameCount + 2;
        };
        int64_t f0 = start ? toFrame(*start) : 0;
        int64_t f1 = end ? toFrame(*end) : info.frameCount;
        if (f1 > info.frameCount) {
            if (f1 > info.frameCount + 1)  // more than rounding: the manifest is wrong
                ctx.addIssue({path, line, "end " + seconds(*end) + " is past the video's end (" +
                                              seconds(double(info.frameCount) / info.fps) +
                                              "); clip cut there"}, false);
            f1 = info.frameCount;
        }
        if (f0 >= f1) {
            ctx.addIssue({path, line, "empty clip: start " + seconds(start.value_or(0.0)) +
                                          " is not before end " +
                                          seconds(double(f1) / info.fps) + "; row skipped"},
                         true);
            continue;
        }
        s.frameStart = f0;
        s.frameEnd = f1;
        s.width = info.width;
        s.height = info.height;
        ctx.addSample(s);
    }
    ctx.progress(1, 1, "probing videos");
}

#else

void importVideoCsv(ImportContext& ctx) {
    throw Error(ctx.options().source.string() +
                ": this build has no video support (built without FFmpeg)");
}

#endif

}  // namespace winnow::core
