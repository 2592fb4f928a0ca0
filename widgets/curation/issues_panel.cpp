#include "widgets/curation/issues_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QTimer>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

#include "core/curation/curation.h"
#include "core/store/project.h"
#include "core/train/run_rows.h"
#include "core/util/json_text.h"
#include "widgets/curation/issue_names.h"
#include "widgets/curation/issues_snapshot.h"
#include "widgets/curation/quality_section.h"
#include "widgets/curation/features_choice.h"
#include "widgets/job_runner.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
QString percent(double v) { return QLocale().toString(100.0 * v, 'f', 1) + QLatin1Char('%'); }
}  // namespace

IssuesPanel::IssuesPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    // The sections together are taller than a 768-pixel screen's dock: they scroll.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("issuesScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto* lay = new QVBoxLayout(content);

    auto* scanBox = new QGroupBox(tr("Scan"), this);
    auto* form = new QFormLayout(scanBox);
    m_features = new QComboBox(scanBox);
    m_features->setObjectName(QStringLiteral("issuesFeatures"));
    m_features->setToolTip(tr("The features the neighbours use: a grey thumbnail of each image (no model), the "
                              "penultimate features of a finished run, or an image encoder's (video clips: the "
                              "mean over their sampled frames)"));
    m_encoderChoice = new EncoderFeaturesChoice(m_features);
    form->addRow(tr("&Features:"), m_features);
    m_k = new QSpinBox(scanBox);
    m_k->setObjectName(QStringLiteral("issuesK"));
    m_k->setRange(1, 100);
    m_k->setValue(10);
    form->addRow(tr("&Neighbours (k):"), m_k);
    auto* thresholdRow = new QHBoxLayout;
    m_autoThreshold = new QCheckBox(tr("&Automatic"), scanBox);
    m_autoThreshold->setObjectName(QStringLiteral("issuesAutoThreshold"));
    m_autoThreshold->setChecked(true);
    m_threshold = new QDoubleSpinBox(scanBox);
    m_threshold->setObjectName(QStringLiteral("issuesThreshold"));
    m_threshold->setRange(0.0, 4.0);
    m_threshold->setDecimals(4);
    m_threshold->setSingleStep(kSliderStep);
    m_threshold->setValue(0.01);
    m_threshold->setEnabled(false);
    m_threshold->setToolTip(tr("Squared distance between unit feature vectors (0 to 4) at or below which two samples "
                               "are near duplicates"));
    connect(m_autoThreshold, &QCheckBox::toggled, m_threshold, [this](bool on) { m_threshold->setEnabled(!on); });
    thresholdRow->addWidget(m_autoThreshold);
    thresholdRow->addWidget(m_threshold, 1);
    form->addRow(tr("Near-duplicate &threshold:"), thresholdRow);
    auto* scanRow = new QHBoxLayout;
    m_scan = new QPushButton(tr("&Scan"), scanBox);
    m_scan->setObjectName(QStringLiteral("issuesScan"));
    m_progress = new QProgressBar(scanBox);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    scanRow->addWidget(m_scan);
    scanRow->addWidget(m_progress, 1);
    form->addRow(scanRow);
    connect(m_scan, &QPushButton::clicked, this, [this] {
        if (m_scanJob) cancelScan();
        else startScan();
    });
    lay->addWidget(scanBox);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("issuesSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lay->addWidget(m_summary);

    m_issues = new QTreeWidget(this);
    m_issues->setObjectName(QStringLiteral("issuesList"));
    m_issues->setRootIsDecorated(false);
    m_issues->setHeaderLabels({tr("Issue"), tr("Samples"), tr("Precision"), tr("Recall")});
    m_issues->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_issues->setToolTip(tr("Double-click an issue to review its samples, highest score first. Precision and recall: "
                            "against the noise injected by a self-test."));
    connect(m_issues, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item, int) {
        if (item) openIssue(item->data(0, Qt::UserRole).toString());
    });
    lay->addWidget(m_issues, 1);

    m_quality = new QualitySection(this);
    connect(m_quality, &QualitySection::reviewRequested, this, &IssuesPanel::reviewSamplesRequested);
    lay->addWidget(m_quality, 1);

    auto* liveBox = new QGroupBox(tr("Near-duplicate threshold"), this);
    auto* liveLay = new QVBoxLayout(liveBox);
    m_slider = new QSlider(Qt::Horizontal, liveBox);
    m_slider->setObjectName(QStringLiteral("issuesThresholdSlider"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setEnabled(false);
    m_liveLabel = new QLabel(liveBox);
    m_liveLabel->setObjectName(QStringLiteral("issuesLiveGroups"));
    m_liveLabel->setWordWrap(true);
    m_useThreshold = new QPushButton(tr("&Use for the next scan"), liveBox);
    m_useThreshold->setEnabled(false);
    liveLay->addWidget(m_slider);
    liveLay->addWidget(m_liveLabel);
    liveLay->addWidget(m_useThreshold, 0, Qt::AlignRight);
    // Each recount walks every stored neighbour edge (10 million at a million samples): while
    // the handle is dragged, recount at most every 120 ms; a set value (keys, release, code)
    // recounts at once.
    m_slider->setTracking(false);
    auto* dragRecount = new QTimer(this);
    dragRecount->setSingleShot(true);
    dragRecount->setInterval(120);
    connect(m_slider, &QSlider::sliderMoved, dragRecount, [dragRecount] {
        if (!dragRecount->isActive()) dragRecount->start();
    });
    connect(dragRecount, &QTimer::timeout, this, [this] {
        m_live = m_arrays ? core::nearDuplicateGroupsAt(*m_arrays, m_slider->sliderPosition() * kSliderStep, m_exactGroups)
                          : core::DuplicateGroupCount{};
        if (m_arrays) m_liveLabel->setText(liveText(m_slider->sliderPosition() * kSliderStep));
    });
    connect(m_slider, &QSlider::valueChanged, this, &IssuesPanel::updateLive);
    connect(m_useThreshold, &QPushButton::clicked, this, [this] {
        m_autoThreshold->setChecked(false);
        m_threshold->setValue(sliderThreshold());
    });
    lay->addWidget(liveBox);

    auto* simBox = new QGroupBox(tr("More like this"), this);
    auto* simLay = new QVBoxLayout(simBox);
    m_similarLabel = new QLabel(tr("Choose “More like this” on a sample."), simBox);
    m_similarLabel->setObjectName(QStringLiteral("issuesSimilarLabel"));
    m_similarLabel->setWordWrap(true);
    m_similarList = new QListWidget(simBox);
    m_similarList->setObjectName(QStringLiteral("issuesSimilar"));
    m_similarList->setViewMode(QListView::IconMode);
    m_similarList->setFlow(QListView::LeftToRight);
    m_similarList->setWrapping(false);
    m_similarList->setIconSize(QSize(64, 64));
    m_similarList->setMinimumHeight(110);
    m_similarList->setMovement(QListView::Static);
    m_similarScan = new QPushButton(tr("Scan to find similar samples"), simBox);
    m_similarScan->setVisible(false);
    connect(m_similarScan, &QPushButton::clicked, this, [this] { startScan(); });
    connect(m_similarList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (item) Q_EMIT sampleActivated(item->data(Qt::UserRole).toLongLong());
    });
    simLay->addWidget(m_similarLabel);
    simLay->addWidget(m_similarList);
    simLay->addWidget(m_similarScan, 0, Qt::AlignRight);
    lay->addWidget(simBox);

    connect(m_runner, &JobRunner::jobProgress, this, [this](int id, double fraction, const QString&) {
        if (id == m_scanJob) m_progress->setValue(int(std::lround(fraction * 1000)));
    });
    showResult();
}

