#include "widgets/review/review_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "core/review/review_log.h"
#include "core/review/review_sample_rows.h"
#include "core/store/project.h"
#include "widgets/review/class_palette.h"
#include "widgets/review/clip_detail.h"
#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/review/detector_names.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_tile_delegate.h"
#include "widgets/review/zoom_view.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
constexpr int kThumb = 96;
constexpr int kLarge = 384;
constexpr int kFull = 2048;    // the large view's decode (full resolution up to this side)
constexpr int kHistoryShown = 4;  // newest entries of a sample's history under the panel
constexpr int kPositionSaveDelayMs = 400;  // debounce of the stored queue position
constexpr int kPrefetch = 4;  // rows ahead whose large image is decoded before they are shown

DecisionState stateOf(core::ReviewAction a) {
    switch (a) {
    case core::ReviewAction::Relabel: return DecisionState::Relabel;
    case core::ReviewAction::Keep: return DecisionState::Keep;
    case core::ReviewAction::Exclude: return DecisionState::Exclude;
    case core::ReviewAction::Ambiguous: return DecisionState::Ambiguous;
    // Marking trusted confirms the given label (and, in core, supersedes an earlier
    // decision on the sample), so the queue shows it as kept.
    case core::ReviewAction::Trust: return DecisionState::Keep;
    case core::ReviewAction::Untrust: return DecisionState::None;
    }
    return DecisionState::None;
}
}  // namespace

ReviewWidget::ReviewWidget(QWidget* parent) : QWidget(parent) {
    m_model = new ReviewQueueModel(this);
    m_view = new QListView(this);
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* delegate = new ReviewTileDelegate(kThumb, m_view);
    m_view->setItemDelegate(delegate);
    m_view->setModel(m_model);
    m_view->setSpacing(2);
    m_view->installEventFilter(this);
    m_panel = new ReviewPanel(this);
    // Video clips: hover scrubbing on the tiles, strip and player in the panel. Keys the
    // player leaves alone travel up to the panel, where the filter below takes them.
    m_clipFrames = new ClipFrameLoader(256, this);
    delegate->setClipScrubber(new ClipHoverScrubber(m_view, m_clipFrames, ReviewQueueModel::SampleIdRole));
    m_panel->clipDetail()->setLoader(m_clipFrames);
    m_panel->installEventFilter(this);
    m_palette = new ClassPalette(this);
    m_progress = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);  // long error messages wrap instead of widening the queue
    m_classFilter = new QComboBox(this);
    m_stateFilter = new QComboBox(this);
    m_stateFilter->addItem(tr("Any state"), int(QueueFilter::AnyState));
    m_stateFilter->addItem(tr("Undecided"), int(QueueFilter::Undecided));
    m_stateFilter->addItem(tr("Decided"), int(QueueFilter::Decided));
    for (auto s : {DecisionState::Relabel, DecisionState::Keep, DecisionState::Exclude,
                   DecisionState::Ambiguous})
        m_stateFilter->addItem(ReviewTileDelegate::decisionText(int(s)), int(s));
    m_flaggedOnly = new QCheckBox(tr("Flagged only"), this);
    m_flaggedOnly->setChecked(true);
    m_selectionChip = new QLabel(this);
    auto* clearSel = new QPushButton(tr("Show whole queue"), this);
    m_history = new QLabel(this);
    m_history->setObjectName(QStringLiteral("decisionHistory"));
    m_history->setWordWrap(true);
    m_history->setTextFormat(Qt::PlainText);
    m_history->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyHelp = new KeyHelpOverlay(this);
    m_positionTimer = new QTimer(this);
    m_positionTimer->setSingleShot(true);
    m_positionTimer->setInterval(kPositionSaveDelayMs);

    // Two rows, each widget at its full size hint (at 1366×768 and in Korean one row cut the
    // class box and the progress text): the filters, then the progress and the selection.
    m_classFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stateFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* filters = new QHBoxLayout;
    auto* classLabel = new QLabel(tr("Class:"), this);
    classLabel->setBuddy(m_classFilter);
    filters->addWidget(classLabel);
    filters->addWidget(m_classFilter);
    filters->addWidget(m_stateFilter);
    filters->addWidget(m_flaggedOnly);
    filters->addStretch(1);
    auto* info = new QHBoxLayout;
    info->addWidget(m_progress);
    info->addStretch(1);
    info->addWidget(m_selectionChip);
    info->addWidget(clearSel);
    clearSel->setObjectName(QStringLiteral("showWholeQueue"));
    clearSel->hide();  // only while a dashboard selection is shown
    connect(this, &ReviewWidget::selectionShownChanged, clearSel, &QWidget::setVisible);
    auto* left = new QWidget(this);
    auto* leftLay = new QVBoxLayout(left);
    leftLay->setContentsMargins(0, 0, 0, 0);
    leftLay->addLayout(filters);
    leftLay->addLayout(info);
    leftLay->addWidget(m_view, 1);
    leftLay->addWidget(m_status);
    auto* right = new QWidget(this);
    auto* rightLay = new QVBoxLayout(right);
    rightLay->setContentsMargins(0, 0, 0, 0);
    // The detail scrolls when the screen is short (1366×768, taller Korean lines) instead of
    // making the whole window taller than the screen.
    auto* panelScroll = new QScrollArea(right);
    panelScroll->setObjectName(QStringLiteral("detailScroll"));
    panelScroll->setWidgetResizable(true);
    panelScroll->setFrameShape(QFrame::NoFrame);
    panelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    panelScroll->setFocusPolicy(Qt::NoFocus);
    // A scroll area forwards focus to its viewport; the detail's widgets hand the keyboard
    // back through the nearest focus proxy (ClipDetail::clear), which must be the queue.
    panelScroll->setFocusProxy(m_view);
    panelScroll->setWidget(m_panel);
    rightLay->addWidget(panelScroll, 1);
    rightLay->addWidget(m_history);
    rightLay->addWidget(m_palette);
    auto* split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(split);
    setFocusProxy(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ReviewWidget::onCurrentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // The view's selection model survives a reset; re-hook nothing, just re-show.
        onCurrentChanged();
    });
    connect(m_model, &ReviewQueueModel::countsChanged, this, &ReviewWidget::updateProgress);
    connect(m_palette, &ClassPalette::classChosen, this,
            [this](int k) { decide(core::ReviewAction::Relabel, k); });
    connect(m_palette, &ClassPalette::searchFinished, this, [this] { m_view->setFocus(); });
    connect(m_classFilter, &QComboBox::currentIndexChanged, this, &ReviewWidget::applyFilterControls);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &ReviewWidget::applyFilterControls);
    connect(m_flaggedOnly, &QCheckBox::toggled, this, &ReviewWidget::applyFilterControls);
    connect(clearSel, &QPushButton::clicked, this, [this] { showOnly({}); });
    connect(m_positionTimer, &QTimer::timeout, this, &ReviewWidget::savePosition);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& idx) {
        setCurrentRow(idx.row());
        openZoom();
    });
    connect(m_panel, &ReviewPanel::imageDoubleClicked, this, &ReviewWidget::openZoom);
    buildKeyTable();
}

