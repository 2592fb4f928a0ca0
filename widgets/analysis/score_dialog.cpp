#include "widgets/analysis/score_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

#include "core/influence/detector_registry.h"
#include "core/influence/scoring_catalog.h"
#include "core/store/project.h"
#include "widgets/analysis/analysis_jobs.h"
#include "widgets/runs/run_comparison.h"

namespace winnow::widgets {

ScoreDialog::ScoreDialog(const std::filesystem::path& projectFile, QWidget* parent)
    : QDialog(parent), m_file(projectFile) {
    setWindowTitle(tr("Score a run"));
    auto* form = new QFormLayout(this);
    m_run = new QComboBox(this);
    m_run->setObjectName(QStringLiteral("scoreRun"));
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    try {
        auto project = core::Project::openReadOnly(projectFile);
        for (const auto& r : core::scorableRuns(*project)) {
            QString text = tr("Run %1").arg(r.id);
            if (!r.model.empty()) text += QStringLiteral(" · ") + QString::fromStdString(r.model);
            if (r.kind != "train") text += QStringLiteral(" · ") + QString::fromStdString(r.kind);
            m_run->addItem(text, qint64(r.id));
            m_run->setItemData(m_run->count() - 1, QString::fromStdString(r.createdAt), Qt::ToolTipRole);
        }
    } catch (const std::exception& e) {
        m_note->setText(QString::fromUtf8(e.what()));
    }
    m_detector = new QComboBox(this);
    m_detector->setObjectName(QStringLiteral("scoreDetector"));
    for (const QString& d : scoringDetectors()) m_detector->addItem(detectorDisplayName(d), d);
    m_gamma = new QSpinBox(this);
    m_gamma->setObjectName(QStringLiteral("scoreGamma"));
    m_gamma->setRange(0, 1000);
    m_gamma->setSpecialValueText(tr("default"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("scoreRate"));
    m_rate->setRange(0.0, 0.99);
    m_rate->setSingleStep(0.01);
    m_rate->setSpecialValueText(tr("estimated"));
    form->addRow(tr("Run:"), m_run);
    form->addRow(tr("Detector:"), m_detector);
    form->addRow(tr("Consensus γ:"), m_gamma);
    form->addRow(tr("Share to flag:"), m_rate);
    form->addRow(m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    if (m_run->count() == 0) {
        if (m_note->text().isEmpty()) m_note->setText(tr("No finished run yet: train a model first (Train → Train Model…)."));
        m_ok->setEnabled(false);
    } else if (!missingForCombined().isEmpty()) {
        // The combined ranking is first in the list but needs two scorings of the run:
        // start on a detector that can run (OK would fail otherwise, issue 16).
        m_detector->setCurrentIndex(std::max(0, m_detector->findData(QStringLiteral("confident-learning"))));
    }
    connect(m_detector, &QComboBox::currentIndexChanged, this, &ScoreDialog::updateOptions);
    connect(m_run, &QComboBox::currentIndexChanged, this, &ScoreDialog::updateOptions);
    updateOptions();
}

int ScoreDialog::runCount() const { return m_run->count(); }

void ScoreDialog::updateOptions() {
    const auto info = core::findDetector(m_detector->currentData().toString().toStdString());
    m_gamma->setEnabled(info && info->reads("gamma"));
    m_rate->setEnabled(info && info->reads("rate"));
    const bool combines = info && !info->combines.empty();
    if (m_run->count() == 0) return;
    const QStringList missing = combines ? missingForCombined() : QStringList();
    m_ok->setEnabled(missing.isEmpty());
    if (missing.size() == 1)
        m_note->setText(tr("Run %1 has no %2 scoring yet: score it with that detector first, or choose another "
                           "detector.")
                            .arg(m_run->currentData().toLongLong())
                            .arg(missing[0]));
    else if (!missing.isEmpty())
        m_note->setText(tr("Run %1 has no complete set of scorings to combine yet: score it with %2 first, or "
                           "choose another detector.")
                            .arg(m_run->currentData().toLongLong())
                            .arg(missing.join(tr(", or with "))));
    else
        m_note->setText(combines ? tr("Combines the run's latest %1 scorings.").arg(combinedNames().join(tr(" and ")))
                                 : QString());
}

namespace {
QStringList displayNames(const std::vector<std::string>& detectors) {
    QStringList names;
    for (const std::string& d : detectors) names << detectorDisplayName(QString::fromStdString(d));
    return names;
}
}  // namespace

QStringList ScoreDialog::combinedNames() const {
    const auto info = core::findDetector(m_detector->currentData().toString().toStdString());
    if (!info || info->combines.empty()) return {};
    const int set = usableCombination();
    return displayNames(info->combines[size_t(std::max(0, set))]);
}

int ScoreDialog::usableCombination() const {
    const qint64 run = m_run->currentData().toLongLong();
    const auto info = core::findDetector(m_detector->currentData().toString().toStdString());
    if (run <= 0 || !info) return -1;
    std::vector<ScoringRef> have;
    try {
        have = scoringsOfRun(m_file, run);
    } catch (const std::exception&) {
        return -2;  // cannot tell: the scoring itself will say what is wrong
    }
    for (size_t k = 0; k < info->combines.size(); ++k) {
        const bool complete = std::all_of(info->combines[k].begin(), info->combines[k].end(), [&](const std::string& part) {
            const QString d = QString::fromStdString(part);
            return std::any_of(have.begin(), have.end(), [&](const ScoringRef& s) { return s.detector == d; });
        });
        if (complete) return int(k);
    }
    return -1;
}

QStringList ScoreDialog::missingForCombined() const {
    const auto info = core::findDetector(m_detector->currentData().toString().toStdString());
    if (!info || m_run->currentData().toLongLong() <= 0 || usableCombination() != -1) return {};
    QStringList missing;  // each default set, as "A and B"
    for (const auto& set : info->combines) missing << displayNames(set).join(tr(" and "));
    return missing;
}

core::ScoreRequest ScoreDialog::request() const {
    core::ScoreRequest r;
    r.detector = m_detector->currentData().toString().toStdString();
    r.runId = m_run->currentData().toLongLong();
    r.influentialRank.gamma = m_gamma->value();
    r.selfConfidenceRate = m_rate->value() > 0 ? m_rate->value() : -1;
    return r;
}

}  // namespace winnow::widgets
