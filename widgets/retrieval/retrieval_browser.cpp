#include "widgets/retrieval/retrieval_browser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "core/retrieval/retrieval_failures.h"
#include "core/retrieval/retrieval_topk.h"
#include "core/store/project.h"
#include "widgets/retrieval/retrieval_comparison_view.h"
#include "widgets/retrieval/retrieval_topk_view.h"
#include "widgets/review/key_help_overlay.h"
#include "widgets/retrieval/retrieval_failure_detail.h"
#include "widgets/retrieval/retrieval_failure_model.h"
#include "widgets/retrieval/retrieval_results_view.h"

namespace winnow::widgets {

RetrievalBrowser::RetrievalBrowser(QWidget* parent) : QWidget(parent) {
    m_runs = new QComboBox(this);
    m_runs->setObjectName(QStringLiteral("retrievalRuns"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // The run's state or why it cannot be shown: wraps rather than widening the window (a
    // 1366 px screen, issue 16); the ties rule is said once, in the results paragraph.
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("retrievalStatus"));
    m_status->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Evaluation:"), this));
    top->addWidget(m_runs, 1);
    m_compare = new QComboBox(this);
    m_compare->setObjectName(QStringLiteral("retrievalCompare"));
    m_compare->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_compare->setToolTip(tr("Put a second evaluation of the same caption set beside this one (another model or seed)"));
    top->addWidget(new QLabel(tr("Compare with:"), this));
    top->addWidget(m_compare, 1);
    m_compareStatus = new QLabel(this);
    top->addWidget(m_compareStatus);
    top->addWidget(m_status, 2);

    m_results = new RetrievalResultsView(this);
    m_comparisonView = new RetrievalComparisonView(this);
    m_comparisonView->setVisible(false);
    auto* resultsSplit = new QSplitter(Qt::Horizontal, this);
    resultsSplit->addWidget(m_results);
    resultsSplit->addWidget(m_comparisonView);

    m_attack = new QComboBox(this);
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("both directions"), QString());
    m_direction->addItem(tr("image → text"), QStringLiteral("i2t"));
    m_direction->addItem(tr("text → image"), QStringLiteral("t2i"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("every failure"), 0u);
    m_kind->addItem(tr("attack item above the ground truth"), unsigned(core::kAdversarialAboveTruth));
    m_kind->addItem(tr("attack item is top-1"), unsigned(core::kAdversarialTop1));
    m_kind->addItem(tr("ground truth lost from the top k"), unsigned(core::kLostFromTopK));
    m_word = new QLineEdit(this);
    m_word->setPlaceholderText(tr("swapped word…"));
    m_word->setClearButtonEnabled(true);
    m_compareFilter = new QComboBox(this);
    m_compareFilter->setObjectName(QStringLiteral("retrievalCompareFilter"));
    using C = RetrievalFailureModel::Filter::Compare;
    for (C c : {C::Any, C::AOnly, C::BOnly, C::Both}) m_compareFilter->addItem(QString(), int(c));
    m_compareFilter->setEnabled(false);
    m_count = new QLabel(this);
    auto* filters = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_attack, m_direction, m_kind, m_word, m_compareFilter})
        filters->addWidget(w);
    filters->addWidget(m_count, 1);

    m_model = new RetrievalFailureModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("retrievalFailures"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // Short columns as wide as their contents; the query and the winning item share the rest; the others
    // are sized to their contents up to a cap when a run is loaded (sizeFailureColumns).
    // Cut texts end in "…" and the cell's tooltip gives them whole.
    m_view->horizontalHeader()->setStretchLastSection(false);
    for (int c : {int(RetrievalFailureModel::Margin), int(RetrievalFailureModel::Direction), int(RetrievalFailureModel::Seed)})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    for (int c : {int(RetrievalFailureModel::Query), int(RetrievalFailureModel::Winner)})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_detail = new RetrievalFailureDetail(this);
    m_topK = new RetrievalTopKView(this);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_detail);
    right->addWidget(m_topK);
    right->setStretchFactor(0, 3);  // the failure in full (images) over its top-k list
    right->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* failures = new QWidget(this);
    auto* fl = new QVBoxLayout(failures);
    fl->addLayout(filters);
    fl->addWidget(split, 1);