ReviewWidget::~ReviewWidget() {
    if (m_project) savePosition();  // never throws; the position is a convenience
}

void ReviewWidget::open(const std::filesystem::path& projectFile,
                        std::shared_ptr<const ReviewData> data, const QString& reviewer) {
    m_project = core::Project::open(projectFile);
    m_log = std::make_unique<core::ReviewLog>(*m_project);
    m_undoSteps.clear();
    m_redoSteps.clear();
    Q_EMIT undoStateChanged();
    m_reviewer = reviewer;
    m_data = std::move(data);
    // Fresh caches for this project: hand them to every user first, only then delete the
    // old ones, so no user is ever left pointing at a deleted cache (issue 16, bug 1).
    std::unique_ptr<ThumbnailCache> oldSmall(m_small.data()), oldLarge(m_large.data());
    m_small = new ThumbnailCache(m_project->file(), kThumb, 96ll << 20, this);
    m_large = new ThumbnailCache(m_project->file(), kLarge, 192ll << 20, this);
    m_model->setThumbnailCache(m_small);
    m_panel->setCaches(m_large, m_small);
    oldSmall.reset();
    oldLarge.reset();
    // The large view's cache is made on first use; a reopened project gets a new one.
    std::unique_ptr<ThumbnailCache> oldFull(m_full.data());
    m_full.clear();
    if (m_zoom) m_zoom->close();
    m_clipFrames->open(m_project->file(), m_data->scoringId);
    m_panel->setReviewData(m_data);
    {
        const QSignalBlocker block(m_model);
        m_model->setReviewData(m_data);
        // The project is the truth for trust flags and decisions, not the scoring snapshot.
        for (const int64_t id : core::trustedSampleIds(*m_project)) m_model->setTrusted(id, true);
        for (const auto& [id, d] : m_log->effectiveAll())
            m_model->setDecision(id, stateOf(d.action),
                                 d.action == core::ReviewAction::Relabel ? d.newLabel : -1);
    }
    m_model->setFilter(m_model->filter());  // counts and rows with the loaded states
    m_model->setFlags({});
    {
        const QSignalBlocker block(m_classFilter);
        m_classFilter->clear();
        m_classFilter->addItem(tr("All classes"), -1);
        for (int k = 0; k < m_data->classNames.size(); ++k)
            m_classFilter->addItem(m_data->classNames[k], k);
    }
    m_palette->setClasses(m_data->classNames);
    rebuildTrustedRows();
    const qint64 pos = std::stoll(m_project->meta(kPositionKey, "-1"));
    const int row = m_model->rowOfSample(pos);
    setCurrentRow(row >= 0 ? row : 0);
    updateProgress();
}

