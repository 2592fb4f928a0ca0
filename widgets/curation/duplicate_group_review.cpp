#include "widgets/curation/duplicate_group_review.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "core/curation/duplicate_group_review.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {
namespace {

constexpr int kThumbSide = 160;

QString issueText(const std::string& type) {
    if (type == "exact-duplicate") return DuplicateGroupReviewWidget::tr("exact duplicates");
    if (type == "near-duplicate") return DuplicateGroupReviewWidget::tr("near duplicates");
    if (type == "leakage") return DuplicateGroupReviewWidget::tr("leakage across splits");
    if (type == "duplicate-label-conflict") return DuplicateGroupReviewWidget::tr("different labels");
    return QString::fromStdString(type);
}

QString splitText(core::Split s) {
    switch (s) {
    case core::Split::Train: return DuplicateGroupReviewWidget::tr("train");
    case core::Split::Val: return DuplicateGroupReviewWidget::tr("validation");
    case core::Split::Test: return DuplicateGroupReviewWidget::tr("test");
    }
    return {};
}

QString shownName(const core::Sample& s) {
    QString name = QString::fromStdString(std::filesystem::path(s.path).filename().string());
    if (s.kind == core::MediaKind::ArrayRecord) name += QStringLiteral("#%1").arg(s.itemIndex);
    if (s.kind == core::MediaKind::VideoClip) name += QStringLiteral("@%1-%2").arg(s.frameStart).arg(s.frameEnd);
    return name;
}

}  // namespace

DuplicateGroupReviewWidget::DuplicateGroupReviewWidget(const std::filesystem::path& projectFile, qint64 resultId,
                                                       const QString& issueType, const QString& reviewer,
                                                       QWidget* parent)
    : QWidget(parent), m_file(projectFile), m_reviewer(reviewer.trimmed()) {
    setObjectName(QStringLiteral("duplicateGroupReview"));
    setWindowTitle(tr("Duplicate groups — %1").arg(QString::fromStdString(projectFile.filename().string())));
    setFocusPolicy(Qt::StrongFocus);
    if (m_reviewer.isEmpty()) m_reviewer = QSettings().value(QStringLiteral("review/reviewer")).toString();
    if (m_reviewer.isEmpty()) m_reviewer = qEnvironmentVariable("USER");

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("groupTitle"));
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("groupProgress"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("groupState"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("groupStatus"));
    m_status->setWordWrap(true);
    auto* hint = new QLabel(tr("1–9 keep that one and exclude the others · N not duplicates · ← → groups · "
                               "Ctrl+Z undo · ? keys"),
                            this);
    hint->setEnabled(false);
    hint->setWordWrap(true);
    auto* strip = new QWidget(this);
    m_members = new QHBoxLayout(strip);
    m_members->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(strip);
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_progress);
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(top);
    lay->addWidget(m_state);
    lay->addWidget(scroll, 1);
    lay->addWidget(m_status);
    lay->addWidget(hint);
    m_keyHelp = new KeyHelpOverlay(this);
    buildKeyTable();

    try {
        m_project = core::Project::open(projectFile);
        m_review = std::make_unique<core::DuplicateGroupReview>(*m_project, resultId, issueType.toStdString());
    } catch (const std::exception& e) {
        m_review.reset();
        m_project.reset();
        m_status->setText(tr("Cannot open the duplicate groups of %1: %2")
                              .arg(QString::fromStdString(projectFile.string()), QString::fromUtf8(e.what())));
    }
    if (m_review) {
        m_thumbs = new ThumbnailCache(projectFile, kThumbSide, 32ll << 20, this);
        connect(m_thumbs, &ThumbnailCache::thumbnailReady, this, &DuplicateGroupReviewWidget::updateThumbnail);
        if (groupCount() == 0)
            m_status->setText(issueType.isEmpty()
                                  ? tr("This result has no duplicate groups.")
                                  : tr("This result has no duplicate groups of type %1.")
                                        .arg(issueText(issueType.toStdString())));
        else
            m_current = std::max(0, nextOpenAfter(-1));
    }
    showGroup();
}

DuplicateGroupReviewWidget::~DuplicateGroupReviewWidget() = default;