    auto makeBoard = [this](const QString& what) {
        auto* t = new QTableWidget(this);
        t->setColumnCount(2);
        t->setHorizontalHeaderLabels({what, tr("Top-1 wins")});
        t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        t->verticalHeader()->hide();
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        return t;
    };
    m_swapBoard = makeBoard(tr("Swap (source > target)"));
    m_galleryBoard = makeBoard(tr("Gallery item"));
    auto* boards = new QWidget(this);
    auto* bl = new QHBoxLayout(boards);
    bl->addWidget(m_swapBoard);
    bl->addWidget(m_galleryBoard);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(resultsSplit, tr("&Results"));
    m_tabs->addTab(failures, tr("&Failures"));
    m_tabs->addTab(boards, tr("&Leaderboards"));
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(top);
    lay->addWidget(m_tabs, 1);

    connect(m_runs, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { loadRun(m_runs->itemData(i).toLongLong()); });
    for (QComboBox* c : {m_attack, m_direction, m_kind})
        connect(c, qOverload<int>(&QComboBox::currentIndexChanged), this, &RetrievalBrowser::applyFilter);
    connect(m_word, &QLineEdit::textChanged, this, &RetrievalBrowser::applyFilter);
    connect(m_compareFilter, qOverload<int>(&QComboBox::currentIndexChanged), this, &RetrievalBrowser::applyFilter);
    connect(m_compare, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { compareWith(m_compare->itemData(i).toLongLong()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RetrievalBrowser::showCurrent);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<RetrievalBrowserData>>::finished, this,
            &RetrievalBrowser::onLoaded);
    connect(&m_topKWatcher, &QFutureWatcher<TopKResult>::finished, this, &RetrievalBrowser::onTopK);
    connect(&m_compareWatcher, &QFutureWatcher<std::shared_ptr<RetrievalComparisonData>>::finished, this,
            &RetrievalBrowser::onCompared);
    connect(m_topK, &RetrievalTopKView::kChanged, this, [this] { requestTopK(); });
    // Keyboard navigation like the review queue (one table runs the keys and writes the help).
    m_keyHelp = new KeyHelpOverlay(this);
    buildKeyTable();
    m_view->installEventFilter(this);
    m_topK->table()->installEventFilter(this);
}

void RetrievalBrowser::buildKeyTable() {
    using M = Qt::KeyboardModifiers;
    auto plain = [](std::initializer_list<int> keys) {
        const QList<int> list(keys);
        return [list](int key, M mods) { return mods == Qt::NoModifier && list.contains(key); };
    };
    auto inTopK = [this] { return m_topK->table()->hasFocus(); };
    auto moveTopK = [this](int delta) {
        QTableWidget* t = m_topK->table();
        if (t->rowCount() == 0) return;
        t->selectRow(std::clamp(t->currentRow() + delta, 0, t->rowCount() - 1));
    };
    m_keys = {
        {tr("J or ←"), tr("previous query (in the top-k list: previous item)"), plain({Qt::Key_J, Qt::Key_Left}),
         [=, this] { inTopK() ? moveTopK(-1) : step(-1); }},
        {tr("L or →"), tr("next query (in the top-k list: next item)"), plain({Qt::Key_L, Qt::Key_Right}),
         [=, this] { inTopK() ? moveTopK(1) : step(1); }},
        {tr("↑ ↓"), tr("move in the list that has the focus"), [](int, M) { return false; }, [] {}},
        {tr("Enter"), tr("from the query list into its top-k list, and back"), plain({Qt::Key_Return, Qt::Key_Enter}),
         [=, this] {
             if (inTopK()) {
                 m_view->setFocus();
             } else {
                 m_topK->table()->setFocus();
                 if (m_topK->table()->rowCount() > 0 && m_topK->table()->currentRow() < 0) m_topK->table()->selectRow(0);
             }
         }},
        {tr("Esc"), tr("back to the query list"), plain({Qt::Key_Escape}), [this] { m_view->setFocus(); }},
        {tr("+ or −"), tr("a longer or shorter top-k list (by 5)"),
         [](int key, M mods) {
             return (mods == Qt::NoModifier || mods == Qt::ShiftModifier || mods == Qt::KeypadModifier) &&
                    (key == Qt::Key_Plus || key == Qt::Key_Minus || key == Qt::Key_Equal);
         },
         [] {}},
        {tr("? or F1"), tr("this help"),
         [](int key, M mods) {
             return (key == Qt::Key_Question && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) ||
                    (key == Qt::Key_F1 && mods == Qt::NoModifier);
         },
         [this] { showKeyHelp(); }},
    };
}

void RetrievalBrowser::showKeyHelp() {
    QList<KeyHelpEntry> entries;
    for (const auto& k : m_keys) entries.push_back({k.keys, k.what});
    m_keyHelp->setSections({{tr("Retrieval failures"), entries}});
    m_keyHelp->popup();
}

bool RetrievalBrowser::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress && (watched == m_view || watched == m_topK->table())) {
        auto* e = static_cast<QKeyEvent*>(event);
        const auto mods = e->modifiers() & ~Qt::KeypadModifier;
        if (e->key() == Qt::Key_Plus || e->key() == Qt::Key_Equal || e->key() == Qt::Key_Minus) {
            if (mods == Qt::NoModifier || mods == Qt::ShiftModifier) {
                m_topK->setK(std::max(1, m_topK->k() + (e->key() == Qt::Key_Minus ? -5 : 5)));
                return true;
            }
        }
        for (const auto& k : m_keys)
            if (k.matches(e->key(), mods)) {
                k.run();
                return true;
            }
    }
    return QWidget::eventFilter(watched, event);
}