int ReviewWidget::currentRow() const {
    const QModelIndex cur = m_view->currentIndex();
    return cur.isValid() ? cur.row() : -1;
}

qint64 ReviewWidget::currentSampleId() const { return m_model->sampleIdAt(currentRow()); }

void ReviewWidget::setCurrentRow(int row) {
    if (m_model->rowCount() == 0) return onCurrentChanged();
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    const QModelIndex idx = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(idx);
}

void ReviewWidget::moveBy(int delta) {
    if (m_model->rowCount() == 0) return;
    setCurrentRow(std::max(0, currentRow()) + delta);
}

QList<int> ReviewWidget::targetRows() const {
    QList<int> rows;
    const QModelIndexList sel = m_view->selectionModel()->selectedIndexes();
    if (sel.size() > 1) {
        for (const auto& i : sel) rows << i.row();
        std::sort(rows.begin(), rows.end());
    } else if (currentRow() >= 0) {
        rows << currentRow();
    }
    return rows;
}

bool ReviewWidget::recordFor(int row, core::ReviewAction action, int newLabel) {
    const int r = m_model->dataRowAt(row);
    if (r < 0 || !m_log) return false;
    core::Decision d;
    d.reviewer = m_reviewer.toStdString();
    d.sampleId = m_data->ids[size_t(r)];
    d.action = action;
    d.oldLabel = m_data->given[size_t(r)];
    if (action == core::ReviewAction::Relabel) {
        if (newLabel == d.oldLabel) d.action = core::ReviewAction::Keep;  // same label: a keep
        else d.newLabel = newLabel;
    }
    d.detector = m_data->detector.toStdString();
    d.score = double(m_data->score[size_t(r)]);
    d.posterior = double(m_data->posterior[size_t(r)]);
    d.runId = m_data->runId;
    try {
        m_log->record(d);
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        m_status->setText(tr("Decision not saved: %1").arg(m_lastError));
        return false;
    }
    if (d.action == core::ReviewAction::Trust || d.action == core::ReviewAction::Untrust) {
        m_model->setTrusted(d.sampleId, d.action == core::ReviewAction::Trust);
        rebuildTrustedRows();
        Q_EMIT trustedChanged();
    }
    m_model->setDecision(d.sampleId, stateOf(d.action), d.newLabel);
    Q_EMIT decisionRecorded(d.sampleId);
    return true;
}

bool ReviewWidget::decide(core::ReviewAction action, int newLabel) {
    const QList<int> rows = targetRows();
    if (rows.isEmpty()) return false;
    if (action == core::ReviewAction::Relabel &&
        (newLabel < 0 || newLabel >= m_data->classes))
        return false;
    int done = 0;
    for (int row : rows) {
        if (!recordFor(row, action, newLabel)) break;  // stay on the failed item
        ++done;
    }
    pushStep(done, describe(action, rows.mid(0, done), newLabel));
    if (done < rows.size()) return false;
    afterDecisions(rows);
    return true;
}

bool ReviewWidget::acceptSuggestion() {
    const QList<int> rows = targetRows();
    if (rows.isEmpty()) return false;
    int done = 0;
    for (int row : rows) {
        const int r = m_model->dataRowAt(row);
        const int sug = m_data->suggested[size_t(r)];
        const bool ok = sug >= 0 ? recordFor(row, core::ReviewAction::Relabel, sug)
                                 : recordFor(row, core::ReviewAction::Keep, -1);
        if (!ok) break;
        ++done;
    }
    if (done == 1) {
        const int sug = m_data->suggested[size_t(m_model->dataRowAt(rows.first()))];
        pushStep(done, sug >= 0 ? describe(core::ReviewAction::Relabel, rows.mid(0, 1), sug)
                                : describe(core::ReviewAction::Keep, rows.mid(0, 1), -1));
    } else {
        pushStep(done, tr("accepting the suggestions for %n samples", nullptr, done));
    }
    if (done < rows.size()) return false;
    afterDecisions(rows);
    return true;
}

