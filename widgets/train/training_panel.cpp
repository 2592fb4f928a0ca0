#include "widgets/train/training_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/train/run_record.h"
#include "core/train/run_rows.h"
#include "core/util/json_text.h"
#include "core/util/process_tag.h"
#include "widgets/run_labels.h"
#include "widgets/train/per_class_accuracy_chart.h"
#include "widgets/train/training_curves_widget.h"

namespace winnow::widgets {

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent),
      m_runs(new QComboBox(this)),
      m_epoch(new QSpinBox(this)),
      m_summary(new QLabel(this)),
      m_resume(new QToolButton(this)),
      m_curves(new TrainingCurvesWidget(this)),
      m_perClass(new PerClassAccuracyChart(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    auto* refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Reload the list of runs"));
    m_runs->setMinimumContentsLength(28);
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_epoch->setPrefix(tr("epoch "));
    m_epoch->setRange(1, 1);
    m_epoch->setToolTip(tr("Epoch shown in the per-class chart"));
    bar->addWidget(new QLabel(tr("Run:"), this));
    bar->addWidget(m_runs, 1);
    bar->addWidget(refresh);
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Continue this run from its last saved epoch"));
    m_resume->setEnabled(false);
    bar->addWidget(m_resume);
    bar->addWidget(m_epoch);
    layout->addLayout(bar);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_curves);
    split->addWidget(m_perClass);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setSizes({620, 380});
    layout->addWidget(split, 1);

    connect(refresh, &QToolButton::clicked, this, &TrainingPanel::refreshRuns);
    connect(m_resume, &QToolButton::clicked, this, [this] {
        if (m_shownRun > 0 && !m_live) Q_EMIT resumeRequested(m_shownRun);
    });
    connect(m_runs, &QComboBox::currentIndexChanged, this, &TrainingPanel::onRunChosen);
    connect(m_epoch, &QSpinBox::valueChanged, this, [this](int e) { showEpoch(e - 1); });
    setProject({});
}

void TrainingPanel::setProject(const std::filesystem::path& file) {
    m_file = file;
    // A job of the previous project keeps running, but its rows no longer belong here.
    m_live = false;
    m_showingLive = false;
    m_liveRows.clear();
    m_shownRun = 0;
    setShownRows({});
    m_summary->setText(file.empty() ? tr("No project open.") : QString());
    loadClassNames();
    refreshRuns();
}

void TrainingPanel::loadClassNames() {
    m_classNames.clear();
    if (m_file.empty()) return;
    try {
        auto p = core::Project::openReadOnly(m_file);
        auto classes = core::SampleStore(p->db()).classes();
        std::sort(classes.begin(), classes.end(), [](auto& a, auto& b) { return a.idx < b.idx; });
        for (const auto& c : classes) m_classNames << QString::fromStdString(c.name);
    } catch (const std::exception&) {
        // A project that cannot be read shows numbered classes; the main window reports it.
    }
    m_perClass->setClassNames(m_classNames);
}

