#pragma once
#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <optional>

#include "core/retrieval/attack_details.h"

namespace winnow::widgets {

// The embedding influence EI(w) of every word of an attacked ground-truth caption as a strip
// of word cells, coloured from white (the lowest EI of the caption) to red (the highest), the
// swapped word outlined; hovering a cell shows its value. Without EI (a ready-made RoCOCO
// attack) it says "not available" and why.
class RetrievalEiStrip : public QWidget {
    Q_OBJECT
public:
    explicit RetrievalEiStrip(QWidget* parent = nullptr);
    void setInfluence(const core::CaptionInfluence& influence);
    void setUnavailable(const QString& why);
    void clear();

    bool available() const { return m_available; }
    QString message() const { return m_message; }
    int cellCount() const { return int(m_words.size()); }
    int chosenCell() const { return m_chosen; }
    QString cellText(int i) const { return m_words.value(i); }
    double cellValue(int i) const { return m_values.value(i); }
    QColor cellColor(int i) const;
    QString cellToolTip(int i) const;
    QRect cellRect(int i) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;

private:
    void layoutCells();
    bool m_available = false;
    QString m_message;
    QStringList m_words;
    QVector<double> m_values;
    QVector<QRect> m_rects;
    int m_chosen = -1;
    QString m_encoder;
};

}  // namespace winnow::widgets