bool ReviewWidget::toggleTrusted() {
    const QList<int> rows = targetRows();
    if (rows.isEmpty()) return false;
    if (!confirmTrust(rows)) return false;
    int done = 0;
    for (int row : rows) {
        const qint64 id = m_model->sampleIdAt(row);
        const auto action = m_model->trusted(id) ? core::ReviewAction::Untrust
                                                 : core::ReviewAction::Trust;
        if (!recordFor(row, action, -1)) break;
        ++done;
    }
    if (done > 0) {
        bool allTrust = true, allUntrust = true;
        for (int i = 0; i < done; ++i) {
            const bool t = m_model->trusted(m_model->sampleIdAt(rows[i]));
            allTrust = allTrust && t;
            allUntrust = allUntrust && !t;
        }
        pushStep(done, allTrust ? describe(core::ReviewAction::Trust, rows.mid(0, done), -1)
                       : allUntrust ? describe(core::ReviewAction::Untrust, rows.mid(0, done), -1)
                                    : tr("trust changes of %n samples", nullptr, done));
    }
    if (done < rows.size()) return false;
    afterDecisions(rows);
    return true;
}

void ReviewWidget::afterDecisions(const QList<int>& rows) {
    m_status->setText(rows.size() > 1 ? tr("%n decisions saved", nullptr, int(rows.size()))
                                      : tr("Saved"));
    // The position is stored by the debounce timer (onCurrentChanged), not here: a second
    // synchronous commit per decision would double the time before the next item shows.
    setCurrentRow(rows.last() + 1);
    updateHistory();  // the last item of the queue stays current
}

void ReviewWidget::applyEffective(qint64 sampleId, bool moveTo) {
    const auto eff = m_log->effective(sampleId);
    if (eff)
        m_model->setDecision(sampleId, stateOf(eff->action),
                             eff->action == core::ReviewAction::Relabel ? eff->newLabel : -1);
    else
        m_model->setDecision(sampleId, DecisionState::None);
    const bool trusted = core::isSampleTrusted(*m_project, int64_t(sampleId));
    if (trusted != m_model->trusted(sampleId)) {
        m_model->setTrusted(sampleId, trusted);
        rebuildTrustedRows();
        Q_EMIT trustedChanged();
    }
    const int row = moveTo ? m_model->rowOfSample(sampleId) : -1;
    if (row >= 0) setCurrentRow(row);
    Q_EMIT decisionRecorded(sampleId);
}

bool ReviewWidget::undo() { return undoOrRedo(true); }

bool ReviewWidget::redo() { return undoOrRedo(false); }

bool ReviewWidget::undoOrRedo(bool undo) {
    if (!m_log) return false;
    auto& steps = undo ? m_undoSteps : m_redoSteps;
    auto& other = undo ? m_redoSteps : m_undoSteps;
    // A step is the entries of one action; entries the log holds beyond the steps known
    // here (none in practice) go one at a time.
    const int count = steps.empty() ? 1 : steps.back().count;
    const QString what = steps.empty() ? QString() : steps.back().what;
    QList<qint64> samples;
    bool failed = false;
    try {
        for (int i = 0; i < count; ++i) {
            const auto d = undo ? m_log->undo(m_reviewer.toStdString())
                                : m_log->redo(m_reviewer.toStdString());
            if (!d) break;
            samples << d->sampleId;
        }
    } catch (const std::exception& e) {
        failed = true;
        m_lastError = QString::fromUtf8(e.what());
    }
    if (samples.isEmpty()) {
        if (failed)
            m_status->setText(undo ? tr("Undo failed: %1").arg(m_lastError) : tr("Redo failed: %1").arg(m_lastError));
        return false;
    }
    if (!steps.empty()) {
        steps.back().count -= int(samples.size());
        if (steps.back().count <= 0) steps.pop_back();
    }
    other.push_back({int(samples.size()), what});
    Q_EMIT undoStateChanged();
    // Undo walks the batch backwards: its first tile is the last one taken back.
    for (int i = 0; i < samples.size(); ++i) applyEffective(samples[i], i + 1 == samples.size());
    const qint64 shown = samples.last();
    if (!what.isEmpty())
        m_status->setText(undo ? tr("Undone: %1").arg(what) : tr("Redone: %1").arg(what));
    else if (samples.size() == 1)
        m_status->setText(undo ? tr("Undone: sample #%1").arg(shown) : tr("Redone: sample #%1").arg(shown));
    else
        m_status->setText(undo ? tr("Undone: %n decision(s)", nullptr, int(samples.size()))
                               : tr("Redone: %n decision(s)", nullptr, int(samples.size())));
    updateHistory();
    if (failed)
        m_status->setText(undo ? tr("Undo failed: %1").arg(m_lastError) : tr("Redo failed: %1").arg(m_lastError));
    return !failed;
}