void TrainingPanel::refreshRuns() {
    const qint64 keep = m_shownRun;
    const QSignalBlocker block(m_runs);
    m_runs->clear();
    if (m_live) m_runs->addItem(tr("(running)"), qint64(-1));
    if (!m_file.empty()) {
        try {
            auto p = core::Project::openReadOnly(m_file);
            const auto runs = core::listRunRows(*p);
            for (auto run = runs.rbegin(); run != runs.rend(); ++run) {  // newest first
                const nlohmann::json cfg = core::parseJsonOrNull(run->configJson);
                const QString text = tr("#%1 %2 · %3 · %4 epochs · %5")
                                         .arg(run->id)
                                         .arg(QString::fromStdString(core::jsonString(core::jsonField(cfg, "model"))),
                                              QString::fromStdString(core::jsonString(core::jsonField(cfg, "loss"))))
                                         .arg(core::jsonInt(core::jsonField(cfg, "epochs")))
                                         .arg(runStateLabel(QString::fromStdString(run->state)) +
                                              (run->state == "running" && run->epochsDone > 0
                                                   ? QStringLiteral(" · ") + tr("epoch %1 done").arg(run->epochsDone)
                                                   : QString()));
                m_runs->addItem(text, qint64(run->id));
                QString tip = QString::fromStdString(run->createdAt);
                if (core::runsElsewhere(*run))
                    tip += QLatin1Char('\n') + tr("Trained by %1").arg(QString::fromStdString(core::describeOwner(run->owner)));
                m_runs->setItemData(m_runs->count() - 1, tip, Qt::ToolTipRole);
            }
        } catch (const std::exception& e) {
            m_summary->setText(tr("Cannot read the runs: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    if (m_showingLive) {
        m_runs->setCurrentIndex(m_runs->findData(qint64(-1)));
        return;
    }
    const int i = m_runs->findData(keep);
    if (i >= 0) m_runs->setCurrentIndex(i);
    else if (m_runs->count() > 0) showRun(m_runs->itemData(0).toLongLong());
}

void TrainingPanel::refreshShownRun() {
    if (!m_showingLive && m_shownRun > 0) showRun(m_shownRun);
}

QList<qint64> TrainingPanel::runIds() const {
    QList<qint64> out;
    for (int i = 0; i < m_runs->count(); ++i)
        if (m_runs->itemData(i).toLongLong() > 0) out << m_runs->itemData(i).toLongLong();
    return out;
}

void TrainingPanel::onRunChosen(int index) {
    const qint64 id = index >= 0 ? m_runs->itemData(index).toLongLong() : 0;
    if (id > 0) showRun(id);
    else if (id == -1) showLive();
}

void TrainingPanel::setShownRows(const QStringList& rows) {
    m_rows = rows;
    m_curves->setEpochs(m_rows);
    const QSignalBlocker block(m_epoch);
    m_epoch->setRange(1, std::max<int>(1, int(m_rows.size())));
    m_epoch->setValue(int(m_rows.size()));
    showEpoch(int(m_rows.size()) - 1);
}

void TrainingPanel::updateResume(const QString& state) {
    const bool stopped = state == QLatin1String("interrupted") || state == QLatin1String("cancelled") ||
                         state == QLatin1String("failed");
    m_resume->setEnabled(stopped && m_shownRun > 0 && !m_live);
}

void TrainingPanel::showLive() {
    m_showingLive = true;
    m_shownRun = 0;
    updateResume({});
    m_summary->setText(m_liveTitle);
    setShownRows(m_liveRows);
}

bool TrainingPanel::showRun(qint64 runId) {
    m_showingLive = false;
    m_shownRun = runId;
    {
        const QSignalBlocker block(m_runs);
        const int i = m_runs->findData(runId);
        if (i >= 0) m_runs->setCurrentIndex(i);
    }
    QStringList rows;
    QString state, message;
    try {
        auto p = core::Project::openReadOnly(m_file);
        for (const auto& r : core::runEpochRows(p->db(), runId)) rows << QString::fromStdString(r);
        if (const auto run = core::findRunRow(*p, int64_t(runId))) {
            state = QString::fromStdString(run->state);
            message = QString::fromStdString(run->message);
        }
    } catch (const std::exception& e) {
        message = QString::fromUtf8(e.what());
    }
    m_summary->setText(message.isEmpty() ? tr("Run %1: %2").arg(runId).arg(runStateLabel(state))
                                         : tr("Run %1: %2 — %3").arg(runId).arg(runStateLabel(state), message));
    updateResume(state);
    setShownRows(rows);
    return !rows.isEmpty();
}

void TrainingPanel::beginLive(const QString& title, qint64 resumedRun) {
    m_live = true;
    m_liveRows.clear();
    if (resumedRun > 0 && !m_file.empty()) {
        try {
            auto p = core::Project::openReadOnly(m_file);
            for (const auto& r : core::runEpochRows(p->db(), resumedRun))
                m_liveRows << QString::fromStdString(r);
        } catch (const std::exception&) {
            // The curves then start at the resumed epoch; the stored run still has them all.
        }
    }
    m_liveTitle = title;
    refreshRuns();
    {
        const QSignalBlocker block(m_runs);
        m_runs->setCurrentIndex(m_runs->findData(qint64(-1)));
    }
    showLive();
}

void TrainingPanel::addLiveEpoch(const QString& metricsJson) {
    if (!m_live) return;  // a job of another project, or rows after endLive
    // A resumed run repeats the epochs after its last checkpoint: the new row wins.
    const nlohmann::json epoch = core::jsonField(core::parseJsonOrNull(metricsJson.toStdString()), "epoch");
    const auto before = m_liveRows.size();
    if (epoch.is_number())
        m_liveRows.removeIf([&](const QString& row) {
            const nlohmann::json e = core::jsonField(core::parseJsonOrNull(row.toStdString()), "epoch");
            return e.is_number() && e.get<double>() >= epoch.get<double>();
        });
    const bool replaced = m_liveRows.size() != before;
    m_liveRows << metricsJson;
    if (!m_showingLive) return;
    m_rows = m_liveRows;
    if (replaced) m_curves->setEpochs(m_rows);
    else m_curves->addEpoch(metricsJson);
    const QSignalBlocker block(m_epoch);
    m_epoch->setRange(1, int(m_rows.size()));
    m_epoch->setValue(int(m_rows.size()));
    showEpoch(int(m_rows.size()) - 1);
}

void TrainingPanel::endLive(qint64 runId) {
    if (!m_live) {
        // The job belonged to a project shown before (setProject since): its run id means
        // nothing here (issue 16, bug 9). Just pick up the list again.
        refreshRuns();
        return;
    }
    const bool wasShowing = m_showingLive;
    m_live = false;
    m_showingLive = false;
    refreshRuns();
    if (runId > 0 && (wasShowing || m_shownRun == 0)) showRun(runId);
}

void TrainingPanel::showEpoch(int epochIndex) {
    if (epochIndex < 0 || epochIndex >= m_rows.size()) {
        m_perClass->clear();
        return;
    }
    m_perClass->setEpoch(m_rows[epochIndex]);
}

}  // namespace winnow::widgets
