#include "widgets/settings_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

#include "widgets/field_width.h"

namespace winnow::widgets {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    auto* form = new QFormLayout(this);
    auto* reviewer = new QLineEdit(this);
    reviewer->setObjectName(QStringLiteral("settingsReviewer"));
    reviewer->setPlaceholderText(tr("Your name or initials"));
    reviewer->setText(QSettings().value(QLatin1String(kReviewerKey)).toString());
    fitPlaceholder(reviewer, {tr("A reviewer name is needed")});
    form->addRow(tr("Reviewer name:"), reviewer);
    auto* hint = new QLabel(tr("Recorded with every review decision from now on."), this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(hint);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString SettingsDialog::reviewer() const {
    return findChild<QLineEdit*>(QStringLiteral("settingsReviewer"))->text().trimmed();
}

void SettingsDialog::setReviewer(const QString& name) {
    findChild<QLineEdit*>(QStringLiteral("settingsReviewer"))->setText(name);
}

bool SettingsDialog::save() {
    auto* field = findChild<QLineEdit*>(QStringLiteral("settingsReviewer"));
    if (reviewer().isEmpty()) {
        field->setPlaceholderText(tr("A reviewer name is needed"));
        field->setFocus();
        return false;
    }
    QSettings().setValue(QLatin1String(kReviewerKey), reviewer());
    return true;
}

void SettingsDialog::accept() {
    if (save()) QDialog::accept();
}

}  // namespace winnow::widgets
