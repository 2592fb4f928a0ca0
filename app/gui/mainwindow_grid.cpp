// Issue 16 in the main grid: filters on review state, sorting by any scoring's score or a
// run's loss, file-name search, jump to a sample id, and the selection shared with Review
// windows. The facts behind them (core::loadSampleReviewFacts and one numeric column) are
// read off the GUI thread; the filtering itself runs in the grid model's worker.
#include <QCheckBox>
#include <QToolButton>
#include <QComboBox>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "core/influence/scoring_catalog.h"
#include "core/review/sample_facts.h"
#include "core/store/project.h"
#include "widgets/analysis/analysis_jobs.h"
#include "widgets/grid_query.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"

namespace winnow::gui {

namespace {

constexpr int kSourceRole = Qt::UserRole + 1;  // sort items: "scoring:ID" | "loss:RUN"
const int kFixedSortItems = 4;                 // id, label, split, status

struct FactsLoad {
    std::shared_ptr<widgets::GridFacts> facts;
    QStringList sources, texts;
    QString error;
};

FactsLoad readFacts(const std::filesystem::path& file, const QString& source) {
    FactsLoad out;
    out.facts = std::make_shared<widgets::GridFacts>();
    try {
        auto project = core::Project::openReadOnly(file);
        core::SampleReviewFacts rf = core::loadSampleReviewFacts(*project);
        out.facts->ids = std::move(rf.ids);
        out.facts->fileNames = std::move(rf.fileNames);
        out.facts->excluded = std::move(rf.excluded);
        out.facts->decision = std::move(rf.decision);
        const auto scorings = core::storedScorings(*project);
        for (const auto& s : scorings) {
            out.sources << QStringLiteral("scoring:%1").arg(s.id);
            out.texts << MainWindow::tr("Sort by score: %1 #%2 (run %3)")
                             .arg(widgets::detectorDisplayName(QString::fromStdString(s.detector)))
                             .arg(s.id)
                             .arg(s.runId);
        }
        for (const auto& r : core::scorableRuns(*project)) {
            out.sources << QStringLiteral("loss:%1").arg(r.id);
            out.texts << MainWindow::tr("Sort by loss (run %1)").arg(r.id);
        }
        QString column = source;
        if (column == QLatin1String("newest") && !scorings.empty())
            column = QStringLiteral("scoring:%1").arg(scorings.front().id);
        core::SampleColumn c;
        const qint64 id = column.section(QLatin1Char(':'), 1).toLongLong();
        if (column.startsWith(QLatin1String("scoring:"))) c = core::scoringColumn(*project, id);
        else if (column.startsWith(QLatin1String("loss:"))) c = core::runLossColumn(*project, id);
        out.facts->valueIds = std::move(c.ids);
        out.facts->value = std::move(c.values);
        out.facts->flagged = std::move(c.flagged);
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

}  // namespace

QString MainWindow::wantedFactsSource() const {
    const QString source = m_sort->currentData(kSourceRole).toString();
    if (!source.isEmpty()) return source;
    if (m_reviewFilter->currentData().toInt() == int(widgets::GridReviewFilter::Flagged))
        return QStringLiteral("newest");
    return {};
}

void MainWindow::applyFilters() {
    widgets::GridQuery q;
    q.classIdx = m_classFilter->currentData().toInt();
    q.split = m_splitFilter->currentData().toInt();
    q.status = m_statusFilter->currentData().toInt();
    q.review = widgets::GridReviewFilter(m_reviewFilter->currentData().toInt());
    q.nameContains = m_search->text().trimmed().toStdString();
    q.sort = widgets::GridSortKey(m_sort->currentData().toInt());
    q.descending = m_descending->isChecked();
    q.onlyIds = m_onlyIds;
    const bool needFacts = (q.review != widgets::GridReviewFilter::Any && q.review != widgets::GridReviewFilter::Trusted) ||
                           !q.nameContains.empty() || q.sort == widgets::GridSortKey::Value;
    // Facts read for another column serve filters and search as well; only a missing or
    // different numeric column needs a new read.
    const QString wanted = wantedFactsSource();
    if (needFacts && hasProject() && (!m_facts || (!wanted.isEmpty() && wanted != m_factsSource))) {
        loadFacts(wanted);  // applies the filters again when read
        return;
    }
    q.facts = m_facts;
    m_model->setQuery(q);
}

void MainWindow::loadFacts(const QString& source) {
    if (!hasProject()) return;
    const int generation = ++m_factsGeneration;
    m_factsLoading = true;
    const auto file = m_projectFile;
    auto* watcher = new QFutureWatcher<FactsLoad>(this);
    connect(watcher, &QFutureWatcher<FactsLoad>::finished, this, [this, watcher, generation, source, file] {
        watcher->deleteLater();
        if (generation != m_factsGeneration || file != m_projectFile) return;  // stale
        m_factsLoading = false;
        FactsLoad r = watcher->result();
        if (!r.error.isEmpty()) statusBar()->showMessage(tr("Cannot read the review state: %1").arg(r.error), 10000);
        m_facts = std::move(r.facts);
        m_factsSource = source;
        fillSortSources(r.sources, r.texts);
        applyFilters();
    });
    watcher->setFuture(QtConcurrent::run([file, source] { return readFacts(file, source); }));
}

void MainWindow::fillSortSources(const QStringList& sources, const QStringList& texts) {
    const QSignalBlocker block(m_sort);
    const QString current = m_sort->currentData(kSourceRole).toString();
    while (m_sort->count() > kFixedSortItems) m_sort->removeItem(m_sort->count() - 1);
    for (int i = 0; i < sources.size(); ++i) {
        m_sort->addItem(texts[i], int(widgets::GridSortKey::Value));
        m_sort->setItemData(m_sort->count() - 1, sources[i], kSourceRole);
    }
    if (!current.isEmpty()) {
        const int i = m_sort->findData(current, kSourceRole);
        m_sort->setCurrentIndex(i >= 0 ? i : 0);
    }
}

qint64 MainWindow::selectedSampleId() const { return m_grid->currentSampleId(); }

bool MainWindow::selectSample(qint64 sampleId) {
    const auto table = m_model->table();
    if (!table || !std::binary_search(table->ids.begin(), table->ids.end(), int64_t(sampleId))) {
        statusBar()->showMessage(tr("There is no sample #%1 in this project.").arg(sampleId), 5000);
        return false;
    }
    if (selectedSampleId() == sampleId) return true;
    const int row = m_model->rowOfSample(sampleId);
    if (row >= 0 && !m_model->busy()) {
        m_grid->setCurrentIndex(m_model->index(row));
        return true;
    }
    if (row < 0) {
        // Hidden by the filters: show everything (the sort stays), then select it.
        for (QComboBox* c : {m_classFilter, m_splitFilter, m_statusFilter, m_reviewFilter}) {
            const QSignalBlocker block(c);
            c->setCurrentIndex(0);
        }
        {
            const QSignalBlocker block(m_search);
            m_search->clear();
        }
        m_onlyIds.reset();
        if (m_onlyIdsButton) m_onlyIdsButton->hide();
        statusBar()->showMessage(tr("Filters cleared to show sample #%1.").arg(sampleId), 5000);
        applyFilters();
    }
    m_pendingSelection = sampleId;  // selected when the rows are in place (queryApplied)
    return true;
}

void MainWindow::jumpToSample() {
    bool ok = false;
    const qint64 id = m_jump->text().trimmed().toLongLong(&ok);
    if (ok && selectSample(id)) m_grid->setFocus();
}

void MainWindow::linkReviewWindow(ReviewWindow* review) {
    if (!review || review->property("linkedToMain").toBool()) return;
    review->setProperty("linkedToMain", true);
    QPointer<ReviewWindow> rw(review);
    widgets::ReviewWidget* queue = review->review();
    connect(queue, &widgets::ReviewWidget::currentSampleChanged, this, [this](qint64 id) {
        if (id >= 0 && id != selectedSampleId()) selectSample(id);
    });
    connect(this, &MainWindow::selectedSampleChanged, review, [rw](qint64 id) {
        if (!rw || id < 0) return;
        widgets::ReviewWidget* w = rw->review();
        if (w->currentSampleId() == id || !w->model()) return;
        const int row = w->model()->rowOfSample(id);
        if (row >= 0) w->setCurrentRow(row);  // not in the queue: the queue stays where it is
    });
    // Decisions change what the review filters show: read the facts again, once per burst.
    if (!m_factsRefresh) {
        m_factsRefresh = new QTimer(this);
        m_factsRefresh->setSingleShot(true);
        m_factsRefresh->setInterval(1500);
        connect(m_factsRefresh, &QTimer::timeout, this, [this] {
            if (m_facts) loadFacts(wantedFactsSource());
        });
    }
    connect(queue, &widgets::ReviewWidget::decisionRecorded, m_factsRefresh, qOverload<>(&QTimer::start));
    // The Analyse actions travel with the window (QWidget::actions), so its empty queue can
    // offer them by object name without knowing this class.
    review->addActions({m_injectNoiseAction, m_scoreRunAction, m_evaluateAction});
    // The empty queue's buttons (and the window's menu) ask for the jobs that make scores:
    // they open the same dialogs as the main window's menus, for the review window's
    // project only (they were never connected, so the buttons did nothing).
    const std::filesystem::path reviewed = review->projectFile();
    auto forThisProject = [this, reviewed](void (MainWindow::*open)()) {
        return [this, reviewed, open] {
            if (reviewed != m_projectFile) {
                reportError(tr("Review"), tr("The main window shows another project now; open %1 there first.")
                                              .arg(QString::fromStdString(reviewed.string())));
                return;
            }
            (this->*open)();
        };
    };
    connect(review, &ReviewWindow::requestTraining, this, forThisProject(&MainWindow::trainDialog));
    connect(review, &ReviewWindow::requestNoiseInjection, this, forThisProject(&MainWindow::injectNoiseInteractive));
    connect(review, &ReviewWindow::requestScoring, this, forThisProject(&MainWindow::scoreRunInteractive));
    connect(review, &ReviewWindow::moreLikeThisRequested, this, [this, reviewed](qint64 id) {
        if (reviewed == m_projectFile) showMoreLikeThis(id);
        else reportError(tr("More like this"), tr("The main window shows another project now; open %1 there first.")
                                                   .arg(QString::fromStdString(reviewed.string())));
    });
}

}  // namespace winnow::gui
