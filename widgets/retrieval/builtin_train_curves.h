#pragma once
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace winnow::widgets {

// Live curves of a built-in encoder training, x = training step: the InfoNCE loss of every
// step and each epoch's mean (left); the learned temperature (right axis) and the validation
// R@1 in both directions per epoch (right plot).
class BuiltinTrainCurves : public QWidget {
    Q_OBJECT
public:
    explicit BuiltinTrainCurves(QWidget* parent = nullptr);

    void clear();
    void addStep(qint64 step, double loss, double temperature);
    // valI2T / valT2I < 0: no validation (not drawn).
    void addEpoch(qint64 step, double meanLoss, double temperature, double valI2T, double valT2I);

    // The points of one series, for tests: "loss", "epoch_loss", "temperature", "val_i2t", "val_t2i".
    QVector<double> values(const QString& series) const;
    QCustomPlot* lossPlot() const { return m_loss; }
    QCustomPlot* metricsPlot() const { return m_metrics; }

private:
    QCPGraph* graph(const QString& series) const;
    void rescale();

    QCustomPlot* m_loss;
    QCustomPlot* m_metrics;
    QCPGraph* m_stepLoss;
    QCPGraph* m_epochLoss;
    QCPGraph* m_temperature;
    QCPGraph* m_valI2T;
    QCPGraph* m_valT2I;
};

}  // namespace winnow::widgets
