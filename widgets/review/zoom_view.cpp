#include "widgets/review/zoom_view.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <cmath>

namespace winnow::widgets {

namespace {
constexpr double kStep = 1.25;  // one wheel notch or + / − key
constexpr double kMinZoom = 0.02, kMaxZoom = 64.0;
}  // namespace

ZoomView::ZoomView(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("zoomView"));
    setWindowTitle(tr("Large view"));
    m_scene = new QGraphicsScene(this);
    m_item = m_scene->addPixmap(QPixmap());
    m_item->setTransformationMode(Qt::FastTransformation);  // pixels stay pixels when zoomed in
    m_view = new QGraphicsView(m_scene, this);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    m_view->setBackgroundBrush(palette().dark());
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_caption = new QLabel(this);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_zoomLabel = new QLabel(this);
    auto* prev = new QPushButton(tr("◀ Previous"), this);
    auto* next = new QPushButton(tr("Next ▶"), this);
    auto* fit = new QPushButton(tr("&Fit"), this);
    auto* one = new QPushButton(tr("&1:1"), this);
    auto* in = new QPushButton(tr("Zoom in (+)"), this);
    auto* out = new QPushButton(tr("Zoom out (−)"), this);
    fit->setObjectName(QStringLiteral("zoomFit"));
    one->setObjectName(QStringLiteral("zoomActual"));
    for (QPushButton* b : {prev, next, fit, one, in, out}) b->setFocusPolicy(Qt::NoFocus);
    auto* bar = new QHBoxLayout;
    bar->addWidget(prev);
    bar->addWidget(next);
    bar->addSpacing(12);
    bar->addWidget(fit);
    bar->addWidget(one);
    bar->addWidget(in);
    bar->addWidget(out);
    bar->addStretch(1);
    bar->addWidget(m_zoomLabel);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_caption);
    lay->addWidget(m_view, 1);
    lay->addLayout(bar);
    connect(prev, &QPushButton::clicked, this, [this] { Q_EMIT navigate(-1); });
    connect(next, &QPushButton::clicked, this, [this] { Q_EMIT navigate(1); });
    connect(fit, &QPushButton::clicked, this, &ZoomView::fitToWindow);
    connect(one, &QPushButton::clicked, this, &ZoomView::actualSize);
    connect(in, &QPushButton::clicked, this, [this] { zoomBy(kStep); });
    connect(out, &QPushButton::clicked, this, [this] { zoomBy(1.0 / kStep); });
    resize(900, 700);
}

void ZoomView::setImage(qint64 sampleId, const QImage& image, const QString& caption) {
    const bool same = sampleId == m_sampleId;
    m_sampleId = sampleId;
    m_caption->setText(caption);
    m_caption->setToolTip(caption);
    if (same && !image.isNull() && !m_image.isNull() && !m_fit) {
        // A sharper decode of the same sample: keep the on-screen size of the image.
        const double scaleKeep = zoom() * double(m_image.width()) / double(std::max(1, image.width()));
        m_image = image;
        m_item->setPixmap(QPixmap::fromImage(image));
        m_scene->setSceneRect(m_item->boundingRect());
        setZoom(scaleKeep);
        return;
    }
    m_image = image;
    m_item->setPixmap(QPixmap::fromImage(image));
    m_scene->setSceneRect(m_item->boundingRect());
    if (!same) m_fit = true;
    if (m_fit) fitToWindow();
    else setZoom(zoom());
}

QString ZoomView::caption() const { return m_caption->text(); }

double ZoomView::zoom() const { return m_view->transform().m11(); }

void ZoomView::setZoom(double z) {
    z = std::clamp(z, kMinZoom, kMaxZoom);
    m_view->setTransform(QTransform::fromScale(z, z));
    m_zoomLabel->setText(tr("%1 %").arg(std::round(z * 100.0)));
}

void ZoomView::fitToWindow() {
    m_fit = true;
    if (m_image.isNull()) return setZoom(1.0);
    const QSize vp = m_view->viewport()->size();
    const double z = std::min(double(vp.width()) / m_image.width(), double(vp.height()) / m_image.height());
    setZoom(z > 0 ? z : 1.0);
}

void ZoomView::actualSize() {
    m_fit = false;
    setZoom(1.0);
}

void ZoomView::zoomBy(double factor) {
    m_fit = false;
    setZoom(zoom() * factor);
}

void ZoomView::resizeEvent(QResizeEvent* e) {
    QDialog::resizeEvent(e);
    if (m_fit) fitToWindow();
}

bool ZoomView::handleKey(QKeyEvent* e) {
    const auto mods = e->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    switch (e->key()) {
    case Qt::Key_Left:
    case Qt::Key_J: if (mods == Qt::NoModifier) { Q_EMIT navigate(-1); return true; } break;
    case Qt::Key_Right:
    case Qt::Key_L: if (mods == Qt::NoModifier) { Q_EMIT navigate(1); return true; } break;
    case Qt::Key_F: if (mods == Qt::NoModifier) { fitToWindow(); return true; } break;
    case Qt::Key_1: if (mods == Qt::NoModifier) { actualSize(); return true; } break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(kStep); return true;
    case Qt::Key_Minus: zoomBy(1.0 / kStep); return true;
    default: break;
    }
    return false;
}

void ZoomView::keyPressEvent(QKeyEvent* e) {
    if (!handleKey(e)) QDialog::keyPressEvent(e);
}

bool ZoomView::eventFilter(QObject* watched, QEvent* event) {
    // The graphics view would scroll with the arrow keys and the wheel: the view's keys and
    // Ctrl+wheel zoom come first.
    if (watched == m_view && event->type() == QEvent::KeyPress && handleKey(static_cast<QKeyEvent*>(event)))
        return true;
    if (watched == m_view->viewport() && event->type() == QEvent::Wheel) {
        auto* w = static_cast<QWheelEvent*>(event);
        if (w->modifiers() & Qt::ControlModifier) {
            const int steps = w->angleDelta().y() / 120;
            if (steps != 0) zoomBy(std::pow(kStep, steps));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

}  // namespace winnow::widgets
