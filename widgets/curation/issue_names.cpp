#include "widgets/curation/issue_names.h"

namespace winnow::widgets {

QString IssueNames::displayName(const QString& t) {
    if (t == QLatin1String("exact-duplicate")) return tr("Exact duplicates");
    if (t == QLatin1String("near-duplicate")) return tr("Near duplicates");
    if (t == QLatin1String("leakage")) return tr("Train/test leakage");
    if (t == QLatin1String("duplicate-label-conflict")) return tr("Duplicates with different labels");
    if (t == QLatin1String("outlier")) return tr("Outliers");
    if (t == QLatin1String("neighbour-label-conflict")) return tr("Neighbours carry another label");
    if (t == QLatin1String("dark")) return tr("Dark");
    if (t == QLatin1String("overexposed")) return tr("Overexposed");
    if (t == QLatin1String("low-contrast")) return tr("Low contrast");
    if (t == QLatin1String("blurry")) return tr("Blurry");
    if (t == QLatin1String("low-information")) return tr("Low information");
    if (t == QLatin1String("extreme-aspect")) return tr("Extreme aspect ratio");
    if (t == QLatin1String("tiny")) return tr("Tiny");
    if (t == QLatin1String("grey-colour-mismatch")) return tr("Grey among colour (or colour among grey)");
    return t;
}

bool IssueNames::isDuplicateType(const QString& t) {
    return t == QLatin1String("exact-duplicate") || t == QLatin1String("near-duplicate") ||
           t == QLatin1String("leakage") || t == QLatin1String("duplicate-label-conflict");
}

QString IssueNames::detectorOf(const QString& t) { return QStringLiteral("curation:") + t; }

QString IssueNames::issueOfDetector(const QString& d) {
    return d.startsWith(QLatin1String("curation:")) ? d.mid(9) : QString();
}

}  // namespace winnow::widgets