bool ReviewWidget::savePosition() {
    if (!m_project) return false;
    const qint64 id = currentSampleId();
    if (id < 0) return true;
    // Called from a timer: an exception here would escape into Qt's event loop (issue 13).
    try {
        m_project->setMetaWithin(kPositionKey, std::to_string(id), kPositionWaitMs);
    } catch (const std::exception& e) {
        m_lastError = QString::fromUtf8(e.what());
        m_status->setText(tr("Queue position not saved yet (the project is busy: %1); trying again.")
                              .arg(m_lastError));
        m_positionTimer->start(kPositionRetryMs);
        return false;
    }
    if (m_positionTimer->interval() != kPositionSaveDelayMs) {  // a retry succeeded
        m_positionTimer->setInterval(kPositionSaveDelayMs);
        m_status->setText(tr("Queue position saved."));
    }
    return true;
}

QString ReviewWidget::statusText() const { return m_status->text(); }

void ReviewWidget::showOnly(const QSet<qint64>& sampleIds) {
    m_only = sampleIds.isEmpty() ? nullptr : std::make_shared<const QSet<qint64>>(sampleIds);
    m_selectionChip->setText(m_only ? tr("Dashboard selection: %n sample(s)", nullptr,
                                         int(m_only->size()))
                                    : QString());
    Q_EMIT selectionShownChanged(m_only != nullptr);
    applyFilterControls();
    setCurrentRow(0);
}

void ReviewWidget::applyFilterControls() {
    QueueFilter f;
    f.classIdx = m_classFilter->currentData().isValid() ? m_classFilter->currentData().toInt() : -1;
    f.state = m_stateFilter->currentData().toInt();
    f.flaggedOnly = m_flaggedOnly->isChecked();
    f.only = m_only;
    const qint64 keep = currentSampleId();
    m_model->setFilter(f);
    const int row = m_model->rowOfSample(keep);
    setCurrentRow(row >= 0 ? row : 0);
}

void ReviewWidget::rebuildTrustedRows() {
    QHash<int, QVector<int>> byClass;
    if (m_data)
        for (int64_t r = 0; r < m_data->n; ++r)
            if (m_model->trusted(m_data->ids[size_t(r)]))
                byClass[m_data->given[size_t(r)]].push_back(int(r));
    m_panel->setTrustedRows(byClass);
}

QString ReviewWidget::decisionDescription(qint64 sampleId) const {
    const int state = int(m_model->decision(sampleId));
    if (DecisionState(state) == DecisionState::Relabel) {
        const int row = m_model->rowOfSample(sampleId);
        return tr("relabel → %1")
            .arg(m_model->className(m_model->data(m_model->index(row), ReviewQueueModel::NewLabelRole).toInt()));
    }
    return ReviewTileDelegate::decisionText(state);
}

void ReviewWidget::onCurrentChanged() {
    const int row = currentRow();
    if (row < 0 || !m_data) {
        m_panel->clear();
        m_history->clear();
        return;
    }
    m_panel->showItem(m_model->dataRowAt(row), decisionDescription(m_model->sampleIdAt(row)));
    updateHistory();
    updateZoom();
    prefetch(row);
    m_positionTimer->start();
    Q_EMIT currentSampleChanged(m_model->sampleIdAt(row));
}

void ReviewWidget::prefetch(int row) {
    if (!m_large || !m_small) return;
    // Newest request decodes first, so queue the farthest first and the next row last.
    for (int d = kPrefetch; d >= 1; --d) {
        const qint64 id = m_model->sampleIdAt(row + d);
        if (id >= 0) {
            m_large->request(id);
            m_small->request(id);
        }
    }
    const qint64 prev = m_model->sampleIdAt(row - 1);
    if (prev >= 0) m_large->request(prev);
    m_panel->clipDetail()->prefetch(m_model->sampleIdAt(row + 1));  // a clip's strip frames
}

void ReviewWidget::updateProgress() {
    m_progress->setText(progressText());
}

QString ReviewWidget::progressText() const {
    return tr("Reviewed %1 / %2 flagged · %3 in view")
        .arg(m_model->reviewedFlaggedCount())
        .arg(m_model->flaggedCount())
        .arg(m_model->rowCount());
}

