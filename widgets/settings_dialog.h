#pragma once
#include <QDialog>

class QLineEdit;

namespace winnow::widgets {

// Preferences kept in QSettings (issue 16): the reviewer name recorded with every review
// decision ("review/reviewer", asked once by the Review window when unset).
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr const char* kReviewerKey = "review/reviewer";

    explicit SettingsDialog(QWidget* parent = nullptr);
    QString reviewer() const;
    void setReviewer(const QString& name);
    // Stores the settings; an empty reviewer name is refused (the field says why).
    bool save();

    void accept() override;
};

}  // namespace winnow::widgets