IssuesPanel::~IssuesPanel() {
    if (m_scanJob && m_runner) m_runner->cancel(m_scanJob);
}

void IssuesPanel::setProject(const std::filesystem::path& projectFile) {
    m_file = projectFile;
    delete m_thumbs;
    m_thumbs = nullptr;
    m_pendingSimilar = {-1, 0};
    m_similar.clear();
    m_similarList->clear();
    m_similarLabel->setText(tr("Choose “More like this” on a sample."));
    m_similarScan->setVisible(false);
    if (!m_file.empty()) {
        m_thumbs = new ThumbnailCache(m_file, 64, 16ll << 20, this);
        connect(m_thumbs, &ThumbnailCache::thumbnailReady, this, &IssuesPanel::updateSimilarIcons);
    }
    m_encoderChoice->setProject(m_file);
    fillFeatures();
    refresh();
}

void IssuesPanel::fillFeatures() {
    const QString previous = m_features->currentData().toString();
    m_features->clear();
    m_features->addItem(tr("Grey thumbnail (no model)"), QStringLiteral("thumbnail"));
    if (!m_file.empty()) {
        try {
            auto p = core::Project::openReadOnly(m_file);
            const auto runs = core::listRunRows(*p);
            for (auto it = runs.rbegin(); it != runs.rend(); ++it)
                if (it->state == "done" && core::runOutputsFolder(*p, it->id))
                    m_features->addItem(tr("Features of run %1").arg(it->id), QStringLiteral("run:%1").arg(it->id));
        } catch (const std::exception&) {
            // No runs listed: the thumbnail is always there.
        }
    }
    m_encoderChoice->addEntry();
    const int idx = m_features->findData(previous);
    m_features->setCurrentIndex(idx >= 0 ? idx : 0);
}

