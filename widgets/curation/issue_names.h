#pragma once
#include <QCoreApplication>
#include <QString>

namespace winnow::widgets {

// Translated names of the curation issue types ("near-duplicate" -> "Near duplicates").
class IssueNames {
    Q_DECLARE_TR_FUNCTIONS(IssueNames)
public:
    static QString displayName(const QString& issueType);
    // The types reviewed as duplicate groups (exact, near, leakage, duplicate label conflict).
    static bool isDuplicateType(const QString& issueType);
    // ReviewData::detector of a curation issue queue: "curation:<type>".
    static QString detectorOf(const QString& issueType);
    // The issue type of such a detector name; empty for a label-noise detector.
    static QString issueOfDetector(const QString& detector);
};

}  // namespace winnow::widgets