int DuplicateGroupReviewWidget::groupCount() const { return m_review ? int(m_review->groups().size()) : 0; }

int DuplicateGroupReviewWidget::decidedCount() const { return m_review ? m_review->decidedCount() : 0; }

qint64 DuplicateGroupReviewWidget::currentGroupId() const {
    return m_current >= 0 && m_current < groupCount() ? m_review->groups()[size_t(m_current)].id : -1;
}

QList<qint64> DuplicateGroupReviewWidget::currentMembers() const {
    QList<qint64> out;
    if (currentGroupId() < 0) return out;
    for (int64_t id : m_review->groups()[size_t(m_current)].members) out << id;
    return out;
}

void DuplicateGroupReviewWidget::setCurrentIndex(int index) {
    if (groupCount() == 0) return;
    index = std::clamp(index, 0, groupCount() - 1);
    if (index == m_current) return;
    m_current = index;
    showGroup();
}

QString DuplicateGroupReviewWidget::progressText() const {
    return tr("%1 of %2 groups decided").arg(decidedCount()).arg(groupCount());
}

QString DuplicateGroupReviewWidget::stateText() const { return m_state->text(); }

QString DuplicateGroupReviewWidget::statusText() const { return m_status->text(); }

bool DuplicateGroupReviewWidget::canUndo() const { return m_review && m_review->canUndo(); }

bool DuplicateGroupReviewWidget::canRedo() const { return m_review && m_review->canRedo(); }

int DuplicateGroupReviewWidget::nextOpenAfter(int index) const {
    const int n = groupCount();
    for (int step = 1; step <= n; ++step) {
        const int i = (index + step) % n;
        if (m_review->state(m_review->groups()[size_t(i)].id).verdict == core::GroupVerdict::Open) return i;
    }
    return -1;
}

void DuplicateGroupReviewWidget::showGroup() {
    for (auto& c : m_cards) delete c.frame;
    m_cards.clear();
    const qint64 groupId = currentGroupId();
    if (groupId < 0) {
        m_title->setText(m_review ? tr("No duplicate groups") : tr("Nothing to review"));
        updateDecisionViews();
        return;
    }
    const auto& g = m_review->groups()[size_t(m_current)];
    QStringList issues;
    for (const auto& t : g.issues) issues << issueText(t);
    m_title->setText(tr("Group %1 of %2 · %3").arg(m_current + 1).arg(groupCount()).arg(issues.join(tr(", "))));
    core::SampleStore store(m_project->db());
    std::map<int, QString> classNames;
    for (const auto& c : store.classes()) classNames[c.idx] = QString::fromStdString(c.name);
    auto* strip = m_members->parentWidget();
    int position = 0;
    for (int64_t id : g.members) {
        ++position;
        MemberCard card;
        card.sampleId = id;
        card.frame = new QFrame(strip);
        card.frame->setObjectName(QStringLiteral("member%1").arg(position));
        card.frame->setFrameShape(QFrame::StyledPanel);
        card.frame->setLineWidth(2);
        auto* lay = new QVBoxLayout(card.frame);
        auto* number = new QLabel(position <= 9 ? QString::number(position) : QString(), card.frame);
        QFont f = number->font();
        f.setBold(true);
        number->setFont(f);
        card.image = new QLabel(card.frame);
        card.image->setFixedSize(kThumbSide, kThumbSide);
        card.image->setAlignment(Qt::AlignCenter);
        card.text = new QLabel(card.frame);
        card.text->setTextFormat(Qt::PlainText);
        card.verdict = new QLabel(card.frame);
        const auto s = store.sample(id);
        if (s) {
            const QString label = s->labelIdx >= 0 && classNames.count(s->labelIdx) ? classNames[s->labelIdx]
                                                                                    : tr("(no label)");
            const QString size = s->width > 0 && s->height > 0 ? tr("%1 × %2 px").arg(s->width).arg(s->height)
                                                               : tr("size unknown");
            card.text->setText(tr("#%1 · %2\n%3 · %4\n%5").arg(id).arg(label, splitText(s->split), shownName(*s), size));
        } else {
            card.text->setText(tr("#%1 · sample not found").arg(id));
        }
        lay->addWidget(number);
        lay->addWidget(card.image);
        lay->addWidget(card.text);
        lay->addWidget(card.verdict);
        lay->addStretch(1);
        m_members->insertWidget(m_members->count() - 1, card.frame);
        m_cards.push_back(card);
        updateThumbnail(id);
    }
    updateDecisionViews();
    Q_EMIT currentGroupChanged(groupId);
}

