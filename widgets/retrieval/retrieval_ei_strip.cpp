#include "widgets/retrieval/retrieval_ei_strip.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace winnow::widgets {
namespace {
constexpr int kPad = 6;
constexpr int kGap = 3;
}  // namespace

RetrievalEiStrip::RetrievalEiStrip(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("eiStrip"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    clear();
}

void RetrievalEiStrip::clear() {
    m_available = false;
    m_message.clear();
    m_words.clear();
    m_values.clear();
    m_rects.clear();
    m_chosen = -1;
    m_encoder.clear();
    updateGeometry();
    update();
}

void RetrievalEiStrip::setInfluence(const core::CaptionInfluence& ci) {
    clear();
    m_available = true;
    for (size_t i = 0; i < ci.words.size(); ++i) {
        m_words << QString::fromStdString(ci.words[i]);
        m_values << (i < ci.ei.size() ? double(ci.ei[i]) : 0.0);
    }
    m_chosen = ci.chosen;
    m_encoder = QString::fromStdString(ci.encoder);
    m_message = tr("EI of every word of the attacked caption (white: lowest, red: highest; outlined: the swapped word)");
    layoutCells();
    updateGeometry();
    update();
}

void RetrievalEiStrip::setUnavailable(const QString& why) {
    clear();
    m_message = why.isEmpty() ? tr("EI: not available") : tr("EI: not available — %1").arg(why);
    update();
}

QColor RetrievalEiStrip::cellColor(int i) const {
    if (i < 0 || i >= m_values.size()) return {};
    const auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
    const double t = *hi > *lo ? (m_values[i] - *lo) / (*hi - *lo) : 0.0;
    // White to red: green and blue fade together.
    const int gb = int(255 - t * 200 + 0.5);
    return QColor(255, gb, gb);
}

QString RetrievalEiStrip::cellToolTip(int i) const {
    if (i < 0 || i >= m_words.size()) return {};
    QString s = tr("%1: EI = %2").arg(m_words[i]).arg(m_values[i], 0, 'f', 4);
    if (i == m_chosen) s += tr(" (the swapped word)");
    if (!m_encoder.isEmpty()) s += QLatin1Char('\n') + tr("encoder %1").arg(m_encoder);
    return s;
}

QRect RetrievalEiStrip::cellRect(int i) const { return m_rects.value(i); }

void RetrievalEiStrip::layoutCells() {
    m_rects.clear();
    const QFontMetrics fm(font());
    const int h = fm.height() + 2 * kPad;
    const int top = fm.height() + kPad;
    int x = 0;
    for (const QString& w : m_words) {
        const int width = fm.horizontalAdvance(w) + 2 * kPad;
        m_rects << QRect(x, top, width, h);
        x += width + kGap;
    }
}

QSize RetrievalEiStrip::sizeHint() const {
    const QFontMetrics fm(font());
    int w = fm.horizontalAdvance(m_message);
    if (!m_rects.isEmpty()) w = std::max(w, m_rects.back().right() + 1);
    return {w, 2 * fm.height() + 3 * kPad + 2};
}

QSize RetrievalEiStrip::minimumSizeHint() const { return {50, sizeHint().height()}; }

void RetrievalEiStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm(font());
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(m_message, Qt::ElideRight, width()));
    for (int i = 0; i < m_rects.size(); ++i) {
        const QRect r = m_rects[i];
        p.fillRect(r, cellColor(i));
        p.setPen(QPen(i == m_chosen ? QColor(Qt::black) : QColor(180, 180, 180), i == m_chosen ? 3 : 1));
        p.drawRect(r.adjusted(1, 1, -1, -1));
        p.setPen(Qt::black);
        p.drawText(r, Qt::AlignCenter, m_words[i]);
    }
}

bool RetrievalEiStrip::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        for (int i = 0; i < m_rects.size(); ++i)
            if (m_rects[i].contains(he->pos())) {
                QToolTip::showText(he->globalPos(), cellToolTip(i), this, m_rects[i]);
                return true;
            }
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    return QWidget::event(e);
}

}  // namespace winnow::widgets