void IssuesPanel::refresh() {
    const quint64 generation = ++m_loadGeneration;
    m_result.reset();
    m_arrays.reset();
    m_exactGroups.clear();
    m_arraysError.clear();
    m_issues->clear();
    m_loading = !m_file.empty();
    if (!m_loading) {
        m_quality->setArrays(nullptr, 0);
        showResult();
        Q_EMIT resultChanged(0);
        Q_EMIT loaded();
        return;
    }
    m_quality->setLoading();
    showResult();
    auto* watcher = new QFutureWatcher<IssuesSnapshot>(this);
    connect(watcher, &QFutureWatcher<IssuesSnapshot>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loadGeneration) return;  // another project or refresh since
        applySnapshot(watcher->future().takeResult());
    });
    watcher->setFuture(QtConcurrent::run(loadIssuesSnapshot, m_file));
}

void IssuesPanel::applySnapshot(IssuesSnapshot&& s) {
    m_loading = false;
    m_result = std::move(s.result);
    m_arrays = std::move(s.arrays);
    m_exactGroups = std::move(s.exactGroups);
    m_arraysError = s.arraysError;
    for (const auto& row : s.types) {
        const QString t = QString::fromStdString(row.type);
        auto* item = new QTreeWidgetItem(m_issues);
        item->setText(0, IssueNames::displayName(t));
        item->setData(0, Qt::UserRole, t);
        item->setToolTip(0, t);
        item->setText(1, QLocale().toString(qint64(row.count)));
        item->setData(1, Qt::UserRole, qint64(row.count));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (const auto& st = row.selfTest) {
            item->setText(2, percent(st->precision));
            item->setText(3, percent(st->recall));
            item->setToolTip(2, tr("%1 of %2 flagged samples were mislabelled by the self-test")
                                    .arg(st->truePositives).arg(st->flagged));
            item->setToolTip(3, tr("%1 of %2 mislabelled samples flagged").arg(st->truePositives).arg(st->noisy));
        }
    }
    m_quality->setArrays(m_arrays,
                         m_result ? core::jsonDouble(core::jsonField(m_result->summary, "median_blur"), 0.0) : 0.0);
    showResult();
    Q_EMIT resultChanged(m_result ? qint64(m_result->id) : 0);
    Q_EMIT loaded();
    if (const auto [id, k] = std::exchange(m_pendingSimilar, {-1, 0}); id >= 0) showMoreLikeThis(id, k);
}