void DuplicateGroupReviewWidget::updateThumbnail(qint64 sampleId) {
    for (auto& c : m_cards) {
        if (c.sampleId != sampleId) continue;
        const QImage img = m_thumbs ? m_thumbs->lookup(sampleId) : QImage();
        if (!img.isNull()) c.image->setPixmap(QPixmap::fromImage(img));
        else if (m_thumbs && m_thumbs->failed(sampleId)) c.image->setText(tr("(cannot be read)"));
        else if (m_thumbs) {
            c.image->setText(tr("loading…"));
            m_thumbs->request(sampleId);
        }
    }
}

void DuplicateGroupReviewWidget::updateDecisionViews() {
    m_progress->setText(progressText());
    const qint64 groupId = currentGroupId();
    if (groupId < 0) {
        m_state->clear();
        return;
    }
    const core::GroupDecisionState st = m_review->state(groupId);
    const QString who = QString::fromStdString(st.reviewer);
    switch (st.verdict) {
    case core::GroupVerdict::Open:
        m_state->setText(m_review->groups()[size_t(m_current)].judgedNotDuplicates
                             ? tr("Open here, but every pair was judged not duplicates in an earlier review")
                             : tr("Open: not decided yet"));
        break;
    case core::GroupVerdict::KeptOne:
        m_state->setText(tr("Decided by %1: keep #%2, exclude the others").arg(who).arg(st.keeper));
        break;
    case core::GroupVerdict::NotDuplicates: m_state->setText(tr("Decided by %1: not duplicates").arg(who)); break;
    }
    for (auto& c : m_cards) {
        QString verdict;
        QString style;
        if (st.verdict == core::GroupVerdict::KeptOne) {
            const bool kept = c.sampleId == st.keeper;
            verdict = kept ? tr("kept") : tr("excluded");
            style = kept ? QStringLiteral("QFrame#%1 { border: 2px solid #2e7d32; }")
                         : QStringLiteral("QFrame#%1 { border: 2px dashed #c62828; }");
        } else if (st.verdict == core::GroupVerdict::NotDuplicates) {
            verdict = tr("not a duplicate");
        }
        c.verdict->setText(verdict);
        c.frame->setStyleSheet(style.isEmpty() ? QString() : style.arg(c.frame->objectName()));
    }
}

void DuplicateGroupReviewWidget::afterStep(const core::ReviewStep& step, const QString& what, bool moveOn) {
    const int index = m_review->indexOf(step.groupId);
    if (moveOn) {
        const int next = nextOpenAfter(index);
        m_current = next >= 0 ? next : index;
    } else if (index >= 0) {
        m_current = index;
    }
    showGroup();
    m_status->setText(what);
    Q_EMIT decisionsChanged(step.groupId);
    Q_EMIT undoStateChanged();
}