bool ReviewWidget::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == m_view || watched == m_panel) && event->type() == QEvent::KeyPress)
        return handleKey(static_cast<QKeyEvent*>(event));
    return QWidget::eventFilter(watched, event);
}

// --- Keys: one table dispatches them and writes the help, so the help cannot go stale. ---

void ReviewWidget::buildKeyTable() {
    using M = Qt::KeyboardModifiers;
    auto plain = [](std::initializer_list<int> keys) {
        const QList<int> list(keys);
        return [list](int key, M mods) { return mods == Qt::NoModifier && list.contains(key); };
    };
    auto text = [](const QString& s) { return [s] { return s; }; };
    auto act = [](std::function<void()> f) { return [f](QKeyEvent*) { f(); }; };
    m_keys = {
        {[this] { return m_palette->usesNumberKeys() ? tr("1 … 9, 0") : tr("0 … 9"); },
         [this] {
             return m_palette->usesNumberKeys() ? tr("Relabel as class 1 … 10 (see the legend)")
                                                : tr("Start the class search with that digit");
         },
         [this](int key, M mods) { return mods == Qt::NoModifier && key >= Qt::Key_0 && key <= Qt::Key_9; },
         [this](QKeyEvent* e) {
             if (const int k = m_palette->classForKey(e->key()); k >= 0) decide(core::ReviewAction::Relabel, k);
             else if (!m_palette->usesNumberKeys()) m_palette->startSearch(e->text());
         }},
        {text(tr("/")), text(tr("Search a class by name, Enter relabels as the first match")),
         plain({Qt::Key_Slash}), act([this] { m_palette->startSearch(); })},
        {text(tr("Enter")), text(tr("Accept the suggested label (keep when there is none)")),
         plain({Qt::Key_Return, Qt::Key_Enter}), act([this] { acceptSuggestion(); })},
        {text(tr("K")), text(tr("Keep the given label")), plain({Qt::Key_K}),
         act([this] { decide(core::ReviewAction::Keep); })},
        {text(tr("X")), text(tr("Exclude the sample from training")), plain({Qt::Key_X}),
         act([this] { decide(core::ReviewAction::Exclude); })},
        {text(tr("A")), text(tr("Mark as ambiguous")), plain({Qt::Key_A}),
         act([this] { decide(core::ReviewAction::Ambiguous); })},
        {text(tr("T")), text(tr("Trust / untrust the label (asks first when the model disputes it)")),
         plain({Qt::Key_T}), act([this] { toggleTrusted(); })},
        {text(tr("Z")), text(tr("Undo the last action (a batch as one step)")), plain({Qt::Key_Z}),
         act([this] { undo(); })},
        {text(tr("Shift+Z")), text(tr("Redo")),
         [](int key, M mods) { return key == Qt::Key_Z && mods == Qt::ShiftModifier; }, act([this] { redo(); })},
        {text(tr("← or J")), text(tr("Previous sample")), plain({Qt::Key_Left, Qt::Key_J}),
         act([this] { moveBy(-1); })},
        {text(tr("→ or L")), text(tr("Next sample")), plain({Qt::Key_Right, Qt::Key_L}),
         act([this] { moveBy(1); })},
        {text(tr("V or double-click")), text(tr("Large view with zoom (Ctrl+wheel, F fit, 1 for 1:1, ← → move)")),
         plain({Qt::Key_V}), act([this] { openZoom(); })},
        {text(tr("? or F1")), text(tr("This help")),
         [](int key, M mods) {
             return (key == Qt::Key_Question && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) ||
                    (key == Qt::Key_F1 && mods == Qt::NoModifier);
         },
         act([this] {
             if (isSignalConnected(QMetaMethod::fromSignal(&ReviewWidget::keyHelpRequested))) Q_EMIT keyHelpRequested();
             else showKeyHelp();
         })},
    };
}

QList<KeyHelpEntry> ReviewWidget::keyHelp() const {
    QList<KeyHelpEntry> out;
    for (const auto& k : m_keys) out.push_back({k.keys(), k.what()});
    return out;
}

void ReviewWidget::showKeyHelp() {
    m_keyHelp->setSections({{tr("Review queue"), keyHelp()}});
    m_keyHelp->popup();
}

bool ReviewWidget::handleKey(QKeyEvent* e) {
    const auto mods = e->modifiers() & ~Qt::KeypadModifier;
    for (const auto& k : m_keys)
        if (k.matches(e->key(), mods)) {
            k.run(e);
            return true;
        }
    return false;
}

// --- Undo/redo descriptions ---