void IssuesPanel::showResult() {
    m_scan->setEnabled(!m_file.empty());
    if (m_file.empty()) {
        m_summary->setText(tr("Open a project to look for duplicates, leakage, outliers and image problems."));
    } else if (m_loading) {
        m_summary->setText(tr("Loading the newest scan…"));
    } else if (!m_result) {
        m_summary->setText(m_arraysError.isEmpty() ? tr("No scan yet: choose the features and press Scan.")
                                                   : tr("Could not read the issues: %1").arg(m_arraysError));
    } else {
        const nlohmann::json& s = m_result->summary;
        const nlohmann::json& nb = core::jsonField(s, "neighbours");
        QStringList lines;
        lines << tr("Scan %1 of %2 · %3 samples")
                     .arg(m_result->id)
                     .arg(QString::fromStdString(m_result->createdAt))
                     .arg(QLocale().toString(qint64(core::jsonInt(core::jsonField(s, "samples")))));
        QString features = QString::fromStdString(m_result->features);
        const QString description = QString::fromStdString(core::jsonString(core::jsonField(s, "features_description")));
        if (!description.isEmpty()) features += QStringLiteral(" (%1)").arg(description);
        lines << tr("Features: %1").arg(features);
        lines << tr("Neighbours: k = %1, %2").arg(core::jsonInt(core::jsonField(nb, "k")))
                     .arg(QString::fromStdString(core::jsonString(core::jsonField(nb, "method"))));
        if (const auto& exact = core::jsonField(nb, "exact"); exact.is_boolean() && !exact.get<bool>())
            lines << tr("Approximate index: recall@k %1 against exact search on %2 queries")
                         .arg(QLocale().toString(core::jsonDouble(core::jsonField(nb, "recall_at_k")), 'f', 3))
                         .arg(core::jsonInt(core::jsonField(nb, "recall_queries")));
        lines << tr("Near-duplicate threshold used: %1")
                     .arg(QLocale().toString(core::jsonDouble(core::jsonField(s, "near_threshold_used")), 'f', 4));
        if (const int64_t clips = core::jsonInt(core::jsonField(s, "clips_scanned")); clips > 0)
            lines << tr("Video clips: %n scanned by %1 sampled frame(s) each; a clip is flagged when half its frames are",
                        nullptr, int(clips))
                         .arg(core::jsonInt(core::jsonField(s, "clip_frames_per_clip")));
        QStringList warnings;
        if (const int64_t failed = core::jsonInt(core::jsonField(s, "scan_failed")); failed > 0)
            warnings << tr("%n sample(s) could not be read", nullptr, int(failed));
        if (const int64_t changed = core::jsonInt(core::jsonField(s, "scan_changed_since_import")); changed > 0)
            warnings << tr("%n sample(s) changed since their import (scanned as they are now)", nullptr, int(changed));
        if (const int64_t clips = core::jsonInt(core::jsonField(s, "clips_not_scanned")); clips > 0)
            warnings << tr("%n video clip(s) not checked for image quality", nullptr, int(clips));
        if (const std::string w = core::jsonString(core::jsonField(s, "scan_cache_warning")); !w.empty())
            warnings << QString::fromStdString(w);
        if (const std::string w = core::jsonString(core::jsonField(s, "features_cache_warning")); !w.empty())
            warnings << QString::fromStdString(w);
        for (const auto& w : core::jsonArray(core::jsonField(s, "warnings")))
            warnings << QString::fromStdString(core::jsonString(w));
        for (const auto& p : core::jsonArray(core::jsonField(s, "scan_problems")))
            warnings << QString::fromStdString(core::jsonString(p));
        for (const auto& p : core::jsonArray(core::jsonField(s, "scan_changed")))
            warnings << QString::fromStdString(core::jsonString(p));
        if (!m_arraysError.isEmpty()) warnings << m_arraysError;
        if (!warnings.isEmpty()) lines << tr("Warnings: %1").arg(warnings.join(QStringLiteral("; ")));
        if (m_issues->topLevelItemCount() == 0) lines << tr("No issues found.");
        m_summary->setText(lines.join(QLatin1Char('\n')));
    }
    const bool live = m_arrays != nullptr;
    m_slider->setEnabled(live);
    m_useThreshold->setEnabled(live);
    if (live) {
        const double used = core::jsonDouble(core::jsonField(m_result->summary, "near_threshold_used"), 0.01);
        const QSignalBlocker block(m_slider);
        m_slider->setValue(std::clamp(int(std::lround(used / kSliderStep)), 0, kSliderSteps));
    }
    updateLive();
}

qint64 IssuesPanel::countShown(const QString& issueType) const {
    for (int i = 0; i < m_issues->topLevelItemCount(); ++i) {
        const auto* item = m_issues->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == issueType) return item->data(1, Qt::UserRole).toLongLong();
    }
    return -1;
}

QString IssuesPanel::summaryText() const { return m_summary->text(); }

double IssuesPanel::sliderThreshold() const { return m_slider->value() * kSliderStep; }

void IssuesPanel::setSliderThreshold(double threshold) {
    m_slider->setValue(std::clamp(int(std::lround(threshold / kSliderStep)), 0, kSliderSteps));
}

void IssuesPanel::updateLive() {
    m_live = {};
    if (!m_arrays) {
        m_liveLabel->setText(m_loading  ? tr("Loading…")
                             : m_result ? tr("The stored neighbours could not be read.")
                                        : tr("Scan first."));
        return;
    }
    m_live = core::nearDuplicateGroupsAt(*m_arrays, sliderThreshold(), m_exactGroups);
    m_liveLabel->setText(liveText(sliderThreshold()));
}

QString IssuesPanel::liveText(double threshold) const {
    if (!m_arrays) return {};
    return tr("At %1: %2 duplicate group(s) with %3 samples (largest %4)")
        .arg(QLocale().toString(threshold, 'f', 4))
        .arg(QLocale().toString(qint64(m_live.groups)), QLocale().toString(qint64(m_live.samples)),
             QLocale().toString(qint64(m_live.largest)));
}

