#pragma once
#include <QGroupBox>
#include <QString>
#include <QVector>
#include <memory>
#include <vector>

#include "core/curation/quality_cut.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace winnow::core {
struct CurationArrays;
}

namespace winnow::widgets {

class QualityHistogramView;

// The Issues dock's image-quality section: a property chooser (brightness, contrast, blur on a
// log axis, entropy, aspect, colourfulness, min side), the direction (below/above), the
// property's histogram over the scanned samples with a draggable cut (and a spin box for the
// exact value), starting at the cut the scan used (core::defaultQualityCut: QualityOptions'
// defaults, blur from the result's median blur), a live "N samples beyond the cut" and
// "Review these", which asks for the samples beyond the cut as a review queue, worst first.
class QualitySection : public QGroupBox {
    Q_OBJECT
public:
    explicit QualitySection(QWidget* parent = nullptr);

    // The arrays of the shown result (null: none) and its median blur (summary "median_blur").
    void setArrays(std::shared_ptr<const core::CurationArrays> arrays, double medianBlur);
    // While the dock reads a result: the section says so and is disabled.
    void setLoading();

    core::QualityProperty property() const;
    core::CutDirection direction() const;
    double cut() const;
    qint64 countBeyond() const { return m_count; }
    QVector<qint64> idsBeyond() const;  // worst first
    QString reason() const;             // e.g. "Blur below 12.5"
    static QString propertyName(core::QualityProperty p);

    QComboBox* propertyChoice() const { return m_property; }
    QComboBox* directionChoice() const { return m_direction; }
    QualityHistogramView* histogram() const { return m_view; }
    QDoubleSpinBox* cutBox() const { return m_cutBox; }
    QLabel* countLabel() const { return m_countLabel; }
    QPushButton* reviewButton() const { return m_review; }

Q_SIGNALS:
    // The samples beyond the cut, worst first, and why they are in the queue.
    void reviewRequested(const QVector<qint64>& sampleIds, const QString& reason);

private:
    void showProperty(bool resetCut);
    void cutMoved(double cut);

    std::shared_ptr<const core::CurationArrays> m_arrays;
    double m_medianBlur = 0;
    std::vector<float> m_values;
    qint64 m_count = 0;
    QComboBox* m_property;
    QComboBox* m_direction;
    QualityHistogramView* m_view;
    QDoubleSpinBox* m_cutBox;
    QLabel* m_countLabel;
    QPushButton* m_review;
};

}  // namespace winnow::widgets