QString ReviewWidget::describe(core::ReviewAction action, const QList<int>& rows, int newLabel) const {
    if (rows.isEmpty()) return {};
    const int n = int(rows.size());
    const qint64 id = m_model->sampleIdAt(rows.first());
    const int r = m_model->dataRowAt(rows.first());
    const QString given = r >= 0 ? m_model->className(m_data->given[size_t(r)]) : QString();
    switch (action) {
    case core::ReviewAction::Relabel:
        return n == 1 ? tr("relabel of #%1 %2 → %3").arg(id).arg(given, m_model->className(newLabel))
                      : tr("relabel of %n samples → %1", nullptr, n).arg(m_model->className(newLabel));
    case core::ReviewAction::Keep:
        return n == 1 ? tr("keep of #%1 %2").arg(id).arg(given) : tr("keep of %n samples", nullptr, n);
    case core::ReviewAction::Exclude:
        return n == 1 ? tr("exclusion of #%1").arg(id) : tr("exclusion of %n samples", nullptr, n);
    case core::ReviewAction::Ambiguous:
        return n == 1 ? tr("“ambiguous” on #%1").arg(id) : tr("“ambiguous” on %n samples", nullptr, n);
    case core::ReviewAction::Trust:
        return n == 1 ? tr("trust of #%1 %2").arg(id).arg(given) : tr("trust of %n samples", nullptr, n);
    case core::ReviewAction::Untrust:
        return n == 1 ? tr("untrust of #%1").arg(id) : tr("untrust of %n samples", nullptr, n);
    }
    return {};
}

void ReviewWidget::pushStep(int done, const QString& what) {
    if (done <= 0) return;
    m_undoSteps.push_back({done, what});
    m_redoSteps.clear();
    Q_EMIT undoStateChanged();
}

QString ReviewWidget::undoText() const { return m_undoSteps.empty() ? QString() : m_undoSteps.back().what; }

QString ReviewWidget::redoText() const { return m_redoSteps.empty() ? QString() : m_redoSteps.back().what; }

// --- Trust only what the model does not dispute, or ask ---

QString ReviewWidget::disputeOf(int row) const {
    const int r = m_model->dataRowAt(row);
    if (r < 0 || !m_data) return {};
    const qint64 id = m_data->ids[size_t(r)];
    const int given = m_data->given[size_t(r)];
    const int top = m_data->topClass.empty() ? -1 : m_data->topClass[size_t(r) * 5];
    const int predicted = top >= 0 ? top : m_data->suggested[size_t(r)];
    if (predicted >= 0 && predicted != given) {
        const float p = top >= 0 ? m_data->topProb[size_t(r) * 5] : m_data->suggestionProb[size_t(r)];
        return tr("#%1 is labelled “%2”, but the model predicts “%3” (%4 %).")
            .arg(id)
            .arg(m_model->className(given), m_model->className(predicted))
            .arg(double(p) * 100.0, 0, 'f', 0);
    }
    if (m_model->isFlagged(r))
        return tr("#%1 labelled “%2” is flagged by %3.")
            .arg(id)
            .arg(m_model->className(given), DetectorNames::displayName(m_data->detector));
    return {};
}

bool ReviewWidget::confirmTrust(const QList<int>& rows) {
    QStringList disputes;
    for (int row : rows) {
        const qint64 id = m_model->sampleIdAt(row);
        // Untrusting, or a label the reviewer has already kept, needs no question.
        if (m_model->trusted(id) || m_model->decision(id) == DecisionState::Keep) continue;
        const QString d = disputeOf(row);
        if (!d.isEmpty()) disputes << d;
    }
    if (disputes.isEmpty()) return true;
    QString question;
    if (rows.size() == 1) {
        const int r = m_model->dataRowAt(rows.first());
        question = disputes.first() + QStringLiteral("\n\n") +
                   tr("Trust the label “%1” anyway? (K keeps it without trusting; a number key relabels.)")
                       .arg(m_model->className(m_data->given[size_t(r)]));
    } else {
        QStringList shown = disputes.mid(0, 5);
        if (disputes.size() > 5) shown << tr("… and %n more", nullptr, int(disputes.size() - 5));
        question = tr("The model disputes %n of the selected labels:", nullptr, int(disputes.size())) +
                   QStringLiteral("\n") + shown.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                   tr("Trust all selected labels anyway?");
    }
    bool yes = false;
    if (m_confirmTrust) {
        yes = m_confirmTrust(question);
    } else {
        QMessageBox box(QMessageBox::Question, tr("Trust a disputed label?"), question,
                        QMessageBox::Yes | QMessageBox::No, this);
        box.setObjectName(QStringLiteral("confirmTrust"));
        box.setDefaultButton(QMessageBox::No);
        yes = box.exec() == QMessageBox::Yes;
    }
    if (!yes) m_status->setText(tr("Not trusted: the model disputes the label. Decide on it first (K keeps it)."));
    return yes;
}

