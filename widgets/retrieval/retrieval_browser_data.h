#pragma once
#include <QString>
#include <QStringList>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/retrieval/retrieval_export.h"
#include "core/retrieval/retrieval_failures.h"
#include "core/retrieval/retrieval_store.h"

namespace winnow::widgets {

// One failure as the browser shows it: the core record plus its texts and image paths,
// resolved once on a worker so the GUI thread only reads.
struct RetrievalFailureRow {
    int64_t runId = 0;      // the evaluation it belongs to
    core::RetrievalFailure failure;
    QString kindShort;      // "top-1, lost from top 5"
    QString kindText;       // "attack item is top-1, lost from the top 5"
    QString query;          // caption (t2i) or image path (i2t)
    QString queryShort;     // the query as a table shows it (i2t: the path inside the image folder)
    QString queryImage;     // i2t: the query image's path
    QString truth;          // ground-truth captions joined by " | " (i2t) or the image path (t2i)
    QString truthImage;     // t2i: the original image's path
    QString top1;           // the top-1 item, as text
    QString top1Image;      // t2i: its image (an altered copy: its base image)
    QString bestAttack;     // the best attack item, as text
    QString bestAttackImage;
    QString partnerImage;   // t2i altered copy: the partner blended in (empty: unknown)
    QString swapped;        // "man>criminal" for an adversarial caption, else empty
    bool top1IsAttack = false;
};

// Everything the failure browser shows of one stored evaluation run.
struct RetrievalBrowserData {
    core::RetrievalRun run;
    core::EncoderRecord encoder;
    core::StoredCaptionSet set;
    std::vector<core::RetrievalResultRow> results;
    std::vector<RetrievalFailureRow> failures;  // sorted by margin, largest first
    std::vector<core::LeaderboardEntry> swapBoard, galleryBoard;
    QStringList attacks;                         // distinct attack names of the failures
    QString tiesNote, normalisationNote;
};

// Texts of core's codes in the interface language (core keeps its English for the CLI and
// the exports): a run state ("completed"), an attack kind ("clean", "caption", "mix",
// "patch"), a failure's kinds ("attack item is top-1, lost from the top 5").
QString retrievalRunStateText(const std::string& status);
QString retrievalAttackKindText(const std::string& kind);
QString retrievalFailureKindText(unsigned kinds, int lostFromTop);
// The same in a few words for a table cell ("above the truth, top-1").
QString retrievalFailureKindShortText(unsigned kinds, int lostFromTop);
// The ties rule and the caption normalisation as sentences, translated.
QString retrievalTiesText();
QString retrievalNormalisationText();
// `path` relative to `folder` when it lies inside it, else its file name (a short form for
// a table cell; the whole path goes in the tooltip).
QString shortImagePath(const QString& path, const QString& folder);

// `text` with every path inside `folder` written relative to it ("mix of images/1.png and
// images/2.png").
QString withPathsInside(const QString& text, const QString& folder);

// Reads a run (opening the project read-only); throws core::Error when it does not exist.
// Runs on a worker thread.
std::shared_ptr<RetrievalBrowserData> loadRetrievalBrowserData(const std::filesystem::path& projectFile,
                                                              int64_t runId);

// The project's evaluation runs, newest first, as "#id set · encoder · status" (worker or GUI).
struct RetrievalRunSummary {
    int64_t id = 0;
    int64_t setId = 0;
    QString text;
    QString status;
};
std::vector<RetrievalRunSummary> listRetrievalRuns(const std::filesystem::path& projectFile);

// A second run beside the shown one: its data and the two side by side (core's comparison
// table, the one the exports use). Throws core::Error when the runs are on different caption
// sets (their queries cannot be matched). Worker thread.
struct RetrievalComparisonData {
    std::shared_ptr<RetrievalBrowserData> other;
    core::ComparisonTable table;  // columns: the shown run, then the other
};
std::shared_ptr<RetrievalComparisonData> loadRetrievalComparison(const std::filesystem::path& projectFile,
                                                                int64_t runId, int64_t otherRunId);

}  // namespace winnow::widgets
