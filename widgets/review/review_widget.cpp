#include "widgets/review/review_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "core/review/review_log.h"
#include "core/store/project.h"
#include "widgets/review/class_palette.h"
#include "widgets/review/clip_detail.h"
#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_tile_delegate.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
constexpr int kThumb = 96;
constexpr int kLarge = 384;
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
    m_positionTimer = new QTimer(this);
    m_positionTimer->setSingleShot(true);
    m_positionTimer->setInterval(400);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Class:"), this));
    filters->addWidget(m_classFilter);
    filters->addWidget(m_stateFilter);
    filters->addWidget(m_flaggedOnly);
    filters->addWidget(m_selectionChip);
    filters->addWidget(clearSel);
    filters->addStretch(1);
    filters->addWidget(m_progress);
    auto* left = new QWidget(this);
    auto* leftLay = new QVBoxLayout(left);
    leftLay->setContentsMargins(0, 0, 0, 0);
    leftLay->addLayout(filters);
    leftLay->addWidget(m_view, 1);
    leftLay->addWidget(m_status);
    auto* right = new QWidget(this);
    auto* rightLay = new QVBoxLayout(right);
    rightLay->setContentsMargins(0, 0, 0, 0);
    rightLay->addWidget(m_panel, 1);
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
}

ReviewWidget::~ReviewWidget() {
    if (m_project) {
        try {
            savePosition();
        } catch (const std::exception&) {
            // Closing must not throw; the position is a convenience.
        }
    }
}

void ReviewWidget::open(const std::filesystem::path& projectFile,
                        std::shared_ptr<const ReviewData> data, const QString& reviewer) {
    m_project = core::Project::open(projectFile);
    m_log = std::make_unique<core::ReviewLog>(*m_project);
    m_undoSteps.clear();
    m_redoSteps.clear();
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
    m_clipFrames->open(m_project->file(), m_data->scoringId);
    m_panel->setReviewData(m_data);
    {
        const QSignalBlocker block(m_model);
        m_model->setReviewData(m_data);
        // The project is the truth for trust flags and decisions, not the scoring snapshot.
        auto st = m_project->db().prepare("SELECT id, trusted FROM samples WHERE trusted<>0");
        while (st.step()) m_model->setTrusted(st.int64(0), true);
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
    if (done > 0) {
        m_undoSteps.push_back(done);
        m_redoSteps.clear();
    }
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
    if (done > 0) {
        m_undoSteps.push_back(done);
        m_redoSteps.clear();
    }
    if (done < rows.size()) return false;
    afterDecisions(rows);
    return true;
}

bool ReviewWidget::toggleTrusted() {
    const QList<int> rows = targetRows();
    if (rows.isEmpty()) return false;
    int done = 0;
    for (int row : rows) {
        const qint64 id = m_model->sampleIdAt(row);
        const auto action = m_model->trusted(id) ? core::ReviewAction::Untrust
                                                 : core::ReviewAction::Trust;
        if (!recordFor(row, action, -1)) break;
        ++done;
    }
    if (done > 0) {
        m_undoSteps.push_back(done);
        m_redoSteps.clear();
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
}

void ReviewWidget::applyEffective(qint64 sampleId, bool moveTo) {
    const auto eff = m_log->effective(sampleId);
    if (eff)
        m_model->setDecision(sampleId, stateOf(eff->action),
                             eff->action == core::ReviewAction::Relabel ? eff->newLabel : -1);
    else
        m_model->setDecision(sampleId, DecisionState::None);
    const bool trusted = m_project->db().queryInt64(
                             "SELECT trusted FROM samples WHERE id=" + std::to_string(sampleId)) != 0;
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
    const int count = steps.empty() ? 1 : steps.back();
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
        steps.back() -= int(samples.size());
        if (steps.back() <= 0) steps.pop_back();
    }
    other.push_back(int(samples.size()));
    // Undo walks the batch backwards: its first tile is the last one taken back.
    for (int i = 0; i < samples.size(); ++i) applyEffective(samples[i], i + 1 == samples.size());
    const qint64 shown = samples.last();
    if (samples.size() == 1)
        m_status->setText(undo ? tr("Undone: sample #%1").arg(shown) : tr("Redone: sample #%1").arg(shown));
    else
        m_status->setText(undo ? tr("Undone: %n decision(s)", nullptr, int(samples.size()))
                               : tr("Redone: %n decision(s)", nullptr, int(samples.size())));
    if (failed)
        m_status->setText(undo ? tr("Undo failed: %1").arg(m_lastError) : tr("Redo failed: %1").arg(m_lastError));
    return !failed;
}

void ReviewWidget::savePosition() {
    if (!m_project) return;
    const qint64 id = currentSampleId();
    if (id >= 0) m_project->setMeta(kPositionKey, std::to_string(id));
}

void ReviewWidget::showOnly(const QSet<qint64>& sampleIds) {
    m_only = sampleIds.isEmpty() ? nullptr : std::make_shared<const QSet<qint64>>(sampleIds);
    m_selectionChip->setText(m_only ? tr("Dashboard selection: %n sample(s)", nullptr,
                                         int(m_only->size()))
                                    : QString());
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
        return;
    }
    m_panel->showItem(m_model->dataRowAt(row), decisionDescription(m_model->sampleIdAt(row)));
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

bool ReviewWidget::handleKey(QKeyEvent* e) {
    const auto mods = e->modifiers() & ~Qt::KeypadModifier;
    const bool shift = mods == Qt::ShiftModifier;
    if (mods != Qt::NoModifier && !(shift && (e->key() == Qt::Key_Z))) return false;
    const int key = e->key();
    if (const int k = m_palette->classForKey(key); k >= 0) return decide(core::ReviewAction::Relabel, k), true;
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter: acceptSuggestion(); return true;
    case Qt::Key_K: decide(core::ReviewAction::Keep); return true;
    case Qt::Key_X: decide(core::ReviewAction::Exclude); return true;
    case Qt::Key_A: decide(core::ReviewAction::Ambiguous); return true;
    case Qt::Key_T: toggleTrusted(); return true;
    case Qt::Key_Z: shift ? redo() : undo(); return true;
    case Qt::Key_J:
    case Qt::Key_Left: moveBy(-1); return true;
    case Qt::Key_L:
    case Qt::Key_Right: moveBy(1); return true;
    case Qt::Key_Slash: m_palette->startSearch(); return true;
    default: break;
    }
    // Many classes: a typed digit starts the class search with it.
    if (!m_palette->usesNumberKeys() && key >= Qt::Key_0 && key <= Qt::Key_9) {
        m_palette->startSearch(e->text());
        return true;
    }
    return false;
}

}  // namespace winnow::widgets