int IssuesPanel::startScan() {
    if (m_file.empty() || m_scanJob || !m_runner) return 0;
    core::CurationOptions o;
    o.features = m_features->currentData().toString().toStdString();
    o.k = m_k->value();
    o.nearThreshold = m_autoThreshold->isChecked() ? -1.0 : m_threshold->value();
    const auto file = m_file;
    auto outcome = std::make_shared<QString>();
    QPointer<IssuesPanel> self(this);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_scan->setText(tr("Cancel &scan"));
    m_scanJob = m_runner->start(
        tr("Scan for issues"),
        [file, o, outcome](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            auto project = core::Project::open(file);
            core::CurationResult r = core::runCuration(*project, o, progress, &cancel);
            const int64_t id = core::storeCuration(*project, r);
            *outcome = IssuesPanel::tr("Scan %1: %n issue(s) in %2 samples", nullptr, int(r.issues.size()))
                           .arg(id)
                           .arg(QLocale().toString(qint64(r.featureIds.size())));
            progress({1.0, ""});
        },
        [self, outcome](const JobResult& r) {
            if (!self) return;
            self->m_scanJob = 0;
            self->m_progress->setVisible(false);
            self->m_scan->setText(tr("&Scan"));
            if (r.ok) self->refresh();
            Q_EMIT self->scanFinished(r.ok, r.ok ? *outcome : r.cancelled ? tr("Scan cancelled.") : r.error);
        });
    return m_scanJob;
}

void IssuesPanel::cancelScan() {
    if (m_scanJob && m_runner) m_runner->cancel(m_scanJob);
}

void IssuesPanel::openIssue(const QString& issueType) {
    if (!m_result || issueType.isEmpty()) return;
    Q_EMIT reviewIssueRequested(m_result->id, issueType);
    if (IssueNames::isDuplicateType(issueType)) Q_EMIT reviewGroupsRequested(m_result->id, issueType);
}

bool IssuesPanel::showMoreLikeThis(qint64 sampleId, int k) {
    m_similar.clear();
    m_similarList->clear();
    m_similarScan->setVisible(false);
    if (m_loading) {  // shown when the result arrives
        m_pendingSimilar = {sampleId, k};
        m_similarLabel->setText(tr("Loading the newest scan…"));
        return false;
    }
    if (!m_arrays) {
        m_similarLabel->setText(m_result ? tr("The stored neighbours could not be read: %1").arg(m_arraysError)
                                         : tr("No scan yet: scan the project to find samples like #%1.").arg(sampleId));
        m_similarScan->setVisible(!m_file.empty() && !m_scanJob);
        return false;
    }
    const auto nb = core::storedNeighbours(*m_arrays, sampleId, k);
    if (m_arrays->rowOf(sampleId) < 0) {
        m_similarLabel->setText(tr("#%1 was not in scan %2; scan again to include it.").arg(sampleId).arg(m_result->id));
        m_similarScan->setVisible(!m_scanJob);
        return false;
    }
    for (const auto& [id, d] : nb) m_similar.push_back({qint64(id), d});
    m_similarLabel->setText(tr("%n sample(s) most like #%1 (features %2, scan %3)", nullptr, int(m_similar.size()))
                                .arg(sampleId)
                                .arg(QString::fromStdString(m_arrays->features))
                                .arg(m_result->id));
    for (const auto& [id, d] : m_similar) {
        auto* item = new QListWidgetItem(tr("#%1\n%2").arg(id).arg(QLocale().toString(double(d), 'f', 3)), m_similarList);
        item->setData(Qt::UserRole, id);
        item->setToolTip(tr("#%1, squared distance %2").arg(id).arg(double(d)));
        if (m_thumbs) {
            const QImage img = m_thumbs->lookup(id);
            if (!img.isNull()) item->setIcon(QIcon(QPixmap::fromImage(img)));
            else m_thumbs->request(id);
        }
    }
    return true;
}

QString IssuesPanel::moreLikeThisText() const { return m_similarLabel->text(); }

void IssuesPanel::updateSimilarIcons(qint64 sampleId) {
    if (!m_thumbs) return;
    for (int i = 0; i < m_similarList->count(); ++i) {
        auto* item = m_similarList->item(i);
        if (item->data(Qt::UserRole).toLongLong() != sampleId) continue;
        const QImage img = m_thumbs->lookup(sampleId);
        if (!img.isNull()) item->setIcon(QIcon(QPixmap::fromImage(img)));
    }
}

}  // namespace winnow::widgets