bool DuplicateGroupReviewWidget::keepMember(int position) {
    const QList<qint64> members = currentMembers();
    if (position < 0 || position >= members.size()) return false;
    const qint64 groupId = currentGroupId();
    try {
        const auto step = m_review->keepOne(groupId, members[position], m_reviewer.toStdString());
        afterStep(step,
                  tr("Group %1: kept #%2, excluded %n other(s)", nullptr, int(members.size()) - 1)
                      .arg(groupId)
                      .arg(members[position]),
                  true);
        return true;
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not record the decision: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool DuplicateGroupReviewWidget::markNotDuplicates() {
    const qint64 groupId = currentGroupId();
    if (groupId < 0) return false;
    try {
        const auto step = m_review->notDuplicates(groupId, m_reviewer.toStdString());
        afterStep(step, tr("Group %1: not duplicates").arg(groupId), true);
        return true;
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not record the decision: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool DuplicateGroupReviewWidget::undo() {
    if (!canUndo()) return false;
    try {
        const auto step = m_review->undo(m_reviewer.toStdString());
        if (!step) return false;
        afterStep(*step, tr("Undone: the decision on group %1").arg(step->groupId), false);
        return true;
    } catch (const std::exception& e) {
        m_status->setText(tr("Undo failed: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

bool DuplicateGroupReviewWidget::redo() {
    if (!canRedo()) return false;
    try {
        const auto step = m_review->redo(m_reviewer.toStdString());
        if (!step) return false;
        afterStep(*step, tr("Redone: the decision on group %1").arg(step->groupId), false);
        return true;
    } catch (const std::exception& e) {
        m_status->setText(tr("Redo failed: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

void DuplicateGroupReviewWidget::reload() {
    if (!m_review) return;
    try {
        m_review->refresh();
    } catch (const std::exception& e) {
        m_status->setText(tr("Could not read the decisions: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    updateDecisionViews();
}

// --- Keys: one table dispatches them and writes the help (as in the review queue). ---

void DuplicateGroupReviewWidget::buildKeyTable() {
    using M = Qt::KeyboardModifiers;
    auto plain = [](std::initializer_list<int> keys) {
        const QList<int> list(keys);
        return [list](int key, M mods) { return mods == Qt::NoModifier && list.contains(key); };
    };
    auto text = [](const QString& s) { return [s] { return s; }; };
    m_keys = {
        {text(tr("1 … 9")), text(tr("Keep that member, exclude the others")),
         [](int key, M mods) { return mods == Qt::NoModifier && key >= Qt::Key_1 && key <= Qt::Key_9; }, nullptr},
        {text(tr("N")), text(tr("Not duplicates: mark the group, change no sample")), plain({Qt::Key_N}),
         [this] { markNotDuplicates(); }},
        {text(tr("→, ↓ or J")), text(tr("Next group")), plain({Qt::Key_Right, Qt::Key_Down, Qt::Key_J}),
         [this] { setCurrentIndex(m_current + 1); }},
        {text(tr("←, ↑ or K")), text(tr("Previous group")), plain({Qt::Key_Left, Qt::Key_Up, Qt::Key_K}),
         [this] { setCurrentIndex(m_current - 1); }},
        {text(tr("Ctrl+Z or Z")), text(tr("Undo the last group decision (every member together)")),
         [](int key, M mods) { return key == Qt::Key_Z && (mods == Qt::ControlModifier || mods == Qt::NoModifier); },
         [this] { undo(); }},
        {text(tr("Ctrl+Shift+Z, Ctrl+Y or Shift+Z")), text(tr("Redo")),
         [](int key, M mods) {
             return (key == Qt::Key_Z && (mods == (Qt::ControlModifier | Qt::ShiftModifier) || mods == Qt::ShiftModifier)) ||
                    (key == Qt::Key_Y && mods == Qt::ControlModifier);
         },
         [this] { redo(); }},
        {text(tr("? or F1")), text(tr("This help")),
         [](int key, M mods) {
             return (key == Qt::Key_Question && (mods == Qt::NoModifier || mods == Qt::ShiftModifier)) ||
                    (key == Qt::Key_F1 && mods == Qt::NoModifier);
         },
         [this] { showKeyHelp(); }},
    };
}

QList<KeyHelpEntry> DuplicateGroupReviewWidget::keyHelp() const {
    QList<KeyHelpEntry> out;
    for (const auto& k : m_keys) out.push_back({k.keys(), k.what()});
    return out;
}

void DuplicateGroupReviewWidget::showKeyHelp() {
    m_keyHelp->setSections({{tr("Duplicate groups"), keyHelp()}});
    m_keyHelp->popup();
}

void DuplicateGroupReviewWidget::keyPressEvent(QKeyEvent* e) {
    const auto mods = e->modifiers() & ~Qt::KeypadModifier;
    if (mods == Qt::NoModifier && e->key() >= Qt::Key_1 && e->key() <= Qt::Key_9) {
        keepMember(e->key() - Qt::Key_1);
        return;
    }
    for (const auto& k : m_keys)
        if (k.run && k.matches(e->key(), mods)) {
            k.run();
            return;
        }
    QWidget::keyPressEvent(e);
}

}  // namespace winnow::widgets
