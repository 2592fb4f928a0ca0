#include "widgets/retrieval/retrieval_browser_data.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <set>

#include "core/retrieval/retrieval_evaluation.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::widgets {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// The path of image `index` of the set, empty when out of range.
QString imagePath(const core::CaptionSet& set, int32_t index) {
    if (index < 0 || size_t(index) >= set.images.size()) return {};
    return q(set.images[size_t(index)].path.string());
}

}  // namespace

QString retrievalRunStateText(const std::string& status) {
    if (status == "completed") return QCoreApplication::translate("RetrievalBrowserData", "completed");
    if (status == "running") return QCoreApplication::translate("RetrievalBrowserData", "running");
    if (status == "cancelled") return QCoreApplication::translate("RetrievalBrowserData", "cancelled");
    if (status == "failed") return QCoreApplication::translate("RetrievalBrowserData", "failed");
    return q(status);
}

QString retrievalAttackKindText(const std::string& kind) {
    if (kind == "clean") return QCoreApplication::translate("RetrievalBrowserData", "clean");
    if (kind == "caption") return QCoreApplication::translate("RetrievalBrowserData", "caption");
    if (kind == "mix") return QCoreApplication::translate("RetrievalBrowserData", "image mix");
    if (kind == "patch") return QCoreApplication::translate("RetrievalBrowserData", "image patch");
    return q(kind);
}

QString retrievalFailureKindText(unsigned kinds, int lostFromTop) {
    QStringList parts;
    if (kinds & core::kAdversarialAboveTruth) parts << QCoreApplication::translate("RetrievalBrowserData", "attack item above the ground truth");
    if (kinds & core::kAdversarialTop1) parts << QCoreApplication::translate("RetrievalBrowserData", "attack item is top-1");
    if ((kinds & core::kLostFromTopK) && lostFromTop > 0)
        parts << QCoreApplication::translate("RetrievalBrowserData", "lost from the top %1").arg(lostFromTop);
    return parts.join(QCoreApplication::translate("RetrievalBrowserData", ", "));
}

QString retrievalFailureKindShortText(unsigned kinds, int lostFromTop) {
    QStringList parts;
    if (kinds & core::kAdversarialAboveTruth) parts << QCoreApplication::translate("RetrievalBrowserData", "above the truth");
    if (kinds & core::kAdversarialTop1) parts << QCoreApplication::translate("RetrievalBrowserData", "top-1");
    if ((kinds & core::kLostFromTopK) && lostFromTop > 0)
        parts << QCoreApplication::translate("RetrievalBrowserData", "lost from top %1").arg(lostFromTop);
    return parts.join(QCoreApplication::translate("RetrievalBrowserData", ", "));
}

QString withPathsInside(const QString& text, const QString& folder) {
    if (folder.isEmpty()) return text;
    QString out = text;
    return out.replace(QDir::cleanPath(folder) + QLatin1Char('/'), QString());
}

QString retrievalTiesText() {
    return QCoreApplication::translate("RetrievalBrowserData", "Ties count against the ground truth: an item scoring equal to the best ground truth ranks before it, "
              "and an attack item tying with the top-1 is the top-1.");
}

QString retrievalNormalisationText() {
    return QCoreApplication::translate("RetrievalBrowserData", "Captions are normalised as in RoCOCO's evaluation: lower case; . ! \" ( ) * # : ; ~ replaced by "
              "spaces; spaces collapsed; the first 30 words kept.");
}

QString shortImagePath(const QString& path, const QString& folder) {
    if (path.isEmpty()) return path;
    if (!folder.isEmpty()) {
        const QString rel = QDir(folder).relativeFilePath(path);
        if (!rel.startsWith(QLatin1String("..")) && !QFileInfo(rel).isAbsolute()) return QDir::toNativeSeparators(rel);
    }
    return QFileInfo(path).fileName();
}