RetrievalBrowser::~RetrievalBrowser() {
    m_watcher.waitForFinished();
    m_topKWatcher.waitForFinished();
    m_compareWatcher.waitForFinished();
}

int64_t RetrievalBrowser::currentRun() const { return m_data ? m_data->run.id : m_loadingRun; }

void RetrievalBrowser::open(const std::filesystem::path& projectFile, int64_t runId) {
    m_file = projectFile;
    m_runs->clear();
    std::vector<RetrievalRunSummary> runs;
    try {
        runs = listRetrievalRuns(projectFile);
    } catch (const std::exception& e) {
        m_error = QString::fromLocal8Bit(e.what());
        m_status->setText(m_error);
        return;
    }
    m_runList = runs;
    for (const auto& r : runs) m_runs->addItem(r.text, qint64(r.id));
    if (runs.empty()) {
        m_status->setText(tr("No evaluation yet: import a caption set and run one (Retrieval menu)."));
        m_data.reset();
        m_model->setData(nullptr);
        m_results->setData(nullptr);
        m_detail->show(nullptr);
        m_topK->setNothing();
        fillCompareRuns();
        Q_EMIT loaded();
        return;
    }
    const int64_t id = runId > 0 ? runId : runs.front().id;
    const int index = m_runs->findData(qint64(id));
    m_runs->setCurrentIndex(index < 0 ? 0 : index);
    loadRun(m_runs->currentData().toLongLong());
}

void RetrievalBrowser::loadRun(int64_t runId) {
    if (m_watcher.isRunning()) m_watcher.waitForFinished();
    m_loadingRun = runId;
    m_loadBusy = true;
    m_error.clear();
    m_status->setText(tr("Loading evaluation #%1…").arg(runId));
    const auto file = m_file;
    m_watcher.setFuture(QtConcurrent::run([file, runId]() -> std::shared_ptr<RetrievalBrowserData> {
        return loadRetrievalBrowserData(file, runId);
    }));
}

void RetrievalBrowser::onLoaded() {
    m_loadBusy = false;
    try {
        m_data = m_watcher.result();
    } catch (const std::exception& e) {
        m_data.reset();
        m_error = tr("Evaluation #%1 cannot be shown: %2").arg(m_loadingRun).arg(QString::fromLocal8Bit(e.what()));
        m_status->setText(m_error);
        Q_EMIT loaded();
        return;
    }
    const QString attack = m_attack->currentData().toString();
    m_attack->blockSignals(true);
    m_attack->clear();
    m_attack->addItem(tr("every attack"), QString());
    for (const QString& a : m_data->attacks) m_attack->addItem(a, a);
    const int keep = m_attack->findData(attack);
    m_attack->setCurrentIndex(keep < 0 ? 0 : keep);
    m_attack->blockSignals(false);
    m_results->setData(m_data);
    m_detail->setData(m_data);
    m_model->setData(m_data);
    fillCompareRuns();
    if (m_comparison && m_comparison->table.columns.size() == 2 && m_comparison->table.columns[0].runId != m_data->run.id)
        compareWith(m_comparison->table.columns[1].runId == m_data->run.id ? 0 : m_comparison->table.columns[1].runId);
    fillBoard(m_swapBoard, m_data->swapBoard);
    fillBoard(m_galleryBoard, m_data->galleryBoard);
    m_status->setText(m_data->run.message.empty()
                          ? retrievalRunStateText(m_data->run.status)
                          : tr("%1: %2").arg(retrievalRunStateText(m_data->run.status),
                                             QString::fromStdString(m_data->run.message)));
    applyFilter();
    Q_EMIT loaded();
}

