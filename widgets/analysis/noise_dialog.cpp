#include "widgets/analysis/noise_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace winnow::widgets {

NoiseDialog::NoiseDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Inject label noise"));
    auto* form = new QFormLayout(this);
    auto* intro = new QLabel(tr("Flips a share of the training labels so the detectors can be measured "
                                "against a known truth. The original labels are kept; injecting "
                                "again starts from them."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("noiseKind"));
    m_kind->addItem(tr("Symmetric (to any other class)"), QStringLiteral("symmetric"));
    m_kind->addItem(tr("Asymmetric (to the next class)"), QStringLiteral("asymmetric"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("noiseRate"));
    m_rate->setRange(0.0, 1.0);
    m_rate->setSingleStep(0.05);
    m_rate->setDecimals(2);
    m_rate->setValue(0.2);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("noiseSeed"));
    m_seed->setRange(0, 1 << 30);
    m_seed->setValue(1);
    m_trusted = new QSpinBox(this);
    m_trusted->setObjectName(QStringLiteral("noiseTrusted"));
    m_trusted->setRange(0, 1000000);
    m_trusted->setValue(10);
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(tr("Rate:"), m_rate);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Trusted per class:"), m_trusted);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

NoiseRequest NoiseDialog::request() const {
    NoiseRequest r;
    r.spec.kind = m_kind->currentData().toString().toStdString();
    r.spec.rate = m_rate->value();
    r.spec.seed = uint64_t(m_seed->value());
    r.trustedPerClass = m_trusted->value();
    return r;
}

void NoiseDialog::setRequest(const NoiseRequest& r) {
    const int k = m_kind->findData(QString::fromStdString(r.spec.kind));
    if (k >= 0) m_kind->setCurrentIndex(k);
    m_rate->setValue(r.spec.rate);
    m_seed->setValue(int(r.spec.seed));
    m_trusted->setValue(r.trustedPerClass);
}

}  // namespace winnow::widgets
