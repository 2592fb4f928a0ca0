#pragma once
#include <QMap>
#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace winnow::widgets {

// Live loss and accuracy curves of a training run, one point per epoch, fed with the epoch
// metrics rows core/train writes (run_epochs.metrics_json): loss_train/val/test and
// acc_train/val/trusted/test. A series appears once a row carries a non-null value for it.
class TrainingCurvesWidget : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurvesWidget(QWidget* parent = nullptr);

    void clear();
    // One epoch row as JSON text; rows without an "epoch" key are ignored.
    void addEpoch(const QString& json);
    void setEpochs(const QStringList& rows);

    // Points of one series (metrics key, e.g. "acc_val"), for tests and export.
    QVector<double> values(const QString& key) const;
    QVector<double> epochs(const QString& key) const;
    QStringList seriesKeys() const { return m_series.keys(); }
    QCustomPlot* lossPlot() const { return m_loss; }
    QCustomPlot* accuracyPlot() const { return m_acc; }

private:
    QCPGraph* graphFor(const QString& key);
    void rescale();

    QCustomPlot* m_loss;
    QCustomPlot* m_acc;
    QMap<QString, QCPGraph*> m_series;
};

}  // namespace winnow::widgets
