#pragma once
#include <QList>
#include <QString>
#include <QWidget>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "widgets/review/key_help_overlay.h"

class QFrame;
class QLabel;
class QHBoxLayout;
class QKeyEvent;

namespace winnow::core {
class DuplicateGroupReview;
class Project;
struct ReviewStep;
}  // namespace winnow::core

namespace winnow::widgets {

class ThumbnailCache;

// Duplicate groups of one stored curation result reviewed a group at a time (issue 14): the
// members side by side (thumbnail, label, split, file name, image size), 1–9 keeps that member
// and excludes the others, N marks the group as not duplicates, ←/→ (or K/J) move between
// groups, Ctrl+Z / Ctrl+Shift+Z (or Z / Shift+Z, Ctrl+Y) undo and redo a whole group decision,
// ? or F1 lists the keys. Decisions go through core::DuplicateGroupReview (review steps: audited,
// persisted before the key returns). A project that cannot be opened, or a result without
// groups, shows why and decides nothing.
class DuplicateGroupReviewWidget : public QWidget {
    Q_OBJECT
public:
    // issueType: exact-duplicate | near-duplicate | leakage | duplicate-label-conflict, empty =
    // every group. reviewer: recorded with each decision; empty = the GUI's saved reviewer name
    // (settings review/reviewer), else $USER.
    DuplicateGroupReviewWidget(const std::filesystem::path& projectFile, qint64 resultId,
                               const QString& issueType = {}, const QString& reviewer = {},
                               QWidget* parent = nullptr);
    ~DuplicateGroupReviewWidget() override;

    int groupCount() const;
    int decidedCount() const;
    int currentIndex() const { return m_current; }
    qint64 currentGroupId() const;               // -1 when there are no groups
    QList<qint64> currentMembers() const;        // sample ids, as numbered 1, 2, … on screen
    void setCurrentIndex(int index);
    QString progressText() const;                // "12 of 80 groups decided"
    QString stateText() const;                   // the current group's decision
    QString statusText() const;                  // last action or error
    QString reviewer() const { return m_reviewer; }

    bool keepMember(int position);               // 0-based position in the current group
    bool markNotDuplicates();
    bool undo();
    bool redo();
    bool canUndo() const;
    bool canRedo() const;
    // Re-reads the groups' decisions (e.g. after the review queue or another window changed them).
    void reload();
    QList<KeyHelpEntry> keyHelp() const;
    void showKeyHelp();

Q_SIGNALS:
    // A group was decided, or a decision undone/redone: core state changed (counts, exclusions).
    void decisionsChanged(qint64 groupId);
    void currentGroupChanged(qint64 groupId);
    void undoStateChanged();

protected:
    void keyPressEvent(QKeyEvent* e) override;

private:
    struct KeyBinding {
        std::function<QString()> keys;
        std::function<QString()> what;
        std::function<bool(int key, Qt::KeyboardModifiers mods)> matches;
        std::function<void()> run;
    };
    struct MemberCard {
        qint64 sampleId = 0;
        QFrame* frame = nullptr;   // whole card (styled by its decision)
        QLabel* image = nullptr;
        QLabel* text = nullptr;
        QLabel* verdict = nullptr;
    };
    void buildKeyTable();
    void showGroup();
    void updateDecisionViews();
    void updateThumbnail(qint64 sampleId);
    void afterStep(const core::ReviewStep& step, const QString& what, bool moveOn);
    int nextOpenAfter(int index) const;

    std::filesystem::path m_file;
    QString m_reviewer;
    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<core::DuplicateGroupReview> m_review;
    ThumbnailCache* m_thumbs = nullptr;
    int m_current = -1;
    std::vector<KeyBinding> m_keys;
    std::vector<MemberCard> m_cards;
    QLabel* m_title;
    QLabel* m_progress;
    QLabel* m_state;
    QLabel* m_status;
    QHBoxLayout* m_members;
    KeyHelpOverlay* m_keyHelp;
};

}  // namespace winnow::widgets
