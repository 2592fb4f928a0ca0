#include "widgets/review/clip_frame_strip.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/review/clip_frame_loader.h"

namespace winnow::widgets {

namespace {
constexpr int kPad = 3;
constexpr int kMinCell = 48;
}  // namespace

ClipFrameStrip::ClipFrameStrip(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus);
}

void ClipFrameStrip::setLoader(ClipFrameLoader* loader) {
    if (m_loader) disconnect(m_loader, nullptr, this, nullptr);
    m_loader = loader;
    if (loader) connect(loader, &ClipFrameLoader::framesReady, this, &ClipFrameStrip::onFramesReady);
}

void ClipFrameStrip::setFrames(qint64 sampleId, std::vector<int64_t> frames,
                               std::vector<float> contributions, std::vector<float> norms) {
    m_sample = sampleId;
    m_frames = std::move(frames);
    m_contrib = contributions.size() == m_frames.size() ? std::move(contributions) : std::vector<float>();
    m_norms = norms.size() == m_frames.size() ? std::move(norms) : std::vector<float>();
    m_current = -1;
    m_announced = false;
    updateGeometry();
    if (m_loader) m_loader->request(sampleId, m_frames);
    update();
    onFramesReady(sampleId);  // all cached already: announce at once
}

void ClipFrameStrip::clear() {
    m_sample = -1;
    m_frames.clear();
    m_contrib.clear();
    m_norms.clear();
    m_current = -1;
    update();
}

void ClipFrameStrip::setCurrentFrame(int64_t frame) {
    int cur = -1;
    for (int i = 0; i < count(); ++i)
        if (m_frames[size_t(i)] <= frame) cur = i;
    if (cur != m_current) {
        m_current = cur;
        update();
    }
}

bool ClipFrameStrip::allFramesLoaded() const {
    if (!m_loader || m_sample < 0) return false;
    if (m_loader->failed(m_sample)) return true;
    return std::all_of(m_frames.begin(), m_frames.end(),
                       [&](int64_t f) { return !m_loader->frame(m_sample, f).isNull(); });
}

void ClipFrameStrip::onFramesReady(qint64 sampleId) {
    if (sampleId != m_sample) return;
    update();
    if (!m_announced && allFramesLoaded()) {
        m_announced = true;
        Q_EMIT framesShown(sampleId);
    }
}

int ClipFrameStrip::barBandHeight() const { return hasContributions() ? 44 : 0; }

QRect ClipFrameStrip::cell(int i) const {
    const int n = std::max(1, count());
    const int w = std::max(kMinCell, width() / n);
    return {i * w, 0, w, height()};
}

QRect ClipFrameStrip::frameRect(int i) const {
    // The picture takes the height left after the number, bar and value rows.
    const QRect c = cell(i);
    const int textH = fontMetrics().height();
    const int below = 3 * kPad + textH + (hasContributions() ? barBandHeight() + textH : 0);
    return {c.left() + kPad, kPad, c.width() - 2 * kPad, std::max(16, height() - kPad - below)};
}

QRect ClipFrameStrip::barBand(int i) const {
    const QRect f = frameRect(i);
    const int textH = fontMetrics().height();
    return {f.left(), f.bottom() + 1 + kPad + textH, f.width(), barBandHeight()};
}

QSize ClipFrameStrip::sizeHint() const {
    const int n = std::max(1, count());
    const int w = 88;
    const int textH = fontMetrics().height();
    return {n * w, (w - 2 * kPad) * 3 / 4 + 3 * kPad + textH * (hasContributions() ? 2 : 1) + barBandHeight() + kPad};
}

QSize ClipFrameStrip::minimumSizeHint() const {
    const int n = std::max(1, count());
    const QSize s = sizeHint();
    return {n * kMinCell, s.height() * kMinCell / 88 + fontMetrics().height() + barBandHeight()};
}

void ClipFrameStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (count() == 0) return;
    double maxAbs = 0.0;
    for (float c : m_contrib)
        if (std::isfinite(c)) maxAbs = std::max(maxAbs, std::abs(double(c)));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p.setFont(small);
    const QFontMetrics fm(small);
    for (int i = 0; i < count(); ++i) {
        const int64_t frame = m_frames[size_t(i)];
        const QRect fr = frameRect(i);
        p.fillRect(fr, QColor(30, 30, 30));
        const QImage img = m_loader ? m_loader->frame(m_sample, frame) : QImage();
        if (!img.isNull()) {
            QRect target(QPoint(0, 0), img.size().scaled(fr.size(), Qt::KeepAspectRatio));
            target.moveCenter(fr.center());
            p.drawImage(target, img);
        } else {
            p.setPen(Qt::white);
            p.drawText(fr, Qt::AlignCenter,
                       m_loader && m_loader->failed(m_sample) ? tr("n/a") : QStringLiteral("…"));
        }
        if (i == m_current) {
            p.setPen(QPen(palette().highlight().color(), 3));
            p.setBrush(Qt::NoBrush);
            p.drawRect(fr.adjusted(1, 1, -2, -2));
        }
        p.setPen(palette().text().color());
        const QRect numRect(fr.left(), fr.bottom() + 1 + kPad, fr.width(), fm.height());
        p.drawText(numRect, Qt::AlignCenter, tr("#%1").arg(frame));
        if (!hasContributions()) continue;
        const QRect band = barBand(i);
        const int mid = band.top() + band.height() / 2;
        p.setPen(QColor(150, 150, 150));
        p.drawLine(band.left(), mid, band.right(), mid);
        const float c = m_contrib[size_t(i)];
        if (maxAbs > 0 && std::isfinite(c) && c != 0.f) {
            const int h = std::max(1, int(std::lround(std::abs(double(c)) / maxAbs * (band.height() / 2 - 1))));
            const int bw = std::max(4, band.width() / 2);
            const int x = band.left() + (band.width() - bw) / 2;
            if (c > 0) p.fillRect(QRect(x, mid - h, bw, h), positiveColor());
            else p.fillRect(QRect(x, mid + 1, bw, h), negativeColor());
        }
        // The value, and the frame's feature norm when the cell is wide enough for both.
        QString text = std::isfinite(c) ? QString::number(double(c), 'g', 3) : tr("n/a");
        const int room = band.width() + 2 * kPad;
        if (!m_norms.empty()) {
            const QString withNorm = text + QStringLiteral(" · ‖h‖%1").arg(double(m_norms[size_t(i)]), 0, 'f', 1);
            if (fm.horizontalAdvance(withNorm) <= room) text = withNorm;
        }
        p.setPen(palette().text().color());
        p.drawText(QRect(band.left() - kPad, band.bottom() + 1, room, fm.height()), Qt::AlignCenter,
                   fm.elidedText(text, Qt::ElideRight, room));
    }
}

bool ClipFrameStrip::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    const auto* help = static_cast<QHelpEvent*>(e);
    for (int i = 0; i < count(); ++i) {
        if (!cell(i).contains(help->pos())) continue;
        QString text = tr("frame %1").arg(m_frames[size_t(i)]);
        if (hasContributions())
            text += tr("\ncontribution to the clip's score: %1").arg(double(m_contrib[size_t(i)]), 0, 'g', 4);
        if (!m_norms.empty()) text += tr("\nfeature norm ‖h‖: %1").arg(double(m_norms[size_t(i)]), 0, 'f', 2);
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    QToolTip::hideText();
    e->ignore();
    return true;
}

void ClipFrameStrip::mousePressEvent(QMouseEvent* e) {
    for (int i = 0; i < count(); ++i)
        if (cell(i).contains(e->position().toPoint())) {
            Q_EMIT frameClicked(m_frames[size_t(i)]);
            return;
        }
    QWidget::mousePressEvent(e);
}

}  // namespace winnow::widgets
