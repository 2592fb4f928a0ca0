#include "widgets/review/clip_player.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/review/clip_frame_decoder.h"

namespace winnow::widgets {

namespace {
constexpr double kSpeeds[] = {0.25, 0.5, 1.0, 2.0, 4.0};

QToolButton* button(QStyle::StandardPixmap icon, const QString& tip, QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setFocusPolicy(Qt::NoFocus);  // focus stays with the queue: relabel keys keep working
    b->setAutoRaise(true);
    return b;
}
}  // namespace

ClipPlayer::ClipPlayer(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::ClickFocus);
    m_decoder = new ClipFrameDecoder(640, this);
    m_view = new QLabel(this);
    m_view->setAlignment(Qt::AlignCenter);
    m_view->setMinimumSize(120, 90);
    m_view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_back = button(QStyle::SP_MediaSkipBackward, tr("One frame back (,)"), this);
    m_playButton = button(QStyle::SP_MediaPlay, tr("Play / pause (Space)"), this);
    m_forward = button(QStyle::SP_MediaSkipForward, tr("One frame forward (.)"), this);
    m_speedBox = new QComboBox(this);
    m_speedBox->setFocusPolicy(Qt::NoFocus);
    for (double s : kSpeeds) m_speedBox->addItem(QStringLiteral("%1×").arg(s), s);
    m_speedBox->setCurrentIndex(2);
    m_speedBox->setToolTip(tr("Playback speed"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setFocusPolicy(Qt::NoFocus);
    m_position = new QLabel(this);
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_back);
    controls->addWidget(m_playButton);
    controls->addWidget(m_forward);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_speedBox);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_view, 1);
    lay->addLayout(controls);
    lay->addWidget(m_position);

    connect(m_decoder, &ClipFrameDecoder::frameReady, this, &ClipPlayer::onFrame);
    connect(m_decoder, &ClipFrameDecoder::opened, this, [this](const QString& video, double fps, qint64) {
        if (video == m_video && fps > 0) m_fps = fps;
        updateControls();
    });
    connect(m_decoder, &ClipFrameDecoder::failed, this, [this](const QString& video, const QString& why) {
        if (video != m_video) return;
        pause();
        m_inFlight = -1;
        m_view->setPixmap({});
        m_view->setText(tr("cannot decode: %1").arg(why));
    });
    connect(m_back, &QToolButton::clicked, this, [this] { stepBy(-1); });
    connect(m_forward, &QToolButton::clicked, this, [this] { stepBy(1); });
    connect(m_playButton, &QToolButton::clicked, this, &ClipPlayer::togglePlay);
    connect(m_speedBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setSpeed(m_speedBox->itemData(i).toDouble()); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) { seek(v); });
    connect(m_slider, &QSlider::sliderPressed, this, &ClipPlayer::pause);
    connect(m_timer, &QTimer::timeout, this, &ClipPlayer::onTick);
    clear();
}

ClipPlayer::~ClipPlayer() = default;

void ClipPlayer::setClip(const QString& video, int64_t frameStart, int64_t frameEnd, int64_t startFrame) {
    pause();
    m_video = video;
    m_start = frameStart;
    m_end = std::max(frameStart + 1, frameEnd);
    m_shown = -1;
    m_inFlight = -1;
    m_image = QImage();
    m_fps = 25.0;
    m_view->setPixmap({});
    m_view->setText(tr("loading…"));
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(int(m_start), int(m_end - 1));
    }
    setEnabled(true);
    m_decoder->open(video);
    ask(startFrame >= m_start && startFrame < m_end ? startFrame : m_start);
}

void ClipPlayer::clear() {
    pause();
    m_video.clear();
    m_shown = m_target = m_inFlight = -1;
    m_image = QImage();
    m_view->setPixmap({});
    m_view->clear();
    m_position->clear();
    setEnabled(false);
}

void ClipPlayer::ask(int64_t frame) {
    if (m_video.isEmpty()) return;
    frame = std::clamp(frame, m_start, m_end - 1);
    m_target = frame;
    if (frame == m_shown && m_inFlight < 0) return updateControls();
    m_inFlight = frame;
    m_decoder->request(frame);
    updateControls();
}