// --- Decision history of the current sample ---

void ReviewWidget::updateHistory() {
    const qint64 id = currentSampleId();
    if (!m_log || id < 0) {
        m_history->clear();
        return;
    }
    std::vector<core::Decision> h;
    try {
        h = m_log->history(id);
    } catch (const std::exception& e) {
        m_history->setText(tr("History of #%1 unavailable: %2").arg(id).arg(QString::fromUtf8(e.what())));
        return;
    }
    if (h.empty()) {
        m_history->setText(tr("No decisions on #%1 yet.").arg(id));
        m_history->setToolTip({});
        return;
    }
    auto line = [this](const core::Decision& d) {
        QString what;
        if (d.isUndo) what = tr("undo of decision %1").arg(d.reverts);
        else switch (d.action) {
            case core::ReviewAction::Relabel:
                what = tr("relabel %1 → %2").arg(m_model->className(d.oldLabel), m_model->className(d.newLabel));
                break;
            case core::ReviewAction::Keep: what = tr("keep %1").arg(m_model->className(d.oldLabel)); break;
            case core::ReviewAction::Exclude: what = tr("exclude"); break;
            case core::ReviewAction::Ambiguous: what = tr("ambiguous"); break;
            case core::ReviewAction::Trust: what = tr("trust %1").arg(m_model->className(d.oldLabel)); break;
            case core::ReviewAction::Untrust: what = tr("untrust"); break;
            }
        // Stored as ISO 8601 UTC ("2026-12-06T12:03:04Z"): date and minute are enough here.
        QString when = QString::fromStdString(d.createdAt).left(16);
        when.replace(QLatin1Char('T'), QLatin1Char(' '));
        return tr("%1 · %2 · %3 (decision %4)").arg(when, QString::fromStdString(d.reviewer), what).arg(d.id);
    };
    QStringList all;
    for (const auto& d : h) all << line(d);
    QStringList shown = all.mid(std::max<qsizetype>(0, all.size() - kHistoryShown));
    QString text = tr("History of #%1:").arg(id);
    if (all.size() > shown.size()) text += QLatin1Char(' ') + tr("(%n earlier)", nullptr, int(all.size() - shown.size()));
    m_history->setText(text + QLatin1Char('\n') + shown.join(QLatin1Char('\n')));
    m_history->setToolTip(all.join(QLatin1Char('\n')));
}

// --- The large view ---

ZoomView* ReviewWidget::zoomView() const { return m_zoom.data(); }

void ReviewWidget::openZoom() {
    if (!m_data || currentRow() < 0 || !m_project) return;
    if (!m_full) {
        m_full = new ThumbnailCache(m_project->file(), kFull, 256ll << 20, this);
        connect(m_full, &ThumbnailCache::thumbnailReady, this, [this](qint64 id) {
            if (m_zoom && m_zoom->isVisible() && id == currentSampleId()) updateZoom();
        });
    }
    if (!m_zoom) {
        m_zoom = new ZoomView(this);
        m_zoom->setWindowFlag(Qt::Window);
        connect(m_zoom, &ZoomView::navigate, this, [this](int delta) { moveBy(delta); });
    }
    m_zoom->show();
    m_zoom->raise();
    updateZoom();
}

void ReviewWidget::updateZoom() {
    if (!m_zoom || !m_zoom->isVisible()) return;
    const qint64 id = currentSampleId();
    const int r = m_model->dataRowAt(currentRow());
    if (id < 0 || r < 0) return;
    QImage img = m_full ? m_full->lookup(id) : QImage();
    QString note;
    if (img.isNull()) {
        if (m_full && m_full->failed(id)) note = tr(" · the file could not be read");
        else {
            if (m_full) m_full->request(id);
            note = tr(" · loading full resolution…");
        }
        if (m_large) img = m_large->lookup(id);
    }
    const int sug = m_data->suggested[size_t(r)];
    QString caption = tr("#%1 · given %2").arg(id).arg(m_model->className(m_data->given[size_t(r)]));
    if (sug >= 0) caption += tr(" · suggested %1").arg(m_model->className(sug));
    if (!img.isNull()) caption += tr(" · %1 × %2 px").arg(img.width()).arg(img.height());
    m_zoom->setImage(id, img, caption + note);
}

}  // namespace winnow::widgets