void RetrievalBrowser::applyFilter() {
    RetrievalFailureModel::Filter f;
    f.attack = m_attack->currentData().toString();
    f.direction = m_direction->currentData().toString();
    f.kinds = m_kind->currentData().toUInt();
    f.word = m_word->text().trimmed();
    f.compare = RetrievalFailureModel::Filter::Compare(m_compareFilter->currentData().toInt());
    m_model->setFilter(f);
    using C = RetrievalFailureModel::Filter::Compare;
    const bool comparing = m_comparison != nullptr;
    const QString a = m_data ? QString::number(m_data->run.id) : QString();
    const QString b = comparing && m_comparison->table.columns.size() == 2
                          ? QString::number(m_comparison->table.columns[1].runId)
                          : QString();
    m_compareFilter->setItemText(0, comparing ? tr("every failure of A (#%1)").arg(a) : tr("no comparison"));
    m_compareFilter->setItemText(1, tr("fails in A only (%1)").arg(comparing ? m_model->compareCount(C::AOnly) : 0));
    m_compareFilter->setItemText(2, tr("fails in B only (%1)").arg(comparing ? m_model->compareCount(C::BOnly) : 0));
    m_compareFilter->setItemText(3, tr("fails in both (%1)").arg(comparing ? m_model->compareCount(C::Both) : 0));
    m_count->setText(tr("%1 of %2 failures").arg(m_model->rowCount()).arg(m_model->totalCount()));
    sizeFailureColumns();
    if (m_model->rowCount() > 0) {
        m_view->selectRow(0);
        showCurrent();
    } else {
        m_detail->show(nullptr);
        m_topK->setNothing();
    }
}

void RetrievalBrowser::sizeFailureColumns() {
    using M = RetrievalFailureModel;
    QHeaderView* header = m_view->horizontalHeader();
    const QAbstractItemView* view = m_view;  // sizeHintForColumn is protected in QTableView
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const std::pair<int, int> capped[] = {{M::Attack, 10 * em}, {M::Kind, 13 * em}, {M::Swapped, 8 * em}};
    for (const auto& [column, cap] : capped)
        m_view->setColumnWidth(column, std::max(header->sectionSizeHint(column), std::min(cap, view->sizeHintForColumn(column))));
}

void RetrievalBrowser::showCurrent() {
    const RetrievalFailureRow* row = m_model->failureAt(m_view->currentIndex().row());
    m_detail->show(row);
    requestTopK();
}

void RetrievalBrowser::requestTopK() {
    // One computation at a time (until its result is delivered); the latest request waits.
    if (m_topKBusy) {
        m_topKPending = true;
        return;
    }
    m_topKPending = false;
    const RetrievalFailureRow* current = m_model->failureAt(m_view->currentIndex().row());
    if (!current) {
        m_topK->setNothing();
        return;
    }
    m_topKBusy = true;
    m_topK->setLoading();
    const auto file = m_file;
    const RetrievalFailureRow row = *current;
    const size_t k = size_t(m_topK->k());
    const auto it = m_sources.find(row.runId);
    std::shared_ptr<core::RetrievalTopKSource> source = it == m_sources.end() ? nullptr : it->second;
    m_topKWatcher.setFuture(QtConcurrent::run([file, row, k, source]() mutable -> TopKResult {
        try {
            if (!source) {
                auto project = core::Project::openReadOnly(file);
                source = std::make_shared<core::RetrievalTopKSource>(*project, row.runId);
            }
            return {computeRetrievalTopK(*source, row, k), source};
        } catch (const std::exception& e) {
            auto out = std::make_shared<RetrievalQueryTopK>();
            out->runId = row.runId;
            out->resultId = row.failure.resultId;
            out->queryImage = row.failure.outcome.queryImage;
            out->queryCaption = row.failure.outcome.queryCaption;
            out->error = QString::fromLocal8Bit(e.what());
            return {out, source};
        }
    }));
}

