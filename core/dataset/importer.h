#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/sample.h"
#include "core/util/progress.h"
#include "core/util/sha256.h"

namespace winnow::core {

class Project;

// How much an import checks each image. Header: magic bytes, size from the header and the
// format's end marker (catches truncation cheaply). Full: decodes every image.
enum class VerifyMode { Header, Full };

struct ImportOptions {
    std::string format;                 // imagefolder | csv | idx | cifar | video-folder | video-csv
    std::filesystem::path source;       // folder, CSV file, or IDX/CIFAR file or folder
    std::optional<Split> split;         // overrides/sets the split (CSV rows may carry their own)
    VerifyMode verify = VerifyMode::Header;
    int framesPerClip = 8;              // videos: frames sampled per clip (METHODS §7)
};

struct ImportIssue {
    std::string path;
    int64_t line = -1;                  // CSV line, -1 when not applicable
    std::string reason;
};

struct ImportReport {
    int64_t importId = 0;
    int64_t imported = 0;               // sample rows written (including unreadable ones)
    int64_t unreadable = 0;             // rows written with status Unreadable
    int64_t skipped = 0;                // files/rows that produced no sample
    int64_t issueCount = 0;
    std::vector<ImportIssue> issues;    // the first 1000, for display
    bool cancelled = false;
    // Samples of this import whose content hash equals another sample's (of this import or an
    // earlier one): byte-identical files and pixel-identical records. `winnow-cli issues` groups them.
    int64_t exactCopies = 0;
    // True when the import finished but added no sample that can be used (nothing at all, or
    // only unreadable files): callers report it as a failure (winnow-cli exits 1).
    bool nothingUsable() const { return !cancelled && imported - unreadable <= 0; }
};

// What a format importer writes through. Implemented by the import driver, which batches
// inserts, records issues and owns the transaction.
struct NewSample {
    MediaKind kind = MediaKind::ImageFile;
    std::string path;                   // absolute
    int64_t arrayId = -1;
    int64_t itemIndex = -1;
    int64_t frameStart = -1;
    int64_t frameEnd = -1;
    std::string label;                  // class name; empty = unlabelled
    Split split = Split::Train;
    SampleStatus status = SampleStatus::Ok;
    std::string error;
    int width = 0;
    int height = 0;
    int64_t line = -1;                  // CSV line, for the issue a duplicate or bad file records
    // SHA-256 of the content (file bytes, or a record's geometry and pixels: core/util/sha256.h);
    // empty for clips and unreadable files. Stored as samples.content_sha256.
    std::optional<Sha256Digest> contentHash;
};

class ImportContext {
public:
    virtual ~ImportContext() = default;
    virtual const ImportOptions& options() const = 0;
    virtual Project& project() = 0;
    // Returns false (and records an issue) when the sample duplicates one already present.
    // A sample with status Unreadable also records an issue (reason = s.error) linked to it.
    virtual bool addSample(const NewSample& s) = 0;
    virtual void addIssue(const ImportIssue& issue, bool skipped) = 0;
    // Registers an array cache file (IDX/CIFAR); returns its `arrays` row id.
    virtual int64_t addArray(const std::string& source, const std::string& cacheFile,
                             int64_t count, int height, int width, int channels) = 0;
    // Progress over `total` work units; throws Cancelled when cancelled.
    virtual void progress(int64_t done, int64_t total, const std::string& message) = 0;
    // Creates the class now if new, so a format can fix the dense order of its classes
    // (e.g. "0".."9" for MNIST) instead of the order labels first appear.
    virtual void declareClass(const std::string& name);
    // A fresh path under the project's array cache folder for a cache file named after
    // `stem`; the driver deletes it again if the import is cancelled or fails.
    virtual std::filesystem::path newCacheFile(const std::string& stem);
    // The import's cancel token (nullptr when it cannot be cancelled), for work on other
    // threads that cannot call progress().
    virtual const CancelToken* cancelToken() const { return nullptr; }
};

// One source format. Formats register themselves (see registerImportFormat) so video
// support can live in its own files.
using FormatImporter = std::function<void(ImportContext&)>;
void registerImportFormat(const std::string& name, FormatImporter importer);
// Names of every registered format (the built-in ones are registered on first use).
std::vector<std::string> importFormats();

// Runs a whole import. Never throws for bad input files (they become issues); throws Error
// only when the source itself cannot be read at all. A cancelled import leaves the project
// as it was before the import (report.cancelled = true) and records the attempt.
ImportReport importDataset(Project& project, const ImportOptions& options,
                           const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
