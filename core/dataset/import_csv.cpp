// CSV manifest: path,label[,split]. An optional header row names the columns (in any order);
// without one the columns are positional. Paths are relative to the CSV's folder.
#include <algorithm>
#include <cctype>

#include "core/dataset/csv_reader.h"
#include "core/dataset/import_formats.h"
#include "core/media/image_probe.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int columnRole(const std::string& name) {
    static const char* kPath[] = {"path", "file", "filename", "file_name", "filepath", "file_path",
                                  "image", "img", "image_path", "imagepath"};
    static const char* kLabel[] = {"label", "class", "class_name", "classname", "category", "target"};
    static const char* kSplit[] = {"split", "subset", "set", "partition"};
    std::string l = lower(name);
    for (auto* k : kPath) if (l == k) return 0;
    for (auto* k : kLabel) if (l == k) return 1;
    for (auto* k : kSplit) if (l == k) return 2;
    return -1;
}

struct Columns {
    int path = 0, label = 1, split = 2;
};

// A first row is a header when it names a path column and a label column.
bool detectHeader(const std::vector<std::string>& row, Columns& cols) {
    Columns c{-1, -1, -1};
    for (size_t i = 0; i < row.size(); ++i) {
        int role = columnRole(row[i]);
        if (role == 0 && c.path < 0) c.path = int(i);
        if (role == 1 && c.label < 0) c.label = int(i);
        if (role == 2 && c.split < 0) c.split = int(i);
    }
    if (c.path < 0 || c.label < 0) return false;
    cols = c;
    return true;
}

const std::string& field(const std::vector<std::string>& row, int i) {
    static const std::string empty;
    return i >= 0 && size_t(i) < row.size() ? row[size_t(i)] : empty;
}

}  // namespace

void importCsv(ImportContext& ctx) {
    const fs::path csv = ctx.options().source;
    std::error_code ec;
    if (fs::is_directory(csv, ec))
        throw Error("cannot import " + csv.string() + " as CSV: it is a folder, not a CSV file");
    CsvReader reader(csv);
    const fs::path base = fs::absolute(csv).parent_path();
    const std::string csvPath = normalisedPath(csv);
    const Split defaultSplit = ctx.options().split.value_or(Split::Train);

    // Most manifests hold plain relative paths: join them as strings and keep the (slow)
    // general path normalisation for the rest.
    std::string baseStr = base.lexically_normal().string();
    if (baseStr.size() > 1 && baseStr.back() == '/') baseStr.pop_back();
    auto resolve = [&](const std::string& rel) {
        bool plain = rel[0] != '/' && rel[0] != '.' && rel.find("/.") == std::string::npos &&
                     rel.find("//") == std::string::npos && rel.back() != '/';
        if (plain) return baseStr + "/" + rel;
        fs::path p = fs::path(rel).is_absolute() ? fs::path(rel) : base / rel;
        return p.lexically_normal().string();
    };
    const std::string progressText = "importing " + csv.filename().string();

    Columns cols;
    std::vector<std::string> row;
    ImageBatcher batcher(ctx);
    int64_t line = 0, rows = 0;
    std::string error;
    bool first = true;
    ctx.progress(0, reader.fileSize(), "reading " + csv.filename().string());
    while (reader.next(row, line, error)) {
        if (first) {
            first = false;
            if (detectHeader(row, cols)) continue;
        }
        if (!error.empty()) {
            ctx.addIssue({csvPath, line, "malformed row: " + error + "; skipped"}, true);
            continue;
        }
        const std::string& rel = field(row, cols.path);
        const std::string& label = field(row, cols.label);
        if (rel.empty()) {
            ctx.addIssue({csvPath, line, "row has no path; skipped"}, true);
            continue;
        }
        std::string path = resolve(rel);
        if (label.empty()) {
            ctx.addIssue({path, line, "row has no label; skipped"}, true);
            continue;
        }
        if (!isValidUtf8(label)) {
            ctx.addIssue({path, line, "label is not valid UTF-8; skipped"}, true);
            continue;
        }
        if (!hasImageExtensionName(path)) {
            std::string ext = fs::path(path).extension().string();
            ctx.addIssue({path, line, ext.empty() ? "no file extension; not an image, skipped"
                                                  : "unknown extension '" + ext + "'; not an image, skipped"},
                         true);
            continue;
        }
        Split split = defaultSplit;
        const std::string& s = field(row, cols.split);
        if (!ctx.options().split && !s.empty()) {
            if (auto parsed = parseSplit(s)) split = *parsed;
            else ctx.addIssue({path, line, "unknown split '" + s + "'; imported as " +
                                               splitName(defaultSplit)}, false);
        }
        batcher.add({std::move(path), label, split, line});
        if ((++rows & 1023) == 0) ctx.progress(reader.bytesRead(), reader.fileSize(), progressText);
    }
    batcher.finish();
}

}  // namespace winnow::core
