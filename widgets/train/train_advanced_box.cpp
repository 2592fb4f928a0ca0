#include "widgets/train/train_advanced_box.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QStyleOptionGroupBox>
#include <QStylePainter>

#include "core/train/device.h"

namespace winnow::widgets {

namespace {
QSpinBox* spin(QWidget* parent, const char* name, int lo, int hi, const QString& special = {}) {
    auto* s = new QSpinBox(parent);
    s->setObjectName(QLatin1String(name));
    s->setRange(lo, hi);
    if (!special.isEmpty()) s->setSpecialValueText(special);  // shown at the minimum
    return s;
}
QCheckBox* check(QWidget* parent, const char* name, const QString& text) {
    auto* c = new QCheckBox(text, parent);
    c->setObjectName(QLatin1String(name));
    return c;
}
}  // namespace

TrainAdvancedBox::TrainAdvancedBox(QWidget* parent) : QGroupBox(tr("Advanced"), parent) {
    setObjectName(QStringLiteral("advanced"));
    setCheckable(true);  // unchecked = collapsed: the fields keep their values either way
    auto* form = new QFormLayout(this);
    m_warmup = spin(this, "warmupEpochs", 0, 1000);
    m_momentum = new QDoubleSpinBox(this);
    m_momentum->setObjectName(QStringLiteral("momentum"));
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setDecimals(3);
    m_momentum->setSingleStep(0.05);
    m_nesterov = check(this, "nesterov", tr("Nesterov momentum"));
    m_ibStart = spin(this, "ibStartEpoch", -1, 10000, tr("automatic (half of the epochs)"));
    m_ibAlpha = new QDoubleSpinBox(this);
    m_ibAlpha->setObjectName(QStringLiteral("ibAlpha"));
    m_ibAlpha->setRange(0.0, 10000.0);
    m_ibAlpha->setDecimals(3);
    m_drwStart = spin(this, "drwStartEpoch", -1, 10000, tr("automatic (80% of the epochs)"));
    m_cmoStart = spin(this, "cmoStartEpoch", 0, 10000);
    m_cmoEndMargin = spin(this, "cmoEndMargin", 0, 10000);
    m_inputSize = spin(this, "inputSize", 0, 1024, tr("native size"));
    m_inputSize->setToolTip(tr("Every image (or video frame) is resized to this side"));
    m_frames = spin(this, "framesPerClip", 1, 64);
    m_frames->setToolTip(tr("Video clips: frames sampled per clip, one per segment"));
    m_amp = check(this, "mixedPrecision", tr("Mixed precision on CUDA"));
    m_amp->setEnabled(core::deviceInfo().cudaAvailable);
    if (!m_amp->isEnabled()) m_amp->setToolTip(tr("LibTorch sees no CUDA device"));
    m_deterministic = check(this, "deterministic", tr("Deterministic (slower, reproducible)"));
    m_loaderThreads = spin(this, "loaderThreads", 1, 64);
    m_loaderThreads->setToolTip(tr("Threads decoding images and video frames ahead of training"));
    form->addRow(tr("Warm-up epochs:"), m_warmup);
    form->addRow(tr("Momentum:"), m_momentum);
    form->addRow(QString(), m_nesterov);
    form->addRow(tr("IB from epoch:"), m_ibStart);
    form->addRow(tr("IB α:"), m_ibAlpha);
    form->addRow(tr("DRW from epoch:"), m_drwStart);
    form->addRow(tr("CMO from epoch:"), m_cmoStart);
    form->addRow(tr("CMO stops before the end by:"), m_cmoEndMargin);
    form->addRow(tr("Input size:"), m_inputSize);
    form->addRow(tr("Frames per clip:"), m_frames);
    form->addRow(QString(), m_amp);
    form->addRow(QString(), m_deterministic);
    form->addRow(tr("Loader threads:"), m_loaderThreads);
    setChecked(false);
    connect(this, &QGroupBox::toggled, this, &TrainAdvancedBox::showFields);
    showFields(false);
}

// Collapsed, the box is its check box and title alone: an empty frame under "Advanced" read
// as a broken, disabled panel (issue 16).
void TrainAdvancedBox::showFields(bool on) {
    for (QWidget* w : findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) w->setVisible(on);
    if (on) {
        setMaximumHeight(QWIDGETSIZE_MAX);
    } else {
        QStyleOptionGroupBox opt;
        initStyleOption(&opt);
        const QRect title = style()->subControlRect(QStyle::CC_GroupBox, &opt, QStyle::SC_GroupBoxCheckBox, this)
                                .united(style()->subControlRect(QStyle::CC_GroupBox, &opt, QStyle::SC_GroupBoxLabel, this));
        setMaximumHeight(title.bottom() + 3);
    }
    update();
}

void TrainAdvancedBox::paintEvent(QPaintEvent*) {
    QStylePainter painter(this);
    QStyleOptionGroupBox opt;
    initStyleOption(&opt);
    if (!isChecked()) opt.subControls &= ~QStyle::SC_GroupBoxFrame;
    painter.drawComplexControl(QStyle::CC_GroupBox, opt);
}

void TrainAdvancedBox::setConfig(const core::TrainConfig& c) {
    m_warmup->setValue(c.warmupEpochs);
    m_momentum->setValue(c.momentum);
    m_nesterov->setChecked(c.nesterov);
    m_ibStart->setValue(c.ibStartEpoch);
    m_ibAlpha->setValue(c.ibAlpha);
    m_drwStart->setValue(c.drwStartEpoch);
    m_cmoStart->setValue(c.cmoStartEpoch);
    m_cmoEndMargin->setValue(c.cmoEndMargin);
    m_inputSize->setValue(c.inputSize);
    m_frames->setValue(c.framesPerClip);
    m_amp->setChecked(c.mixedPrecision);
    m_deterministic->setChecked(c.deterministic);
    m_loaderThreads->setValue(c.loaderThreads);
    updateEnabled(c);
}

void TrainAdvancedBox::apply(core::TrainConfig& c) const {
    c.warmupEpochs = m_warmup->value();
    c.momentum = m_momentum->value();
    c.nesterov = m_nesterov->isChecked();
    c.ibStartEpoch = m_ibStart->value();
    c.ibAlpha = m_ibAlpha->value();
    c.drwStartEpoch = m_drwStart->value();
    c.cmoStartEpoch = m_cmoStart->value();
    c.cmoEndMargin = m_cmoEndMargin->value();
    c.inputSize = m_inputSize->value();
    c.framesPerClip = m_frames->value();
    c.mixedPrecision = m_amp->isChecked();
    c.deterministic = m_deterministic->isChecked();
    c.loaderThreads = m_loaderThreads->value();
}

void TrainAdvancedBox::updateEnabled(const core::TrainConfig& c) {
    const bool ib = c.loss == "ib" || c.loss == "ib-focal";
    m_ibStart->setEnabled(ib);
    m_ibAlpha->setEnabled(ib);
    m_drwStart->setEnabled(c.classWeights == "drw");
    m_cmoStart->setEnabled(c.cmo);
    m_cmoEndMargin->setEnabled(c.cmo);
}

}  // namespace winnow::widgets