void ClipPlayer::seek(int64_t frame) {
    if (m_playing) {
        // Keep playing from the new place.
        m_playFrom = std::clamp(frame, m_start, m_end - 1);
        m_clock.restart();
    }
    ask(frame);
}

void ClipPlayer::stepBy(int delta) {
    pause();
    // From the last asked-for frame, so quick repeated steps add up.
    ask((m_target >= 0 ? m_target : m_start) + delta);
}

void ClipPlayer::play() {
    if (m_video.isEmpty() || m_playing) return;
    int64_t from = m_target >= 0 ? m_target : m_start;
    if (from >= m_end - 1) from = m_start;  // at the end: play again from the start
    m_playFrom = from;
    m_playing = true;
    m_clock.restart();
    setSpeed(m_speed);  // timer interval
    m_timer->start();
    ask(from);
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    Q_EMIT playingChanged(true);
}

void ClipPlayer::pause() {
    if (!m_playing) return;
    m_playing = false;
    m_timer->stop();
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    Q_EMIT playingChanged(false);
}

void ClipPlayer::togglePlay() { m_playing ? pause() : play(); }

void ClipPlayer::setSpeed(double speed) {
    speed = std::clamp(speed, 0.25, 4.0);
    if (m_playing && speed != m_speed) {
        // Rebase the clock so the position does not jump when the speed changes.
        m_playFrom = m_target >= 0 ? m_target : m_start;
        m_clock.restart();
    }
    m_speed = speed;
    const double perFrameMs = 1000.0 / (std::max(1.0, m_fps) * m_speed);
    m_timer->setInterval(std::clamp(int(perFrameMs / 2), 5, 100));
    const QSignalBlocker block(m_speedBox);
    for (int i = 0; i < m_speedBox->count(); ++i)
        if (std::abs(m_speedBox->itemData(i).toDouble() - speed) < 1e-9) m_speedBox->setCurrentIndex(i);
}

void ClipPlayer::onTick() {
    if (!m_playing) return;
    const double elapsed = double(m_clock.elapsed()) / 1000.0;
    int64_t want = m_playFrom + int64_t(std::floor(elapsed * m_fps * m_speed));
    if (want >= m_end - 1) want = m_end - 1;
    if (m_inFlight >= 0) return;  // still decoding: skip rather than queue frames
    if (want != m_shown) ask(want);
    else if (want == m_end - 1) pause();
}

void ClipPlayer::onFrame(qint64 requested, qint64, const QImage& image) {
    if (requested == m_inFlight) m_inFlight = -1;
    // A frame superseded by a newer request is still shown: it is closer than what is on
    // screen, and the newer one follows.
    m_shown = requested;
    m_image = image;
    updateView();
    updateControls();
    if (m_playing && m_inFlight < 0) onTick();
    Q_EMIT frameShown(requested);
}

QString ClipPlayer::positionText() const {
    if (m_shown < 0) return {};
    return tr("frame %1 · %2 s · %3 / %4 in clip")
        .arg(m_shown)
        .arg(double(m_shown) / std::max(1e-9, m_fps), 0, 'f', 3)
        .arg(m_shown - m_start + 1)
        .arg(m_end - m_start);
}

QString ClipPlayer::messageText() const { return m_view->text(); }

void ClipPlayer::updateControls() {
    {
        const QSignalBlocker block(m_slider);
        if (m_target >= 0) m_slider->setValue(int(m_target));
    }
    m_position->setText(positionText());
}

void ClipPlayer::updateView() {
    if (m_image.isNull()) return;
    const QSize box = m_view->size();
    m_view->setPixmap(QPixmap::fromImage(m_image.scaled(
        box, Qt::KeepAspectRatio,
        m_image.width() * 2 < box.width() ? Qt::FastTransformation : Qt::SmoothTransformation)));
}

void ClipPlayer::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    updateView();
}

void ClipPlayer::keyPressEvent(QKeyEvent* e) {
    const auto mods = e->modifiers() & ~Qt::KeypadModifier;
    if (mods == Qt::NoModifier) {
        switch (e->key()) {
        case Qt::Key_Space: togglePlay(); return e->accept();
        case Qt::Key_Comma: stepBy(-1); return e->accept();
        case Qt::Key_Period: stepBy(1); return e->accept();
        default: break;
        }
    }
    e->ignore();  // everything else belongs to the review widget (relabel keys)
}

}  // namespace winnow::widgets
