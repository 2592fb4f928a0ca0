#pragma once
#include <QColor>
#include <QVector>
#include <QWidget>

namespace winnow::widgets {

// A compact painted list of labelled horizontal bars (top-5 probabilities, OSD per class).
// Values may be negative: bars then grow left or right of a zero line. An optional marker
// per bar draws a tick (e.g. the μ(G_low) cut of that class).
class BarListWidget : public QWidget {
    Q_OBJECT
public:
    struct Bar {
        QString label;
        double value = 0.0;   // NaN draws "n/a"
        QColor color;
        double marker = qQNaN();
        QString valueText;    // empty: the value with 2 decimals
    };
    explicit BarListWidget(QWidget* parent = nullptr);
    void setBars(const QVector<Bar>& bars, double minValue, double maxValue);
    const QVector<Bar>& bars() const { return m_bars; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QVector<Bar> m_bars;
    double m_min = 0.0;
    double m_max = 1.0;
};

}  // namespace winnow::widgets
