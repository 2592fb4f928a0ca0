#include "widgets/retrieval/retrieval_browser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "core/retrieval/retrieval_failures.h"
#include "widgets/retrieval/retrieval_failure_detail.h"
#include "widgets/retrieval/retrieval_failure_model.h"
#include "widgets/retrieval/retrieval_results_view.h"

namespace winnow::widgets {

RetrievalBrowser::RetrievalBrowser(QWidget* parent) : QWidget(parent) {
    m_runs = new QComboBox(this);
    m_runs->setObjectName(QStringLiteral("retrievalRuns"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status = new QLabel(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Evaluation:"), this));
    top->addWidget(m_runs, 1);
    top->addWidget(m_status, 2);

    m_results = new RetrievalResultsView(this);

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
    m_count = new QLabel(this);
    auto* filters = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_attack, m_direction, m_kind, m_word}) filters->addWidget(w);
    filters->addWidget(m_count, 1);

    m_model = new RetrievalFailureModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("retrievalFailures"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_detail = new RetrievalFailureDetail(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_detail);
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
    m_tabs->addTab(m_results, tr("&Results"));
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
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RetrievalBrowser::showCurrent);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<RetrievalBrowserData>>::finished, this,
            &RetrievalBrowser::onLoaded);
    // Keyboard navigation like the review queue: J next, K previous (arrows work in the list).
    auto* next = new QShortcut(QKeySequence(Qt::Key_J), failures);
    connect(next, &QShortcut::activated, this, [this] { step(1); });
    auto* prev = new QShortcut(QKeySequence(Qt::Key_K), failures);
    connect(prev, &QShortcut::activated, this, [this] { step(-1); });
}

RetrievalBrowser::~RetrievalBrowser() { m_watcher.waitForFinished(); }

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
    for (const auto& r : runs) m_runs->addItem(r.text, qint64(r.id));
    if (runs.empty()) {
        m_status->setText(tr("No evaluation yet: import a caption set and run one (Retrieval menu)."));
        m_data.reset();
        m_model->setData(nullptr);
        m_results->setData(nullptr);
        m_detail->show(nullptr);
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
    m_error.clear();
    m_status->setText(tr("Loading evaluation #%1…").arg(runId));
    const auto file = m_file;
    m_watcher.setFuture(QtConcurrent::run([file, runId]() -> std::shared_ptr<RetrievalBrowserData> {
        return loadRetrievalBrowserData(file, runId);
    }));
}

void RetrievalBrowser::onLoaded() {
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
    fillBoard(m_swapBoard, m_data->swapBoard);
    fillBoard(m_galleryBoard, m_data->galleryBoard);
    m_status->setText(tr("%1 — %2").arg(QString::fromStdString(m_data->run.status), m_data->tiesNote));
    applyFilter();
    Q_EMIT loaded();
}

void RetrievalBrowser::applyFilter() {
    RetrievalFailureModel::Filter f;
    f.attack = m_attack->currentData().toString();
    f.direction = m_direction->currentData().toString();
    f.kinds = m_kind->currentData().toUInt();
    f.word = m_word->text().trimmed();
    m_model->setFilter(f);
    m_count->setText(tr("%1 of %2 failures").arg(m_model->rowCount()).arg(m_model->totalCount()));
    if (m_model->rowCount() > 0) m_view->selectRow(0);
    else m_detail->show(nullptr);
}

void RetrievalBrowser::showCurrent() { m_detail->show(m_model->failureAt(m_view->currentIndex().row())); }

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