std::shared_ptr<RetrievalBrowserData> loadRetrievalBrowserData(const std::filesystem::path& projectFile,
                                                              int64_t runId) {
    auto project = core::Project::openReadOnly(projectFile);
    auto data = std::make_shared<RetrievalBrowserData>();
    core::RetrievalRunView view(*project, runId);
    data->run = view.run();
    data->encoder = view.encoder();
    data->set = view.setInfo();
    data->results = view.results();
    data->tiesNote = q(core::kTiesNote);
    data->normalisationNote = q(core::kCaptionNormalisationNote);
    const core::CaptionSet set = core::loadStoredCaptionSet(project->db(), data->run.setId);
    const auto failures = view.failures();
    std::set<std::string> attacks;
    data->failures.reserve(failures.size());
    for (const auto& f : failures) {
        RetrievalFailureRow r;
        r.runId = runId;
        r.failure = f;
        r.kindText = retrievalFailureKindText(f.kinds, f.lostFromTop);
        r.kindShort = retrievalFailureKindShortText(f.kinds, f.lostFromTop);
        r.query = q(view.queryText(f));
        r.queryShort = r.query;
        r.truth = q(view.truthText(f));
        r.top1 = q(view.itemText(f, f.outcome.top1));
        r.bestAttack = q(view.itemText(f, f.outcome.bestAttack));
        r.swapped = q(view.swappedWords(f, f.outcome.bestAttack));
        r.top1IsAttack = f.outcome.top1.kind == 'a';
        if (f.direction == "i2t") {
            r.queryImage = imagePath(set, f.outcome.queryImage);
            r.queryShort = shortImagePath(r.query, q(data->set.imageFolder));
        } else {
            r.truthImage = imagePath(set, f.outcome.queryImage);
            r.top1Image = imagePath(set, f.outcome.top1.image);
            r.bestAttackImage = imagePath(set, f.outcome.bestAttack.image);
            if (f.outcome.bestAttack.kind == 'a') r.partnerImage = imagePath(set, f.outcome.bestAttack.caption);
        }
        attacks.insert(f.attack);
        data->failures.push_back(std::move(r));
    }
    for (const auto& a : attacks) data->attacks << q(a);
    data->swapBoard = core::swapLeaderboard(view, failures);
    data->galleryBoard = core::galleryLeaderboard(view, failures);
    return data;
}

std::shared_ptr<RetrievalComparisonData> loadRetrievalComparison(const std::filesystem::path& projectFile,
                                                                int64_t runId, int64_t otherRunId) {
    auto out = std::make_shared<RetrievalComparisonData>();
    {
        auto project = core::Project::openReadOnly(projectFile);
        const auto a = core::findRun(project->db(), runId);
        const auto b = core::findRun(project->db(), otherRunId);
        if (!a || !b)
            throw core::Error("There is no retrieval evaluation " + std::to_string(!a ? runId : otherRunId));
        if (a->setId != b->setId)
            throw core::Error("Evaluations #" + std::to_string(runId) + " and #" + std::to_string(otherRunId) +
                              " are on different caption sets: their queries cannot be compared");
        out->table = core::compareRetrievalRuns(project->db(), {runId, otherRunId});
    }
    out->other = loadRetrievalBrowserData(projectFile, otherRunId);
    return out;
}

std::vector<RetrievalRunSummary> listRetrievalRuns(const std::filesystem::path& projectFile) {
    auto project = core::Project::openReadOnly(projectFile);
    std::vector<RetrievalRunSummary> out;
    auto runs = core::listRuns(project->db());
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        RetrievalRunSummary s;
        s.id = it->id;
        s.setId = it->setId;
        s.status = q(it->status);
        QString setName = QString::number(it->setId);
        if (auto st = core::findCaptionSet(project->db(), it->setId)) setName = q(st->name);
        QString encoder = QString::number(it->encoderId);
        if (auto e = core::findEncoder(project->db(), it->encoderId)) encoder = q(e->description);
        s.text = QStringLiteral("#%1 %2 · %3 · %4").arg(it->id).arg(setName, encoder, retrievalRunStateText(it->status));
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace winnow::widgets