void RetrievalBrowser::onTopK() {
    TopKResult r = m_topKWatcher.result();
    if (r.second) m_sources[r.second->runId()] = r.second;
    m_topKBusy = false;
    if (m_topKPending) {
        requestTopK();
        return;
    }
    const RetrievalFailureRow* current = m_model->failureAt(m_view->currentIndex().row());
    const auto& t = r.first;
    const bool same = current && t && t->runId == current->runId && t->resultId == current->failure.resultId &&
                      t->queryImage == current->failure.outcome.queryImage &&
                      t->queryCaption == current->failure.outcome.queryCaption && t->k == size_t(m_topK->k());
    if (!same && current) {
        requestTopK();
        return;
    }
    m_topK->setTopK(current ? t : nullptr);
    Q_EMIT topKReady();
}

void RetrievalBrowser::fillCompareRuns() {
    const int64_t keep = m_comparison && m_comparison->table.columns.size() == 2 ? m_comparison->table.columns[1].runId : 0;
    m_compare->blockSignals(true);
    m_compare->clear();
    m_compare->addItem(tr("nothing"), qint64(0));
    if (m_data)
        for (const auto& r : m_runList)
            if (r.id != m_data->run.id && r.setId == m_data->run.setId) m_compare->addItem(r.text, qint64(r.id));
    const int i = m_compare->findData(qint64(keep));
    m_compare->setCurrentIndex(i < 0 ? 0 : i);
    m_compare->setEnabled(m_compare->count() > 1);
    m_compare->blockSignals(false);
}

void RetrievalBrowser::compareWith(int64_t otherRunId) {
    if (m_compareWatcher.isRunning()) m_compareWatcher.waitForFinished();
    m_comparingRun = otherRunId;
    if (otherRunId <= 0 || !m_data) {
        m_comparison.reset();
        m_model->setComparison(nullptr);
        m_comparisonView->setComparison(nullptr);
        m_comparisonView->setVisible(false);
        m_compareFilter->setCurrentIndex(0);
        m_compareFilter->setEnabled(false);
        m_compareStatus->clear();
        fillCompareRuns();
        applyFilter();
        Q_EMIT compared();
        return;
    }
    m_compareStatus->setText(tr("loading #%1…").arg(otherRunId));
    m_compareBusy = true;
    const auto file = m_file;
    const int64_t a = m_data->run.id;
    m_compareWatcher.setFuture(QtConcurrent::run([file, a, otherRunId]() -> std::shared_ptr<RetrievalComparisonData> {
        return loadRetrievalComparison(file, a, otherRunId);
    }));
}

void RetrievalBrowser::onCompared() {
    m_compareBusy = false;
    try {
        m_comparison = m_compareWatcher.result();
        m_compareStatus->setText(tr("B = #%1").arg(m_comparingRun));
    } catch (const std::exception& e) {
        m_comparison.reset();
        m_compareStatus->setText(tr("Cannot compare: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    m_model->setComparison(m_comparison ? m_comparison->other : nullptr);
    m_comparisonView->setComparison(m_comparison);
    m_comparisonView->setVisible(m_comparison != nullptr);
    m_compareFilter->setEnabled(m_comparison != nullptr);
    if (!m_comparison) m_compareFilter->setCurrentIndex(0);
    fillCompareRuns();
    applyFilter();
    Q_EMIT compared();
}

void RetrievalBrowser::step(int delta) {
    if (m_model->rowCount() == 0) return;
    const int row = std::clamp(m_view->currentIndex().row() + delta, 0, m_model->rowCount() - 1);
    m_view->selectRow(row);
}

void RetrievalBrowser::fillBoard(QTableWidget* table, const std::vector<core::LeaderboardEntry>& entries) {
    table->setRowCount(int(entries.size()));
    for (int i = 0; i < int(entries.size()); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(entries[size_t(i)].item)));
        auto* wins = new QTableWidgetItem(QString::number(entries[size_t(i)].wins));
        wins->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(i, 1, wins);
    }
}

}  // namespace winnow::widgets
