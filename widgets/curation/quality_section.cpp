#include "widgets/curation/quality_section.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <cmath>

#include "core/curation/curation_arrays.h"
#include "widgets/curation/quality_histogram_view.h"

namespace winnow::widgets {

namespace {
int decimalsOf(core::QualityProperty p) {
    switch (p) {
    case core::QualityProperty::Blur: return 2;
    case core::QualityProperty::Aspect: return 2;
    case core::QualityProperty::MinSide: return 1;
    case core::QualityProperty::Entropy: return 3;
    default: return 4;
    }
}
}  // namespace

QualitySection::QualitySection(QWidget* parent) : QGroupBox(tr("Image quality"), parent) {
    setObjectName(QStringLiteral("issuesQuality"));
    auto* lay = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_property = new QComboBox(this);
    m_property->setObjectName(QStringLiteral("qualityProperty"));
    for (core::QualityProperty p : core::allQualityProperties())
        m_property->addItem(propertyName(p), int(p));
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("qualityDirection"));
    m_direction->addItem(tr("below the cut"), int(core::CutDirection::Below));
    m_direction->addItem(tr("above the cut"), int(core::CutDirection::Above));
    m_cutBox = new QDoubleSpinBox(this);
    m_cutBox->setObjectName(QStringLiteral("qualityCut"));
    m_cutBox->setToolTip(tr("The exact cut"));
    m_property->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_property->setMinimumContentsLength(10);
    row->addWidget(m_property, 1);
    row->addWidget(m_direction);
    row->addWidget(m_cutBox);
    lay->addLayout(row);
    m_view = new QualityHistogramView(this);
    m_view->setObjectName(QStringLiteral("qualityHistogram"));
    lay->addWidget(m_view, 1);
    auto* bottom = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("qualityCount"));
    m_countLabel->setWordWrap(true);
    m_review = new QPushButton(tr("&Review these"), this);
    m_review->setObjectName(QStringLiteral("qualityReview"));
    bottom->addWidget(m_countLabel, 1);
    bottom->addWidget(m_review);
    lay->addLayout(bottom);

    connect(m_property, &QComboBox::currentIndexChanged, this, [this] {
        const QSignalBlocker block(m_direction);
        m_direction->setCurrentIndex(m_direction->findData(int(core::defaultCutDirection(property()))));
        showProperty(true);
    });
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] { showProperty(true); });
    connect(m_view, &QualityHistogramView::cutChanged, this, &QualitySection::cutMoved);
    connect(m_cutBox, &QDoubleSpinBox::valueChanged, this, [this](double v) { m_view->setCut(v); });
    connect(m_review, &QPushButton::clicked, this, [this] {
        const QVector<qint64> ids = idsBeyond();
        if (!ids.isEmpty()) Q_EMIT reviewRequested(ids, reason());
    });
    m_direction->setCurrentIndex(m_direction->findData(int(core::defaultCutDirection(property()))));
    setArrays(nullptr, 0);
}

QString QualitySection::propertyName(core::QualityProperty p) {
    switch (p) {
    case core::QualityProperty::Brightness: return tr("Brightness");
    case core::QualityProperty::Contrast: return tr("Contrast");
    case core::QualityProperty::Blur: return tr("Sharpness (variance of the Laplacian)");
    case core::QualityProperty::Entropy: return tr("Entropy (bits)");
    case core::QualityProperty::Aspect: return tr("Aspect ratio");
    case core::QualityProperty::Colourfulness: return tr("Colourfulness");
    case core::QualityProperty::MinSide: return tr("Shorter side (pixels)");
    }
    return {};
}

void QualitySection::setArrays(std::shared_ptr<const core::CurationArrays> arrays, double medianBlur) {
    m_arrays = std::move(arrays);
    m_medianBlur = medianBlur;
    showProperty(true);
}

void QualitySection::setLoading() {
    m_arrays.reset();
    m_values.clear();
    m_count = 0;
    m_view->clear();
    setEnabled(false);
    m_countLabel->setText(tr("Loading…"));
}

core::QualityProperty QualitySection::property() const {
    return core::QualityProperty(m_property->currentData().toInt());
}
core::CutDirection QualitySection::direction() const { return core::CutDirection(m_direction->currentData().toInt()); }
double QualitySection::cut() const { return m_view->cut(); }

void QualitySection::showProperty(bool resetCut) {
    const bool have = m_arrays && !m_arrays->quality.empty();
    setEnabled(have);
    m_values.clear();
    m_count = 0;
    if (!have) {
        m_view->clear();
        m_countLabel->setText(m_arrays ? tr("This scan holds no image quality measures; scan again.")
                                       : tr("Scan first."));
        m_review->setEnabled(false);
        return;
    }
    const core::QualityProperty p = property();
    m_values = core::qualityValues(m_arrays->quality, p);
    const double cut = resetCut ? core::defaultQualityCut(p, direction(), core::QualityOptions{}, m_medianBlur)
                                : m_view->cut();
    {
        const QSignalBlocker block(m_cutBox);
        m_cutBox->setDecimals(decimalsOf(p));
        m_cutBox->setSingleStep(std::pow(10.0, -decimalsOf(p) + 1));
    }
    m_view->setValues(m_values, core::qualityPropertyLogScale(p), propertyName(p), cut);
    {
        const QSignalBlocker block(m_cutBox);
        m_cutBox->setRange(m_view->lowest(), m_view->highest());  // the cut stays on the axis
    }
    cutMoved(m_view->cut());
}

void QualitySection::cutMoved(double cut) {
    {
        const QSignalBlocker block(m_cutBox);
        m_cutBox->setValue(cut);
    }
    m_count = m_values.empty() ? 0 : core::countBeyondCut(m_values, cut, direction());
    m_countLabel->setText(tr("%n sample(s) beyond the cut", nullptr, int(std::min<qint64>(m_count, INT32_MAX))));
    m_review->setEnabled(m_count > 0);
}

QVector<qint64> QualitySection::idsBeyond() const {
    QVector<qint64> out;
    if (!m_arrays || m_values.empty()) return out;
    for (int64_t id : core::samplesBeyondCut(m_arrays->qualityIds, m_values, cut(), direction())) out << qint64(id);
    return out;
}

QString QualitySection::reason() const {
    const QString where = direction() == core::CutDirection::Below ? tr("%1 below %2") : tr("%1 above %2");
    return where.arg(propertyName(property()), QLocale().toString(cut(), 'g', 4));
}

}  // namespace winnow::widgets
