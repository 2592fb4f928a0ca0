#include "widgets/curation/features_choice.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

namespace winnow::widgets {
namespace {

QString settingsKey(const std::filesystem::path& file) {
    // A path holds '/', QSettings' group separator: percent-encode it into one key.
    const QString abs = QString::fromStdString(std::filesystem::absolute(file).lexically_normal().string());
    return QStringLiteral("curation/encoderByProject/") + QString::fromLatin1(QUrl::toPercentEncoding(abs));
}

// Asks for a model: a file or hash-demo. Empty when cancelled.
QString askModel(QWidget* parent, const QString& current) {
    QDialog dlg(parent);
    dlg.setWindowTitle(EncoderFeaturesChoice::tr("Image encoder"));
    auto* lay = new QVBoxLayout(&dlg);
    auto* text = new QLabel(EncoderFeaturesChoice::tr("The image side of a dual encoder: a TorchScript CLIP-family "
                                                      "model (.pt), a built-in encoder file, or hash-demo (a test "
                                                      "baseline, not a model). The first scan encodes every sample; "
                                                      "later ones read the encodings back."), &dlg);
    text->setWordWrap(true);
    lay->addWidget(text);
    auto* row = new QHBoxLayout;
    auto* model = new QLineEdit(current.isEmpty() ? QStringLiteral("hash-demo") : current, &dlg);
    model->setObjectName(QStringLiteral("encoderModel"));
    row->addWidget(model, 1);
    auto* browse = new QPushButton(EncoderFeaturesChoice::tr("&Browse…"), &dlg);
    row->addWidget(browse);
    lay->addLayout(row);
    QObject::connect(browse, &QPushButton::clicked, &dlg, [&dlg, model] {
        const QString file = QFileDialog::getOpenFileName(&dlg, EncoderFeaturesChoice::tr("Image encoder"), QString(),
                                                          EncoderFeaturesChoice::tr("Models (*.pt *.pth *.ts *.bin);;All files (*)"));
        if (!file.isEmpty()) model->setText(file);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dlg);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dlg, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    lay->addWidget(buttons);
    return dlg.exec() == QDialog::Accepted ? model->text().trimmed() : QString();
}

}  // namespace

EncoderFeaturesChoice::EncoderFeaturesChoice(QComboBox* combo) : QObject(combo), m_combo(combo) {
    setObjectName(QStringLiteral("encoderFeaturesChoice"));
    connect(combo, qOverload<int>(&QComboBox::activated), this, &EncoderFeaturesChoice::activated);
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        if (index >= 0 && index != entryIndex()) m_previous = index;
    });
}

QString EncoderFeaturesChoice::rememberedModel(const std::filesystem::path& file) {
    return file.empty() ? QString() : QSettings().value(settingsKey(file)).toString();
}

void EncoderFeaturesChoice::setProject(const std::filesystem::path& file) {
    m_file = file;
    m_model = rememberedModel(file);
    m_previous = 0;
}

void EncoderFeaturesChoice::addEntry() {
    // "encoder:" alone until a model is chosen: never taken for another entry's data.
    m_combo->addItem(entryText(), QStringLiteral("encoder:") + m_model);
    m_combo->setItemData(m_combo->count() - 1, true, Qt::UserRole + 1);
    m_combo->setItemData(m_combo->count() - 1, m_model.isEmpty() ? tr("Choose an image encoder") : m_model,
                         Qt::ToolTipRole);
}

void EncoderFeaturesChoice::setModel(const QString& model) {
    const int idx = entryIndex();
    if (model.isEmpty() || idx < 0) return;
    m_model = model;
    if (!m_file.empty()) QSettings().setValue(settingsKey(m_file), model);
    m_combo->setItemText(idx, entryText());
    m_combo->setItemData(idx, QStringLiteral("encoder:") + model);
    m_combo->setItemData(idx, model, Qt::ToolTipRole);
    m_combo->setCurrentIndex(idx);
}

void EncoderFeaturesChoice::activated(int index) {
    if (index != entryIndex()) return;
    const QString model = askModel(m_combo->window(), m_model);
    if (!model.isEmpty()) setModel(model);
    else if (m_model.isEmpty()) m_combo->setCurrentIndex(m_previous);
}

int EncoderFeaturesChoice::entryIndex() const {
    for (int i = m_combo->count() - 1; i >= 0; --i)
        if (m_combo->itemData(i, Qt::UserRole + 1).toBool()) return i;
    return -1;
}

QString EncoderFeaturesChoice::entryText() const {
    return m_model.isEmpty() ? tr("Image encoder…") : tr("Image encoder: %1…").arg(QFileInfo(m_model).fileName());
}

}  // namespace winnow::widgets
